/**
 * What the stream keeps must be what the store would give: on every sample bundle, the kept times
 * equal the stored ones, the kept response times give the stored percentiles, and the analysis with
 * and without them finds the same things. Where the stream cannot be exact (times moved by more than
 * one amount), it says so (null) instead of answering.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../parsers';
import { analyzeBundle } from '../analysis/analyze';
import { SIGNATURES } from '../signatures';
import { LOG_KINDS } from '../signatures/log-kinds';
import { ExactHistogram } from '../signatures/stats';
import type { StreamedStats } from '../signatures/types';
import { Store } from '../store';
import { ingestBundle } from './ingest';
import { buildTimelineSummary } from '../timeline/summary';
import type { StreamStats } from './stream-stats';
import { allEvents } from '../store/testing/all-events';

const SAMPLES = new URL('../../samples/', import.meta.url).pathname;

async function load(path: string, tz?: string): Promise<{ store: Store; bundleId: number; streamed: StreamStats }> {
  const store = Store.open(':memory:');
  let streamed: StreamStats | null = null;
  const r = await ingestBundle(store, path, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null, tz, afterLoad: (_id, s) => (streamed = s) });
  return { store, bundleId: r.bundle.id, streamed: streamed! };
}

/** Findings without the per-run parts (none today: drafts are pure data). */
const findings = (store: Store, bundleId: number, streamed?: StreamedStats) => JSON.stringify(analyzeBundle(store, bundleId, SIGNATURES, streamed).findings);

describe('statistics kept while streaming', () => {
  const samples = readdirSync(SAMPLES).filter((d) => existsSync(join(SAMPLES, d, 'bundle')));

  it.each(samples)('%s: kept times and response times equal the stored ones, and so do the findings', async (name) => {
    const { store, bundleId, streamed } = await load(join(SAMPLES, name, 'bundle'));
    let kept = 0;
    for (const f of store.files.list(bundleId)) {
      const times = allEvents(store, [f.id]).flatMap((e) => (e.ts === null ? [] : [e.ts]));
      const range = { first: times.length ? Math.min(...times) : null, last: times.length ? Math.max(...times) : null };
      expect(streamed.eventRange(f.id), f.path).toEqual(range);
      const t = streamed.timesInLineOrder(f.id);
      if (!t) continue;
      kept++;
      const db = store.events.timesInLineOrder(f.id);
      expect(Array.from({ length: t.length }, (_, i) => t.id(i))).toEqual(Array.from(db.ids.subarray(0, db.length)));
      expect(Array.from({ length: t.length }, (_, i) => t.at(i))).toEqual(Array.from(db.ts.subarray(0, db.length)));
      if (t.length > 0) expect([t.line(0), t.line(t.length - 1)]).toEqual([db.lines[0], db.lines[db.length - 1]]);
    }
    // The stream must stand in for the store on the logs, or it saves nothing. A GC log's pauses are
    // stored when their last line is read, after lines that follow their first: there it falls back.
    const logs = store.files.list(bundleId).filter((f) => f.kind !== 'gc-log' && store.events.timesInLineOrder(f.id).length > 0).length;
    expect(kept).toBeGreaterThanOrEqual(logs);
    const stored = ExactHistogram.of(store.events.numbers(bundleId, LOG_KINDS.httpRequest, '$.responseTimeMs'));
    const rt = streamed.responseTimes()!;
    expect(rt.count).toBe(stored.count);
    for (const p of [1, 50, 95, 99, 100]) expect(rt.percentile(p)).toBe(stored.percentile(p));
    expect(findings(store, bundleId, streamed)).toBe(findings(store, bundleId));
    for (const kind of store.events.kindsIn(bundleId)) {
      for (const bucket of [1000, 60_000]) expect(streamed.histogram(kind, bucket), kind).toEqual(store.events.histogram(bundleId, kind, bucket));
    }
    // The timeline summary from kept counts equals the one counted from events.
    const summary = () => ({
      counts: store.db.prepare('SELECT * FROM timeline_counts ORDER BY file_id, res, t, level, kind').all(),
      files: store.db.prepare('SELECT file_id, events, untimed, first_ts, last_ts, errors, warnings FROM timeline_files ORDER BY file_id').all(),
    });
    const timed = store.files.list(bundleId).filter((f) => store.events.timesInLineOrder(f.id).length > 0);
    expect(timed.filter((f) => streamed.secondCounts(f.id) === null).map((f) => f.path)).toEqual([]);
    buildTimelineSummary(store, bundleId, 0);
    const counted = summary();
    buildTimelineSummary(store, bundleId, 0, (id) => streamed.secondCounts(id));
    expect(summary()).toEqual(counted);
    store.close();
  });

  it('answers null for a file whose times moved by more than one amount (a DST change inside a zone-less log)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-stream-'));
    mkdirSync(join(dir, 'logs'));
    // Zone-less Spring Boot lines across the 2021-03-28 01:00 UTC change of Europe/Berlin.
    const lines: string[] = [];
    for (let i = 0; i < 200; i++) {
      const t = new Date(Date.UTC(2021, 2, 28, 1, 0, 0) + (i - 100) * 60_000);
      const stamp = t.toISOString().replace('T', ' ').replace('Z', '');
      lines.push(`${stamp}  INFO 1 --- [main] c.e.App : tick ${i}`);
    }
    writeFileSync(join(dir, 'logs', 'app.log'), lines.join('\n') + '\n');
    const { store, bundleId, streamed } = await load(dir, 'Europe/Berlin');
    const f = store.files.byPath(bundleId, 'logs/app.log')!;
    expect(store.events.timesInLineOrder(f.id).length).toBe(200);
    expect(streamed.timesInLineOrder(f.id)).toBeNull();
    const { store: utc, bundleId: id2, streamed: s2 } = await load(dir, 'UTC');
    expect(s2.timesInLineOrder(utc.files.byPath(id2, 'logs/app.log')!.id)?.length).toBe(200);
  });
});

describe('ExactHistogram', () => {
  it('gives the percentiles of the sorted values', () => {
    const values = [5, 1, 1, 9, 3, 3, 3, 12.5, 0, 7];
    const h = ExactHistogram.of(values);
    const sorted = [...values].sort((a, b) => a - b);
    for (let p = 0; p <= 100; p += 5) expect(h.percentile(p)).toBe(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);
    expect(ExactHistogram.of([]).percentile(50)).toBeNaN();
  });
});
