import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBytes, parseText } from '../../test/support/parse-fixture';
import { unaccountedLines } from '../jmap/test-helpers';
import type { SnapshotMeta } from '../types';
import { fileSpec } from './files';
import type { CgroupFact, CgroupRecord } from './model';
import { cgroupCpuParser } from './parser';

const LOCAL = new URL('./__fixtures__/', import.meta.url).pathname;
const V1 = '/sys/fs/cgroup/cpu/rootline-cgroup-fixture';
const ACCT = '/sys/fs/cgroup/cpuacct/rootline-cgroup-fixture';
const V2 = '/sys/fs/cgroup/unified/rootline-cgroup-fixture';

const snapshots = (rs: CgroupRecord[]) => rs.filter((r): r is SnapshotMeta => r.type === 'snapshot');
const facts = (rs: CgroupRecord[]) => rs.filter((r): r is CgroupFact => r.type === 'cgroup-fact');
/** name → [value, line] of the facts of one snapshot (a snapshot never holds one name twice). */
const table = (fs: CgroupFact[]) => Object.fromEntries(fs.map((f) => [f.name, [f.value, f.line]]));
/** The facts of each snapshot, in order. */
function perSnapshot(rs: CgroupRecord[]): CgroupFact[][] {
  const out: CgroupFact[][] = [];
  for (const r of rs) {
    if (r.type === 'snapshot') out.push([]);
    else out[out.length - 1]!.push(r);
  }
  return out;
}

function local(file: string, name = file) {
  const bytes = readFileSync(LOCAL + file);
  return { ...parseBytes(cgroupCpuParser, bytes, name), text: bytes.toString('utf8') };
}

