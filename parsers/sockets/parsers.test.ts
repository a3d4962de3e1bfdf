import { describe, expect, it } from 'vitest';
import { fixtureLines, parseFixture } from '../../test/support/parse-fixture';
import { unaccountedLines } from '../lsof/accounting';
import type { FdCount } from '../lsof/model';
import type { ParserModule, SnapshotMeta } from '../types';
import type { SocketRecord, SocketRow } from './model';
import { netstatParser } from './netstat-parser';
import { ssParser } from './ss-parser';

const DIR = 'corpus/ss/';
const rowsOf = (recs: SocketRecord[]) => recs.filter((r): r is SocketRow => r.type === 'socket');
const count = <T>(xs: T[], f: (x: T) => string | undefined) => {
  const m: Record<string, number> = {};
  for (const x of xs) {
    const k = f(x) ?? '(none)';
    m[k] = (m[k] ?? 0) + 1;
  }
  return m;
};

interface Case {
  file: string;
  kind: 'ss' | 'netstat';
  rows: number;
  skipped: number;
  check?: (rows: SocketRow[], all: SocketRecord[], skipped: { line: number; reason: string }[]) => void;
}

const cases: Case[] = [
  {
    file: 'issue-dapnet-148-netstat-german-locale.txt', kind: 'netstat', rows: 16, skipped: 1,
    check(rows, _all, skipped) {
      expect(rows[0]).toMatchObject({ proto: 'tcp6', recvQ: 50, sendQ: 0, local: '44.225.164.27:43434', localPort: 43434, remote: '44.225.137.196:52158', remotePort: 52158, state: 'CLOSE_WAIT' });
      // German net-tools prints ESTABLISHED as VERBUNDEN
      expect(rows.find((r) => r.line === 11)).toMatchObject({ state: 'ESTABLISHED', recvQ: 0, remote: '44.224.57.198:53551' });
      expect(count(rows, (r) => r.state)).toEqual({ CLOSE_WAIT: 15, ESTABLISHED: 1 });
      expect(skipped[0]).toMatchObject({ line: 17, reason: 'not a netstat row' }); // cut mid-address by the paste
    },
  },
  {
    file: 'issue-garmadon-17-ss-np-close-wait.txt', kind: 'ss', rows: 2, skipped: 3,
    check(rows, all) {
      const c = all.filter((r): r is FdCount => r.type === 'fd-count');
      expect(c).toEqual([{ type: 'fd-count', command: 'ss -np|grep 33000|grep CLOSE-WAIT|wc -l', count: 26358, filter: '33000 | CLOSE-WAIT', tool: 'ss', line: 2 }]);
      expect(rows[0]).toMatchObject({ proto: 'tcp', state: 'CLOSE_WAIT', recvQ: 0, sendQ: 0, local: '127.0.0.1:33068', remote: '127.0.0.1:33000', remotePort: 33000, process: 'java', pid: 46695, fd: 4494 });
      expect(rows[1]).toMatchObject({ pid: 46695, fd: 26321 });
    },
  },
  {
    file: 'issue-haproxy-1453-ss-state-close-wait.txt', kind: 'ss', rows: 3, skipped: 3,
    check(rows, all, skipped) {
      // `state CLOSE-WAIT` removed the State column: the state comes from the command line
      expect(rows.map((r) => r.state)).toEqual(['CLOSE_WAIT', 'CLOSE_WAIT', 'CLOSE_WAIT']);
      expect(rows[1]).toMatchObject({ proto: 'tcp', recvQ: 34602, sendQ: 0, local: '1.2.3.4:37058', remote: '4.3.2.1:8082', process: 'haproxy', pid: 3768768, fd: 533701 });
      expect(skipped.map((s) => s.reason)).toEqual(['comment line', 'shell command', 'column header']);
      expect((all[0] as SnapshotMeta).command).toBe('sudo ss -tp state CLOSE-WAIT dst 4.3.2.1');
    },
  },
  {
    file: 'issue-jdk8u-dev-267-netstat-pant-close-wait-part1.txt', kind: 'netstat', rows: 14, skipped: 2,
    check(rows) {
      expect(rows.every((r) => r.state === 'CLOSE_WAIT' && r.pid === 31014 && r.process === 'java' && r.proto === 'tcp6')).toBe(true);
      expect(Math.max(...rows.map((r) => r.recvQ))).toBe(3069);
      expect(count(rows, (r) => String(r.localPort))).toEqual({ 8443: 1, 8445: 7, 8080: 6 });
    },
  },
  { file: 'issue-jdk8u-dev-267-netstat-pant-close-wait-part2.txt', kind: 'netstat', rows: 14, skipped: 1, check: (rows) => expect(rows[2]!.recvQ).toBe(1263) },
  {
    file: 'issue-jetty-2169-netstat-anp-v4mapped.txt', kind: 'netstat', rows: 8, skipped: 1,
    check(rows) {
      expect(rows[0]).toMatchObject({ proto: 'tcp', local: ':::8888', localPort: 8888, remote: ':::*', state: 'LISTEN', pid: 22664, process: 'java' });
      expect(rows[1]).toMatchObject({ recvQ: 144, local: '::ffff:172.31.24.254:8888', remote: '::ffff:172.31.30.64:57477', remotePort: 57477, state: 'CLOSE_WAIT' });
      expect(rows.filter((r) => r.state === 'CLOSE_WAIT')).toHaveLength(7);
    },
  },
  {
    file: 'issue-openfortivpn-540-netstat-anp-redacted.txt', kind: 'netstat', rows: 6, skipped: 0,
    check(rows) {
      expect(rows[0]).toMatchObject({ local: 'y.y.y.y:42124', remote: 'x.x.x.x:10443', remotePort: 10443, state: 'CLOSE_WAIT', pid: 5763, process: 'pppd', recvQ: 1 });
      expect(count(rows, (r) => String(r.pid))).toEqual({ 5763: 3, 7458: 2, 7505: 1 });
    },
  },
  {
    file: 'issue-trafficcontrol-900-netstat-html-br-artifacts.txt', kind: 'netstat', rows: 8, skipped: 2,
    check(rows, all) {
      // `<br/>` stripped: the program name is clean
      expect(rows[0]).toMatchObject({ recvQ: 32, local: '10.63.115.225:39667', remote: '10.63.115.224:443', state: 'CLOSE_WAIT', pid: 795, process: 'traffic_stats' });
      expect((all[0] as SnapshotMeta).command).toBe('sudo netstat -tunp|grep traffic_stats|head');
    },
  },
  {
    file: 'jc-centos-7.7_netstat-sudo-aeep.out', kind: 'netstat', rows: 160, skipped: 4,
    check(rows) {
      expect(count(rows, (r) => r.proto)).toEqual({ tcp: 2, tcp6: 4, udp: 2, udp6: 1, raw6: 1, unix: 150 });
      expect(rows.filter((r) => r.proto !== 'unix')).toHaveLength(10);
      expect(rows[0]).toMatchObject({ proto: 'tcp', local: 'localhost:smtp', remote: '0.0.0.0:*', state: 'LISTEN', inode: 22606, pid: 1489, process: 'master', info: { user: 'root' } });
      expect(rows.find((r) => r.line === 7)).toMatchObject({ state: 'ESTABLISHED', process: 'sshd: kbrazil', pid: 6492, inode: 63129 });
      // udp: empty State cell, User/Inode by column position
      expect(rows.find((r) => r.line === 9)).toMatchObject({ proto: 'udp', inode: 20830, pid: 1029, info: { user: 'root' } });
      expect(rows.find((r) => r.line === 9)!.state).toBeUndefined();
      expect(rows.find((r) => r.line === 17)).toMatchObject({ proto: 'unix', state: 'LISTEN', inode: 8981, pid: 1, process: 'systemd', local: '/run/systemd/journal/stdout', info: { type: 'STREAM', flags: 'ACC', refCnt: 2 } });
      expect(rows.find((r) => r.line === 15)!.state).toBeUndefined();
    },
  },
  {
    file: 'jc-centos-7.7_ss-sudo-a.out', kind: 'ss', rows: 203, skipped: 1,
    check(rows) {
      expect(count(rows, (r) => r.proto)).toEqual({ nl: 42, unix: 150, p_raw: 1, raw: 1, udp: 3, tcp: 6 });
      expect(rows[0]).toMatchObject({ proto: 'nl', state: 'UNCONN', recvQ: 768, local: 'rtnl:dockerd-current/1220', remote: '*' });
      expect(rows.find((r) => r.local === '/run/lvm/lvmetad.socket')).toMatchObject({ proto: 'unix', state: 'LISTEN', sendQ: 128, inode: 14005, info: { type: 'stream' } });
      expect(rows[rows.length - 1]).toMatchObject({ proto: 'tcp', state: 'ESTABLISHED', local: '[::1]:38134', localPort: 38134, remote: '[::1]:ssh' });
    },
  },
  {
    file: 'jc-generic_ss-wide.out', kind: 'ss', rows: 155, skipped: 1,
    check(rows) {
      expect(count(rows, (r) => r.state)).toEqual({ LISTEN: 29, UNCONN: 126 });
      expect(rows[0]).toMatchObject({ proto: 'udp', local: '0.0.0.0:50305', process: 'host', pid: 118409, fd: 20, inode: 64236321, info: { sk: '1', cgroup: '/system.slice/xinetd.service' } });
      const smtp = rows.find((r) => r.localPort === 587)!;
      expect(smtp).toMatchObject({ process: 'master', pid: 1978854, fd: 86, info: { users: 4 } });
      expect(rows.find((r) => r.local.startsWith('[fe80::9cc5'))).toMatchObject({ local: '[fe80::9cc5:aeff:fec5:34ae]%eth0:123', localPort: 123, info: { v6only: 1 } });
    },
  },
  {
    file: 'jc-osx-10.14.6_netstat-An.out', kind: 'netstat', rows: 138, skipped: 551,
    check(rows, _all, skipped) {
      expect(count(rows, (r) => r.proto)).toEqual({ tcp4: 22, tcp6: 27, udp4: 75, udp6: 7, udp46: 6, icm4: 1 });
      expect(rows.filter((r) => r.state === 'ESTABLISHED')).toHaveLength(43);
      // BSD dotted ports rewritten to host:port
      expect(rows[0]).toMatchObject({ proto: 'tcp4', local: '192.168.1.221:5486', localPort: 5486, remote: '140.82.113.26:443', remotePort: 443, state: 'ESTABLISHED' });
      expect(rows.find((r) => r.line === 140)).toMatchObject({ proto: 'icm4', recvQ: 8136, local: '*:*' });
      expect(skipped.filter((s) => s.reason.startsWith('netstat section not modelled'))).toHaveLength(545);
    },
  },
  {
    file: 'jc-ubuntu-18.04_netstat-sudo-lnp-space.out', kind: 'netstat', rows: 47, skipped: 4,
    check(rows) {
      expect(rows.find((r) => r.line === 5)).toMatchObject({ local: '0.0.0.0:22', state: 'LISTEN', pid: 600, process: 'sshd: /usr/sbin' });
      expect(rows.find((r) => r.line === 10)).toMatchObject({ pid: 1187, process: 'pgpool: watchd' });
      expect(rows.find((r) => r.line === 17)).toMatchObject({ proto: 'udp', pid: 1204, process: 'pgpool: heartb' });
      expect(rows.filter((r) => r.proto === 'unix').length).toBe(21);
    },
  },
  {
    file: 'jc-ubuntu-18.04_ss-sudo-tulpen.out', kind: 'ss', rows: 73, skipped: 1,
    check(rows) {
      expect(count(rows, (r) => r.state)).toEqual({ LISTEN: 58, UNCONN: 15 });
      expect(rows.filter((r) => r.pid !== undefined)).toHaveLength(72);
      expect(rows[1]).toMatchObject({ proto: 'udp', local: '0.0.0.0:5353', process: 'avahi-daemon', pid: 1510, fd: 12, inode: 25147, info: { uid: 112, sk: '2' } });
      expect(rows.find((r) => r.local === '127.0.0.53%lo:53')).toMatchObject({ localPort: 53, process: 'systemd-resolve' });
    },
  },
  {
    file: 'jc-windows_windows-10_netstat-aon.out', kind: 'netstat', rows: 208, skipped: 4,
    check(rows) {
      expect(count(rows, (r) => r.proto)).toEqual({ tcp: 56, tcp6: 15, udp: 124, udp6: 13 });
      expect(rows.filter((r) => r.proto.startsWith('tcp'))).toHaveLength(71);
      expect(rows.filter((r) => r.proto.startsWith('udp'))).toHaveLength(137);
      expect(count(rows.filter((r) => r.proto.startsWith('tcp')), (r) => r.state)).toEqual({ LISTEN: 39, ESTABLISHED: 32 });
      expect(rows.filter((r) => r.proto === 'tcp6')).toHaveLength(15);
      expect(rows[0]).toMatchObject({ proto: 'tcp', local: '0.0.0.0:135', localPort: 135, remote: '0.0.0.0:0', state: 'LISTEN', pid: 1712, recvQ: 0, sendQ: 0 });
      expect(rows[rows.length - 1]).toMatchObject({ proto: 'udp6', local: '[fe80::f5d1:8bf7:c410:e325%64]:52284', localPort: 52284, remote: '*:*', pid: 8844 });
    },
  },
];

