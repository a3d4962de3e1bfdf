/**
 * Metrics inside logs from the three JSON loggers Go services use most — zap (epoch `ts`, `msg`),
 * zerolog (`time`, `message`) and logrus (`time`, `msg`, fields sorted) — written by one real program
 * (engine/ingest/__fixtures__/log-metrics/go-loggers, `make-fixtures.sh go-loggers`) that leaks a goroutine and
 * a file every second: each log alone shows the goroutine leak, and the descriptor growth without naming sockets.
 */
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../analysis/analyze';
import { ingestFiles } from '../../test/support/ingest-files';
import { SIGNATURES, type FindingOf } from '.';
import { FD_GROWTH } from './net/fd-growth';
import { GOROUTINE_GROWTH } from './go/goroutine-growth';

const FIXTURES = new URL('../ingest/__fixtures__/log-metrics/', import.meta.url).pathname;

describe.each(['zap', 'zerolog', 'logrus'])('metrics inside a %s JSON log', (logger) => {
  it('become series, and the growth signatures and causes read them', async () => {
    const { store, bundleId } = await ingestFiles({ [`logs/${logger}.log`]: `${FIXTURES}${logger}.log` });
    const fields = store.logMetrics.list(bundleId).map((m) => `${m.message}/${m.field}`);
    expect(fields).toEqual(expect.arrayContaining(['runtime stats/goroutines', 'runtime stats/open_fds', 'runtime stats/heap_alloc']));
    const r = analyzeBundle(store, bundleId, SIGNATURES);
    const of = <K extends typeof FD_GROWTH | typeof GOROUTINE_GROWTH>(k: K) => r.findings.filter((f) => f.signature === k) as unknown as FindingOf<K>[];
    expect(of(GOROUTINE_GROWTH).map((f) => [f.data.growth.first, f.data.growth.last, f.data.growth.points])).toEqual([[1, 30, 30]]);
    expect(of(FD_GROWTH).map((f) => [f.data.growth.first, f.data.growth.last, f.data.source])).toEqual([[12, 41, 'log']]);
    const causes = new Map(r.rootCauses.map((c) => [c.cause, c.confidence]));
    expect(causes.get('goroutine-leak')).toBeGreaterThanOrEqual(0.5);
    expect(causes.get('socket-leak') ?? 0).toBeLessThan(0.5);
  });
});
