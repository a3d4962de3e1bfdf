/** cgroup CPU captures end up as snapshots of kind `cgroup-cpu` with their values in snapshot_facts. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../parsers';
import { SIGNATURES } from '../signatures';
import { Store } from '../store';
import { TQ } from '../store/events';
import { ingestBundle, type IngestOptions } from './ingest';

const FIXTURES = new URL('../../parsers/cgroup/__fixtures__/', import.meta.url).pathname;
const opts: IngestOptions = { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null };

/** A bundle folder holding real captures (parsers/cgroup/__fixtures__) under the given paths. */
function bundle(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rl-cgroup-'));
  for (const [p, fixture] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), readFileSync(FIXTURES + fixture));
  }
  return dir;
}

describe('ingest of cgroup CPU captures', () => {
  it('stores a v1 head capture as one cgroup-cpu snapshot with its facts', async () => {
    const dir = bundle({ 'snapshots/cgroup-cpu-20261207T141742Z.txt': 'cgroup-cpu-20261207T141742Z.txt' });
    const store = Store.open(':memory:');
    const r = await ingestBundle(store, dir, opts);
    const file = store.files.byPath(r.bundle.id, 'snapshots/cgroup-cpu-20261207T141742Z.txt')!;
    expect(file.kind).toBe('cgroup-cpu');
    expect(file.skipped).toBe(0); // blank lines are structural
    const snaps = store.snapshots.ofFile(file.id);
    expect(snaps).toHaveLength(1);
    expect(snaps[0]).toMatchObject({
      kind: 'cgroup-cpu', captured_at: Date.UTC(2026, 11, 7, 14, 17, 42), tq: TQ.explicit, time_source: 'header', host: 'vm', pid: 9631, line: 1, end_line: 16, row_count: 14,
    });
    const fact = (name: string) => store.series.facts(r.bundle.id, name).map((f) => [f.value, f.factLine, f.kind, f.capturedAt]);
    const at = Date.UTC(2026, 11, 7, 14, 17, 42);
    expect(fact('cpu.nr_periods')).toEqual([['201', 9, 'cgroup-cpu', at]]);
    expect(fact('cpu.nr_throttled')).toEqual([['196', 10, 'cgroup-cpu', at]]);
    expect(fact('cpu.throttled_ms')).toEqual([['37358.862511', 11, 'cgroup-cpu', at]]);
    expect(fact('cpu.usage_ms')).toEqual([['11408.439899', 16, 'cgroup-cpu', at]]);
    expect(fact('cpu.quota_ms')).toEqual([['2', 6, 'cgroup-cpu', at]]);
    expect(fact('cpu.period_ms')).toEqual([['100', 3, 'cgroup-cpu', at]]);
    expect(fact('cpu.quota_cores')).toEqual([['0.02', 6, 'cgroup-cpu', at]]);
    expect(fact('cgroup.version')).toEqual([['v1', 3, 'cgroup-cpu', at]]);
    expect(fact('cgroup.file').map(([v, l]) => [v, l])).toEqual([
      ['/sys/fs/cgroup/cpu/loyalty-service/cpu.cfs_period_us', 2], ['/sys/fs/cgroup/cpu/loyalty-service/cpu.cfs_quota_us', 5],
      ['/sys/fs/cgroup/cpu/loyalty-service/cpu.stat', 8], ['/sys/fs/cgroup/cpuacct/loyalty-service/cpuacct.usage', 15],
    ]);
  });

  it('keeps `max` for no limit, a snapshot per date of a loop, and lists the lines it could not read', async () => {
    const dir = bundle({
      'snapshots/cgroup-cpu-20261207T141857Z.txt': 'cgroup-cpu-20261207T141857Z.txt',
      'snapshots/cpu-stat-loop.txt': 'v1-date-loop-cat-cpu-stat.txt',
      'snapshots/cgroup-all.txt': 'v1-head-throttled-all-files.txt',
    });
    const store = Store.open(':memory:');
    const r = await ingestBundle(store, dir, opts);
    expect(store.series.facts(r.bundle.id, 'cpu.quota_cores').map((f) => f.value)).toEqual(['max', '0.02']);
    const loop = store.files.byPath(r.bundle.id, 'snapshots/cpu-stat-loop.txt')!;
    expect(loop.kind).toBe('cgroup-cpu');
    expect(store.snapshots.ofFile(loop.id).map((s) => [s.kind, s.captured_at, s.row_count])).toEqual([
      ['cgroup-cpu', Date.UTC(2026, 11, 7, 14, 35, 52), 7], ['cgroup-cpu', Date.UTC(2026, 11, 7, 14, 35, 53), 7], ['cgroup-cpu', Date.UTC(2026, 11, 7, 14, 35, 54), 7],
    ]);
    expect(store.series.facts(r.bundle.id, 'cpu.nr_throttled').filter((f) => f.fileId === loop.id).map((f) => f.value)).toEqual(['50', '61', '71']);
    const all = store.files.byPath(r.bundle.id, 'snapshots/cgroup-all.txt')!;
    expect(all.skipped).toBe(3); // cpuacct.stat's two lines and cpuacct.usage_percpu's one: not read, and said so
  });
});
