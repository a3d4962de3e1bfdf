/**
 * The committed node-pg-db-unreachable bundle (made by make.sh from the running service) shows what its README says:
 * while the relay to PostgreSQL was stopped, new connections timed out and callers queued behind them failed with the
 * pool-wait timeout, PostgreSQL saw stock-api's backends idle, and every client came back afterwards. Grep-level.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captures, checkBundleShape, checkReadmeEvidence, lines } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));
const log = lines(join(SAMPLE, 'bundle/logs/stock-api.log')).filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const stats = log.filter((e) => e.msg === 'pg pool stats').map((e) => e.pool as { totalCount: number; idleCount: number; waitingCount: number });

describe('node-pg-db-unreachable bundle', () => {
  it('is small text with pg_stat_activity captured every 5 s under the collector header', () => {
    checkBundleShape(SAMPLE);
    expect(captures(SAMPLE, 'snapshots', 'pg-stat-activity').length).toBeGreaterThanOrEqual(30);
  });

  it('has both pg-pool timeouts: connects nobody answered first, then waits queued behind them', () => {
    const errs = log.filter((e) => e.msg === 'request failed').map((e) => ({ t: String(e.time), m: (e.err as { message: string }).message }));
    const connects = errs.filter((e) => e.m.startsWith('Connection terminated due to connection timeout'));
    const waits = errs.filter((e) => e.m === 'timeout exceeded when trying to connect');
    expect(connects.length).toBeGreaterThan(0);
    expect(waits.length).toBeGreaterThan(20);
    expect(connects.length + waits.length).toBe(errs.length);
    expect(connects[0]!.t < waits[0]!.t).toBe(true);
  });

  it('gets every client back once the path answers, and the database logs nothing slow', () => {
    const full = stats.length - 1 - [...stats].reverse().findIndex((s) => s.idleCount === 0 && s.waitingCount > 0);
    expect(stats[full + 1]).toEqual({ totalCount: 10, idleCount: 10, waitingCount: 0 });
    const pg = lines(join(SAMPLE, 'bundle/logs/postgresql.log'));
    expect(pg.some((l) => /still waiting for|duration: |FATAL/.test(l))).toBe(false);
  });

  it('cites README evidence that the bundle holds', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(8);
  });
});
