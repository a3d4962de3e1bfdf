import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureLines, parseFixture, parseText } from '../../test/support/parse-fixture';
import type { SnapshotMeta } from '../types';
import { unaccountedLines } from './accounting';
import type { FdCount, FdRow, LsofRecord } from './model';
import { lsofParser } from './parser';

const DIR = 'corpus/lsof/';
const rowsOf = (recs: LsofRecord[]) => recs.filter((r): r is FdRow => r.type === 'fd');
const metasOf = (recs: LsofRecord[]) => recs.filter((r): r is SnapshotMeta => r.type === 'snapshot');
const countsOf = (recs: LsofRecord[]) => recs.filter((r): r is FdCount => r.type === 'fd-count');

describe('lsof fixtures (table-driven)', () => {
  const cases: { file: string; rows: number; skipped: number; snapshots: number; check?: (rows: FdRow[], all: LsofRecord[]) => void }[] = [
    {
      file: 'jc-centos-7.7_lsof-sudo.out', rows: 3389, skipped: 1, snapshots: 1,
      check(rows) {
        expect(rows.filter((r) => r.tid !== undefined)).toHaveLength(1631);
        expect(rows.filter((r) => r.fdType === 'IPv4')).toHaveLength(6);
        expect(rows.filter((r) => r.fdType === 'IPv6')).toHaveLength(3);
        const sshd = rows.find((r) => r.line === 3125)!;
        expect(sshd).toMatchObject({ command: 'sshd', pid: 4314, user: 'root', fd: '3u', fdNum: 3, mode: 'u', fdType: 'IPv4', device: '44866', sizeOff: '0t0', node: 'TCP', protocol: 'TCP', local: 'localhost.localdomain:ssh', remote: '192.168.71.1:58727', state: 'ESTABLISHED' });
        // a per-thread row: TID column filled, COMMAND is the thread's
        expect(rows.find((r) => r.line === 515)).toMatchObject({ command: 'dbus-daem', pid: 778, tid: 779, fd: 'cwd', fdType: 'DIR', name: '/' });
        // netlink: DEVICE empty, SIZE/OFF and NODE present
        const nl = rows.find((r) => r.fdType === 'netlink')!;
        expect(nl.device).toBeUndefined();
        expect(nl).toMatchObject({ sizeOff: '0t0', node: '13770', name: 'KOBJECT_UEVENT' });
        // DEL row: SIZE/OFF empty
        expect(rows.find((r) => r.fd === 'DEL')).toMatchObject({ command: 'firewalld', pid: 823, fdType: 'REG', device: '253,0', node: '16777637', name: '/tmp/ffiCvbwRW' });
        expect(rows.find((r) => r.fd === 'DEL')!.sizeOff).toBeUndefined();
        // kernel thread with unknown type and no device/size/node
        expect(rows.find((r) => r.line === 73)).toMatchObject({ command: 'kthreadd', pid: 2, fd: 'txt', fdType: 'unknown', name: '/proc/2/exe' });
        expect(rows.find((r) => r.line === 1015)).toMatchObject({ protocol: 'UDP', local: 'localhost:323', fdType: 'IPv4' });
        expect(rows.find((r) => r.line === 1015)!.remote).toBeUndefined();
        expect(rows.find((r) => r.fd === '7uW')).toMatchObject({ fdNum: 7, mode: 'u' });
      },
    },
    {
      file: 'jc-ubuntu-18.04_lsof.out', rows: 975, skipped: 1, snapshots: 1,
      check(rows) {
        expect(rows.filter((r) => r.fd === 'NOFD')).toHaveLength(201);
        expect(rows.filter((r) => r.name.includes('Permission denied'))).toHaveLength(804);
        expect(rows[0]).toMatchObject({ command: 'systemd', pid: 1, user: 'root', fd: 'cwd', fdType: 'unknown', name: '/proc/1/cwd (readlink: Permission denied)' });
        const nofd = rows.find((r) => r.fd === 'NOFD')!;
        expect(nofd).toMatchObject({ fdType: '', name: '/proc/1/fd (opendir: Permission denied)' });
        expect(rows.find((r) => r.user === 'messagebus')).toMatchObject({ command: 'dbus-daem', pid: 1048 });
      },
    },
    {
      file: 'issue-proxyee-45-macos-lsof-i.txt', rows: 12, skipped: 2, snapshots: 1,
      check(rows) {
        expect(rows[0]).toMatchObject({ command: 'java', pid: 9581, user: 'didi', fd: '119u', fdType: 'IPv6', device: '0x66767b91b9b028dd', protocol: 'TCP', local: '*:distinct', state: 'LISTEN' });
        expect(rows[1]).toMatchObject({ local: 'localhost:distinct', remote: 'localhost:53144', state: 'ESTABLISHED' });
        // the last row was cut mid-line by the paste: the remote end has no port
        expect(rows[11]).toMatchObject({ fd: '131u', local: 'localhost:65339', remote: 'localhost' });
      },
    },
    {
      file: 'issue-sslh-456-lsof-sock-protocol-tcp.txt', rows: 7, skipped: 0, snapshots: 1,
      check(rows) {
        expect(rows[0]).toMatchObject({ command: 'sslh', pid: 79085, user: 'sslh', fd: '1017u', fdNum: 1017, fdType: 'sock', device: '0,9', sizeOff: '0t0', node: '4982348', protocol: 'TCP', name: 'protocol: TCP' });
        expect(rows[6]).toMatchObject({ fdType: 'IPv4', local: '64151.provider:https', remote: '83.123.142.38:9178', state: 'ESTABLISHED' });
      },
    },
    {
      file: 'issue-wvp-1470-lsof-close-wait.txt', rows: 12, skipped: 1, snapshots: 1,
      check(rows) {
        // the user's copy cut the leading "j" of the first row
        expect(rows[0]).toMatchObject({ command: 'ava', pid: 14184, fd: '291u', fdType: 'IPv6', local: 'ecs-999f:11592', remote: 'ecs-999f:63327', state: 'CLOSE_WAIT' });
        expect(rows.every((r) => r.state === 'CLOSE_WAIT')).toBe(true);
      },
    },
    {
      file: 'issue-pm2-603-lsof-repeated-log-fds.txt', rows: 3, skipped: 1, snapshots: 1,
      check(rows) {
        expect(rows.map((r) => r.fd)).toEqual(['965w', '966w', '967w']);
        expect(rows[0]).toMatchObject({ command: 'node', pid: 29520, user: 'ubuntu', mode: 'w', fdType: 'REG', device: '202,1', sizeOff: '2791568', node: '413813', name: '/home/ubuntu/.pm2/logs/receiver-err-0.log' });
      },
    },
    {
      file: 'issue-http-kit-326-proc-fd-sockets.txt', rows: 8, skipped: 0, snapshots: 1,
      check(rows) {
        expect(rows[0]).toMatchObject({ fd: '90u', fdNum: 90, mode: 'u', user: 'tomcat7', fdType: 'socket', node: '23049313', pid: 0, command: '' });
        expect(rows.every((r) => r.fdType === 'socket')).toBe(true);
      },
    },
    {
      file: 'issue-lantern-1422-lsof-wc-close-wait.txt', rows: 0, skipped: 2, snapshots: 2,
      check(_rows, all) {
        const counts = countsOf(all);
        expect(counts.map((c) => c.count)).toEqual([3526, 3493]);
        expect(counts[0]).toMatchObject({ command: 'lsof -p 14204 | grep TCP | wc -l', filter: 'TCP', pid: 14204, tool: 'lsof', line: 2 });
        expect(counts[1]).toMatchObject({ filter: 'CLOSE_WAIT', pid: 14204, line: 4 });
        expect(metasOf(all).map((m) => m.pid)).toEqual([14204, 14204]);
      },
    },
  ];

  for (const c of cases) {
    it(`${c.file}: sniffed as lsof, ${c.rows} rows`, () => {
      const sniff = lsofParser.sniff({ name: DIR + c.file, lines: fixtureLines(DIR + c.file) });
      expect(sniff?.kind).toBe('lsof');
      expect(sniff!.confidence).toBeGreaterThanOrEqual(0.5);
      const r = parseFixture(lsofParser, DIR + c.file);
      const rows = rowsOf(r.records);
      expect(rows).toHaveLength(c.rows);
      expect(r.skipped).toHaveLength(c.skipped);
      expect(metasOf(r.records)).toHaveLength(c.snapshots);
      expect(r.records[0]!.type).toBe('snapshot');
      expect(unaccountedLines(r.records, r.skipped, r.lineCount)).toEqual([]);
      c.check?.(rows, r.records);
    });
  }

  it('reports why it skipped lines', () => {
    expect(parseFixture(lsofParser, DIR + 'issue-pm2-603-lsof-repeated-log-fds.txt').skipped[0]).toMatchObject({ line: 4, reason: 'elision in paste' });
    expect(parseFixture(lsofParser, DIR + 'issue-wvp-1470-lsof-close-wait.txt').skipped[0]).toMatchObject({ line: 13, reason: 'not an lsof row' });
    expect(parseFixture(lsofParser, DIR + 'issue-proxyee-45-macos-lsof-i.txt').skipped.map((s) => s.reason)).toEqual(['shell command', 'column header']);
  });
});

