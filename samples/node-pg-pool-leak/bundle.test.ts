/**
 * The committed node-pg-pool-leak bundle (made by make.sh from the running service) shows what its README says:
 * stock-api's checked-out clients (totalCount − idleCount) climb to 10 of 10 and stay there after the traffic
 * stops, callers fail with pg-pool's pool-wait timeout only once the pool is empty, PostgreSQL logs no slow
 * statement or lock wait, and pg_stat_activity ends with ten stock-api backends idle in transaction. Grep-level.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captures, checkBundleShape, checkReadmeEvidence, lines } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));
const log = lines(join(SAMPLE, 'bundle/logs/stock-api.log')).filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const stats = log.filter((e) => e.msg === 'pg pool stats').map((e) => e.pool as { totalCount: number; idleCount: number; waitingCount: number });
const snaps = captures(SAMPLE, 'snapshots', 'pg-stat-activity');

describe('node-pg-pool-leak bundle', () => {
  it('is small text with pg_stat_activity captured every 5 s under the collector header', () => {
    checkBundleShape(SAMPLE);
    expect(snaps.length).toBeGreaterThanOrEqual(30);
    expect(snaps.every((s) => s.cmd.includes("FROM pg_stat_activity WHERE backend_type = 'client backend'") && !s.cmd.includes('PGPASSWORD'))).toBe(true);
  });

  it('keeps clients out for good: the checked-out count only climbs to 10 and holds with nobody waiting', () => {
    const out = stats.map((s) => s.totalCount - s.idleCount);
    const floor = out.map((_, i) => Math.min(...out.slice(i)));
    expect(floor[0]).toBe(0);
    expect(floor.at(-1)).toBe(10);
    expect(stats.at(-1)).toEqual({ totalCount: 10, idleCount: 0, waitingCount: 0 });
    expect(log.some((e) => e.msg === 'pool ended')).toBe(false);
  });

  it('fails callers with the pool-wait timeout only, while the database logs nothing slow', () => {
    const errs = log.filter((e) => e.msg === 'request failed').map((e) => (e.err as { message: string }).message);
    expect(errs.length).toBeGreaterThan(100);
    expect(new Set(errs)).toEqual(new Set(['timeout exceeded when trying to connect']));
    const pg = lines(join(SAMPLE, 'bundle/logs/postgresql.log'));
    expect(pg.some((l) => /still waiting for|duration: /.test(l))).toBe(false);
    const last = snaps.at(-1)!.lines.filter((l) => l.includes('| stock-api '));
    expect(last).toHaveLength(10);
    expect(last.every((l) => l.includes('idle in transaction') && l.includes('SELECT stock FROM items WHERE id = $1'))).toBe(true);
  });

  it('cites README evidence that the bundle holds', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(10);
  });
});
