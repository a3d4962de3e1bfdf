/**
 * The committed node-pg-pool-saturated bundle (made by make.sh from the running service) shows what its README
 * says: the same pool-wait timeouts as node-pg-pool-leak, but while PostgreSQL logs UPDATEs waiting on the
 * recount's table lock, and every client back and idle once it commits. Grep-level.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captures, checkBundleShape, checkReadmeEvidence, lines } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));
const log = lines(join(SAMPLE, 'bundle/logs/stock-api.log')).filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const stats = log.filter((e) => e.msg === 'pg pool stats').map((e) => e.pool as { totalCount: number; idleCount: number; waitingCount: number });
const snaps = captures(SAMPLE, 'snapshots', 'pg-stat-activity');

describe('node-pg-pool-saturated bundle', () => {
  it('is small text with pg_stat_activity captured every 5 s under the collector header', () => {
    checkBundleShape(SAMPLE);
    expect(snaps.length).toBeGreaterThanOrEqual(30);
  });

  it('fails callers with the same pool-wait timeout as the leak while UPDATEs wait on the lock', () => {
    const errs = log.filter((e) => e.msg === 'request failed').map((e) => (e.err as { message: string }).message);
    expect(errs.length).toBeGreaterThan(50);
    expect(new Set(errs)).toEqual(new Set(['timeout exceeded when trying to connect']));
    const pg = lines(join(SAMPLE, 'bundle/logs/postgresql.log'));
    expect(pg.filter((l) => l.includes('still waiting for RowExclusiveLock')).length).toBeGreaterThan(5);
    expect(snaps.some((s) => s.lines.filter((l) => l.includes('| stock-api ') && l.includes('| Lock ')).length === 10)).toBe(true);
  });

  it('gets every client back: full during the lock, all idle after it, nothing left out at the end', () => {
    expect(stats.some((s) => s.idleCount === 0 && s.waitingCount > 0)).toBe(true);
    const full = stats.length - 1 - [...stats].reverse().findIndex((s) => s.idleCount === 0 && s.waitingCount > 0);
    expect(stats[full + 1]).toEqual({ totalCount: 10, idleCount: 10, waitingCount: 0 });
    expect(stats.at(-1)!.totalCount - stats.at(-1)!.idleCount).toBe(0);
    expect(snaps.every((s) => !s.lines.some((l) => l.includes('| stock-api ') && l.includes('idle in transaction')))).toBe(true);
  });

  it('cites README evidence that the bundle holds', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(10);
  });
});