/**
 * Hand-written, realistic: a collector loop appending `date -u; lsof -nP -p PID` for the api
 * gateway of incident 1 (sockets to one gRPC peer growing); columns aligned the way lsof aligns them.
 */
const MULTI = [
  'Sun Nov 22 02:55:30 UTC 2026',
  'COMMAND    PID USER   FD   TYPE   DEVICE SIZE/OFF    NODE NAME',
  'api_gatew 4242  app  cwd    DIR    253,0     4096 1048577 /srv/gateway',
  'api_gatew 4242  app    3u  IPv4 81234567      0t0     TCP 10.0.3.7:8080 (LISTEN)',
  'api_gatew 4242  app    7u  IPv4 81234601      0t0     TCP 10.0.3.7:51234->10.0.5.20:9090 (ESTABLISHED)',
  '# captured 2026-11-22T03:05:30Z host=gw-1 pid=4242 cmd=lsof -nP -p 4242',
  'COMMAND    PID USER   FD   TYPE   DEVICE SIZE/OFF    NODE NAME',
  'api_gatew 4242  app  cwd    DIR    253,0     4096 1048577 /srv/gateway',
  'api_gatew 4242  app    3u  IPv4 81234567      0t0     TCP 10.0.3.7:8080 (LISTEN)',
  'api_gatew 4242  app    7u  IPv4 81234601      0t0     TCP 10.0.3.7:51234->10.0.5.20:9090 (ESTABLISHED)',
  'api_gatew 4242  app    8u  IPv4 81234602      0t0     TCP 10.0.3.7:51236->10.0.5.20:9090 (ESTABLISHED)',
  'api_gatew 4242  app    9u  IPv4 81234603      0t0     TCP 10.0.3.7:51238->10.0.5.20:9090 (CLOSE_WAIT)',
  '',
  '# captured 2026-11-22T03:15:30Z host=gw-1 pid=4242 cmd=lsof -nP -p 4242',
  'lsof: no process ID specified',
].join('\n');

