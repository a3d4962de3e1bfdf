/**
 * Parsing on the worker thread stores exactly what parsing on the writer's thread stores: every
 * sample bundle read both ways gives the same events, hits, skipped lines, line index, file rows and
 * findings.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../parsers';
import { analyzeBundle } from '../analysis/analyze';
import { SIGNATURES } from '../signatures';
import { Store } from '../store';
import { ingestBundle } from './ingest';
import { ParseWorker } from './parse-pipe';
import type { StreamStats } from './stream-stats';

const SAMPLES = new URL('../../samples/', import.meta.url).pathname;

async function read(path: string, parseInWorkerFrom: number | null): Promise<Record<string, unknown>> {
  const store = Store.open(':memory:');
  let streamed: StreamStats | null = null;
  const r = await ingestBundle(store, path, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null, parseInWorkerFrom, afterLoad: (_id, s) => (streamed = s) });
  const kept = streamed as unknown as StreamStats;
  const all = (sql: string) => store.db.prepare(sql).all();
  const out = {
    events: all('SELECT * FROM events ORDER BY id'),
    // Ordinary lines: the blocks as stored (ids, times, places), and what the analysis keeps of them.
    lines: all('SELECT file_id, first_id, last_id, first_line, last_line, n, min_ts, max_ts, hex(data) AS data FROM line_blocks ORDER BY id'),
    hits: all('SELECT * FROM signature_hits ORDER BY signature, event_id'),
    skipped: all('SELECT file_id, line, offset, reason FROM skipped_lines ORDER BY file_id, line'),
    lineIndex: all('SELECT * FROM line_index ORDER BY file_id, line'),
    files: all('SELECT id, path, kind, status, lines, records, skipped, first_ts, last_ts, time_quality, note, sha1 FROM files ORDER BY id'),
    metrics: all('SELECT * FROM log_metrics ORDER BY id'),
    findings: JSON.stringify(analyzeBundle(store, r.bundle.id, SIGNATURES).findings),
    // What the stream kept (ordinary lines from the worker reach it as numbers, not rows).
    streamedFindings: JSON.stringify(analyzeBundle(store, r.bundle.id, SIGNATURES, kept).findings),
    seconds: store.files.list(r.bundle.id).map((f) => {
      const c = kept.secondCounts(f.id);
      return c && { ...c, rows: [...c.rows] };
    }),
    times: store.files.list(r.bundle.id).map((f) => {
      const t = kept.timesInLineOrder(f.id);
      return t && Array.from({ length: t.length }, (_, i) => [t.id(i), t.at(i)]);
    }),
  };
  store.close();
  return out;
}

describe('parse worker', () => {
  const samples = readdirSync(SAMPLES).filter((d) => existsSync(join(SAMPLES, d, 'bundle')));

  it.each(samples)('%s: the same rows and findings whether parsed on the worker or here', async (name) => {
    const path = join(SAMPLES, name, 'bundle');
    const here = await read(path, null);
    const before = ParseWorker.filesOpened;
    const there = await read(path, 0);
    expect(ParseWorker.filesOpened).toBeGreaterThan(before); // the worker really parsed them
    expect((there.events as unknown[]).length).toBe((here.events as unknown[]).length);
    expect(there).toEqual(here);
  });

  it('cuts a 3 MiB line and carries control characters, emoji and empty fields the same way on both threads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-pipe-'));
    const long = 'x'.repeat(3 << 20);
    const odd = ['\u0000nul', 'sep\u0001\u0002', '한국어 로그 😀', '', '\uFFFF\uD83D'];
    const lines = odd.map((m, i) => `2021-01-31 07:13:5${i}.000  INFO 1 --- [${m || 'main'}] c.e.App : ${m}`);
    writeFileSync(join(dir, 'app.log'), `2021-01-31 07:13:48.441  INFO 1 --- [main] c.e.App : ${long}\n2021-01-31 07:13:49.000  INFO 1 --- [main] c.e.App : after\n${lines.join('\n')}\n`);
    expect(await read(dir, 0)).toEqual(await read(dir, null));
  });
});