describe('cgroupCpuParser on real captures (parsers/cgroup/__fixtures__, see PROVENANCE.md)', () => {
  it.each([
    // file, snapshots, facts, skipped lines that are not blank lines, sniff confidence
    ['cgroup-cpu-20261207T141742Z.txt', 1, 14, 0, 0.95],
    ['cgroup-cpu-20261207T141857Z.txt', 1, 14, 0, 0.95],
    ['v1-head-unlimited.txt', 1, 14, 0, 0.95],
    ['v1-head-throttled-all-files.txt', 1, 24, 5, 0.95],
    ['v1-cat-quota.txt', 1, 3, 0, 0.9],
    ['v1-head-two-cgroups.txt', 2, 19, 0, 0.95],
    ['v1-cat-two-files.txt', 1, 6, 0, 0.9],
    ['v1-head-missing-file.txt', 1, 0, 2, 0.6],
    ['v1-head-loop-no-date.txt', 2, 24, 0, 0.95],
    ['v1-date-loop-cat-cpu-stat.txt', 3, 21, 0, 0.9],
    ['v2-child-head.txt', 1, 15, 1, 0.95],
    ['cgroup2-root-cpu.stat', 1, 6, 0, 0.9],
    ['cgroup2-root-cpu.pressure', 1, 10, 0, 0.8],
  ] as const)('%s: %i snapshot(s), %i facts, every line accounted for', (file, nSnaps, nFacts, nSkipped, confidence) => {
    const { records, skipped, text } = local(file);
    expect(snapshots(records)).toHaveLength(nSnaps);
    expect(facts(records)).toHaveLength(nFacts);
    expect(skipped.filter((s) => s.reason !== 'blank line')).toHaveLength(nSkipped);
    expect(unaccountedLines(text, records, skipped)).toEqual([]);
    expect(cgroupCpuParser.sniff({ name: file, lines: text.split('\n') })).toMatchObject({ kind: 'cgroup-cpu', confidence });
    // Every fact sits on a line of its snapshot's file, after the snapshot's own line.
    for (const [i, fs] of perSnapshot(records).entries()) for (const f of fs) expect(f.line).toBeGreaterThanOrEqual(snapshots(records)[i]!.line);
  });

  it("reads the JVM sample's throttled v1 capture: header time and pid, ns → ms, quota in cores", () => {
    const { records } = local('cgroup-cpu-20261207T141742Z.txt');
    expect(snapshots(records)).toEqual([
      {
        type: 'snapshot', capturedAt: Date.UTC(2026, 11, 7, 14, 17, 42), timeSource: 'header', tq: 'explicit', line: 1, host: 'vm', pid: 9631,
        command: 'head -n 50 /sys/fs/cgroup/cpu/loyalty-service/cpu.cfs_period_us /sys/fs/cgroup/cpu/loyalty-service/cpu.cfs_quota_us /sys/fs/cgroup/cpu/loyalty-service/cpu.stat /sys/fs/cgroup/cpuacct/loyalty-service/cpuacct.usage',
      },
    ]);
    expect(table(facts(records).filter((f) => f.name !== 'cgroup.file'))).toEqual({
      'cgroup.version': ['v1', 3],
      'cpu.period_ms': [100, 3],
      'cpu.quota_ms': [2, 6],
      'cpu.quota_cores': [0.02, 6],
      'cpu.nr_periods': [201, 9],
      'cpu.nr_throttled': [196, 10],
      'cpu.throttled_ms': [37358.862511, 11],
      'cpu.nr_bursts': [0, 12],
      'cpu.burst_ms': [0, 13],
      'cpu.usage_ms': [11408.439899, 16],
    });
    const files = facts(records).filter((f) => f.name === 'cgroup.file');
    expect(files.map((f) => [f.value, f.line, f.key])).toEqual([
      ['/sys/fs/cgroup/cpu/loyalty-service/cpu.cfs_period_us', 2, 'cpu.cfs_period_us'],
      ['/sys/fs/cgroup/cpu/loyalty-service/cpu.cfs_quota_us', 5, 'cpu.cfs_quota_us'],
      ['/sys/fs/cgroup/cpu/loyalty-service/cpu.stat', 8, 'cpu.stat'],
      ['/sys/fs/cgroup/cpuacct/loyalty-service/cpuacct.usage', 15, 'cpuacct.usage'],
    ]);
    const throttled = facts(records).find((f) => f.name === 'cpu.throttled_ms')!;
    expect(throttled).toEqual({
      type: 'cgroup-fact', name: 'cpu.throttled_ms', value: 37358.862511, line: 11, key: 'throttled_time', source: '/sys/fs/cgroup/cpu/loyalty-service/cpu.stat', cgroup: 'v1',
    });
    expect(facts(records).every((f) => f.cgroup === 'v1')).toBe(true);
  });

  it('an unlimited v1 quota (-1) is `max`, in ms and in cores; the counters stay', () => {
    const after = table(facts(local('cgroup-cpu-20261207T141857Z.txt').records));
    expect(after).toMatchObject({ 'cpu.quota_ms': ['max', 6], 'cpu.quota_cores': ['max', 6], 'cpu.nr_throttled': [788, 10], 'cpu.throttled_ms': [150808.155558, 11] });
    const mine = local('v1-head-unlimited.txt');
    expect(snapshots(mine.records)[0]).toMatchObject({ capturedAt: Date.UTC(2026, 11, 7, 14, 35, 47), pid: 26998, host: 'vm' });
    expect(table(facts(mine.records))).toMatchObject({
      'cpu.period_ms': [100, 3], 'cpu.quota_ms': ['max', 6], 'cpu.quota_cores': ['max', 6], 'cpu.nr_periods': [0, 9], 'cpu.nr_throttled': [0, 10],
      'cpu.throttled_ms': [0, 11], 'cpu.usage_ms': [1972.922525, 16],
    });
  });

  it('reads every v1 CPU file of a throttled cgroup, and says why it skips cpuacct.stat and the per-CPU usage', () => {
    const { records, skipped } = local('v1-head-throttled-all-files.txt');
    expect(snapshots(records)[0]).toMatchObject({ capturedAt: Date.UTC(2026, 11, 7, 14, 35, 50), timeSource: 'header', pid: 26998, line: 1 });
    expect(table(facts(records).filter((f) => f.name !== 'cgroup.file'))).toEqual({
      'cgroup.version': ['v1', 3],
      'cpu.period_ms': [100, 3],
      'cpu.quota_ms': [2, 6],
      'cpu.quota_cores': [0.02, 6],
      'cpu.nr_periods': [30, 9],
      'cpu.nr_throttled': [30, 10],
      'cpu.throttled_ms': [2891.763185, 11],
      'cpu.nr_bursts': [0, 12],
      'cpu.burst_ms': [0, 13],
      'cpu.throttled_local_ms': [2891.763185, 16],
      'cpu.shares': [1024, 19],
      'cpu.burst_limit_ms': [0, 22],
      'cpu.usage_ms': [2037.747271, 25],
      'cpu.user_ms': [2067.519021, 28],
      'cpu.system_ms': [16, 31],
    });
    expect(facts(records).filter((f) => f.name === 'cgroup.file').map((f) => [f.key, f.line, f.source.startsWith(f.key.startsWith('cpuacct') ? ACCT : V1)])).toEqual([
      ['cpu.cfs_period_us', 2, true], ['cpu.cfs_quota_us', 5, true], ['cpu.stat', 8, true], ['cpu.stat.local', 15, true], ['cpu.shares', 18, true],
      ['cpu.cfs_burst_us', 21, true], ['cpuacct.usage', 24, true], ['cpuacct.usage_user', 27, true], ['cpuacct.usage_sys', 30, true],
    ]);
    expect(skipped.filter((s) => s.reason !== 'blank line').map((s) => [s.line, s.reason])).toEqual([
      [34, 'cpuacct.stat is not read (USER_HZ ticks; cpuacct.usage_user and _sys give the same in ns)'],
      [35, 'cpuacct.stat is not read (USER_HZ ticks; cpuacct.usage_user and _sys give the same in ns)'],
      [33, `separator between files: ${ACCT}/cpuacct.stat not read by the cgroup-cpu parser`],
      [38, 'per-CPU usage is not read (cpuacct.usage is the total)'],
      [37, `separator between files: ${ACCT}/cpuacct.usage_percpu not read by the cgroup-cpu parser`],
    ]);
  });

  it('a bare `cat` takes its file from the collector command; with two one-line files, from the order of the arguments', () => {
    const one = local('v1-cat-quota.txt');
    expect(facts(one.records).map((f) => [f.name, f.value, f.line, f.source])).toEqual([
      ['cgroup.file', `${V1}/cpu.cfs_quota_us`, 2, `${V1}/cpu.cfs_quota_us`],
      ['cpu.quota_ms', 2, 2, `${V1}/cpu.cfs_quota_us`],
      ['cgroup.version', 'v1', 2, `${V1}/cpu.cfs_quota_us`],
    ]); // no period in this capture: no cpu.quota_cores
    const two = local('v1-cat-two-files.txt');
    expect(table(facts(two.records).filter((f) => f.name !== 'cgroup.file'))).toEqual({
      'cpu.period_ms': [100, 2], 'cpu.quota_ms': [2, 3], 'cpu.quota_cores': [0.02, 3], 'cgroup.version': ['v1', 2],
    });
  });

  it('a command that printed only an error is a dated snapshot without facts; the error is listed', () => {
    const { records, skipped } = local('v1-head-missing-file.txt');
    expect(records).toEqual([
      { type: 'snapshot', capturedAt: Date.UTC(2026, 11, 7, 14, 35, 50), timeSource: 'header', tq: 'explicit', line: 1, host: 'vm', pid: 26998, command: `head -n 50 ${V1}/cpu.max` },
    ]);
    expect(skipped.map((s) => [s.line, s.reason])).toEqual([
      [2, `tool error: head: cannot open '${V1}/cpu.max' for reading: No such file or directory`],
      [3, 'comment line'],
    ]);
  });

  it('two cgroups in one capture become two snapshots of the same time, so no snapshot holds a name twice', () => {
    const { records } = local('v1-head-two-cgroups.txt');
    const snaps = snapshots(records);
    expect(snaps.map((s) => [s.capturedAt, s.line, s.pid])).toEqual([
      [Date.UTC(2026, 11, 7, 14, 35, 50), 1, 26998],
      [Date.UTC(2026, 11, 7, 14, 35, 50), 12, 26998],
    ]);
    const [a, b] = perSnapshot(records);
    expect(table(a!)).toMatchObject({ 'cpu.quota_ms': [2, 3], 'cpu.nr_throttled': [30, 7], 'cpu.throttled_ms': [2891.763185, 8] });
    expect(a!.some((f) => f.name === 'cpu.quota_cores')).toBe(false); // no period read
    expect(table(b!)).toMatchObject({ 'cpu.quota_ms': ['max', 13], 'cpu.quota_cores': ['max', 13], 'cpu.nr_throttled': [0, 17] });
    expect(new Set(b!.map((f) => f.source))).toEqual(new Set([`${V1}-b/cpu.cfs_quota_us`, `${V1}-b/cpu.stat`]));
  });

  it('a loop without dates: the same file again starts a new, untimed snapshot', () => {
    const { records } = local('v1-head-loop-no-date.txt');
    expect(snapshots(records)).toEqual([
      { type: 'snapshot', capturedAt: null, timeSource: null, line: 1 },
      { type: 'snapshot', capturedAt: null, timeSource: null, line: 13 },
    ]);
    const [first, second] = perSnapshot(records);
    expect(table(first!)).toMatchObject({ 'cpu.nr_periods': [30, 8], 'cpu.throttled_ms': [2891.763185, 10], 'cpu.quota_cores': [0.02, 5] });
    expect(table(second!)).toMatchObject({ 'cpu.nr_periods': [40, 20], 'cpu.throttled_ms': [3866.867479, 22], 'cpu.quota_cores': [0.02, 17] });
  });

  it('a `date; cat cpu.stat` loop: the keys tell the file, each date starts a snapshot', () => {
    const { records } = local('v1-date-loop-cat-cpu-stat.txt');
    expect(snapshots(records).map((s) => [s.capturedAt, s.tq, s.line])).toEqual([
      [Date.UTC(2026, 11, 7, 14, 35, 52), 'explicit', 1], [Date.UTC(2026, 11, 7, 14, 35, 53), 'explicit', 7], [Date.UTC(2026, 11, 7, 14, 35, 54), 'explicit', 13],
    ]);
    expect(perSnapshot(records).map((fs) => table(fs))).toEqual([
      { 'cgroup.file': ['cpu.stat', 2], 'cgroup.version': ['v1', 2], 'cpu.nr_periods': [50, 2], 'cpu.nr_throttled': [50, 3], 'cpu.throttled_ms': [4837.700454, 4], 'cpu.nr_bursts': [0, 5], 'cpu.burst_ms': [0, 6] },
      { 'cgroup.file': ['cpu.stat', 8], 'cgroup.version': ['v1', 8], 'cpu.nr_periods': [61, 8], 'cpu.nr_throttled': [61, 9], 'cpu.throttled_ms': [5905.354363, 10], 'cpu.nr_bursts': [0, 11], 'cpu.burst_ms': [0, 12] },
      { 'cgroup.file': ['cpu.stat', 14], 'cgroup.version': ['v1', 14], 'cpu.nr_periods': [71, 14], 'cpu.nr_throttled': [71, 15], 'cpu.throttled_ms': [6766.9493, 16], 'cpu.nr_bursts': [0, 17], 'cpu.burst_ms': [0, 18] },
    ]);
  });

  it('reads cgroup v2: usage_usec/user_usec/system_usec/nice_usec in ms, PSI lines, an empty cpu.stat.local', () => {
    const { records, skipped } = local('v2-child-head.txt');
    expect(snapshots(records)[0]).toMatchObject({ capturedAt: Date.UTC(2026, 11, 7, 14, 35, 55), pid: 26998, host: 'vm' });
    expect(table(facts(records).filter((f) => f.name !== 'cgroup.file'))).toEqual({
      'cgroup.version': ['v2', 3],
      'cpu.usage_ms': [2140.888, 3],
      'cpu.user_ms': [2121.734, 4],
      'cpu.system_ms': [19.153, 5],
      'cpu.nice_ms': [0, 6],
      'cpu.pressure.some_avg10': [51.31, 11],
      'cpu.pressure.some_avg60': [11.46, 11],
      'cpu.pressure.some_avg300': [2.48, 11],
      'cpu.pressure.some_total_ms': [7525.97, 11],
      'cpu.pressure.full_avg10': [51.31, 12],
      'cpu.pressure.full_avg60': [11.46, 12],
      'cpu.pressure.full_avg300': [2.48, 12],
      'cpu.pressure.full_total_ms': [7525.97, 12],
    });
    expect(facts(records).every((f) => f.cgroup === 'v2')).toBe(true);
    expect(facts(records).filter((f) => f.name === 'cgroup.file').map((f) => [f.value, f.line])).toEqual([[`${V2}/cpu.stat`, 2], [`${V2}/cpu.pressure`, 10]]);
    expect(skipped.filter((s) => s.reason !== 'blank line').map((s) => [s.line, s.reason])).toEqual([[8, `separator between files: ${V2}/cpu.stat.local printed no values`]]);
  });

  it('a bare v2 root cpu.stat: untimed, the bundle file name is the source', () => {
    const { records } = local('cgroup2-root-cpu.stat', 'snapshots/cgroup2-root-cpu.stat');
    expect(snapshots(records)).toEqual([{ type: 'snapshot', capturedAt: null, timeSource: null, line: 1 }]);
    expect(facts(records).map((f) => [f.name, f.value, f.line, f.key, f.source, f.cgroup])).toEqual([
      ['cgroup.file', 'snapshots/cgroup2-root-cpu.stat', 1, 'cpu.stat', 'snapshots/cgroup2-root-cpu.stat', 'v2'],
      ['cpu.usage_ms', 6793308.261, 1, 'usage_usec', 'snapshots/cgroup2-root-cpu.stat', 'v2'],
      ['cgroup.version', 'v2', 1, 'usage_usec', 'snapshots/cgroup2-root-cpu.stat', 'v2'],
      ['cpu.user_ms', 5822990.014, 2, 'user_usec', 'snapshots/cgroup2-root-cpu.stat', 'v2'],
      ['cpu.system_ms', 970318.246, 3, 'system_usec', 'snapshots/cgroup2-root-cpu.stat', 'v2'],
      ['cpu.nice_ms', 2549.202, 4, 'nice_usec', 'snapshots/cgroup2-root-cpu.stat', 'v2'],
    ]);
    // Under a name that does not say cpu.stat, the keys still tell.
    expect(facts(local('cgroup2-root-cpu.stat', 'root.txt').records).find((f) => f.name === 'cgroup.file')!.value).toBe('cpu.stat');
  });

  it('PSI lines are CPU pressure only when a name says so (memory and io pressure look the same)', () => {
    expect(table(facts(local('cgroup2-root-cpu.pressure').records))).toMatchObject({
      'cpu.pressure.some_avg10': [54.26, 1], 'cpu.pressure.some_total_ms': [1993492.172, 1], 'cpu.pressure.full_total_ms': [0, 2],
    });
    const unnamed = local('cgroup2-root-cpu.pressure', 'pressure.txt');
    expect(unnamed.records).toEqual([]);
    expect(unnamed.skipped.map((s) => s.reason)).toEqual(['pressure (PSI) line of an unnamed file: cpu, memory or io?', 'pressure (PSI) line of an unnamed file: cpu, memory or io?']);
    expect(cgroupCpuParser.sniff({ name: 'pressure.txt', lines: unnamed.text.split('\n') })!.confidence).toBeLessThan(0.3);
  });

  it('bare values without a file name or header are skipped with the reason, never guessed', () => {
    // The real `cat` of two files, under a name and header that say nothing: line 1 is the capture header removed.
    const text = readFileSync(LOCAL + 'v1-cat-two-files.txt', 'utf8').split('\n').slice(1).join('\n');
    const r = parseText(cgroupCpuParser, text, 'values.txt');
    expect(r.records).toEqual([]);
    expect(r.skipped.map((s) => [s.line, s.reason])).toEqual([
      [1, 'a value alone, and no file name or header says which cgroup file it is'],
      [2, 'a value alone, and no file name or header says which cgroup file it is'],
    ]);
  });
});