describe('multi-snapshot file (hand-written)', () => {
  it('starts a snapshot at every capture header, with its time, host and pid', () => {
    const r = parseText(lsofParser, MULTI, 'lsof-loop.txt');
    const metas = metasOf(r.records);
    expect(metas).toHaveLength(3);
    expect(metas[0]).toMatchObject({ capturedAt: Date.UTC(2026, 10, 22, 2, 55, 30), timeSource: 'header', line: 1 });
    expect(metas[1]).toMatchObject({ capturedAt: Date.UTC(2026, 10, 22, 3, 5, 30), timeSource: 'header', host: 'gw-1', pid: 4242, command: 'lsof -nP -p 4242', line: 6 });
    // the last snapshot has no rows: still emitted (the process was gone)
    expect(metas[2]).toMatchObject({ capturedAt: Date.UTC(2026, 10, 22, 3, 15, 30), line: 14 });
    // rows follow their snapshot
    const order = r.records.map((x) => x.type);
    expect(order).toEqual(['snapshot', 'fd', 'fd', 'fd', 'snapshot', 'fd', 'fd', 'fd', 'fd', 'fd', 'snapshot']);
    const rows = rowsOf(r.records);
    expect(rows[5]).toMatchObject({ command: 'api_gatew', pid: 4242, user: 'app', fd: '7u', remote: '10.0.5.20:9090', state: 'ESTABLISHED', line: 10 });
    expect(rows[7]).toMatchObject({ fd: '9u', state: 'CLOSE_WAIT' });
    expect(r.skipped.map((s) => s.reason)).toEqual(['column header', 'column header', 'blank line', 'lsof warning']);
    expect(unaccountedLines(r.records, r.skipped, r.lineCount)).toEqual([]);
  });

  it('a new lsof header after rows starts an untimed snapshot', () => {
    const text = MULTI.split('\n').filter((l) => !l.startsWith('#') && !l.startsWith('Sun')).join('\n');
    const metas = metasOf(parseText(lsofParser, text).records);
    expect(metas.map((m) => [m.capturedAt, m.line])).toEqual([[null, 1], [null, 5]]);
  });
});

