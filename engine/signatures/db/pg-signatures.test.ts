/**
 * The pg_stat_activity signatures on real captures of PostgreSQL 15 (parsers/pgstat/__fixtures__, made by
 * make-fixtures.sh): a client that BEGINs on a new connection every 4 s and never ends the transaction
 * (leak/), one open transaction holding a row lock with three sessions queued behind it (lock/), and the
 * server stopped under the collector (down/). Each signature fires on its own capture and not on the others.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../../test/support/ingest-files';
import { analyzeBundle } from '../../analysis/analyze';
import { SIGNATURES } from '..';
import { pgIdleInTransaction } from './pg-idle-in-transaction';
import { pgLockWaits } from './pg-lock-waits';
import { pgUnreachable } from './pg-unreachable';

const FIXTURES = new URL('../../../parsers/pgstat/__fixtures__/', import.meta.url).pathname;

async function captures(...folders: string[]) {
  const files: Record<string, string> = {};
  for (const folder of folders) for (const f of readdirSync(FIXTURES + folder)) files[`snapshots/${folder}-${f}`] = `${FIXTURES}${folder}/${f}`;
  const { store, bundleId } = await ingestFiles(files);
  const ctx = { store, bundleId };
  return { store, bundleId, ctx };
}

describe('pg signatures on real pg_stat_activity captures', () => {
  it('leak/: cart-service piles up idle transactions (1 → 6), the earlier ones still open; no lock wait, no outage', async () => {
    const { ctx } = await captures('leak');
    const [f, ...more] = pgIdleInTransaction.detect(ctx);
    expect(more).toEqual([]);
    expect(f!.data).toMatchObject({ app: 'cart-service', held: 5, growth: { first: 1, last: 6, monotonic: true } });
    expect(f!.data.counts.map((c) => c.count)).toEqual([1, 2, 3, 4, 5, 6]);
    // The oldest transaction ages with the captures: it was opened before the first one and never ended.
    const ages = f!.data.counts.map((c) => c.oldestAgeMs!);
    expect(ages.every((a, i) => i === 0 || a > ages[i - 1]!)).toBe(true);
    expect(f!.data.oldestAgeMs).toBeGreaterThan(19_000);
    expect(f!.occurrences).toHaveLength(6);
    expect(pgLockWaits.detect(ctx)).toEqual([]);
    expect(pgUnreachable.detect(ctx)).toEqual([]);
  });

  it('lock/: three checkout-api statements wait on one open transaction; that single transaction is not a leak', async () => {
    const { ctx } = await captures('lock');
    expect(pgIdleInTransaction.detect(ctx)).toEqual([]);
    const [f, ...more] = pgLockWaits.detect(ctx);
    expect(more).toEqual([]);
    expect(f!.data).toMatchObject({ database: null, maxWaiting: 3, apps: ['checkout-api'], captures: 5 });
    expect(Object.keys(f!.data.lockTypes).sort()).toEqual(['transactionid', 'tuple']);
    // The open transaction that updated the row comes first; the two pg_sleep sessions (open since before the waits too) follow.
    expect(f!.data.holders.map((h) => [h.app, h.state])).toEqual([['checkout-api', 'idle in transaction'], ['nightly-report', 'active'], ['reporting-ui', 'active']]);
    expect(f!.data.holders[0]!.query).toBe('UPDATE stock SET qty = qty - 1 WHERE id = 2;');
    expect(f!.data.longestWaitMs).toBeGreaterThan(12_000);
    expect(pgUnreachable.detect(ctx)).toEqual([]);
  });

  it('down/: the capture psql could not take is the database unreachable; the live captures before it are not', async () => {
    const { ctx } = await captures('lock', 'down');
    const [f, ...more] = pgUnreachable.detect(ctx);
    expect(more).toEqual([]);
    expect(f!.data).toMatchObject({ failed: 1, reached: 6, backendsBefore: 7 });
    expect(f!.data.message).toMatch(/^psql: error: connection to server at "127.0.0.1", port \d+ failed: Connection refused$/);
    expect(f!.evidence[0]!.line).toBe(2);
  });

  it('the causes take them as their own: a leak from leak/, no leak from lock/ (lock waits alone name no pool cause)', async () => {
    const causes = async (folder: string) => {
      const { store, bundleId } = await captures(folder);
      const a = analyzeBundle(store, bundleId, SIGNATURES);
      return { concluded: a.rootCauses.filter((c) => c.confidence >= 0.5).map((c) => c.cause), all: [...a.rootCauses, ...a.consequences].map((c) => c.cause) };
    };
    const leak = await causes('leak');
    expect(leak.concluded).toEqual(['connection-leak']);
    const lock = await causes('lock');
    expect(lock.all).not.toContain('connection-leak');
    expect(lock.concluded).toEqual([]);
  });
});
