/**
 * The committed lock-contention-go bundle (made by make.sh from the running services) shows what its
 * README says: while ratesource was slow, quote handlers queued on one mutex in rateCache.rate behind a
 * goroutine in rateCache.refresh's HTTP call, 503s came after 5 s, and the queue drained afterwards.
 * Grep-level: no Go or engine needed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captures, checkBundleShape, checkReadmeEvidence, countIn, goroutines, lines } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));
const expected = JSON.parse(readFileSync(join(SAMPLE, 'expected.json'), 'utf8')) as { episodes: { from: string; to: string }[] };
const ep = { from: Date.parse(expected.episodes[0]!.from), to: Date.parse(expected.episodes[0]!.to) };
const inEpisode = (ms: number) => ms >= ep.from && ms <= ep.to;

const dumps = captures(SAMPLE, 'dumps', 'goroutine');
const debug1 = captures(SAMPLE, 'dumps/debug1', 'goroutine');
interface Line { time: string; msg: string; path?: string; status?: number; duration_ms?: number; goroutines?: number }
const log = lines(join(SAMPLE, 'bundle/logs/quotes.log')).map((l) => JSON.parse(l) as Line);
const queued = (d: string[]) => goroutines(d).filter((g) => g.state === 'semacquire' && g.stack.includes('main.(*rateCache).rate(')).length;

describe('lock-contention-go bundle', () => {
  it('has a debug=2 and a debug=1 dump of the same process every 10 s, in a small text bundle', () => {
    checkBundleShape(SAMPLE, 2 * 1024 * 1024);
    expect(dumps.length).toBeGreaterThanOrEqual(15);
    // Fetched right after each debug=2 dump: the same instant within a second or two.
    expect(debug1).toHaveLength(dumps.length);
    debug1.forEach((d, i) => expect(Date.parse(d.at) - Date.parse(dumps[i]!.at)).toBeLessThanOrEqual(2_000));
    for (const c of [...dumps, ...debug1]) expect(c.pid).toBe(dumps[0]!.pid);
    expect(log[0]!.msg).toBe(`quotes listening (pid ${dumps[0]!.pid})`);
  });

  it('queues handlers on the mutex only during the episode, behind a holder in refresh’s HTTP call', () => {
    for (const d of dumps) {
      const n = queued(d.lines);
      if (!inEpisode(Date.parse(d.at))) expect(n, d.at).toBe(0);
      if (n > 0) {
        const holders = goroutines(d.lines).filter((g) => g.stack.includes('main.(*rateCache).refresh(') && g.stack.includes('net/http.(*persistConn).roundTrip('));
        expect(holders, d.at).toHaveLength(1);
      }
    }
    expect(Math.max(...dumps.map((d) => queued(d.lines)))).toBeGreaterThanOrEqual(50);
    expect(countIn(dumps.at(-1)!.lines, 'sync.(*Mutex).Lock')).toBe(0);
  });

  it('answers 503 after 5 s only inside the episode, and health checks throughout', () => {
    const errors = log.filter((l) => l.msg === 'request' && l.status === 503);
    expect(errors.length).toBeGreaterThanOrEqual(50);
    for (const e of errors) {
      expect(inEpisode(Date.parse(e.time))).toBe(true);
      expect(e.duration_ms!).toBeGreaterThanOrEqual(5000);
    }
    const health = log.filter((l) => l.path === '/healthz').map((l) => Date.parse(l.time));
    expect(health.every((t, i) => i === 0 || t - health[i - 1]! < 2_000)).toBe(true);
  });

  it('piles goroutines up and lets them drain', () => {
    const stats = log.filter((l) => l.msg === 'runtime stats').map((l) => l.goroutines!);
    expect(Math.max(...stats)).toBeGreaterThanOrEqual(100);
    expect(stats.at(-1)!).toBeLessThanOrEqual(stats[0]! + 2);
  });

  it('README evidence rows quote their lines', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThanOrEqual(15);
  });
});
