/**
 * The committed incident-5 bundle (made by make.sh from the running JVMs) holds the evidence a diagnosis
 * needs: the client logging heartbeats sent without ACKs, the server dropping it for "no heartbeat", the
 * server's Recv-Q (and the client's Send-Q) on that connection high in ss, and jstack showing the reader
 * thread in the ledger instead of in a socket read. Grep-level: no Java or engine needed.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captures, checkBundleShape, checkReadmeEvidence, lines } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));
const ss = captures(SAMPLE, 'snapshots', 'ss');
const jstacks = captures(SAMPLE, 'dumps', 'jstack');

/** logback `%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg`; other lines are stack traces. */
const RECORD = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}\.\d{3}) (INFO |WARN |ERROR|DEBUG) \[([^\]]+)\] (\S+) - (.*)$/;
function records(file: string) {
  return lines(join(SAMPLE, 'bundle/logs', file)).flatMap((l, i) => {
    const m = RECORD.exec(l);
    if (!m) {
      expect(l, `${file}:${i + 1}`).toMatch(/^(\tat |[\w.$]+(Exception|Error)\b)/);
      return [];
    }
    return [{ line: i + 1, time: m[2]!, level: m[3]!.trim(), thread: m[4]!, msg: m[6]! }];
  });
}
const server = records('relay-server.log');
const client = records('pos-client.log');
const seconds = (t: string) => {
  const [h, m, s] = t.split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
};

/** ss rows `State Recv-Q Send-Q Local Peer Process` as numbers and ports. */
function rows(lines: string[]) {
  return lines.slice(2).map((l) => {
    const f = l.trim().split(/\s+/);
    const port = (a: string) => Number(a.slice(a.lastIndexOf(':') + 1));
    return { state: f[0]!, recvQ: Number(f[1]), sendQ: Number(f[2]), local: port(f[3]!), peer: port(f[4]!), pid: Number(/pid=(\d+)/.exec(l)?.[1]) };
  });
}

describe('incident-5-slow-reader bundle', () => {
  const drops = server.filter((r) => /^pos-client-7: no heartbeat in 20 s \(last seq=\d+ read \d+ ms ago\), disconnecting$/.test(r.msg));
  const peakStart = server.find((r) => /^branch-\d+ connected from/.test(r.msg))!;

  it('has the logs, the ss series and three jstacks of the relay server', () => {
    checkBundleShape(SAMPLE);
    expect(ss.length).toBeGreaterThanOrEqual(5);
    expect(jstacks).toHaveLength(3);
    const pid = jstacks[0]!.pid;
    for (const c of [...ss, ...jstacks]) expect(c.pid).toBe(pid);
    for (const j of jstacks) {
      expect(j.cmd).toBe(`jstack -l ${pid}`);
      expect(j.lines[2]).toMatch(/^Full thread dump OpenJDK 64-Bit Server VM/);
    }
  });

  it('the client sends a heartbeat every second and logs each send', () => {
    const sent = client.filter((r) => /^pos-client-7: HEARTBEAT seq=\d+ sent$/.test(r.msg));
    expect(sent.length).toBeGreaterThan(200);
    expect(client.filter((r) => r.level === 'ERROR' && /heartbeat (thread|send) failed/.test(r.msg))).toEqual([]);
  });

  it('the server drops pos-client-7 only at peak, and the client sees each drop', () => {
    expect(drops.length).toBeGreaterThanOrEqual(3);
    expect(drops.every((d) => d.line > peakStart.line)).toBe(true);
    const lost = client.filter((r) => r.msg === 'pos-client-7: connection to relay lost: closed by the server');
    expect(lost).toHaveLength(drops.length);
    drops.forEach((d, i) => expect(Math.abs(seconds(d.time) - seconds(lost[i]!.time))).toBeLessThan(1));
  });

  it('before each drop the client kept sending heartbeats that were never answered', () => {
    const lost = client.filter((r) => r.msg.startsWith('pos-client-7: connection to relay lost'));
    for (const l of lost) {
      const window = client.filter((r) => r.line < l.line && seconds(l.time) - seconds(r.time) <= 15);
      expect(window.filter((r) => / HEARTBEAT seq=\d+ sent$/.test(r.msg)).length).toBeGreaterThanOrEqual(14);
      expect(window.filter((r) => / HEARTBEAT seq=\d+ ACK after/.test(r.msg))).toEqual([]);
      expect(window.some((r) => r.level === 'WARN' && /no ACK for heartbeat seq=\d+ after \d+ ms/.test(r.msg))).toBe(true);
    }
  });

  it('ss: the relay keeps ~100 KB unread from pos-client-7 while its Send-Q grows', () => {
    // pos-client-7 is the JVM with exactly one connection to the relay
    const perPid = new Map<number, number>();
    for (const r of ss.flatMap((c) => rows(c.lines))) {
      if (r.peer === 38501 && !Number.isNaN(r.pid)) perPid.set(r.pid, (perPid.get(r.pid) ?? 0) + 1);
    }
    const clientPid = [...perPid.entries()].sort((a, b) => a[1] - b[1])[0]![0];
    const series = ss.map((c) => {
      const rs = rows(c.lines);
      const mine = rs.find((r) => r.pid === clientPid && r.peer === 38501);
      const theirs = mine && rs.find((r) => r.local === 38501 && r.peer === mine.local);
      return { sendQ: mine?.sendQ ?? 0, recvQ: theirs?.recvQ ?? 0 };
    });
    expect(series.slice(0, 5).every((s) => s.recvQ < 2000)).toBe(true);
    const high = series.filter((s) => s.recvQ > 80_000).length;
    expect(high).toBeGreaterThanOrEqual(10);
    expect(Math.max(...series.map((s) => s.sendQ))).toBeGreaterThan(300_000);
  });

  it('jstack: before the peak the one reader runs; at peak the readers wait for the ledger, not in a read', () => {
    const threads = (dump: string[]) =>
      dump.join('\n').split('\n\n').filter((t) => t.startsWith('"conn-reader-'));
    const before = threads(jstacks[0]!.lines);
    expect(before).toHaveLength(1);
    expect(before[0]).toContain('java.lang.Thread.State: RUNNABLE');
    expect(before[0]).not.toContain('ReentrantLock$FairSync');
    for (const j of jstacks.slice(1)) {
      const readers = threads(j.lines);
      expect(readers.length).toBeGreaterThan(50);
      const inLedger = readers.filter((t) => t.includes('at com.example.relay.Ledger.settle('));
      expect(inLedger.length / readers.length).toBeGreaterThan(0.9);
      expect(readers.filter((t) => t.includes('NioSocketImpl.read')).length).toBeLessThan(5);
    }
  });

  it('README cites lines that say what it quotes', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(5);
  });
});
