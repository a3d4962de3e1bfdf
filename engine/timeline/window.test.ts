import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARSERS } from '../../parsers';
import { ingestBundle } from '../ingest/ingest';
import { SIGNATURES } from '../signatures';
import type { Annotation } from '../model/annotation';
import { fixtureBundle, T0, type FixtureBundle } from './testing/bundle';
import { expectedRows } from './testing/oracle';
import { timelineRange, timelineSources, timelineWindow, TimelineError, type TimelineRow, type TimelineWindow } from '.';

let fx: FixtureBundle;
let fileId: (path: string) => number;
let notes: Annotation[];
const RANK = { event: 0, snapshot: 1, finding: 2, annotation: 3 };
const idOf = (r: TimelineRow) => Number(r.ref.split(':')[1]);
const sorted = (rows: TimelineRow[]) => rows.every((r, i) => i === 0 || compare(rows[i - 1]!, r) < 0);
const compare = (a: TimelineRow, b: TimelineRow) => a.ts - b.ts || RANK[a.type] - RANK[b.type] || idOf(a) - idOf(b);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function allPages(q: Parameters<typeof timelineWindow>[2]): { pages: TimelineWindow[]; rows: TimelineRow[] } {
  const pages: TimelineWindow[] = [];
  let cursor: string | undefined;
  do {
    const w = timelineWindow(fx.store, fx.bundleId, { ...q, cursor });
    pages.push(w);
    cursor = w.nextCursor;
  } while (cursor && pages.length < 1000);
  return { pages, rows: pages.flatMap((p) => p.rows) };
}

beforeAll(async () => {
  fx = await fixtureBundle();
  const files = new Map(fx.store.files.list(fx.bundleId).map((f) => [f.path, f.id]));
  fileId = (p) => files.get(p)!;
  const a = fx.store.annotations;
  notes = [
    a.create(fx.bundleId, { marker: 'detection', text: 'Pager fired: checkout 5xx', ts: T0 + 5 * 60_000 + 80_000 }),
    a.create(fx.bundleId, { marker: 'diagnosis', text: 'JVM frozen by the host', ts: T0 + 4 * 60_000, tsEnd: T0 + 7 * 60_000 }),
    a.create(fx.bundleId, { marker: 'key', text: 'first pool timeout', filePath: 'logs/app.log', line: 273 }),
  ];
});

afterAll(() => {
  fx.store.close();
  rmSync(fx.dir, { recursive: true, force: true });
});

