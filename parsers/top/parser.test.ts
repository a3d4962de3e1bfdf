import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBytes, parseText, utcTime } from '../../test/support/parse-fixture';
import { corpusFiles, sniffInput, unaccountedLines } from '../jmap/test-helpers';
import type { SnapshotMeta } from '../types';
import type { TopRecord, TopSample } from './model';
import { topParser } from './parser';

const LOCAL = new URL('./__fixtures__/', import.meta.url).pathname;
const samples = (rs: TopRecord[]) => rs.filter((r): r is TopSample => r.type === 'top-sample');
const snapshots = (rs: TopRecord[]) => rs.filter((r): r is SnapshotMeta => r.type === 'snapshot');

function local(file: string) {
  const bytes = readFileSync(LOCAL + file);
  return { ...parseBytes(topParser, bytes, file), text: bytes.toString('utf8') };
}

describe('topParser on real procps-ng 4.0.2 output (parsers/top/__fixtures__, made by make-fixtures.sh)', () => {
  it.each([
    ['top-b-n3-c.txt', 3, [2, 2, 2], false],
    ['top-H-b-jvm-threads.txt', 2, [19, 19], true],
    ['top-collector-date-loop.txt', 2, [2, 2], false],
  ] as const)('%s: %i iterations, every line accounted for', (file, n, taskCounts, threads) => {
    const { records, skipped, text } = local(file);
    expect(snapshots(records)).toHaveLength(n);
    expect(samples(records).map((s) => s.tasks.length)).toEqual(taskCounts);
    expect(samples(records).every((s) => s.threads === threads)).toBe(true);
    expect(skipped).toEqual([]);
    expect(unaccountedLines(text, records, skipped)).toEqual([]);
    expect(topParser.sniff({ name: file, lines: text.split('\n') })).toMatchObject({ kind: 'top', confidence: 0.95 });
  });

  it('reads the summary and the full command lines of top -c', () => {
    const [first, second] = samples(local('top-b-n3-c.txt').records);
    expect(first).toMatchObject({
      clock: '03:47:39', uptimeText: '29 min', users: 0, load: [0.06, 0.05, 0.02], line: 1, endLine: 9,
      counts: { total: 2, running: 1, sleeping: 1, stopped: 0, zombie: 0 },
      cpu: { us: 0, sy: 0, ni: 0, id: 100, wa: 0, hi: 0, si: 0, st: 0 },
      mem: { totalKb: Math.round(24105.6 * 1024), freeKb: Math.round(23732.2 * 1024), usedKb: Math.round(359 * 1024), buffCacheKb: Math.round(241.4 * 1024), availKb: Math.round(23746.6 * 1024), swapTotalKb: 0 },
    });
    expect(first!.tasks[0]).toEqual({
      pid: 12428, user: 'root', cpu: 100, mem: 0, state: 'R', time: '0:01.34', command: 'sh -c while :; do :; done', resKb: 1704, virtKb: 2592, shrKb: 1600, line: 8,
    });
    expect(first!.tasks[1]!.command).toBe('java -Xmx64m -cp /tmp/tmp.tZjPDBPDvt Alloc wait');
    expect(second!.cpu).toMatchObject({ us: 50.4, sy: 0.4, id: 49.1 });
  });

  it('reads thread names with spaces under top -H', () => {
    const [s] = samples(local('top-H-b-jvm-threads.txt').records);
    expect(s!.counts!.total).toBe(19);
    expect(s!.tasks.map((t) => t.command)).toContain('GC Thread+');
    expect(s!.tasks.find((t) => t.command === 'VM Thread')).toMatchObject({ pid: 12437, state: 'S' });
  });

  it("dates iterations by top's clock on the reference day, or by the collector's date header", () => {
    expect(snapshots(local('top-b-n3-c.txt').records).map((s) => [s.capturedAt, s.timeSource, s.tq, s.line])).toEqual([
      [Date.UTC(2026, 10, 22, 3, 47, 39), 'tool', 'assumed', 1], [Date.UTC(2026, 10, 22, 3, 47, 40), 'tool', 'assumed', 11],
      [Date.UTC(2026, 10, 22, 3, 47, 41), 'tool', 'assumed', 21],
    ]);
    expect(snapshots(local('top-collector-date-loop.txt').records).map((s) => [s.capturedAt, s.timeSource, s.tq, s.line])).toEqual([
      [Date.UTC(2026, 10, 22, 3, 47, 43), 'header', 'explicit', 1], [Date.UTC(2026, 10, 22, 3, 47, 44), 'header', 'explicit', 11],
    ]);
    const noDay = parseBytes(topParser, readFileSync(LOCAL + 'top-b-n3-c.txt'), 'x', utcTime(null));
    expect(snapshots(noDay.records).map((s) => s.capturedAt)).toEqual([null, null, null]);
  });
});

