/** cpu-throttling on real cpu.stat captures (parsers/cgroup/__fixtures__, see its PROVENANCE.md). */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../../parsers';
import { ingestBundle } from '../../ingest/ingest';
import { Store } from '../../store';
import { SIGNATURES } from '../index';
import { cpuThrottling } from './cpu-throttling';

const FIXTURES = new URL('../../../parsers/cgroup/__fixtures__/', import.meta.url).pathname;

async function detect(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'rl-throttle-'));
  for (const [p, fixture] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), readFileSync(FIXTURES + fixture));
  }
  const store = Store.open(':memory:');
  const r = await ingestBundle(store, dir, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null });
  return cpuThrottling.detect({ bundleId: r.bundle.id, store });
}

describe('cpu-throttling', () => {
  it('measures the stretch between two captures of the same cgroup, with the quota in force while it throttled', async () => {
    const [f, ...rest] = await detect({
      'snapshots/cgroup-cpu-20261207T141742Z.txt': 'cgroup-cpu-20261207T141742Z.txt',
      'snapshots/cgroup-cpu-20261207T141857Z.txt': 'cgroup-cpu-20261207T141857Z.txt',
    });
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({ severity: 'high', count: 1, data: { cgroup: '/loyalty-service', pid: 9631, stretches: 1, worstShare: 1, quotaCores: 0.02 } });
    const o = f!.occurrences![0]!;
    // 793 − 201 periods, 788 − 196 throttled, over 14:17:42 → 14:18:57; throttled_time 37.36 s → 150.81 s.
    expect(o).toMatchObject({ ts: Date.UTC(2026, 11, 7, 14, 17, 42), end: Date.UTC(2026, 11, 7, 14, 18, 57), periods: 592, throttled: 592, process: 'pid:9631', line: 10 });
    expect(o.stallPerSecond).toBeCloseTo((150_808.155558 - 37_358.862511) / 75_000, 3);
    expect(f!.summary).toContain('592 of 592 scheduling periods (100 %)');
    expect(f!.evidence[0]).toMatchObject({ line: 10, note: '592 of 592 periods throttled since the capture before' });
  });

  it('reads a date loop of bare cpu.stat values as one capture per date', async () => {
    const [f] = await detect({ 'snapshots/cpu-stat.log': 'v1-date-loop-cat-cpu-stat.txt' });
    expect(f).toMatchObject({ count: 2, data: { stretches: 2, worstShare: 1, quotaCores: null } });
    expect(f!.occurrences!.map((o) => o.end! - o.ts!)).toEqual([1000, 1000]);
  });

  it('says nothing of one capture or of untimed captures', async () => {
    expect(await detect({ 'snapshots/cgroup-cpu-20261207T141742Z.txt': 'cgroup-cpu-20261207T141742Z.txt' })).toEqual([]);
    expect(await detect({ 'snapshots/cpu-loop.txt': 'v1-head-loop-no-date.txt' })).toEqual([]);
  });

  it('follows each cgroup on its own: a sibling read in the same capture is not the throttled one', async () => {
    // Unlimited at 14:35:47, then the quota set and both groups read at 14:35:50 (the sibling -b empty).
    const found = await detect({ 'snapshots/unlimited.txt': 'v1-head-unlimited.txt', 'snapshots/two.txt': 'v1-head-two-cgroups.txt' });
    expect(found.map((f) => f.data.cgroup)).toEqual(['/rootline-cgroup-fixture']);
    expect(found[0]!.occurrences![0]).toMatchObject({ periods: 30, throttled: 30 });
  });
});
