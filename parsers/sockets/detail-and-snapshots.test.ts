import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../test/support/parse-fixture';
import { unaccountedLines } from '../lsof/accounting';
import type { SnapshotMeta } from '../types';
import type { SocketRecord, SocketRow } from './model';
import { netstatParser } from './netstat-parser';
import { ssParser } from './ss-parser';

const rowsOf = (recs: SocketRecord[]) => recs.filter((r): r is SocketRow => r.type === 'socket');
const metasOf = (recs: SocketRecord[]) => recs.filter((r): r is SnapshotMeta => r.type === 'snapshot');

/**
 * Hand-written, realistic: the heartbeat server of incident 5 sampled every 30 s with
 * `date -Is; ss -tnpi sport = :7000`; its Recv-Q toward one client grows between snapshots.
 * Detail lines are indented with a tab, as ss prints them.
 */
const HEARTBEAT = [
  '2026-11-22T16:00:00+09:00',
  'State  Recv-Q Send-Q    Local Address:Port     Peer Address:Port Process',
  'ESTAB  0      0             10.0.1.5:7000        10.0.2.9:51544 users:(("java",pid=2211,fd=87))',
  '\t cubic wscale:7,7 rto:204 rtt:0.53/0.21 ato:40 mss:1448 pmtu:1500 rcvmss:1448 advmss:1448 cwnd:10 bytes_sent:9120 bytes_acked:9121 bytes_received:20480 segs_out:160 segs_in:321 data_segs_out:80 data_segs_in:160 send 218.6Mbps lastsnd:120 lastrcv:110 lastack:110 pacing_rate 437.1Mbps delivery_rate 98.1Mbps delivered:81 app_limited busy:60ms rcv_space:14480 rcv_ssthresh:64088 minrtt:0.2',
  'ESTAB  0      0             10.0.1.5:7000        10.0.2.7:40110 users:(("java",pid=2211,fd=88))',
  '\t cubic wscale:7,7 rto:204 rtt:0.61/0.3 mss:1448 cwnd:10 bytes_acked:512 bytes_received:1024 segs_out:12 segs_in:20',
  '2026-11-22T16:00:30+09:00',
  'State  Recv-Q Send-Q    Local Address:Port     Peer Address:Port Process',
  'ESTAB  131072 0             10.0.1.5:7000        10.0.2.9:51544 users:(("java",pid=2211,fd=87))',
  '\t cubic wscale:7,7 rto:204 rtt:0.55/0.2 mss:1448 cwnd:10 bytes_acked:9121 bytes_received:151552 rcv_space:14480 rcv_ssthresh:64088',
  'ESTAB  0      0             10.0.1.5:7000        10.0.2.7:40110 users:(("java",pid=2211,fd=88))',
].join('\n');

describe('ss -i detail lines and snapshots (hand-written)', () => {
  const r = parseText(ssParser, HEARTBEAT, 'ss-heartbeat.txt');
  const rows = rowsOf(r.records);

  it('folds each detail line into the row before it', () => {
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ proto: 'tcp', state: 'ESTABLISHED', recvQ: 0, local: '10.0.1.5:7000', remote: '10.0.2.9:51544', process: 'java', pid: 2211, fd: 87, line: 3, endLine: 4 });
    expect(rows[0]!.info).toMatchObject({ cc: 'cubic', wscale: '7,7', rto: 204, rtt: 0.53, rttvar: 0.21, bytes_acked: 9121, bytes_received: 20480, send: '218.6Mbps', pacing_rate: '437.1Mbps', app_limited: 1, busy: '60ms', minrtt: 0.2 });
    expect(rows[2]).toMatchObject({ recvQ: 131072, line: 9, endLine: 10, info: { bytes_received: 151552 } });
    expect(rows[3]!.endLine).toBeUndefined();
  });

  it('starts a snapshot at each `date -Is` line', () => {
    const metas = metasOf(r.records);
    expect(metas.map((m) => [m.capturedAt, m.timeSource, m.line])).toEqual([
      [Date.UTC(2026, 10, 22, 7, 0, 0), 'header', 1],
      [Date.UTC(2026, 10, 22, 7, 0, 30), 'header', 7],
    ]);
    expect(r.records.map((x) => x.type)).toEqual(['snapshot', 'socket', 'socket', 'snapshot', 'socket', 'socket']);
    expect(unaccountedLines(r.records, r.skipped, r.lineCount)).toEqual([]);
  });

  it('takes the protocol from `ss -u` when there is no Netid column', () => {
    const u = rowsOf(parseText(ssParser, '$ ss -uan\nState  Recv-Q Send-Q Local Address:Port Peer Address:Port\nUNCONN 0      0      0.0.0.0:68         0.0.0.0:*\n').records);
    expect(u).toEqual([expect.objectContaining({ proto: 'udp', state: 'UNCONN', localPort: 68 })]);
  });

  it('reads detail fields printed on the row itself (ss -O)', () => {
    const one = rowsOf(parseText(ssParser, 'ESTAB 0      0          127.0.0.1:42225    127.0.0.1:44180 cubic wscale:7,7 rto:201 rtt:0.034/0.017 mss:16640 retrans:0/5').records);
    expect(one[0]).toMatchObject({ remotePort: 44180, info: { cc: 'cubic', rto: 201, rtt: 0.034, retrans: '0/5' } });
  });
});

