import { describe, expect, it } from 'vitest';
import { Store } from '.';
import { SeriesQueries, TimelineQueries, TIMELINE_INDEX, type Partition } from './timeline-queries';

const T = Date.UTC(2026, 10, 22, 4, 18, 0);

/** A bundle with `files` log files whose events are given as [fileIndex, ts|null, level|null, kind|null, message]. */
function storeWith(files: number, events: [number, number | null, number | null, string | null, string][]) {
  const store = Store.open(':memory:');
  const bundle = store.bundles.ensure('/b', 'b').id;
  const ids = Array.from({ length: files }, (_, i) =>
    store.files.insert({ bundle_id: bundle, path: `logs/f${i}.log`, size: 1, mtime: null, encoding: 'utf8', kind: 'java-log', confidence: 1, status: 'parsed', note: null, content_path: null }),
  );
  const w = store.eventWriter();
  events.forEach(([f, ts, level, kind, message], i) =>
    w.add({ file_id: ids[f]!, ts, tq: 2, level, pid: null, thread: null, logger: null, kind, message, fields: null, line: i + 1, end_line: i + 1, offset: 0, length: 1 }),
  );
  w.flush();
  store.endBulkLoad();
  return { store, bundle, ids, q: new TimelineQueries(store.db) };
}

describe('TimelineQueries.buildSummary', () => {
  it('counts events per file, slot, level and kind at every resolution, and totals per file', () => {
    const { store, bundle, ids, q } = storeWith(2, [
      [0, T + 10, 30, null, 'GET /a 200'],
      [0, T + 990, 30, null, 'GET /b 200'],
      [0, T + 1_500, 40, 'hikari.starvation', 'Thread starvation or clock leap detected'],
      [0, T + 61_000, 50, 'hikari.timeout', 'Connection is not available'],
      [0, null, 30, null, 'a line without a time'],
      [1, T - 86_400_000 - 1, null, null, 'yesterday, no level'],
      [1, T + 2 * 3_600_000, 20, 'hikari.stats', 'Pool stats (total=10, active=1, idle=9, waiting=0)'],
    ]);
    q.buildSummary(bundle, 42);
    const slots = (res: number) =>
      store.db.prepare('SELECT file_id AS f, t, level, kind, n FROM timeline_counts WHERE res = ? ORDER BY f, t, level').all(res) as { f: number; t: number; level: number; kind: string; n: number }[];
    expect(slots(1000)).toEqual([
      { f: ids[0], t: T, level: 30, kind: '', n: 2 },
      { f: ids[0], t: T + 1000, level: 40, kind: 'hikari.starvation', n: 1 },
      { f: ids[0], t: T + 61_000, level: 50, kind: 'hikari.timeout', n: 1 },
      { f: ids[1], t: T - 86_400_000 - 1000, level: -1, kind: '', n: 1 },
      { f: ids[1], t: T + 7_200_000, level: 20, kind: 'hikari.stats', n: 1 },
    ]);
    expect(slots(60_000).filter((s) => s.f === ids[0])).toEqual([
      { f: ids[0], t: T, level: 30, kind: '', n: 2 },
      { f: ids[0], t: T, level: 40, kind: 'hikari.starvation', n: 1 },
      { f: ids[0], t: T + 60_000, level: 50, kind: 'hikari.timeout', n: 1 },
    ]);
    const day = Date.UTC(2026, 10, 22);
    expect(slots(86_400_000).map((s) => [s.f, s.t, s.n])).toEqual([
      [ids[0], day, 2], [ids[0], day, 1], [ids[0], day, 1], [ids[1], day - 86_400_000, 1], [ids[1], day, 1],
    ]);
    expect(store.db.prepare('SELECT * FROM timeline_files ORDER BY file_id').all()).toEqual([
      { file_id: ids[0], events: 4, untimed: 1, first_ts: T + 10, last_ts: T + 61_000, errors: 1, warnings: 1, built_at: 42 },
      { file_id: ids[1], events: 2, untimed: 0, first_ts: T - 86_400_000 - 1, last_ts: T + 7_200_000, errors: 0, warnings: 0, built_at: 42 },
    ]);
    expect(q.unsummarised(bundle)).toBe(0);
    expect(q.partitions(ids).sort((a, b) => a.fileId - b.fileId || a.level - b.level)).toEqual([
      { fileId: ids[0], level: 30, n: 2 }, { fileId: ids[0], level: 40, n: 1 }, { fileId: ids[0], level: 50, n: 1 },
      { fileId: ids[1], level: -1, n: 1 }, { fileId: ids[1], level: 20, n: 1 },
    ]);
    // Built twice, counted once; the index exists and has statistics for the planner.
    q.buildSummary(bundle, 43);
    expect(store.db.prepare('SELECT SUM(n) AS n FROM timeline_counts WHERE res = 1000').get()).toEqual({ n: 6 });
    expect(q.hasIndex(TIMELINE_INDEX)).toBe(true);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM sqlite_stat1 WHERE idx = ?').get(TIMELINE_INDEX)).toEqual({ n: 1 });
  });
});

