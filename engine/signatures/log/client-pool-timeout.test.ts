/**
 * client-pool-timeout on what node-postgres, Knex, Sequelize and mysql2 really printed (__fixtures__/pool-timeouts,
 * made by running them: make-fixtures.sh, make-client-fixtures.sh), through pino and as plain console.error text;
 * generic-pool's wording is the exact string of its source (PROVENANCE.md).
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

  /** Each pino line's `what` (the fixture script's own label of the failure it caused), by line number. */
  function whatByLine(file: string): Map<number, string> {
    const out = new Map<number, string>();
    readFileSync(join(FIXTURES, file), 'utf8').split('\n').forEach((l, i) => {
      if (l.startsWith('{')) out.set(i + 1, (JSON.parse(l) as { what: string }).what);
    });
    return out;
  }

  /** What each fixture script case must be typed as; undefined: not a pool timeout at all. */
  const EXPECTED: Record<string, string | undefined> = {
    'pool-wait': 'pool-wait',
    // A new connection that hangs with no driver timeout: the pool's acquire timeout fires with the very words of a full pool.
    'connect-acquire': 'pool-wait',
    'connect-timeout': 'connect-timeout',
    'queue-limit': 'pool-full',
    'no-wait': 'pool-full',
    refused: undefined,
  };

  it.each([
    ['knex.pino.log', 'knex', { 'pool-wait': 3, 'connect-timeout': 1 }],
    ['sequelize.pino.log', 'sequelize', { 'pool-wait': 3, 'connect-timeout': 1 }],
    ['mysql2.pino.log', 'mysql2', { 'pool-full': 2, 'connect-timeout': 1 }],
  ])('types what %s really logged through pino by its library and meaning', async (file, lib, byMeaning) => {
    const { timeouts } = await analyse(file);
    expect(timeouts).toHaveLength(1);
    const what = whatByLine(file);
    for (const o of timeouts[0]!.occurrences) {
      expect([o.line, o.meaning]).toEqual([o.line, EXPECTED[what.get(o.line)!]]);
      // Knex hands on node-postgres's own connect timeout unwrapped: the driver's, not Knex's, words.
      expect(o.client).toBe(lib === 'knex' && o.meaning === 'connect-timeout' ? 'pg' : lib);
    }
    expect(timeouts[0]!.data.byMeaning).toEqual(byMeaning);
    // Every case meant to be a pool timeout was found.
    const typed = new Set(timeouts[0]!.occurrences.map((o) => o.line));
    const missed = [...what].filter(([line, w]) => EXPECTED[w] && !typed.has(line)).map(([, w]) => w);
    expect(missed).toEqual([]);
  });

  it("types mysql2's connect ETIMEDOUT from pino's err by mysql2's errorno with mysql's fatal flag (ioredis throws the same words without the flag)", async () => {
    const { timeouts } = await analyse('mysql2.pino.log');
    const what = whatByLine('mysql2.pino.log');
    expect(timeouts[0]!.occurrences.map((o) => [what.get(o.line), o.client, o.meaning])).toEqual([
      ['queue-limit', 'mysql2', 'pool-full'],
      ['no-wait', 'mysql2', 'pool-full'],
      ['connect-timeout', 'mysql2', 'connect-timeout'],
    ]);
  });

  it.each([
    ['knex.text.log', [['knex', 'pool-wait'], ['knex', 'pool-wait'], ['knex', 'pool-wait'], ['pg', 'connect-timeout']]],
    ['sequelize.text.log', [['sequelize', 'pool-wait'], ['sequelize', 'pool-wait'], ['sequelize', 'pool-wait'], ['sequelize', 'connect-timeout']]],
    ['mysql2.text.log', [['mysql2', 'pool-full'], ['mysql2', 'pool-full'], ['mysql2', 'connect-timeout']]],
  ])("types what %s really printed through console.error (Node's util.inspect text)", async (file, expected) => {
    const { timeouts } = await analyse(file);
    expect(timeouts[0]!.occurrences.map((o) => [o.client, o.meaning])).toEqual(expected);
  });

  it('counts refusals as the database refusing, never as pool waits', async () => {
    for (const [file, refusals] of [['sequelize.pino.log', 1], ['sequelize.text.log', 1], ['mysql2.text.log', 1]] as const) {
      const { timeouts, refused } = await analyse(file);
      const refusedLines = refused.flatMap((f) => f.occurrences.map((o) => o.line));
      expect(refusedLines, file).toHaveLength(refusals);
      expect(timeouts[0]!.occurrences.some((o) => refusedLines.includes(o.line)), file).toBe(false);
    }
    // mysql2 rewrites the stack to the caller's: its `fatal` flag, printed by util.inspect, says a database client refused.
    const { refused } = await analyse('mysql2.text.log');
    expect(refused[0]!.occurrences[0]!.target).toBe('database');
  });

  // Knex console.logs a warning for every failed acquire (lib/client.js) and then throws: only the thrown error is counted.
  it("does not count Knex's own 'Acquire connection error' warnings beside the errors it throws", async () => {
    const text = readFileSync(join(FIXTURES, 'knex.pino.log'), 'utf8');
    expect(text.match(/^Acquire connection error: /gm)).toHaveLength(5);
    const { timeouts } = await analyse('knex.pino.log');
    expect(timeouts[0]!.occurrences.every((o) => text.split('\n')[o.line - 1]!.startsWith('{'))).toBe(true);
  });
});
