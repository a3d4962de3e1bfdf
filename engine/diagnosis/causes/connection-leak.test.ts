/**
 * connection-leak's fix speaks the language of what showed the leak, on two real bundles: HikariCP's leak
 * warnings name the borrowing frame (samples/connection-leak-unreturned); node-postgres has no warning, and the
 * database's sessions left 'idle in transaction' name the statement the leaking path stopped after
 * (samples/node-pg-pool-leak).
 */
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../../parsers';
import { analyzeBundle } from '../../analysis/analyze';
import { ingestBundle } from '../../ingest/ingest';
import { SIGNATURES } from '../../signatures';
import { Store } from '../../store';

async function leakOf(sample: string) {
  const store = Store.open(':memory:');
  const dir = new URL(`../../../samples/${sample}/bundle`, import.meta.url).pathname;
  const r = await ingestBundle(store, dir, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null });
  return analyzeBundle(store, r.bundle.id, SIGNATURES).episodes.flatMap((e) => e.rootCauses).find((c) => c.cause === 'connection-leak')!;
}

describe('connection-leak fix', () => {
  it('names the borrowing frame from HikariCP leak warnings', async () => {
    const c = await leakOf('connection-leak-unreturned');
    expect(c.fix).toMatch(/^Close the connection on every path of the code borrowing at com\.example\.inventory\.reports\.StockExport\.exportCsv\(StockExport\.java:\d+\)/);
    expect(c.fix).not.toMatch(/node-postgres/);
  });

  it('tells a node-postgres service to release its clients, naming the statement the open transactions stopped after', async () => {
    const c = await leakOf('node-pg-pool-leak');
    expect(c.fix).toMatch(/client\.release\(\)/);
    expect(c.fix).toContain('last ran "SELECT stock FROM items WHERE id = $1"');
    expect(c.fix).not.toMatch(/leakDetectionThreshold/);
  });
});
