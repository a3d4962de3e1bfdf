/**
 * go-sql-pool-waiters on a real dump (__fixtures__/sql-pool-waiters, made by make-fixtures.sh: Go 1.19 database/sql
 * with lib/pq, MaxOpenConns 2, eight callers of pg_sleep(4)): the six callers parked in (*DB).conn are named pool
 * waiters, the two in pg_sleep are inside the database, and the log's `context deadline exceeded` alone names nothing.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../../test/support/ingest-files';
import { analyzeBundle } from '../../analysis/analyze';
import { SIGNATURES } from '../index';
import { CLIENT_POOL_TIMEOUT } from '../log/client-pool-timeout';
import { GO_SQL_POOL_WAITERS, goSqlPoolWaiters } from './sql-pool-waiters';

const DIR = new URL('./__fixtures__/sql-pool-waiters/', import.meta.url).pathname;
const dump = readdirSync(DIR).find((f) => f.startsWith('goroutine-'))!;

describe('go-sql-pool-waiters', () => {
  it('finds the callers waiting in database/sql.(*DB).conn and the ones inside the database', async () => {
    const { store, bundleId } = await ingestFiles({ [`dumps/${dump}`]: DIR + dump, 'logs/orders-worker.log': `${DIR}orders-worker.log` });
    const found = goSqlPoolWaiters.detect({ bundleId, store });
    expect(found).toHaveLength(1);
    expect(found[0]!.data).toMatchObject({ waiters: 6, inDatabase: 2, callers: ['main.main.func2'] });
    const r = analyzeBundle(store, bundleId, SIGNATURES);
    expect(r.findings.some((f) => f.signature === GO_SQL_POOL_WAITERS)).toBe(true);
    // database/sql says nothing of its own: its callers' `context deadline exceeded` is no pool timeout by its words.
    expect(r.findings.some((f) => f.signature === CLIENT_POOL_TIMEOUT)).toBe(false);
    // The queue is pool-saturation's evidence (two callers in pg_sleep hold both connections).
    const cause = r.rootCauses.find((c) => c.cause === 'pool-saturation');
    expect(cause?.reasoning.join(' ')).toContain('database/sql.(*DB).conn');
  });

  it('counts two dumps of the same instant (the same capture under two names) as one queue', async () => {
    const { store, bundleId } = await ingestFiles({ [`dumps/${dump}`]: DIR + dump, [`dumps/again-${dump}`]: DIR + dump });
    const found = goSqlPoolWaiters.detect({ bundleId, store });
    expect(found.map((f) => f.data.waiters)).toEqual([6]);
  });

  it('needs the dump: the log alone names no pool wait', async () => {
    const { store, bundleId } = await ingestFiles({ 'logs/orders-worker.log': `${DIR}orders-worker.log` });
    expect(goSqlPoolWaiters.detect({ bundleId, store })).toEqual([]);
  });
});
