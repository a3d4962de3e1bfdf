/**
 * pool-not-returned on pool counts real services logged: node-pg-pool-leak (stock-api 2.7.0 keeps a client per
 * 409, never released) against its look-alike node-pg-pool-saturated (2.7.1 under a table lock: every client busy,
 * then returned) and the metrics-inside-logs fixtures (pg.Pool and database/sql pools full during a load burst,
 * then drained).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../../parsers';
import { ingestBundle } from '../../ingest/ingest';
import { Store } from '../../store';
import { SIGNATURES } from '../index';
import { poolNotReturned } from './pool-not-returned';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** `upTo`: only the file's first lines, as a bundle taken at that moment would hold them. */
async function detect(file: string, upTo?: (line: string) => boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'rl-pnr-'));
  mkdirSync(join(dir, 'logs'));
  const all = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const end = upTo ? all.findIndex(upTo) + 1 : all.length;
  writeFileSync(join(dir, 'logs/app.log'), all.slice(0, end).join('\n') + '\n');
  const store = Store.open(':memory:');
  const r = await ingestBundle(store, dir, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null });
  return poolNotReturned.detect({ bundleId: r.bundle.id, store });
}

describe('pool-not-returned', () => {
  it('finds the clients stock-api 2.7.0 kept, step by step, until all 10 were out for good', async () => {
    const found = await detect('samples/node-pg-pool-leak/bundle/logs/stock-api.log');
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.data).toMatchObject({ pool: 'pg pool stats · pool', size: 10, toOut: 10 });
    expect(f.data.fromOut).toBeLessThanOrEqual(1);
    // Leaked one at a time (a 409 every 4-7 s, stats every 5 s): many small steps, not one jump.
    expect(f.occurrences.length).toBeGreaterThanOrEqual(5);
    expect(f.occurrences.reduce((a, o) => a + o.added, 0)).toBe(10 - f.data.fromOut);
    expect(f.occurrences.every((o) => o.pool === 'pg pool stats · pool' && o.size === 10)).toBe(true);
  });

  it('stays quiet where every client came back: a table lock that filled the pool, load bursts', async () => {
    expect(await detect('samples/node-pg-pool-saturated/bundle/logs/stock-api.log')).toEqual([]);
    // The same log taken while the lock still held every client (cut at the last stats line before COMMIT): the
    // clients piled up at once behind the lock, not one after another, so the floor it holds is not a leak's.
    const full = await detect('samples/node-pg-pool-saturated/bundle/logs/stock-api.log', (l) => l.includes('"time":"2026-12-07T16:54:17.695Z"'));
    expect(full).toEqual([]);
    expect(await detect('engine/ingest/__fixtures__/log-metrics/node-pg-pool.log')).toEqual([]);
    expect(await detect('engine/ingest/__fixtures__/log-metrics/go-dbstats.log')).toEqual([]);
  });
});