describe('TimelineQueries event pages', () => {
  it('merges partitions in (ts, id) order after an exclusive bound, and reads each partition through the index', () => {
    const { bundle, ids, q, store } = storeWith(2, [
      [0, T + 5, 30, null, 'a'],
      [1, T + 5, 50, null, 'b'],
      [0, T + 5, 40, null, 'c'],
      [1, T + 1, 30, null, 'd'],
      [0, T + 9, 30, null, 'e'],
    ]);
    q.buildSummary(bundle, 1);
    const parts = q.partitions(ids);
    const none = { kinds: null, like: null, eventIds: null };
    expect(q.eventKeysByPartition(parts, { ts: T, id: -1 }, T + 100, 10, none)).toEqual([
      { ts: T + 1, id: 4 }, { ts: T + 5, id: 1 }, { ts: T + 5, id: 2 }, { ts: T + 5, id: 3 }, { ts: T + 9, id: 5 },
    ]);
    expect(q.eventKeysByPartition(parts, { ts: T + 5, id: 2 }, T + 100, 10, none).map((k) => k.id)).toEqual([3, 5]);
    expect(q.eventKeysByPartition(parts, { ts: T, id: -1 }, T + 9, 2, none).map((k) => k.id)).toEqual([4, 1]);
    expect(q.eventKeysByPartition(parts, { ts: T, id: -1 }, T + 100, 10, { ...none, like: '%C%' }).map((k) => k.id)).toEqual([3]);
    expect(q.eventKeysByIds(parts, { ts: T, id: -1 }, T + 100, 10, { ...none, eventIds: [5, 2, 99] }).map((k) => k.id)).toEqual([2, 5]);
    const plan = store.db
      .prepare(`EXPLAIN QUERY PLAN SELECT ts, id FROM events INDEXED BY ${TIMELINE_INDEX} WHERE file_id = 1 AND coalesce(level, -1) = 30 AND (ts, id) > (0, -1) AND ts < 9 ORDER BY ts, id`)
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/COVERING INDEX events_timeline/);
    expect(plan.map((p) => p.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('splits more partitions than a compound SELECT may hold and still returns the first page in order', () => {
    const rows: [number, number, number, null, string][] = [];
    for (let f = 0; f < 140; f++) for (const level of [30, 40]) rows.push([f, T + ((f * 7 + level) % 97), level, null, `f${f}`]);
    const { bundle, ids, q } = storeWith(140, rows);
    q.buildSummary(bundle, 1);
    const parts: Partition[] = q.partitions(ids);
    expect(parts.length).toBe(280);
    const keys = q.eventKeysByPartition(parts, { ts: T, id: -1 }, T + 1000, 50, { kinds: null, like: null, eventIds: null });
    const all = rows.map((r, i) => ({ ts: r[1], id: i + 1 })).sort((a, b) => a.ts - b.ts || a.id - b.id);
    expect(keys).toEqual(all.slice(0, 50));
  });

  it('counts event by event with kinds, text and id filters', () => {
    const { bundle, ids, q } = storeWith(1, [
      [0, T + 1, 30, 'http.request', 'GET /cart 200'],
      [0, T + 2, 50, 'http.request', 'GET /cart 503'],
      [0, T + 3, 30, null, '50% of 100_000'],
    ]);
    q.buildSummary(bundle, 1);
    const parts = q.partitions(ids);
    const none = { kinds: null, like: null, eventIds: null };
    expect(q.eventLevels(parts, T, T + 10, none)).toEqual([[T + 1, 30], [T + 3, 30], [T + 2, 50]]);
    expect(q.eventLevels(parts, T, T + 10, { ...none, kinds: ['http.request'] }).length).toBe(2);
    expect(q.eventLevels(parts, T, T + 10, { ...none, kinds: [] }).length).toBe(0);
    expect(q.eventLevels(parts, T, T + 10, { ...none, like: '%50\\%%' })).toEqual([[T + 3, 30]]);
    expect(q.eventLevels(parts, T, T + 10, { ...none, eventIds: [2] })).toEqual([[T + 2, 50]]);
    expect(q.slotCounts(1000, parts, ['http.request'], T, T + 1000)).toEqual([[T, 30, 1], [T, 50, 1]]);
  });
});

describe('SeriesQueries', () => {
  it('counts sockets per state from ss and lsof, and leaves listeners out of queued bytes', () => {
    const store = Store.open(':memory:');
    const bundle = store.bundles.ensure('/b', 'b').id;
    const file = (path: string, kind: string) =>
      store.files.insert({ bundle_id: bundle, path, size: 1, mtime: null, encoding: 'utf8', kind, confidence: 1, status: 'parsed', note: null, content_path: null });
    const w = store.snapshotWriter();
    const ss = w.createSnapshot({ file_id: file('ss.txt', 'ss'), kind: 'ss', seq: 0, captured_at: T, tq: 2, time_source: 'header', host: 'h', pid: null, command: null, line: 1 });
    const lsof = w.createSnapshot({ file_id: file('lsof.txt', 'lsof'), kind: 'lsof', seq: 0, captured_at: T + 1000, tq: 2, time_source: 'header', host: 'h', pid: 7, command: null, line: 1 });
    w.createSnapshot({ file_id: file('ss-untimed.txt', 'ss'), kind: 'ss', seq: 0, captured_at: null, tq: 0, time_source: null, host: 'h', pid: null, command: null, line: 1 });
    w.sockets.add(ss, 3, 'tcp', 'LISTEN', 5, 128, '0.0.0.0:80', '0.0.0.0:*', 1, 'nginx', 3, null);
    w.sockets.add(ss, 4, 'tcp', 'ESTABLISHED', 100, 0, '10.0.0.1:80', '10.0.0.2:5000', 1, 'nginx', 4, null);
    w.sockets.add(ss, 5, 'tcp', 'ESTABLISHED', 0, 0, '10.0.0.1:80', '10.0.0.3:5000', 1, 'nginx', 5, null);
    w.fds.add(lsof, 2, 'java', 7, null, '9u', 'IPv4', 'TCP', 'ESTABLISHED', '10.0.0.1:4000', '10.0.0.5:5432', null);
    w.fds.add(lsof, 3, 'java', 7, null, 'cwd', 'DIR', null, null, null, null, '/');
    w.flush();
    const sq = new SeriesQueries(store.db);
    const states = sq.socketStates(bundle).map((r) => [r.src, r.key, r.n, r.line] as const);
    expect([...states].sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]))).toEqual([
      ['lsof', 'ESTABLISHED', 1, 2], ['ss', 'ESTABLISHED', 2, 4], ['ss', 'LISTEN', 1, 3],
    ]);
    expect(sq.queues(bundle)).toEqual([{ sid: ss, line: 4, local: '10.0.0.1:80', remote: '10.0.0.2:5000', recvQ: 100, sendQ: 0 }]);
    expect(sq.stamps(bundle, ['ss']).map((s) => s.sid)).toEqual([ss]); // the untimed capture is not on a time axis
    expect(sq.fdsBy(bundle, 'fd_type').map((r) => [r.key, r.n])).toEqual([['IPv4', 1]]); // cwd is not a descriptor
  });
});
