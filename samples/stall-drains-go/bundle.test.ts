/**
 * The committed stall-drains-go bundle (made by make.sh from the running services) shows what its README
 * says: inventory's log has a hole during each of the three stalls while checkout keeps logging; checkout's
 * goroutines, descriptors and sockets rise inside each stall and return to baseline after it; its 504s fall
 * inside the stalls only. Grep-level: no Go or engine needed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captures, checkBundleShape, checkReadmeEvidence, countIn, goroutines, lines } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));
const expected = JSON.parse(readFileSync(join(SAMPLE, 'expected.json'), 'utf8')) as {
  episodes: { from: string; to: string; first_cause: string }[];
};
const episodes = expected.episodes.map((e) => ({ from: Date.parse(e.from), to: Date.parse(e.to) }));
const inEpisode = (ms: number) => episodes.some((e) => ms >= e.from && ms <= e.to);
/** Inside the stall itself: the episodes are padded by 1 s before and 6 s after it (README, Episodes). */
const inStall = (ms: number) => episodes.some((e) => ms >= e.from + 1_000 && ms <= e.to - 6_000);

const dumps = captures(SAMPLE, 'dumps', 'goroutine');
const lsof = captures(SAMPLE, 'snapshots', 'lsof');
const ss = captures(SAMPLE, 'snapshots', 'ss');

interface ZapLine { level: string; ts: number; msg: string; path?: string; status?: number; duration?: number }
const checkout = lines(join(SAMPLE, 'bundle/logs/checkout.log')).map((l) => JSON.parse(l) as ZapLine);
/** `2026/12/07 13:16:44.429327 POST /v1/reservations …` (Go's log, UTC on this host) */
const inventory = lines(join(SAMPLE, 'bundle/logs/inventory.log')).map((l) => {
  const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}:\d{2}:\d{2}\.\d{6}) (.*)$/.exec(l);
  expect(m, l).not.toBeNull();
  return { ms: Date.parse(`${m![1]}-${m![2]}-${m![3]}T${m![4]}Z`), text: m![5]! };
});

/** Gaps longer than `min` ms between consecutive times, as [before, after]. */
function gaps(times: number[], min: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 1; i < times.length; i++) if (times[i]! - times[i - 1]! > min) out.push([times[i - 1]!, times[i]!]);
  return out;
}

describe('stall-drains-go bundle', () => {
  it('has the series, all of the checkout process, in a small text bundle', () => {
    checkBundleShape(SAMPLE, 2 * 1024 * 1024);
    expect(dumps.length).toBeGreaterThanOrEqual(25);
    expect(lsof.length).toBeGreaterThanOrEqual(12);
    expect(ss.length).toBeGreaterThanOrEqual(12);
    const pid = dumps[0]!.pid;
    for (const c of [...dumps, ...lsof, ...ss]) expect(c.pid).toBe(pid);
    expect(checkout[0]!.msg).toBe('checkout listening');
    expect(lines(join(SAMPLE, 'bundle/logs/checkout.log'))[0]).toContain(`"pid":${pid}`);
    expect(episodes).toHaveLength(3);
  });

  it('inventory goes silent for ~20 s in each episode while checkout keeps logging', () => {
    const holes = gaps(inventory.map((r) => r.ms), 5_500); // its stats line comes every 5 s
    expect(holes).toHaveLength(3);
    holes.forEach(([a, b], i) => {
      expect(b - a).toBeGreaterThan(19_000);
      expect(a).toBeGreaterThanOrEqual(episodes[i]!.from);
      expect(b).toBeLessThanOrEqual(episodes[i]!.to);
    });
    expect(gaps(checkout.map((r) => r.ts * 1000), 3_000)).toHaveLength(0);
  });

  it('504s after the 10 s client timeout, only inside the episodes', () => {
    const timeouts = checkout.filter((r) => r.msg === 'request' && r.status === 504);
    expect(timeouts.length).toBeGreaterThanOrEqual(60);
    for (const r of timeouts) {
      expect(inEpisode(r.ts * 1000)).toBe(true);
      expect(r.duration!).toBeGreaterThanOrEqual(10);
      expect(r.duration!).toBeLessThan(10.1);
    }
    const normal = checkout.filter((r) => r.path === '/api/checkout' && !inEpisode(r.ts * 1000));
    expect(normal.every((r) => r.status === 201)).toBe(true);
  });

  it('goroutines pile up inside each stall and return to baseline after it', () => {
    const inside = dumps.filter((d) => inEpisode(Date.parse(d.at)));
    const outside = dumps.filter((d) => !inEpisode(Date.parse(d.at)));
    expect(inside.length).toBeGreaterThanOrEqual(3);
    expect(outside.length).toBeGreaterThanOrEqual(3);
    const total = (d: { lines: string[] }) => goroutines(d.lines).length;
    const baseline = total(dumps[0]!);
    expect(Math.max(...inside.map(total))).toBeGreaterThan(5 * baseline);
    for (const d of outside) expect(total(d)).toBeLessThanOrEqual(baseline + 6);
    expect(total(dumps[dumps.length - 1]!)).toBeLessThanOrEqual(baseline);
    const readLoops = (d: { lines: string[] }) => countIn(d.lines, 'net/http.(*persistConn).readLoop(');
    expect(Math.max(...inside.map(readLoops))).toBeGreaterThanOrEqual(20);
    expect(readLoops(dumps[dumps.length - 1]!)).toBe(1);
    // nothing stays blocked for minutes but the listener and an idle keep-alive connection
    for (const d of dumps) {
      for (const g of goroutines(d.lines).filter((x) => x.minutes > 0)) {
        expect(g.stack.includes('net.(*TCPListener).Accept(') || g.stack.includes('net/http.(*conn).serve(')).toBe(true);
      }
    }
  });

  it('descriptors and sockets to inventory come and go; no CLOSE-WAIT', () => {
    const fds = lsof.map((c) => c.lines.length - 2);
    const outside = lsof.filter((c) => !inEpisode(Date.parse(c.at))).map((c) => c.lines.length - 2);
    expect(Math.max(...fds)).toBeGreaterThan(Math.max(...outside) + 20);
    expect(fds[fds.length - 1]).toBeLessThanOrEqual(fds[0]!);
    for (const c of ss) expect(c.lines.some((l) => l.startsWith('CLOSE-WAIT'))).toBe(false);
    const stalled = ss.filter((c) => inStall(Date.parse(c.at)));
    expect(stalled.length).toBeGreaterThanOrEqual(3);
    for (const c of stalled) expect(c.lines.some((l) => /^LISTEN\s+[1-9]\d*\s+\d+\s+127\.0\.0\.1:18172 /.test(l))).toBe(true);
  });

  it('README cites lines that say what it quotes', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(20);
  });
});
