/**
 * Metrics inside logs: what counts as a metric field, on real logs (the Go DBStats and pg.Pool fixtures
 * of __fixtures__/log-metrics, see PROVENANCE.md; samples/node-event-loop-blocked's runtime stats), and
 * the collector's bounds on records built in the test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../parsers/types';
import { ingestFiles } from '../../test/support/ingest-files';
import { excluded, LogMetricCollector, looksLikeTime, MIN_LINES, regular } from './log-metrics';

const FIXTURES = new URL('./__fixtures__/log-metrics/', import.meta.url).pathname;
const SAMPLE_LOG = new URL('../../samples/node-event-loop-blocked/bundle/logs/profile-api.log', import.meta.url).pathname;

describe('what is a metric field, by name', () => {
  it('keeps counts, gauges and cumulative totals', () => {
    for (const f of ['goroutines', 'open_fds', 'pool.waitingCount', 'db.InUse', 'db.WaitCount', 'db.WaitDuration', 'eventLoop.delayMaxMs', 'memory.heapUsedMB', 'cpu.userMs', 'intervalMs', 'queueDepth', 'rows', 'cpuTime', 'uptime', 'http.activeRequests']) {
      expect([f, excluded(f)]).toEqual([f, null]);
    }
  });

  it('leaves out ids, times, codes, single requests\' durations and what sits in a request or response', () => {
    const cases: [string, string][] = [
      ['reqId', 'an id or label'], ['request_id', 'an id or label'], ['userID', 'an id or label'], ['pid', 'an id or label'], ['port', 'an id or label'],
      ['worker', 'an id or label'], ['v', 'an id or label'], ['line', 'an id or label'],
      ['time', 'a time'], ['ts', 'a time'], ['createdAt', 'a time'], ['started_at', 'a time'], ['expiresTs', 'a time'], ['lastSeenDate', 'a time'],
      ['statusCode', 'a status or error code'], ['status', 'a status or error code'], ['errno', 'a status or error code'], ['exitCode', 'a status or error code'],
      ['responseTime', 'the duration of one request'], ['duration_ms', 'the duration of one request'], ['durationMs', 'the duration of one request'],
      ['latency', 'the duration of one request'], ['elapsed', 'the duration of one request'], ['queryTime', 'the duration of one request'], ['took', 'the duration of one request'],
      ['req.remotePort', 'inside a request, response or error'], ['res.headers.content-length', 'inside a request, response or error'], ['err.errno', 'inside a request, response or error'],
    ];
    for (const [f, why] of cases) expect([f, excluded(f)]).toEqual([f, why]);
  });

  it('a number within a day of the line\'s own time (s, ms, µs, ns) is a time whatever its name', () => {
    const ts = Date.UTC(2026, 11, 7, 15, 38, 25);
    expect(looksLikeTime(ts, ts)).toBe(true);
    expect(looksLikeTime(ts / 1000, ts)).toBe(true);
    expect(looksLikeTime(ts * 1000, ts)).toBe(true);
    expect(looksLikeTime(ts * 1e6, ts)).toBe(true);
    expect(looksLikeTime(96080322531, ts)).toBe(false); // DBStats.WaitDuration, ns
    expect(looksLikeTime(1_391_686, ts)).toBe(false);
    expect(looksLikeTime(ts / 1000 - 3 * 86_400, ts)).toBe(false);
  });

  it('a timer\'s lines are regular, even with one late tick; per-query lines are not', () => {
    const times = (file: string, message: string) =>
      readFileSync(file, 'utf8').split('\n').filter((l) => l.includes(`"${message}"`)).map((l) => {
        const t = (JSON.parse(l) as { time: string | number }).time;
        return typeof t === 'number' ? t : Date.parse(t);
      });
    expect(regular(times(SAMPLE_LOG, 'runtime stats'))).toBe(true); // every 10 s, one tick 17 s late
    expect(regular(times(FIXTURES + 'go-dbstats.log', 'runtime stats'))).toBe(true);
    expect(regular(times(FIXTURES + 'go-dbstats.log', 'query done').slice(0, 50))).toBe(false);
    expect(regular(times(FIXTURES + 'node-pg-pool.log', 'query done').slice(0, 50))).toBe(false);
    // Gaps that repeat only because the clock prints whole milliseconds.
    expect(regular([0, 1, 2, 3, 4, 5, 6])).toBe(false);
  });
});

describe('metrics inside real logs', () => {
  it('Go DBStats and open fds: every number of the timer line, the constants beside them; the per-query lines are not metrics', async () => {
    const { store, bundleId } = await ingestFiles({ 'logs/go-dbstats.log': FIXTURES + 'go-dbstats.log' });
    const rows = store.logMetrics.list(bundleId);
    expect(rows.map((r) => [r.message, r.field, r.points, r.min, r.max, r.varying, r.pid])).toEqual([
      ['runtime stats', 'db.Idle', 36, 0, 2, true, null],
      ['runtime stats', 'db.InUse', 36, 2, 4, true, null],
      ['runtime stats', 'db.MaxIdleClosed', 36, 0, 0, false, null],
      ['runtime stats', 'db.MaxIdleTimeClosed', 36, 0, 0, false, null],
      ['runtime stats', 'db.MaxLifetimeClosed', 36, 0, 0, false, null],
      ['runtime stats', 'db.MaxOpenConnections', 36, 4, 4, false, null],
      ['runtime stats', 'db.OpenConnections', 36, 2, 4, true, null],
      ['runtime stats', 'db.WaitCount', 36, 0, 248, true, null],
      ['runtime stats', 'db.WaitDuration', 36, 0, 96080322531, true, null],
      ['runtime stats', 'goroutines', 36, 8, 43, true, null],
      ['runtime stats', 'open_fds', 36, 12, 49, true, null],
    ]);
    const gor = store.logMetrics.list(bundleId, { span: true }).find((r) => r.field === 'goroutines')!;
    expect(gor.first).toBe(Date.parse('2026-12-07T15:38:25.761Z'));
    expect(gor.last).toBe(Date.parse('2026-12-07T15:39:00.761Z'));
    const pts = store.logMetrics.points(gor.id);
    const statLines = readFileSync(FIXTURES + 'go-dbstats.log', 'utf8').split('\n').flatMap((l, i) => (l.includes('"runtime stats"') ? [i + 1] : []));
    expect(pts.map((p) => p.line)).toEqual(statLines);
    expect(pts.slice(0, 3).map((p) => p.value)).toEqual([8, 9, 10]);
    expect(pts.every((p, i) => i === 0 || p.ts > pts[i - 1]!.ts)).toBe(true);
  });

  it('pg.Pool counts through pino, per process', async () => {
    const { store, bundleId } = await ingestFiles({ 'logs/orders-worker.log': FIXTURES + 'node-pg-pool.log' });
    expect(store.logMetrics.list(bundleId).map((r) => [r.message, r.field, r.points, r.min, r.max, r.pid])).toEqual([
      ['pg pool stats', 'pool.idleCount', 30, 0, 4, 20779],
      ['pg pool stats', 'pool.totalCount', 30, 3, 5, 20779],
      ['pg pool stats', 'pool.waitingCount', 30, 0, 15, 20779],
    ]);
  });

  it('pino runtime stats every 10 s (samples/node-event-loop-blocked): the late tick after the block stays in', async () => {
    const { store, bundleId } = await ingestFiles({ 'logs/profile-api.log': SAMPLE_LOG });
    const rows = store.logMetrics.list(bundleId);
    expect(rows.map((r) => r.field).sort()).toEqual([
      'cpu.systemMs', 'cpu.userMs', 'eventLoop.delayMaxMs', 'eventLoop.delayP50Ms', 'eventLoop.delayP99Ms', 'eventLoop.utilization', 'intervalMs', 'memory.heapUsedMB', 'memory.rssMB',
    ]);
    const user = rows.find((r) => r.field === 'cpu.userMs')!;
    expect([user.points, user.max]).toEqual([21, 25205]);
    expect(store.logMetrics.points(user.id).find((p) => p.value === 25205)!.line).toBe(791);
  });
});

describe('the collector keeps memory bounded', () => {
  /** A statistics record as a JSON parser hands it over (built here: the collector sees records, not lines). */
  const rec = (ts: number, nums: Record<string, number>, message = 'runtime stats', pid = 7): LogRecord => ({
    type: 'log', ts, tq: 'explicit', level: 30, pid, message, continuation: [], kind: null, fields: {}, line: 1, endLine: 1, offset: 0, length: 1,
    numbers: { paths: Object.keys(nums), values: Object.values(nums) },
  });

  it('thins a very long series to every other line, keeping the whole span', () => {
    const c = new LogMetricCollector();
    const n = 30_000;
    for (let i = 0; i < n; i++) c.add(rec(i * 1000, { goroutines: 100 + (i % 7), heapUsed: 5e7 + i, a: i % 3, b: 1, c: 2, d: i }), i + 1);
    const out = c.finish();
    const g = out.find((s) => s.field === 'goroutines')!;
    expect(g.thinned).toBeGreaterThan(1);
    expect(g.count).toBeLessThanOrEqual(100_000 / 6 + 1);
    expect(g.eventIds[0]).toBe(1);
    expect(g.eventIds[g.count - 1]!).toBeGreaterThan(n - 2 * g.thinned);
    // Constant fields come along only beside varying ones.
    expect(out.find((s) => s.field === 'b')).toMatchObject({ varying: false });
  });

  it('drops messages logged per item after 50 irregular lines; keeps named state (pool counts) whenever it is logged', () => {
    const c = new LogMetricCollector();
    let t = 0;
    for (let i = 0; i < 200; i++) {
      t += i % 2 ? 3 : 197 + (i % 11) * 40;
      c.add(rec(t, { rows: i % 9 }, 'query done'), i + 1);
      c.add(rec(t, { 'pool.idleCount': i % 4, 'pool.waitingCount': i % 3 }, 'pool acquire'), 1000 + i);
    }
    expect(c.finish().map((s) => [s.message, s.field])).toEqual([['pool acquire', 'pool.idleCount'], ['pool acquire', 'pool.waitingCount']]);
  });

  it(`needs ${MIN_LINES} lines of one message with varying numbers; stops taking new messages past its cap`, () => {
    const c = new LogMetricCollector();
    for (let i = 0; i < MIN_LINES - 1; i++) c.add(rec(i * 1000, { goroutines: i }), i + 1);
    for (let i = 0; i < 10; i++) c.add(rec(i * 1000, { same: 3 }, 'steady'), 100 + i);
    expect(c.finish()).toEqual([]);
    const many = new LogMetricCollector();
    for (let i = 0; i < 5000; i++) many.add(rec(i, { n: i }, `unique message ${i}`), i + 1);
    for (let i = 0; i < 10; i++) many.add(rec(10_000 + i * 1000, { goroutines: i }), 9000 + i);
    expect(many.finish().map((s) => s.field)).toEqual(['goroutines']);
  });
});