describe('netstat: Windows -b and localised states (hand-written)', () => {
  /** Hand-written, realistic: `netstat -abno` on a German Windows (states and banner translated). */
  const WIN = [
    '',
    'Aktive Verbindungen',
    '',
    '  Proto  Lokale Adresse         Remoteadresse          Status           PID',
    '  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN          1064',
    '  RpcSs',
    ' [svchost.exe]',
    '  TCP    10.0.0.12:49822        10.0.0.40:1433         HERGESTELLT      5120',
    ' [java.exe]',
    '  TCP    10.0.0.12:49830        10.0.0.40:1433         SCHLIESSEN_WARTEN  5120',
    ' [java.exe]',
    '  TCP    10.0.0.12:49831        10.0.0.40:1433         WARTEND          0',
    '  UDP    0.0.0.0:5353           *:*                                    2280',
    ' Es konnten keine Besitzerinformationen abgerufen werden.',
  ].join('\n');

  it('maps German states, attaches [exe] and service lines to their row', () => {
    const sniff = netstatParser.sniff({ name: 'netstat.txt', lines: WIN.split('\n') });
    expect(sniff).toMatchObject({ kind: 'netstat', confidence: 0.95 });
    const r = parseText(netstatParser, WIN);
    const rows = rowsOf(r.records);
    expect(rows.map((x) => [x.proto, x.state, x.pid, x.process])).toEqual([
      ['tcp', 'LISTEN', 1064, 'svchost.exe'],
      ['tcp', 'ESTABLISHED', 5120, 'java.exe'],
      ['tcp', 'CLOSE_WAIT', 5120, 'java.exe'],
      ['tcp', 'TIME_WAIT', 0, undefined],
      ['udp', undefined, 2280, undefined],
    ]);
    expect(rows[0]).toMatchObject({ info: { service: 'RpcSs' }, endLine: 7 });
    expect(r.skipped.map((s) => s.reason)).toContain('not a netstat row');
    expect(unaccountedLines(r.records, r.skipped, r.lineCount)).toEqual([]);
  });

  it('keeps an unknown localised state as printed', () => {
    const rows = rowsOf(parseText(netstatParser, 'tcp        0      0 10.0.0.1:22   10.0.0.2:5000   ÉTAT_INCONNU').records);
    expect(rows[0]!.state).toBe('ÉTAT_INCONNU');
  });

  it('reads headerless BSD rows and French/Spanish Windows states', () => {
    const bsd = rowsOf(parseText(netstatParser, 'tcp4       0      0  192.168.1.2.52345      17.1.2.3.443           ESTABLISHED\ntcp4       0      0  *.8080                 *.*                    LISTEN').records);
    expect(bsd.map((x) => [x.local, x.remote, x.state])).toEqual([['192.168.1.2:52345', '17.1.2.3:443', 'ESTABLISHED'], ['*:8080', '*:*', 'LISTEN']]);
    const fr = rowsOf(parseText(netstatParser, '  TCP    0.0.0.0:135     0.0.0.0:0      ÉCOUTE     1064\n  TCP    10.0.0.5:50000  10.0.0.9:443   ESTABLECIDO  77').records);
    expect(fr.map((x) => x.state)).toEqual(['LISTEN', 'ESTABLISHED']);
  });

  it('netstat -o timers and -e without -p', () => {
    const rows = rowsOf(parseText(netstatParser, [
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name     Timer',
      'tcp        0      0 10.0.0.1:43210          10.0.0.9:5432           ESTABLISHED 1000       551234     2211/java            keepalive (7184.15/0/0)',
    ].join('\n')).records);
    expect(rows[0]).toMatchObject({ pid: 2211, process: 'java', inode: 551234, info: { user: '1000', timer: 'keepalive (7184.15/0/0)' } });
  });
});

describe('robustness', () => {
  const piece = fc.oneof(
    fc.constantFrom(
      'Netid  State      Recv-Q Send-Q Local Address:Port  Peer Address:Port',
      'tcp    CLOSE-WAIT 0      0      127.0.0.1:33068     127.0.0.1:33000   users:(("java",pid=46695,fd=4494))',
      '\t cubic rto:204 rtt:0.5/0.25', 'Active Internet connections (servers and established)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name',
      'tcp6      50      0 44.225.164.27:43434     44.225.137.196:52158    CLOSE_WAIT', 'unix  2      [ ACC ]     STREAM     LISTENING     8981     1/systemd            /run/x',
      '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712', ' [svchost.exe]', 'Active Connections',
      '$ ss -tan | wc -l', '12', '# captured 2026-11-22T02:55:30Z', 'users:((', '[', '', '  ',
    ),
    fc.string({ maxLength: 80 }),
  );
  for (const mod of [ssParser, netstatParser]) {
    it(`${mod.kind}: never throws and accounts for every line (property)`, () => {
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 30 }), (lines) => {
          const text = lines.map((l) => l.replace(/[\r\n]/g, ' ')).join('\n');
          const r = parseText(mod, text);
          expect(unaccountedLines(r.records, r.skipped, r.lineCount)).toEqual([]);
          for (const rec of r.records) {
            if (rec.type === 'socket') expect(Number.isFinite(rec.recvQ) && Number.isFinite(rec.sendQ)).toBe(true);
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});