describe('timelineWindow', () => {
  it('merges events, snapshots, findings and annotations in time order, each pointing at what a viewer opens', () => {
    const w = timelineWindow(fx.store, fx.bundleId, { limit: 10_000 });
    const events = 305 + 484 + 39;
    const findings = fx.store.findings.findings(fx.bundleId).length;
    expect(findings).toBeGreaterThanOrEqual(4);
    expect(w.totalInWindow).toBe(events + 2 + findings + notes.length);
    expect(w.rows).toHaveLength(w.totalInWindow);
    expect(w.truncated).toBe(false);
    expect(w.nextCursor).toBeUndefined();
    expect(sorted(w.rows)).toBe(true);
    expect(w.counting).toBe('summary');
    // Yesterday's rotated log comes first; the window spans both days.
    expect(w.rows[0]).toMatchObject({ type: 'event', file: 'logs/app.log.1', line: 1, level: 30 });
    expect(w.to - w.from).toBeGreaterThan(24 * 3_600_000);

    expect(w.rows.filter((r) => r.type === 'snapshot')).toEqual([
      { type: 'snapshot', ts: Date.UTC(2026, 10, 22, 4, 20), fileId: fileId('snapshots/lsof-20261122T042000Z.txt'), file: 'snapshots/lsof-20261122T042000Z.txt', line: 1, endLine: 13, kind: 'lsof', text: 'lsof snapshot: 11 open files (pid 4242, lsof -p 4242 -nP)', ref: expect.stringMatching(/^snapshot:\d+$/), rowCount: 11 },
      { type: 'snapshot', ts: Date.UTC(2026, 10, 22, 4, 25), fileId: fileId('snapshots/lsof-20261122T042500Z.txt'), file: 'snapshots/lsof-20261122T042500Z.txt', line: 1, endLine: 21, kind: 'lsof', text: 'lsof snapshot: 19 open files (pid 4242, lsof -p 4242 -nP)', ref: expect.stringMatching(/^snapshot:\d+$/), rowCount: 19 },
    ]);
    const starvation = w.rows.find((r) => r.kind === 'hikari.starvation')!;
    expect(starvation).toMatchObject({ type: 'event', file: 'logs/app.log', level: 40, text: expect.stringContaining('Thread starvation or clock leap detected') });
    const timeout = w.rows.find((r) => r.kind === 'hikari.timeout')!;
    expect(timeout.endLine).toBe(timeout.line! + 3); // the stack trace is part of the record
    const stored = fx.store.events.byIds([idOf(timeout)])[0]!;
    expect([stored.ts, stored.line, stored.file_id]).toEqual([timeout.ts, timeout.line, timeout.fileId]);

    const finding = w.rows.find((r) => r.type === 'finding' && r.kind === 'hikari-starvation')!;
    expect(finding).toMatchObject({ ts: starvation.ts, severity: 'high', level: 50, file: 'logs/app.log', line: starvation.line, text: expect.stringMatching(/starvation/i) });
    const silence = w.rows.find((r) => r.type === 'finding' && r.kind === 'log-silence-gap');
    expect(silence?.tsEnd).toBe(starvation.ts); // a range: from the last line before the silence to the first after
  });

  it('shows annotations as points and ranges; one on a file line sits at the time of that line', () => {
    const w = timelineWindow(fx.store, fx.bundleId, { filters: { types: ['annotation'] } });
    const line273 = fx.store.events.atLine(fileId('logs/app.log'), 273)!;
    expect(w.rows).toEqual([
      { type: 'annotation', ts: T0 + 4 * 60_000, tsEnd: T0 + 7 * 60_000, kind: 'diagnosis', text: 'JVM frozen by the host', ref: `annotation:${notes[1]!.id}` },
      { type: 'annotation', ts: T0 + 6 * 60_000 + 20_000, kind: 'detection', text: 'Pager fired: checkout 5xx', ref: `annotation:${notes[0]!.id}` },
      { type: 'annotation', ts: line273.ts!, kind: 'key', text: 'first pool timeout', ref: `annotation:${notes[2]!.id}`, fileId: fileId('logs/app.log'), file: 'logs/app.log', line: 273 },
    ].sort((a, b) => a.ts - b.ts));
    // A window that starts inside a range still shows it, counted in its first bucket.
    const inside = timelineWindow(fx.store, fx.bundleId, { from: T0 + 5 * 60_000, to: T0 + 5 * 60_000 + 10_000, filters: { types: ['annotation'] } });
    expect(inside.rows.map((r) => r.text)).toEqual(['JVM frozen by the host']);
    expect(inside.density.counts[0]).toBe(1);
    expect(inside.totalInWindow).toBe(1);
  });

  it('pages through a window with a cursor: every row once, in order', () => {
    const whole = timelineWindow(fx.store, fx.bundleId, { limit: 10_000 });
    const { pages, rows } = allPages({ limit: 37 });
    expect(pages.length).toBe(Math.ceil(whole.totalInWindow / 37));
    expect(rows).toEqual(whole.rows);
    expect(pages.every((p) => p.totalInWindow === whole.totalInWindow)).toBe(true);
    expect(pages.slice(0, -1).every((p) => p.truncated && p.rows.length === 37)).toBe(true);
    expect(pages.at(-1)!.truncated).toBe(false);
    // Paging a filtered, narrower window the same way.
    const q = { from: T0 + 4 * 60_000, to: T0 + 8 * 60_000, filters: { minLevel: 40 } };
    const one = timelineWindow(fx.store, fx.bundleId, { ...q, limit: 10_000 });
    expect(allPages({ ...q, limit: 5 }).rows).toEqual(one.rows);
    // One row a page around the freeze, where an event, a finding and a range share a time stamp.
    const starvation = whole.rows.find((r) => r.kind === 'hikari.starvation')!;
    const near = { from: starvation.ts - 2_000, to: starvation.ts + 2_000 };
    const nearRows = timelineWindow(fx.store, fx.bundleId, { ...near, limit: 10_000 }).rows;
    expect(nearRows.filter((r) => r.ts === starvation.ts).map((r) => r.type)).toEqual(['event', 'finding']);
    expect(allPages({ ...near, limit: 1 }).rows).toEqual(nearRows);
  });

  it('filters by level, file, kind, type and text, and the totals follow', () => {
    const warnPlus = timelineWindow(fx.store, fx.bundleId, { limit: 10_000, filters: { minLevel: 40 } });
    const events = warnPlus.rows.filter((r) => r.type === 'event');
    expect(events).toHaveLength(fx.counts.spring.WARN + fx.counts.spring.ERROR + fx.counts.pino[40] + fx.counts.pino[50]);
    expect(warnPlus.rows.every((r) => r.level! >= 40 && (r.type === 'event' || r.type === 'finding'))).toBe(true);
    expect(warnPlus.totalInWindow).toBe(warnPlus.rows.length);
    expect(sum(warnPlus.density.byLevel.other)).toBe(0);
    expect(sum(warnPlus.density.byLevel.error)).toBe(warnPlus.rows.filter((r) => r.level! >= 50).length);

    const debug = timelineWindow(fx.store, fx.bundleId, { limit: 10_000, filters: { levels: [20], types: ['event'] } });
    expect(debug.rows).toHaveLength(fx.counts.spring.DEBUG);

    const api = fileId('logs/api.log');
    const pino = timelineWindow(fx.store, fx.bundleId, { limit: 10_000, filters: { fileIds: [api] } });
    expect(pino.rows.filter((r) => r.type === 'event')).toHaveLength(305);
    expect(pino.rows.every((r) => r.fileId === api || r.type === 'finding')).toBe(true);
    expect(pino.rows.filter((r) => r.type === 'finding').map((r) => r.kind).sort()).toEqual(['http-5xx-burst', 'slow-responses']);

    const stats = timelineWindow(fx.store, fx.bundleId, { filters: { kinds: ['hikari.stats'] } });
    expect(stats.rows).toHaveLength(fx.counts.poolStats);
    expect(stats.totalInWindow).toBe(fx.counts.poolStats);
    expect(stats.rows.every((r) => r.kind === 'hikari.stats' && /Pool stats \(total=10/.test(r.text))).toBe(true);
    expect(timelineWindow(fx.store, fx.bundleId, { filters: { kinds: ['lsof'] } }).rows.map((r) => r.type)).toEqual(['snapshot', 'snapshot']);
    expect(timelineWindow(fx.store, fx.bundleId, { filters: { types: ['snapshot'], fileIds: [api] } }).totalInWindow).toBe(0);

    const text = timelineWindow(fx.store, fx.bundleId, { limit: 10_000, filters: { text: 'Request TIMED out' } });
    expect(text.counting).toBe('scan');
    expect(text.rows.filter((r) => r.type === 'event').map((r) => r.kind)).toEqual(['hikari.timeout', 'hikari.timeout', 'hikari.timeout']);
    expect(text.rows.every((r) => /request timed out/i.test(r.text))).toBe(true);
    expect(sum(text.density.counts)).toBe(text.totalInWindow);
    // Wildcards in the needle are literal.
    expect(timelineWindow(fx.store, fx.bundleId, { filters: { text: '%' } }).totalInWindow).toBe(0);
  });

  it('takes the events matching a text from a given id set (the full-text index) instead of scanning', () => {
    const some = timelineWindow(fx.store, fx.bundleId, { limit: 10_000, filters: { types: ['event'] } }).rows.filter((_, i) => i % 97 === 0);
    const ids = some.map(idOf);
    const w = timelineWindow(fx.store, fx.bundleId, { limit: 3, filters: { text: 'anything', eventIds: [...ids].reverse(), types: ['event'] } });
    expect(w.totalInWindow).toBe(ids.length);
    expect(w.rows).toEqual(some.slice(0, 3));
    expect(allPages({ limit: 3, filters: { eventIds: ids, types: ['event'] } }).rows).toEqual(some);
    expect(sum(w.density.counts)).toBe(ids.length);
  });

  it('counts exactly what is in the window at every zoom, from two days down to milliseconds', () => {
    const r = timelineRange(fx.store, fx.bundleId)!;
    const windows: [number, number][] = [
      [r.from, r.to], [r.from - 86_400_000, r.to + 86_400_000], [T0, T0 + 3_600_000], [T0 + 123_457, T0 + 10 * 60_000 - 1],
      [T0 + 5 * 60_000, T0 + 6 * 60_000], [T0 + 61_001, T0 + 62_999], [T0 + 120, T0 + 121], [T0 - 7_200_000, T0 + 59_999],
    ];
    for (const [from, to] of windows) {
      for (const buckets of [1, 7, 200]) {
        const w = timelineWindow(fx.store, fx.bundleId, { from, to, buckets, limit: 10_000 });
        const want = expectedRows(fx.store, fx.bundleId, from, to);
        expect(w.totalInWindow, `${from}..${to}/${buckets}`).toBe(want.length);
        expect(sum(w.density.counts)).toBe(want.length);
        expect(w.rows.map((x) => x.ref).sort()).toEqual(want.map((x) => x.ref).sort());
        expect(w.density.counts.length).toBeLessThanOrEqual(buckets);
        expect(w.density.from).toBeLessThanOrEqual(from);
        expect(w.density.to).toBeGreaterThanOrEqual(to);
        expect(w.density.counts.map((_, i) => w.density.byLevel.error[i]! + w.density.byLevel.warn[i]! + w.density.byLevel.other[i]!)).toEqual(w.density.counts);
      }
    }
  });

  it('puts each row in the bucket of its time', () => {
    const from = T0 + 5 * 60_000;
    const w = timelineWindow(fx.store, fx.bundleId, { from, to: from + 10 * 60_000, buckets: 10, limit: 10_000, filters: { types: ['event'] } });
    expect(w.density.bucketMs).toBe(60_000);
    const perMinute = new Array<number>(10).fill(0);
    for (const r of w.rows) perMinute[Math.floor((r.ts - w.density.from) / 60_000)]!++;
    expect(w.density.counts).toEqual(perMinute);
    // The application log's 73 s freeze from 04:23:00 shows as empty 10 s buckets; the API kept logging.
    const app = timelineWindow(fx.store, fx.bundleId, { from, to: from + 2 * 60_000, buckets: 12, filters: { fileIds: [fileId('logs/app.log')], types: ['event'] } });
    expect(app.density.bucketMs).toBe(10_000);
    expect(app.density.counts.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(app.density.counts[7]).toBeGreaterThan(0);
    expect(app.density.byLevel.warn[7]).toBe(1); // the starvation warning
    expect(timelineWindow(fx.store, fx.bundleId, { from, to: from + 60_000, filters: { fileIds: [fileId('logs/api.log')] } }).totalInWindow).toBeGreaterThan(5);
  });

  it('takes the span of the bundle for a window end left out', () => {
    const r = timelineRange(fx.store, fx.bundleId)!;
    expect([timelineWindow(fx.store, fx.bundleId, { from: T0 }).from, timelineWindow(fx.store, fx.bundleId, { from: T0 }).to]).toEqual([T0, r.to]);
    expect([timelineWindow(fx.store, fx.bundleId, { to: T0 }).from, timelineWindow(fx.store, fx.bundleId, { to: T0 }).to]).toEqual([r.from, T0]);
    expect(timelineWindow(fx.store, fx.bundleId, { from: r.to + 5 }).to).toBe(r.to + 6); // after the end: an empty window, not an error
    expect(timelineWindow(fx.store, fx.bundleId, { filters: { kinds: [] } }).totalInWindow).toBe(0);
  });

  it('rejects what it cannot answer with a clear error', () => {
    const call = (q: Parameters<typeof timelineWindow>[2]) => () => timelineWindow(fx.store, fx.bundleId, q);
    expect(call({ cursor: 'page-2' })).toThrow(TimelineError);
    expect(call({ from: T0, to: T0 })).toThrow(/ends .* before it starts/);
    expect(call({ filters: { types: ['metric' as 'event'] } })).toThrow(/unknown row type "metric"/);
    expect(() => timelineWindow(fx.store, 999, {})).toThrow(/no bundle 999/);
  });
});

describe('timelineSources', () => {
  it('lists one lane per file with its counts and time span', () => {
    const lanes = timelineSources(fx.store, fx.bundleId);
    expect(lanes.map((l) => [l.path, l.kind, l.events, l.errors, l.warnings, l.snapshots])).toEqual([
      ['logs/api.log', 'pino', 305, fx.counts.pino[50], fx.counts.pino[40], 0],
      ['logs/app.log', 'java-log', 484, fx.counts.spring.ERROR, fx.counts.spring.WARN, 0],
      ['logs/app.log.1', 'java-log', 39, 0, 0, 0],
      ['snapshots/lsof-20261122T042000Z.txt', 'lsof', 0, 0, 0, 1],
      ['snapshots/lsof-20261122T042500Z.txt', 'lsof', 0, 0, 0, 1],
    ]);
    const app = lanes[1]!;
    expect(app.first).toBe(T0);
    expect(app.last).toBe(fx.store.files.get(app.fileId)!.last_ts);
    expect(lanes[3]!.first).toBe(Date.UTC(2026, 10, 22, 4, 20));
    // A lane's density is a file filter.
    const lane = timelineWindow(fx.store, fx.bundleId, { filters: { fileIds: [app.fileId], types: ['event'] } });
    expect(lane.totalInWindow).toBe(app.events);
  });
});

describe('summary upkeep', () => {
  it('is rebuilt after a re-ingest replaced the files, and refuses a bundle still being read', async () => {
    const { store, dir } = fx;
    await ingestBundle(store, dir, { tz: 'UTC', parsers: PARSERS, signatures: SIGNATURES, contentRoot: null, force: true });
    const r = timelineRange(store, fx.bundleId)!;
    const w = timelineWindow(store, fx.bundleId, { from: r.from, to: r.to, filters: { types: ['event'] } });
    expect(w.totalInWindow).toBe(305 + 484 + 39);
    expect(timelineSources(store, fx.bundleId).map((l) => l.fileId)).toEqual(store.files.list(fx.bundleId).map((f) => f.id));
    // A bulk load of another bundle may drop the index the rows are read through: it comes back.
    store.db.exec('DROP INDEX events_timeline');
    expect(timelineWindow(store, fx.bundleId, { from: r.from, to: r.to, limit: 3 }).rows).toHaveLength(3);

    const other = store.bundles.ensure('/tmp/not-yet-read', 'not-yet-read');
    store.bundles.markIngesting(other.id, 'x', 'directory');
    store.files.insert({ bundle_id: other.id, path: 'a.log', size: 1, mtime: null, encoding: 'utf8', kind: 'java-log', confidence: 1, status: 'parsed', note: null, content_path: null });
    expect(() => timelineWindow(store, other.id, {})).toThrow(/still being read/);
  });
});