describe('topParser on pasted output of other top versions', () => {
  it('reads procps 3.2 (zhangyachen/zhangyachen.github.io#64): "Cpu(s): 21.7% us", "Mem: …k total", 5740m/1.0g sizes', () => {
    const text = [
      'top - 22:30:58 up 375 days,  2:54,  1 user,  load average: 1.58, 2.79, 4.16',
      'Tasks: 738 total,   1 running, 735 sleeping,   1 stopped,   1 zombie',
      'Cpu(s): 21.7% us,  5.4% sy,  2.2% ni, 69.4% id,  0.0% wa,  0.0% hi,  1.3% si',
      'Mem:  65968872k total, 58338664k used,  7630208k free,  1144832k buffers',
      'Swap:        0k total,        0k used,        0k free, 39128520k cached',
      '',
      '  PID USER      PR  NI  VIRT  RES  SHR S %CPU %MEM    TIME+  COMMAND                                                                  ',
      ' 2729 work      20   0 5740m 468m  10m S 47.3  0.7  11473:56 hhvm_bin                                                                 ',
      '21321 work      20   0 9392m 1.0g  19m S 21.8  1.6   7043:35 hhvm_bin                                                                 ',
    ].join('\n');
    const { records, skipped } = parseText(topParser, text);
    const [s] = samples(records);
    expect(s).toMatchObject({
      uptimeText: '375 days,  2:54', users: 1, load: [1.58, 2.79, 4.16], counts: { total: 738, zombie: 1 },
      cpu: { us: 21.7, sy: 5.4, ni: 2.2, id: 69.4, wa: 0, hi: 0, si: 1.3, st: 0 },
      mem: { totalKb: 65968872, usedKb: 58338664, freeKb: 7630208, buffCacheKb: 1144832, swapTotalKb: 0, cachedKb: 39128520 },
    });
    expect(s!.tasks).toEqual([
      { pid: 2729, user: 'work', cpu: 47.3, mem: 0.7, state: 'S', time: '11473:56', command: 'hhvm_bin', resKb: 468 * 1024, virtKb: 5740 * 1024, shrKb: 10 * 1024, line: 8 },
      { pid: 21321, user: 'work', cpu: 21.8, mem: 1.6, state: 'S', time: '7043:35', command: 'hhvm_bin', resKb: 1024 ** 2, virtKb: 9392 * 1024, shrKb: 19 * 1024, line: 9 },
    ]);
    expect(skipped).toEqual([]);
  });

  it('reads procps 3.3 "KiB Mem:" from a paste that starts at Tasks: (docker/docker-registry#1082)', () => {
    const text = [
      'Tasks:   2 total,   1 running,   1 sleeping,   0 stopped,   0 zombie',
      '%Cpu(s): 10.6 us,  5.6 sy,  0.0 ni, 83.8 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st',
      'KiB Mem:   2040836 total,  1905172 used,   135664 free,   126276 buffers',
      'KiB Swap:   522236 total,       24 used,   522212 free.  1195708 cached Mem',
      '',
      '  PID USER      PR  NI    VIRT    RES    SHR S %CPU %MEM     TIME+ COMMAND       ',
      '    1 root      20   0   18180   3272   2784 S  0.0  0.2   0:00.21 bash          ',
      '   15 root      20   0   19880   2400   2044 R  0.0  0.1   0:00.80 top          ',
    ].join('\n');
    const { records, skipped } = parseText(topParser, text);
    expect(snapshots(records)).toEqual([{ type: 'snapshot', capturedAt: null, timeSource: null, line: 1, command: 'top' }]);
    expect(samples(records)[0]).toMatchObject({
      line: 1, endLine: 8, mem: { totalKb: 2040836, usedKb: 1905172, freeKb: 135664, buffCacheKb: 126276, swapUsedKb: 24, cachedKb: 1195708 },
    });
    expect(samples(records)[0]!.tasks.map((t) => [t.pid, t.command, t.state])).toEqual([[1, 'bash', 'S'], [15, 'top', 'R']]);
    expect(skipped).toEqual([]);
  });

  it("reads busybox top (rancher/os#39): no %MEM column, VSZ sizes, 'CPU:' and 'Load average:' lines", () => {
    const text = [
      'Mem: 449532K used, 159356K free, 0K shrd, 0K buff, 139914323006485K cached',
      'CPU:   0% usr   0% sys   0% nic  99% idle   0% io   0% irq   0% sirq',
      'Load average: 0.00 0.01 0.05 1/111 598',
      '  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND',
      '    1     0 root     S     700m 118%   0% docker -d -s overlay -b none --restart',
      '  548   546 rancher  S    20088   3%   0% sshd: rancher@pts/4',
    ].join('\n');
    const { records, skipped } = parseText(topParser, text);
    const [s] = samples(records);
    expect(s).toMatchObject({ load: [0, 0.01, 0.05], cpu: { us: 0, id: 99 }, mem: { usedKb: 449532, freeKb: 159356 }, line: 1, endLine: 6 });
    expect(s!.tasks).toEqual([
      { pid: 1, user: 'root', cpu: 0, mem: null, state: 'S', time: '', command: 'docker -d -s overlay -b none --restart', virtKb: 700 * 1024, line: 5 },
      { pid: 548, user: 'rancher', cpu: 0, mem: null, state: 'S', time: '', command: 'sshd: rancher@pts/4', virtKb: 20088, line: 6 },
    ]);
    expect(skipped).toEqual([]);
  });

  it('keeps graph-mode meters inside the sample without inventing numbers (kubernetes/minikube#7987)', () => {
    const text = [
      'top - 10:39:10 up 40 min,  1 user,  load average: 0.45, 1.28, 1.85',
      'Tasks: 269 total,   1 running, 268 sleeping,   0 stopped,   0 zombie',
      '%Cpu0  :   3.5/2.8     6[|||||||                                    ]',
      'GiB Mem : 28.2/7.8      [                                            ]',
      'GiB Swap:  0.0/0.0      [                                            ]',
    ].join('\n');
    const { records, skipped } = parseText(topParser, text);
    expect(samples(records)[0]).toEqual({
      type: 'top-sample', clock: '10:39:10', uptimeText: '40 min', users: 1, load: [0.45, 1.28, 1.85],
      counts: { total: 269, running: 1, sleeping: 268, stopped: 0, zombie: 0 }, tasks: [], threads: false, line: 1, endLine: 5,
    });
    expect(skipped).toEqual([]);
  });

  it('rolls the day over past midnight and reports stray lines and bad rows', () => {
    const head = (clock: string) => [`top - ${clock} up 1 day,  2 users,  load average: 0,50, 0,40, 0,30`, '  PID USER S %CPU COMMAND', ' 42 app R 99,5 java'];
    const text = [...head('23:59:58'), 'noise', ...head('00:00:01'), ' 43 app', '# captured 2026-11-23T01:00:00Z'].join('\n');
    const { records, skipped } = parseText(topParser, text);
    expect(snapshots(records).map((s) => s.capturedAt)).toEqual([Date.UTC(2026, 10, 22, 23, 59, 58), Date.UTC(2026, 10, 23, 0, 0, 1)]);
    expect(samples(records)[0]).toMatchObject({ load: [0.5, 0.4, 0.3], users: 2, uptimeText: '1 day', tasks: [{ pid: 42, cpu: 99.5, mem: null, command: 'java' }] });
    expect(skipped.map((s) => [s.line, s.reason])).toEqual([
      [4, 'not part of a top iteration'],
      [8, 'task row has 2 of 5 columns'],
      [9, 'capture header without a top iteration'],
    ]);
  });

  it('never throws and accounts for every line, whatever the input', () => {
    const piece = fc.constantFrom(
      'top - 03:47:39 up 29 min,  0 user,  load average: 0.06, 0.05, 0.02', 'Tasks:   2 total,   1 running,   1 sleeping,   0 stopped,   0 zombie',
      'Threads:  19 total', '%Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st ',
      'MiB Mem :  24105.6 total,  23732.2 free,    359.0 used,    241.4 buff/cache     ', '',
      '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND', '12428 root      20   0    2592   1704   1600 R 100.0   0.0   0:01.34 sh -c x',
      '12 root', 'Sun Nov 22 03:47:43 UTC 2026', 'Mem: 1K used, 2K free', 'CPU:   0% usr   0% sys   0% nic  99% idle',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 40 })), { maxLength: 40 }), (lines) => {
        const text = lines.join('\n');
        const { records, skipped } = parseText(topParser, text);
        expect(unaccountedLines(text, records as TopRecord[], skipped)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sniffTop', () => {
  it.each(corpusFiles(['hikari', 'jstack', 'goroutine', 'lsof', 'ss', 'pino', 'heap', 'gc']))('does not claim %s', (rel) => {
    expect(topParser.sniff(sniffInput(rel))?.confidence ?? 0).toBeLessThan(0.3);
  });
});