describe('shell transcripts', () => {
  it('reads prompts, sudo and `ls -l /proc/PID/fd` with the pid from the command', () => {
    const text = [
      '[root@web-1 ~]# ls -l /proc/31014/fd | head',
      'total 0',
      'lr-x------ 1 tomcat tomcat 64 Nov 22 02:55 0 -> /dev/null',
      'l-wx------ 1 tomcat tomcat 64 Nov 22 02:55 1 -> /opt/tomcat/logs/catalina.out',
      'lrwx------ 1 tomcat tomcat 64 Nov 22 02:55 5 -> anon_inode:[eventpoll]',
      'lr-x------ 1 tomcat tomcat 64 Nov 22 02:55 7 -> pipe:[991201]',
      'lrwx------ 1 tomcat tomcat 64 Nov 22 02:55 12 -> socket:[23049313]',
      '$ sudo lsof -p 31014 | wc -l',
      '   4123',
    ].join('\n');
    const r = parseText(lsofParser, text);
    const rows = rowsOf(r.records);
    expect(rows.map((x) => [x.fd, x.fdType, x.pid])).toEqual([
      ['0r', 'REG', 31014], ['1w', 'REG', 31014], ['5u', 'anon_inode', 31014], ['7r', 'pipe', 31014], ['12u', 'socket', 31014],
    ]);
    expect(rows[2]!.name).toBe('eventpoll');
    expect(rows[3]!.node).toBe('991201');
    expect(countsOf(r.records)).toEqual([{ type: 'fd-count', command: 'sudo lsof -p 31014 | wc -l', count: 4123, pid: 31014, tool: 'lsof', line: 9 }]);
    expect(metasOf(r.records).map((m) => m.pid)).toEqual([31014, 31014]);
    expect(unaccountedLines(r.records, r.skipped, r.lineCount)).toEqual([]);
  });

  it('counts from `lsof -i 4 | grep api_gateway | wc -l` (incident 1)', () => {
    const r = parseText(lsofParser, '$ lsof -i 4 | grep api_gateway | wc -l\n4081\n$ lsof -i 4 | grep api_gateway | wc -l\n311\n');
    expect(countsOf(r.records).map((c) => [c.count, c.filter])).toEqual([[4081, 'api_gateway'], [311, 'api_gateway']]);
  });
});

