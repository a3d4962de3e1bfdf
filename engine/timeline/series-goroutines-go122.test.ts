/**
 * The pprof pairs of series-goroutines.test.ts from the same service built with Go 1.22
 * (parsers/goroutine/__fixtures__/go122/, make-fixtures-go122.sh): a debug=1 and a debug=2 dump taken
 * at the same instant are still one point, and the groups keep their names across the two formats
 * although debug=2 now says `[sync.Mutex.Lock]` where debug=1's frames say `semacquire`.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBundle } from '../api/analyze';
import type { Store } from '../store';
import { listSeries, seriesData } from '.';

const FIXTURES = fileURLToPath(new URL('../../parsers/goroutine/__fixtures__/go122/', import.meta.url));
const PAIRS = ['20261207T173629Z', '20261207T173634Z', '20261207T173639Z'];
const at = (m: number, s: number) => Date.UTC(2026, 11, 7, 17, m, s);

describe('goroutine series of real Go 1.22 pprof pairs', () => {
  let store: Store;
  let bundleId: number;
  const home = mkdtempSync(join(tmpdir(), 'rl-goroutines-122-'));
  beforeAll(async () => {
    const bundle = join(home, 'bundle');
    mkdirSync(join(bundle, 'dumps'), { recursive: true });
    for (const s of PAIRS) for (const f of ['debug1', 'debug2']) copyFileSync(join(FIXTURES, `pprof-${s}-${f}.txt`), join(bundle, 'dumps', `pprof-${s}-${f}.txt`));
    const p = await prepareBundle(bundle, { db: join(home, 'g.sqlite') });
    [store, bundleId] = [p.store, p.bundleId];
  });
  afterAll(() => {
    store.close();
    rmSync(home, { recursive: true, force: true });
  });

  const series = () => listSeries(store, bundleId).filter((s) => s.group === 'goroutines');
  const values = (id: string) => seriesData(store, bundleId, id).points.map((p) => [p.ts, p.value]);

  it('counts each debug=1 / debug=2 pair as one point, the debug=2 dump standing for the instant', () => {
    const total = series().find((s) => s.label === 'Goroutines (pid 3854 on vm)')!;
    // debug=1 / debug=2 totals 16 / 15, 32 / 32, 71 / 71.
    expect(values(total.id)).toEqual([[at(36, 29), 15], [at(36, 34), 32], [at(36, 39), 71]]);
    const publish = series().find((s) => s.label.startsWith('Goroutines in main.(*broker).publish [chan send], created by main.main.func1 (pid 3854'))!;
    expect(values(publish.id)).toEqual([[at(36, 29), 6], [at(36, 34), 23], [at(36, 39), 48]]);
    const add = series().find((s) => s.label.startsWith('Goroutines in main.(*ledger).add [sync.Mutex.Lock], created by main.main.func2 (pid 3854'))!;
    expect(values(add.id).map(([, v]) => v)).toEqual([0, 0, 4]);
    const take = series().find((s) => s.label.startsWith('Goroutines in main.(*queue).take [chan receive], created by main.main.func4.1 (pid 3854'))!;
    expect(values(take.id).map(([, v]) => v)).toEqual([5, 5, 5]);
    for (const s of series()) expect(s.points).toBe(3);
  });
});
