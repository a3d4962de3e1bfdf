/**
 * Silences on real logs, each judged by its own rate: the JVM stopped twice by SIGSTOP (incident 3),
 * a downstream stopped three times while its caller kept writing (stall-drains-go), and a healthy
 * service with a traffic lull that must not count (healthy-noisy).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { PARSERS } from '../../../parsers';
import { ingestBundle } from '../../ingest/ingest';
import { Store } from '../../store';
import { SIGNATURES } from '..';
import { silencesOf, witnesses, type Silence } from './silences';

const SAMPLES = fileURLToPath(new URL('../../../samples/', import.meta.url));

async function silencesIn(sample: string, file: string): Promise<Silence[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rootline-silences-'));
  const store = Store.open(join(dir, 'db.sqlite'));
  try {
    const { bundle } = await ingestBundle(store, join(SAMPLES, sample, 'bundle'), { parsers: PARSERS, signatures: SIGNATURES, contentRoot: join(dir, 'content') });
    const f = store.files.byPath(bundle.id, file)!;
    return silencesOf(store, bundle.id, f.id)?.silences ?? [];
  } finally {
    store.close();
  }
}

let frozen: Silence[];
let downstream: Silence[];
let lull: Silence[];
beforeAll(async () => {
  [frozen, downstream, lull] = await Promise.all([
    silencesIn('incident-3-hikari-starvation', 'logs/app.log'),
    silencesIn('stall-drains-go', 'logs/inventory.log'),
    silencesIn('healthy-noisy', 'logs/orders-service.log'),
  ]);
}, 120_000);

describe('silencesOf on real bundles', () => {
  it('finds both 75 s stalls of the SIGSTOPped JVM, with requests in flight across them', () => {
    const long = frozen.filter((s) => s.durationMs > 60_000);
    expect(long).toHaveLength(2);
    for (const s of long) {
      expect(s.durationMs).toBeLessThan(80_000);
      expect(witnesses(s)).toContain('in-flight');
      expect(s.chance).toBeLessThan(1e-15);
    }
  });

  it('finds the three 20 s stops of the downstream, and its caller writing meanwhile', () => {
    const stops = downstream.filter((s) => s.durationMs > 15_000);
    expect(stops).toHaveLength(3);
    for (const s of stops) expect(witnesses(s)).toContain('others-wrote');
  });

  it('does not call a traffic lull a silence', () => {
    expect(lull.filter((s) => s.durationMs > 10_000)).toEqual([]);
  });
});