describe('newer lsof and ls layouts (hand-written in the layouts of lsof 4.9x and coreutils 8.3x)', () => {
  it('TASKCMD column, thread names with spaces, empty TID on process rows', () => {
    const text = [
      'COMMAND       PID     TID TASKCMD               USER   FD      TYPE             DEVICE  SIZE/OFF       NODE NAME',
      'java         2211                                app   87u     IPv4           81234601       0t0        TCP 10.0.1.5:7000->10.0.2.9:51544 (ESTABLISHED)',
      'java         2211    2230 VM Thread              app   87u     IPv4           81234601       0t0        TCP 10.0.1.5:7000->10.0.2.9:51544 (ESTABLISHED)',
      'java         2211    2231 C2 CompilerThre        app  mem       REG              253,0   1369352    1841154 /usr/lib/jvm/lib/server/libjvm.so',
      'container 2134296                               root   13r     FIFO               0,14       0t0   74872777 pipe',
    ].join('\n');
    const rows = rowsOf(parseText(lsofParser, text).records);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ command: 'java', pid: 2211, user: 'app', fd: '87u', fdType: 'IPv4', remote: '10.0.2.9:51544' });
    expect(rows[0]!.tid).toBeUndefined();
    expect(rows[1]).toMatchObject({ tid: 2230, taskCommand: 'VM Thread', user: 'app', fd: '87u' });
    expect(rows[2]).toMatchObject({ tid: 2231, taskCommand: 'C2 CompilerThre', fd: 'mem', fdType: 'REG', device: '253,0' });
    expect(rows[3]).toMatchObject({ command: 'container', pid: 2134296, fd: '13r', mode: 'r', fdType: 'FIFO', node: '74872777', name: 'pipe' });
  });

  it('thread rows survive a paste that lost the alignment', () => {
    const rows = rowsOf(parseText(lsofParser, 'java 2211 2230 VM Thread app 87u IPv4 81234601 0t0 TCP 10.0.1.5:7000->10.0.2.9:51544 (ESTABLISHED)').records);
    expect(rows[0]).toMatchObject({ pid: 2211, tid: 2230, taskCommand: 'VM Thread', user: 'app', fd: '87u', state: 'ESTABLISHED' });
  });

  it('macOS rows: KQUEUE and systm without NODE, hex DEVICE, service-name port (with and without the header)', () => {
    const lines = [
      'COMMAND   PID USER   FD     TYPE             DEVICE  SIZE/OFF      NODE NAME',
      'Dock      402   me  txt      REG                1,4   1168016   1497416 /usr/lib/dyld',
      'Dock      402   me    3u  KQUEUE                                        count=0, state=0xa',
      'Dock      402   me    5u   systm 0x1f0ff5c3e4b2d9a1       0t0           [ctl com.apple.netsrc id 6 unit 32]',
      'Dock      402   me    6u    unix 0x1f0ff5c3e4b2d9b1       0t0           ->0x1f0ff5c3e4b2d9b9',
      'Dock      402   me    7u    IPv4 0x1f0ff5c3e4b2d9c1       0t0       TCP 192.168.1.2:52345->17.1.2.3:https (CLOSE_WAIT)',
    ];
    for (const text of [lines.join('\n'), lines.slice(1).join('\n')]) {
      const rows = rowsOf(parseText(lsofParser, text).records);
      expect(rows.map((r) => [r.fd, r.fdType, r.device, r.sizeOff, r.node, r.name])).toEqual([
        ['txt', 'REG', '1,4', '1168016', '1497416', '/usr/lib/dyld'],
        ['3u', 'KQUEUE', undefined, undefined, undefined, 'count=0, state=0xa'],
        ['5u', 'systm', '0x1f0ff5c3e4b2d9a1', '0t0', undefined, '[ctl com.apple.netsrc id 6 unit 32]'],
        ['6u', 'unix', '0x1f0ff5c3e4b2d9b1', '0t0', undefined, '->0x1f0ff5c3e4b2d9b9'],
        ['7u', 'IPv4', '0x1f0ff5c3e4b2d9c1', '0t0', 'TCP', '192.168.1.2:52345->17.1.2.3:https (CLOSE_WAIT)'],
      ]);
      expect(rows[4]).toMatchObject({ protocol: 'TCP', local: '192.168.1.2:52345', remote: '17.1.2.3:https', state: 'CLOSE_WAIT' });
    }
  });

  it('quoted link targets of newer ls', () => {
    const rows = rowsOf(parseText(lsofParser, "$ sudo ls -l /proc/4242/fd\nl-wx------ 1 root root 64 Apr  1 12:04 1 -> 'pipe:[74872777]'\nlrwx------ 1 root root 64 Apr  1 12:04 9 -> 'socket:[991]'").records);
    expect(rows.map((r) => [r.fd, r.fdType, r.node, r.pid])).toEqual([['1w', 'pipe', '74872777', 4242], ['9u', 'socket', '991', 4242]]);
  });
});

describe('robustness', () => {
  it('never throws and accounts for every line (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        'COMMAND    PID USER   FD   TYPE DEVICE SIZE/OFF NODE NAME',
        'java    14184 root  291u  IPv6 150703      0t0  TCP a:1->b:2 (CLOSE_WAIT)',
        '$ lsof -p 1 | wc -l', '42', '...', '# captured 2026-11-22T02:55:30Z', 'lrwx------ 1 u g 64 Jan 1 00:00 12 -> socket:[1',
        'java 1 2 3 4 5 6 7 8 9', '', '\t', '->', '(', 'lsof',
      ),
      fc.string({ maxLength: 80 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (lines) => {
        const text = lines.map((l) => l.replace(/[\r\n]/g, ' ')).join('\n');
        const r = parseText(lsofParser, text);
        expect(unaccountedLines(r.records, r.skipped, r.lineCount)).toEqual([]);
        for (const rec of r.records) if (rec.type === 'fd') expect(Number.isFinite(rec.pid)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
