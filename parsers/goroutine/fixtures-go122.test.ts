/**
 * The leaky-service dumps of fixtures.test.ts again, from the same program built with Go 1.22
 * (make-fixtures-go122.sh → __fixtures__/go122/; no Docker file: no daemon ran): pprof debug=1 and
 * debug=2 fetched together, a collector's appended debug=2 captures, and a SIGQUIT trace in stderr.
 * Go 1.22 prints `created by X in goroutine N`, `[sync.Mutex.Lock]` for a mutex waiter, `gp=… m=…` in
 * the trace's headers and `gowrapN` frames for `go f(x)`.
 */
import { describe, expect, it } from 'vitest';
import { parserFor } from '../index';
import { groupGoroutines } from './group';
import { contendedLocks } from './locks';
import { parseFixtureFile, unaccounted, type Parsed } from './test-helpers';

const PAIRS = ['20261207T173629Z', '20261207T173634Z', '20261207T173639Z'];
const read = (name: string): Parsed => {
  const p = parseFixtureFile(`go122/${name}`);
  expect(p.skipped).toEqual([]);
  expect(unaccounted(p)).toEqual({ missing: [], duplicateSkips: [] });
  return p;
};
const countIn = (p: Parsed, fn: string) => groupGoroutines(p.dumps[0]!).filter((g) => g.userFrame?.func === fn).reduce((n, g) => n + g.count, 0);

describe('Go 1.22 pprof profiles taken with ?debug=1 and ?debug=2 at the same moment', () => {
  it('reads both formats whole, timed by the collector header of the pair', () => {
    for (const s of PAIRS) {
      const [one, two] = [read(`pprof-${s}-debug1.txt`), read(`pprof-${s}-debug2.txt`)];
      expect(one.dumps[0]!.format).toBe('debug1');
      expect(two.dumps[0]!.format).toBe('debug2');
      expect(one.metas[0]!.capturedAt).toBe(two.metas[0]!.capturedAt);
      expect(one.metas[0]).toMatchObject({ pid: 3854, host: 'vm' });
    }
    const last = read('pprof-20261207T173639Z-debug1.txt').dumps[0]!;
    expect([last.total, last.aggregated.map((a) => a.count)]).toEqual([71, [48, 4, 3, 3, 3, 3, 2, 1, 1, 1, 1, 1]]);
  });

  it('reads the same climb from either format at every capture', () => {
    const climb = (format: 'debug1' | 'debug2', fn: string) => PAIRS.map((s) => countIn(read(`pprof-${s}-${format}.txt`), fn));
    for (const format of ['debug1', 'debug2'] as const) {
      expect(climb(format, 'main.(*broker).publish')).toEqual([6, 23, 48]);
      expect(climb(format, 'main.(*ledger).add')).toEqual([0, 0, 4]);
      expect(climb(format, 'main.(*queue).take')).toEqual([5, 5, 5]);
      expect(climb(format, 'net/http.(*persistConn).readLoop')).toEqual([0, 0, 3]);
    }
  });

  it('keeps the creator (`created by … in goroutine N`) and the 1.20+ mutex wait reason in debug=2', () => {
    const d = read('pprof-20261207T173639Z-debug2.txt').dumps[0]!;
    const groups = groupGoroutines(d);
    expect(groups.find((g) => g.userFrame?.func === 'main.(*ledger).add')).toMatchObject({ count: 4, state: 'sync.Mutex.Lock', createdBy: { func: 'main.main.func2' } });
    expect(groups.find((g) => g.userFrame?.func === 'main.(*broker).publish')).toMatchObject({ count: 48, state: 'chan send', createdBy: { func: 'main.main.func1' } });
    const add = d.goroutines.find((g) => g.frames.some((f) => f.func === 'main.(*ledger).add'))!;
    expect(add.createdBy?.goroutine).toBeGreaterThan(0);
    // The 4 add calls queue on the ledger's mutex (lockSlow's address) while audit sleeps holding it; audit
    // is another method and prints its receiver stale (`0x64a1c5?`), so no holder is named: as in Go 1.19.
    const lock = { kind: 'Mutex', waiters: 4, holder: null };
    expect(contendedLocks(d)).toMatchObject([{ ...lock, address: '0xc000012190' }]);
    expect(contendedLocks(parseFixtureFile('pprof-20261207T163653Z-debug2.txt').dumps[0]!)).toMatchObject([{ ...lock, address: '0xc0000189c0' }]);
  });
});

describe('a Go 1.22 collector file and SIGQUIT trace', () => {
  it('splits the collector file into its three captures', () => {
    const p = read('collector-debug2.txt');
    expect(p.dumps.map((d) => d.goroutines.length)).toEqual([83, 98, 116]);
    expect(p.dumps.map((d) => countIn({ ...p, dumps: [d] }, 'net/http.(*persistConn).readLoop'))).toEqual([7, 12, 18]);
  });

  it('reads the trace inside the stderr log, and groups `go f(x)` goroutines by what they run, not by their gowrap frame', () => {
    for (const mod of [parserFor('goroutine')!, parserFor('text-log')!]) {
      const p = parseFixtureFile('go122/stderr-sigquit.log', mod);
      expect(p.skipped).toEqual([]);
      expect(unaccounted(p)).toEqual({ missing: [], duplicateSkips: [] });
      expect(p.dumps).toHaveLength(1);
      const d = p.dumps[0]!;
      expect([d.line, d.endLine, d.goroutines.length, d.signal?.name]).toEqual([12, 2237, 121, 'SIGQUIT']);
      expect(p.logs.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 2238, 2239]);
      const groups = groupGoroutines(d);
      expect(groups.find((g) => g.userFrame?.func === 'main.(*ledger).add')).toMatchObject({ count: 4, state: 'sync.Mutex.Lock' });
      expect(groups.find((g) => g.userFrame?.func === 'net/http.(*persistConn).readLoop')).toMatchObject({ count: 18, createdBy: { func: 'net/http.(*Transport).dialConn' } });
      expect(groups.some((g) => /\.gowrap\d+$/.test(g.userFrame?.func ?? ''))).toBe(false);
    }
  });
});