describe('cgroupCpuParser on cgroup v2 cpu.max (hand-written: no real cpu.max can be made on the fixture machine)', () => {
  // The kernel prints cpu.max as "$MAX $PERIOD" (Documentation/admin-guide/cgroup-v2.rst); these are the two
  // lines samples/cpu-throttled-jvm/make.sh writes into it.
  it('reads "QUOTA PERIOD" and "max PERIOD" when the file name or a header says cpu.max', () => {
    const throttled = parseText(cgroupCpuParser, '2000 100000\n', 'pod/cpu.max');
    expect(facts(throttled.records).map((f) => [f.name, f.value, f.line, f.cgroup])).toEqual([
      ['cgroup.file', 'pod/cpu.max', 1, 'v2'],
      ['cpu.quota_ms', 2, 1, 'v2'],
      ['cpu.quota_cores', 0.02, 1, 'v2'],
      ['cpu.period_ms', 100, 1, 'v2'],
      ['cgroup.version', 'v2', 1, 'v2'],
    ]);
    const free = parseText(cgroupCpuParser, '==> /sys/fs/cgroup/app/cpu.max <==\nmax 100000\n', 'capture.txt');
    expect(table(facts(free.records))).toMatchObject({ 'cpu.quota_ms': ['max', 2], 'cpu.quota_cores': ['max', 2], 'cpu.period_ms': [100, 2] });
    expect(cgroupCpuParser.sniff({ name: 'cpu.max', lines: ['max 100000'] })).toMatchObject({ confidence: 0.8 });
  });

  it('skips a quota/period pair that nothing names, and follows a prompt that cats cpu.max', () => {
    expect(parseText(cgroupCpuParser, '2000 100000\n', 'x.txt').skipped.map((s) => s.reason)).toEqual([
      'a quota/period pair, but neither the file name nor a header says it is cpu.max',
    ]);
    const r = parseText(cgroupCpuParser, '$ cat /sys/fs/cgroup/app/cpu.max\nmax 100000\n$ cat /sys/fs/cgroup/app/cpu.max\n2000 100000\n', 'x.txt');
    expect(snapshots(r.records).map((s) => [s.line, s.command])).toEqual([[1, 'cat /sys/fs/cgroup/app/cpu.max'], [3, 'cat /sys/fs/cgroup/app/cpu.max']]);
    expect(perSnapshot(r.records).map((fs) => table(fs)['cpu.quota_cores'])).toEqual([['max', 2], [0.02, 4]]);
    expect(r.skipped.map((s) => [s.line, s.reason])).toEqual([[1, 'shell command'], [3, 'shell command']]);
  });
});

