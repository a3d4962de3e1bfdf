/**
 * JSON parsers hand the engine the numbers of each line's untyped keys (`LogRecord.numbers`), on real
 * logs: a Go 1.19 service's DBStats (engine/ingest/__fixtures__/log-metrics, see its PROVENANCE.md), a
 * pg.Pool's counts through pino, and the runtime stats of samples/node-event-loop-blocked.
 */
import { describe, expect, it } from 'vitest';
import { parseFixture, utcTime } from '../test/support/parse-fixture';
import { jsonLogParser } from './jsonlog';
import { addNumbers } from './numeric-leaves';
import { pinoParser } from './pino';
import type { LogRecord } from './types';

const LM = '../../engine/ingest/__fixtures__/log-metrics/';
const pairs = (r: LogRecord) => r.numbers?.paths.map((p, i) => [p, r.numbers!.values[i]]);

describe('numbers of JSON log lines', () => {
  it('json-log (Go encoding/json, slog-shaped): DBStats one object deep, the typed keys left out', () => {
    const { records } = parseFixture<LogRecord>(jsonLogParser, LM + 'go-dbstats.log', utcTime());
    const stats = records.filter((r) => r.message === 'runtime stats');
    expect(stats).toHaveLength(36);
    expect(pairs(stats[24]!)).toEqual([
      ['goroutines', 32], ['open_fds', 38],
      ['db.MaxOpenConnections', 4], ['db.OpenConnections', 4], ['db.InUse', 2], ['db.Idle', 2], ['db.WaitCount', 248],
      ['db.WaitDuration', 96080322531], ['db.MaxIdleClosed', 0], ['db.MaxIdleTimeClosed', 0], ['db.MaxLifetimeClosed', 0],
    ]);
    // `time`, `level`, `msg` are typed; a line without other numbers carries none.
    expect(records[0]!.message).toBe('dbstats service started');
    expect(records[0]!.numbers).toBeUndefined();
    expect(pairs(records[1]!)).toEqual([['request_id', 1], ['worker', 0], ['duration_ms', 210.615], ['rows', 1]]);
  });

  it('pino: nested pool counts; pid, time and level are typed, not numbers', () => {
    const { records } = parseFixture<LogRecord>(pinoParser, LM + 'node-pg-pool.log', utcTime());
    const stats = records.filter((r) => r.message === 'pg pool stats');
    expect(stats).toHaveLength(30);
    expect(stats[12]).toMatchObject({ pid: 20779, numbers: { paths: ['pool.totalCount', 'pool.idleCount', 'pool.waitingCount'], values: [5, 0, 15] } });
  });

  it('pino: two objects deep (eventLoop.delayMaxMs), request lines keep req/res out (typed by pino-http)', () => {
    const { records } = parseFixture<LogRecord>(pinoParser, '../../samples/node-event-loop-blocked/bundle/logs/profile-api.log', utcTime());
    const block = records.find((r) => r.line === 791)!;
    expect(pairs(block)).toEqual([
      ['intervalMs', 27015], ['eventLoop.utilization', 0.989], ['eventLoop.delayP50Ms', 20.1], ['eventLoop.delayP99Ms', 26726.1],
      ['eventLoop.delayMaxMs', 26726.1], ['cpu.userMs', 25205], ['cpu.systemMs', 161], ['memory.rssMB', 95], ['memory.heapUsedMB', 41],
    ]);
    expect(records.find((r) => r.line === 790)).toMatchObject({ kind: 'http.request', fields: { responseTimeMs: 26703 } });
    expect(records.find((r) => r.line === 790)!.numbers).toBeUndefined();
  });

  it('stops three objects deep and at 64 numbers a line; skips non-finite numbers, arrays and strings', () => {
    const line = JSON.parse(
      JSON.stringify({ a: { b: { c: 1, d: { e: 2 } } }, f: [1, 2], g: '3', h: Number.NaN, i: Array.from({ length: 70 }, (_, k) => k) }),
    ) as Record<string, unknown>;
    let acc = undefined as ReturnType<typeof addNumbers>;
    for (const k in line) acc = addNumbers(acc, k, line[k]);
    expect(acc).toEqual({ paths: ['a.b.c'], values: [1] });
    const wide: Record<string, number> = Object.fromEntries(Array.from({ length: 70 }, (_, k) => [`k${k}`, k]));
    expect(addNumbers(undefined, 'stats', wide)!.values).toHaveLength(64);
  });
});
