/**
 * client-pool-timeout on what node-postgres really printed (__fixtures__/pool-timeouts, made by running it:
 * see make-fixtures.sh), through pino and as plain console.error text; Knex, Sequelize, generic-pool and
 * mysql2 are not installed here, so their wordings are the exact strings of their source (PROVENANCE.md).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../../parsers';
import { ingestBundle } from '../../ingest/ingest';
import { Store } from '../../store';
import { SIGNATURES } from '../index';
import { classify, clientPoolTimeout } from './client-pool-timeout';
import { dbConnectionRefused } from './db-connection-refused';

const FIXTURES = new URL('./__fixtures__/pool-timeouts/', import.meta.url).pathname;

async function analyse(file: string) {
  const dir = mkdtempSync(join(tmpdir(), 'rl-cpt-'));
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'logs/app.log'), readFileSync(join(FIXTURES, file), 'utf8'));
  const store = Store.open(':memory:');
  const r = await ingestBundle(store, dir, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null });
  const ctx = { bundleId: r.bundle.id, store };
  return { timeouts: clientPoolTimeout.detect(ctx), refused: dbConnectionRefused.detect(ctx) };
}

describe('client-pool-timeout', () => {
  it("tells pg.Pool's wait for a pooled client from a new connection not opened in time (pino err objects)", async () => {
    const { timeouts, refused } = await analyse('pg-pool.pino.log');
    expect(timeouts).toHaveLength(1);
    const occ = timeouts[0]!.occurrences;
    expect(occ.map((o) => [o.client, o.meaning])).toEqual([['pg-pool', 'pool-wait'], ['pg-pool', 'connect-timeout']]);
    expect(occ.map((o) => o.line)).toEqual([1, 2]);
    expect(timeouts[0]!.data.byMeaning).toEqual({ 'pool-wait': 1, 'connect-timeout': 1 });
    // The connect timeout's cause is in its chain, as pino wrote it.
    expect(occ[1]!.chain?.join(' | ')).toContain('Connection terminated due to connection timeout');
    // A connection closed by the server and a refused one are the database's side, not pool timeouts.
    expect(refused.flatMap((f) => f.occurrences.map((o) => o.line))).toEqual([3, 4]);
  });

  it("reads the same errors from Node's plain console.error text", async () => {
    const { timeouts, refused } = await analyse('pg-pool.text.log');
    expect(timeouts).toHaveLength(1);
    expect(timeouts[0]!.occurrences.map((o) => o.meaning)).toEqual(['pool-wait', 'connect-timeout']);
    expect(refused.flatMap((f) => f.occurrences).length).toBe(2);
  });

  it('knows the wordings of Knex, Sequelize, generic-pool and mysql2 as their source writes them', () => {
    // knex/knex lib/client.js acquireConnection()
    expect(classify(['KnexTimeoutError: Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?']))
      .toEqual({ client: 'knex', meaning: 'pool-wait' });
    // Sequelize's ConnectionAcquireTimeoutError: name set in its constructor, message sequelize-pool's TimeoutError's.
    expect(classify(['SequelizeConnectionAcquireTimeoutError: Operation timeout'])).toEqual({ client: 'sequelize', meaning: 'pool-wait' });
    expect(classify(['ConnectionAcquireTimeoutError: Operation timeout'])).toEqual({ client: 'sequelize', meaning: 'pool-wait' });
    // generic-pool's acquireTimeoutMillis.
    expect(classify(['Error: ResourceRequest timed out'])).toEqual({ client: 'generic-pool', meaning: 'pool-wait' });
    // mysql2 lib/base/pool.js getConnection(): no acquire timeout, only immediate refusals when full.
    expect(classify(['Error: Queue limit reached.'])).toEqual({ client: 'mysql2', meaning: 'pool-full' });
    expect(classify(['Error: No connections available.'])).toEqual({ client: 'mysql2', meaning: 'pool-full' });
    // Go's database/sql has no message of its own: a deadline is not named a pool wait from its text.
    expect(classify(['context deadline exceeded'])).toBeNull();
    expect(classify(['Connection terminated unexpectedly'])).toBeNull();
  });
});