const MODULES: Record<'ss' | 'netstat', ParserModule<SocketRecord>> = { ss: ssParser, netstat: netstatParser };

describe('ss/ fixtures (table-driven)', () => {
  it('covers all 15 files', () => expect(cases).toHaveLength(15));
  for (const c of cases) {
    it(`${c.file}: ${c.kind}, ${c.rows} rows`, () => {
      const lines = fixtureLines(DIR + c.file);
      const ss = ssParser.sniff({ name: DIR + c.file, lines });
      const ns = netstatParser.sniff({ name: DIR + c.file, lines });
      const mine = c.kind === 'ss' ? ss : ns;
      const other = c.kind === 'ss' ? ns : ss;
      expect(mine?.kind).toBe(c.kind);
      expect(mine!.confidence).toBeGreaterThanOrEqual(0.5);
      expect(other?.confidence ?? 0).toBeLessThan(0.3);
      const r = parseFixture(MODULES[c.kind], DIR + c.file);
      const rows = rowsOf(r.records);
      expect(rows).toHaveLength(c.rows);
      expect(r.skipped).toHaveLength(c.skipped);
      expect(r.records[0]!.type).toBe('snapshot');
      expect(unaccountedLines(r.records, r.skipped, r.lineCount)).toEqual([]);
      c.check?.(rows, r.records, r.skipped);
    });
  }
});
