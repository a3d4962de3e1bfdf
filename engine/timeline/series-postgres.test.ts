/**
 * PostgreSQL series on real captures (parsers/pgstat/__fixtures__, made by make-fixtures.sh): backends per
 * state and application, the oldest idle transaction's age and lock waiters across the leak/ and lock/
 * captures; connections opened and closed per application from the same run's server log.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../test/support/ingest-files';
import { listSeries, seriesData } from './series';

const FIXTURES = new URL('../../parsers/pgstat/__fixtures__/', import.meta.url).pathname;

describe('PostgreSQL series', () => {
  it('charts the leak and the lock from pg_stat_activity, and connection churn from the server log', async () => {
    const files: Record<string, string> = { 'logs/postgresql.log': `${FIXTURES}pg15-connections.log` };
    for (const folder of ['leak', 'lock']) for (const f of readdirSync(FIXTURES + folder)) files[`snapshots/${folder}-${f}`] = `${FIXTURES}${folder}/${f}`;
    const { store, bundleId } = await ingestFiles(files);
    const ids = listSeries(store, bundleId).filter((s) => s.group === 'postgres').map((s) => s.id);
    expect(ids).toContain('pg-state//cart-service/idle in transaction');
    expect(ids).toContain('pg-idle-tx-age/');
    expect(ids).toContain('pg-lock-waits/');
    const leak = seriesData(store, bundleId, 'pg-state//cart-service/idle in transaction').points.map((p) => p.value);
    expect(leak).toEqual([1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0]);
    const waits = seriesData(store, bundleId, 'pg-lock-waits/').points.map((p) => p.value);
    expect(waits).toEqual([0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 0]);
    const age = seriesData(store, bundleId, 'pg-idle-tx-age/').points.map((p) => p.value);
    expect(age.slice(0, 6).every((a, i) => i === 0 || a > age[i - 1]!)).toBe(true);
    // cart-service opened six connections over ~20 s and closed them together when the script ended its sessions.
    const opened = ids.find((id) => /^pg-conn\/\d+\/cart-service\/opened$/.test(id))!;
    const closed = ids.find((id) => /^pg-conn\/\d+\/cart-service\/closed$/.test(id))!;
    const sum = (id: string) => seriesData(store, bundleId, id).points.reduce((a, p) => a + p.value, 0);
    expect(sum(opened)).toBe(6);
    expect(sum(closed)).toBe(6);
  });
});