describe('cgroupCpuParser robustness', () => {
  it('a cpu.stat told by its keys ends where other keys begin (two real files, one after the other)', () => {
    const text = readFileSync(LOCAL + 'cgroup2-root-cpu.stat', 'utf8') + readFileSync(LOCAL + 'not-cgroup-cpu/cgroup1-root-memory.stat', 'utf8').split('\n').slice(0, 2).join('\n');
    const r = parseText(cgroupCpuParser, text, 'both.txt');
    expect(facts(r.records).filter((f) => f.name.startsWith('cpu.')).map((f) => f.line)).toEqual([1, 2, 3, 4]);
    expect(r.skipped.map((s) => [s.line, s.reason])).toEqual([[5, 'not a cgroup CPU accounting key: cache'], [6, 'not a cgroup CPU accounting key: rss']]);
  });

  it('knows the system-wide /proc/pressure/cpu as CPU pressure of no cgroup version', () => {
    expect(fileSpec('/proc/pressure/cpu')).toMatchObject({ file: 'cpu.pressure', kind: 'pressure', cgroup: null });
    expect(fileSpec('/proc/pressure/memory')).toBeNull();
  });

  it('never throws and accounts for every line, whatever the input', () => {
    const real = ['v1-head-throttled-all-files.txt', 'v2-child-head.txt', 'v1-date-loop-cat-cpu-stat.txt', 'v1-head-missing-file.txt', 'v1-cat-two-files.txt']
      .flatMap((f) => readFileSync(LOCAL + f, 'utf8').split('\n'));
    const piece = fc.oneof(fc.constantFrom(...real), fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' ')));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.constantFrom('x.txt', 'cpu.max', 'cpu.cfs_quota_us', 'cpu.pressure'), (lines, name) => {
        const text = lines.join('\n');
        const { records, skipped } = parseText(cgroupCpuParser, text, name);
        expect(unaccountedLines(text, records, skipped)).toEqual([]);
        // A snapshot never holds two values of one name.
        for (const fs of perSnapshot(records)) {
          const names = fs.filter((f) => f.name !== 'cgroup.file').map((f) => f.name);
          expect(new Set(names).size).toBe(names.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
