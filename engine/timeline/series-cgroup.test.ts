/** CPU throttling charts from real cpu.stat captures (parsers/cgroup/__fixtures__, see its PROVENANCE.md). */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../parsers';
import { ingestBundle } from '../ingest/ingest';
import { SIGNATURES } from '../signatures';
import { Store } from '../store';
import { listSeries, seriesData } from './series';

const FIXTURES = new URL('../../parsers/cgroup/__fixtures__/', import.meta.url).pathname;

describe('CPU throttling series', () => {
  it('charts the throttled share and the quota used per stretch between captures, each point on its capture', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-cpu-series-'));
    mkdirSync(join(dir, 'snapshots'));
    for (const f of ['cgroup-cpu-20261207T141742Z.txt', 'cgroup-cpu-20261207T141857Z.txt']) writeFileSync(join(dir, 'snapshots', f), readFileSync(FIXTURES + f));
    const store = Store.open(':memory:');
    const { bundle } = await ingestBundle(store, dir, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null });
    const cpu = listSeries(store, bundle.id).filter((s) => s.group === 'cpu');
    // The quota was lifted between the two captures (2000 → -1): no "quota used" for that stretch.
    expect(cpu.map((s) => [s.label, s.unit, s.points])).toEqual([['Throttled periods: /loyalty-service (pid 9631)', '%', 1]]);
    const throttled = seriesData(store, bundle.id, cpu[0]!.id);
    // 592 of 592 periods between 14:17:42 and 14:18:57, pointing at the later capture's nr_throttled line.
    expect(throttled.points).toEqual([{ ts: Date.UTC(2026, 11, 7, 14, 18, 57), value: 100, ref: expect.stringMatching(/^snapshot:\d+$/), fileId: expect.any(Number), line: 10 }]);
  });

  it('shows the quota used where one quota held the whole stretch (samples/cpu-throttled-jvm)', async () => {
    const src = new URL('../../samples/cpu-throttled-jvm/bundle/snapshots/', import.meta.url).pathname;
    const dir = mkdtempSync(join(tmpdir(), 'rl-cpu-series-'));
    for (const f of readdirSync(src).filter((f) => f.startsWith('cgroup-cpu-'))) writeFileSync(join(dir, f), readFileSync(src + f));
    const store = Store.open(':memory:');
    const { bundle } = await ingestBundle(store, dir, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null });
    const used = listSeries(store, bundle.id).find((s) => s.id.endsWith('quota-used'))!;
    const points = seriesData(store, bundle.id, used.id).points;
    // 0.02 cores held from 14:17:42 to 14:18:22 and from 14:21:32 to 14:22:12: the JVM used all of it, no more.
    expect(points.map((p) => new Date(p.ts).toISOString().slice(11, 19))).toEqual(['14:18:22', '14:22:12']);
    for (const p of points) expect(Math.abs(p.value - 100)).toBeLessThan(10);
  });
});
