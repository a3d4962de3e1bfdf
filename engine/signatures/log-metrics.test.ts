/**
 * The growth and saturation signatures read metrics inside logs like snapshots, and the causes read
 * their findings: a Go 1.19 service leaking goroutines and descriptors while its database/sql pool
 * saturates (go-dbstats.log), a pg.Pool with callers queuing (node-pg-pool.log), both real
 * (engine/ingest/__fixtures__/log-metrics/PROVENANCE.md); and a service whose numbers do not grow.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../analysis/analyze';
import { ingestFiles } from '../../test/support/ingest-files';
import { SIGNATURES, type FindingOf } from '.';
import { FD_GROWTH } from './net/fd-growth';
import { GOROUTINE_GROWTH } from './go/goroutine-growth';
import { HIKARI_POOL_SATURATED } from './log/hikari-pool-saturated';

const FIXTURES = new URL('../ingest/__fixtures__/log-metrics/', import.meta.url).pathname;
const at = (iso: string) => Date.parse(iso);
const lines = (file: string) => readFileSync(FIXTURES + file, 'utf8').split('\n');

async function analyse(files: Record<string, string>) {
  const { store, bundleId } = await ingestFiles(files);
  const r = analyzeBundle(store, bundleId, SIGNATURES);
  const of = <K extends typeof FD_GROWTH | typeof GOROUTINE_GROWTH | typeof HIKARI_POOL_SATURATED>(k: K) => r.findings.filter((f) => f.signature === k) as FindingOf<K>[];
  return { store, bundleId, r, of };
}

describe('signatures over metrics inside logs', () => {
  it('Go: goroutine and descriptor growth from the counts it logs, each one span the causes read', async () => {
    const { of } = await analyse({ 'logs/go-dbstats.log': FIXTURES + 'go-dbstats.log' });
    const lastStats = lines('go-dbstats.log').flatMap((l, i) => (l.includes('"runtime stats"') ? [i + 1] : [])).at(-1);
    const [gor] = of(GOROUTINE_GROWTH);
    expect(of(GOROUTINE_GROWTH)).toHaveLength(1);
    expect(gor!.data).toMatchObject({ source: 'log', series: { file: 'logs/go-dbstats.log', pid: null, message: 'runtime stats', field: 'goroutines' }, frame: '' });
    expect(gor!.data.growth).toMatchObject({ first: 8, last: 43, points: 36 });
    expect(gor!.data.series!.seriesId).toMatch(/^log-metric\/\d+\/\/runtime stats\/goroutines$/);
    expect(gor!.occurrences).toEqual([
      expect.objectContaining({ ts: at('2026-12-07T15:38:25.761Z'), end: at('2026-12-07T15:39:00.761Z'), line: lastStats, ref: expect.stringMatching(/^event:\d+$/), process: expect.stringMatching(/^file:\d+$/) }),
    ]);
    expect(gor!.evidence.map((e) => e.note)).toEqual(['8 goroutines', '17 goroutines', '38 goroutines', '34 goroutines', '43 goroutines']);

    const [fd] = of(FD_GROWTH);
    expect(of(FD_GROWTH)).toHaveLength(1);
    expect(fd!.data).toMatchObject({ source: 'log', pid: null, command: 'logs/go-dbstats.log', growingPeer: null, leakKind: null, series: { field: 'open_fds' } });
    expect(fd!.data.growth).toMatchObject({ first: 12, last: 49 });
    expect(fd!.summary).toMatch(/^runtime stats · open_fds \(logs\/go-dbstats\.log\) went from 12 to 49 open descriptors over 36 logged samples/);
  });

  it('Go database/sql: WaitCount rising between samples is the pool full in that interval', async () => {
    const { of } = await analyse({ 'logs/go-dbstats.log': FIXTURES + 'go-dbstats.log' });
    const pools = of(HIKARI_POOL_SATURATED);
    expect(pools).toHaveLength(1);
    const p = pools[0]!;
    expect(p.data).toMatchObject({ source: 'log', pools: { 'runtime stats · db': 4 }, peakWaiting: 20 });
    expect(p.data.series!.map((s) => s.field).sort()).toEqual(['db.Idle', 'db.InUse', 'db.MaxOpenConnections', 'db.OpenConnections', 'db.WaitCount']);
    // The burst ran from line 131 (15:38:36.76) to line 380 (15:38:48.76): every interval with waits lies in it.
    expect(p.occurrences.length).toBe(p.count);
    for (const o of p.occurrences) {
      expect(o.ts).toBeGreaterThanOrEqual(at('2026-12-07T15:38:35.7Z'));
      expect(o.end!).toBeLessThanOrEqual(at('2026-12-07T15:38:49.8Z'));
      expect(o).toMatchObject({ pool: 'runtime stats · db', total: 4, ref: expect.stringMatching(/^event:/) });
    }
    expect(p.occurrences.reduce((a, o) => a + o.waiting, 0)).toBe(248);
  });

  it('pg.Pool: idleCount 0 with waitingCount > 0, full up to the next full sample', async () => {
    const { of } = await analyse({ 'logs/orders-worker.log': FIXTURES + 'node-pg-pool.log' });
    const pools = of(HIKARI_POOL_SATURATED);
    expect(pools).toHaveLength(1);
    const p = pools[0]!;
    expect(p.data).toMatchObject({ pools: { 'pg pool stats · pool': 5 }, peakWaiting: 15 });
    expect(p.summary).toBe('pg pool stats · pool (logs/orders-worker.log, pid 20779): 10 samples of 30 show all 5 connections busy with callers waiting; at most 15 waiting.');
    // The lines of the file with no idle client and callers waiting, as logged.
    const full = lines('node-pg-pool.log').flatMap((l, i) => {
      const pool = (JSON.parse(l || '{}') as { pool?: { totalCount: number; idleCount: number; waitingCount: number } }).pool;
      return pool && pool.idleCount === 0 && pool.waitingCount > 0 ? [[i + 1, pool.waitingCount, pool.totalCount]] : [];
    });
    expect(full).toHaveLength(10);
    expect(p.occurrences.map((o) => [o.line, o.waiting, o.total, o.active, o.process])).toEqual(full.map(([line, w, t]) => [line, w, t, t, 'pid:20779']));
    // Each full sample stays full until the next one; the last one is an instant.
    expect(p.occurrences.slice(0, -1).every((o) => o.end !== undefined && o.end! - o.ts! > 900 && o.end! - o.ts! < 1100)).toBe(true);
    expect(p.occurrences.at(-1)!.end).toBeUndefined();
  });

  it('the causes conclude from them: goroutine leak, pool saturation; a descriptor count alone does not name sockets', async () => {
    const go = await analyse({ 'logs/go-dbstats.log': FIXTURES + 'go-dbstats.log' });
    const causes = new Map(go.r.rootCauses.map((c) => [c.cause, c]));
    expect(causes.get('goroutine-leak')!.confidence).toBeGreaterThanOrEqual(0.6);
    // The program leaks /proc/self/stat handles: a logged open_fds count cannot tell that from sockets.
    expect(causes.get('socket-leak')!.confidence).toBeLessThan(0.5);
    expect(causes.get('socket-leak')!.reasoning.slice(0, 2)).toEqual([
      'logs/go-dbstats.log went from 12 to 49 open descriptors across 36 logged samples.',
      expect.stringMatching(/^The count does not say which kind of descriptor grows/),
    ]);
    expect(causes.get('pool-saturation')!.confidence).toBeGreaterThanOrEqual(0.5);
    const node = await analyse({ 'logs/orders-worker.log': FIXTURES + 'node-pg-pool.log' });
    expect(node.r.rootCauses.map((c) => c.cause)).toEqual(['pool-saturation']);
  });

  it('numbers that do not grow or fill a pool make no finding (samples/node-event-loop-blocked runtime stats)', async () => {
    const { of, store, bundleId } = await analyse({ 'logs/profile-api.log': new URL('../../samples/node-event-loop-blocked/bundle/logs/profile-api.log', import.meta.url).pathname });
    expect(store.logMetrics.list(bundleId).length).toBeGreaterThan(0);
    expect([...of(FD_GROWTH), ...of(GOROUTINE_GROWTH), ...of(HIKARI_POOL_SATURATED)]).toEqual([]);
  });
});
