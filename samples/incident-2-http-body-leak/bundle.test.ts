/**
 * The committed incident-2 bundle (made by make.sh from the running API) holds the evidence a diagnosis
 * needs: slow requests in the access log, persistConn readLoop/writeLoop goroutines growing, workers blocked
 * in `chan send` for minutes, and connections to the content service piling up in CLOSE-WAIT.
 * Grep-level: no Go or engine needed.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captures, checkBundleShape, checkReadmeEvidence, countIn, goroutines, lines, nonDecreasing } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));
const CONTENT = '127.0.0.1:38251';
const dumps = captures(SAMPLE, 'dumps', 'goroutine');
const ss = captures(SAMPLE, 'snapshots', 'ss');
const top = captures(SAMPLE, 'snapshots', 'top');

/** `2026/11/22 04:25:03.123456 127.0.0.1:40890 "GET /api/v1/feed?user=153 HTTP/1.1" 200 362 22.181ms` */
const ACCESS = /^(\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\.\d{6}) (\S+) "GET (\/api\/v1\/(?:feed|sample))\?user=\d+ HTTP\/1\.1" (\d{3}) (\d+) (\d+\.\d{3})ms$/;
const access = lines(join(SAMPLE, 'bundle/logs/access.log')).map((l) => {
  const m = ACCESS.exec(l);
  expect(m, l).not.toBeNull();
  return { at: m![1]!, path: m![3]!, status: Number(m![4]), ms: Number(m![6]) };
});
const app = lines(join(SAMPLE, 'bundle/logs/app.log'));

describe('incident-2-http-body-leak bundle', () => {
  it('has the series, all of one API process, in a small text bundle', () => {
    checkBundleShape(SAMPLE);
    expect(dumps.length).toBeGreaterThanOrEqual(5);
    expect(ss.length).toBeGreaterThanOrEqual(5);
    expect(top.length).toBeGreaterThanOrEqual(5);
    const pid = dumps[0]!.pid;
    for (const c of [...dumps, ...ss, ...top]) expect(c.pid).toBe(pid);
    expect(app[0]).toContain(`main-api pid ${pid} listening on 127.0.0.1:38201`);
  });

  it('access log: fast at first, then requests of tens of seconds and 2 s timeouts', () => {
    expect(access.length).toBeGreaterThan(150);
    expect(access.slice(0, 20).every((r) => r.status === 200 && r.ms < 1000)).toBe(true);
    const slowSamples = access.filter((r) => r.path === '/api/v1/sample' && r.ms > 30_000);
    expect(slowSamples.length).toBeGreaterThan(3);
    expect(Math.max(...access.map((r) => r.ms))).toBeGreaterThan(60_000);
    const timeouts = access.filter((r) => r.path === '/api/v1/feed' && r.status === 500);
    expect(timeouts.length).toBeGreaterThan(10);
    for (const r of timeouts) expect(r.ms).toBeGreaterThanOrEqual(2000);
    expect(app.filter((l) => /ERROR Timeout to get feed id: \d+\. $/.test(l)).length).toBe(timeouts.length);
  });

  it('goroutine dumps: persistConn readLoop/writeLoop goroutines keep growing', () => {
    const readLoops = dumps.map((d) => countIn(d.lines, 'net/http.(*persistConn).readLoop('));
    const writeLoops = dumps.map((d) => countIn(d.lines, 'net/http.(*persistConn).writeLoop('));
    expect(readLoops[0]).toBe(0);
    expect(readLoops[readLoops.length - 1]).toBeGreaterThan(150);
    // after the outage they only grow (during it, hanging requests add some that later finish)
    const after = readLoops.slice(-4);
    expect(nonDecreasing(after)).toBe(true);
    expect(writeLoops[writeLoops.length - 1]).toBeGreaterThanOrEqual(readLoops[readLoops.length - 1]!);
  });

  it('goroutine dumps: fan-out workers blocked in chan send for minutes on the same lines', () => {
    const last = goroutines(dumps[dumps.length - 1]!.lines);
    const blocked = last.filter((g) => g.state === 'chan send' && g.stack.includes('main.(*usecase).GetFeed.func'));
    expect(blocked.length).toBeGreaterThan(20);
    expect(Math.min(...blocked.map((g) => g.minutes))).toBeGreaterThanOrEqual(2);
    const sites = new Set(blocked.map((g) => /\/api\/usecase\.go:\d+/.exec(g.stack)?.[0]));
    expect(sites.size).toBeLessThanOrEqual(3);
    expect([...sites].every((s) => s !== undefined)).toBe(true);
  });

  it('ss: connections to the content service sit in CLOSE-WAIT with unread bytes', () => {
    const mine = (c: { lines: string[] }) => c.lines.filter((l) => l.includes(` ${CONTENT} `) && l.includes('"main-api"'));
    const closeWait = ss.map((c) => mine(c).filter((l) => l.startsWith('CLOSE-WAIT')));
    expect(closeWait[0]).toHaveLength(0);
    // once the first leaked connections idled out (30 s), every snapshot shows a few dozen of them;
    // TCP keepalive resets the older ones, which ss then no longer lists (lsof still does)
    for (const cw of closeWait.slice(-8)) {
      expect(cw.length).toBeGreaterThan(20);
      expect(cw.every((l) => Number(l.split(/\s+/)[1]) > 0)).toBe(true);
    }
    expect(mine(ss[ss.length - 1]!).some((l) => l.startsWith('ESTAB'))).toBe(true);
  });

  it('lsof: the API process keeps every leaked socket open, descriptors grow all along', () => {
    const lsof = captures(SAMPLE, 'snapshots', 'lsof');
    expect(lsof.length).toBeGreaterThanOrEqual(5);
    const fds = lsof.map((c) => c.lines.length - 2);
    const closedSockets = lsof.map((c) => c.lines.filter((l) => /\ssock\s.*protocol: TCP$/.test(l)).length);
    expect(fds[0]).toBeLessThan(20);
    expect(nonDecreasing(fds)).toBe(true);
    expect(fds[fds.length - 1]).toBeGreaterThan(250);
    expect(nonDecreasing(closedSockets)).toBe(true);
    expect(closedSockets[closedSockets.length - 1]).toBeGreaterThan(150);
  });

  it('README cites lines that say what it quotes', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(5);
  });
});
