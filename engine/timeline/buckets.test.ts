import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketGrid, coverRange, levelClass, RESOLUTIONS, resolutionFor } from './buckets';

const T = Date.UTC(2026, 10, 22, 4, 18, 0);

describe('bucketGrid', () => {
  it('picks the narrowest round width that fits, on round edges', () => {
    expect(bucketGrid(T, T + 3_600_000, 200)).toEqual({ base: T, bucketMs: 20_000, count: 180 });
    expect(bucketGrid(T + 7, T + 10 * 60_000, 10)).toEqual({ base: T, bucketMs: 60_000, count: 10 });
    // Seven ms later it takes 11 one-minute buckets: too many, so two-minute ones.
    expect(bucketGrid(T + 7, T + 10 * 60_000 + 7, 10)).toEqual({ base: T, bucketMs: 120_000, count: 6 });
    expect(bucketGrid(T, T + 1, 200)).toEqual({ base: T, bucketMs: 1, count: 1 });
    const long = bucketGrid(T, T + 400 * 86_400_000, 10);
    expect(long.bucketMs % (7 * 86_400_000)).toBe(0); // beyond four weeks: whole weeks
    expect(long.count).toBeLessThanOrEqual(10);
  });

  it('always covers the window in at most the buckets asked for', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 1, max: 1e11 }), fc.integer({ min: 1, max: 2000 }), (from, width, n) => {
        const g = bucketGrid(from, from + width, n);
        expect(g.count).toBeLessThanOrEqual(n);
        expect(g.base).toBeLessThanOrEqual(from);
        expect(g.base % g.bucketMs).toBe(0);
        expect(g.base + g.count * g.bucketMs).toBeGreaterThanOrEqual(from + width);
        // Whole slots of the resolution chosen never straddle a bucket edge.
        const r = resolutionFor(g.bucketMs);
        if (r !== null) expect(g.bucketMs % r).toBe(0);
        else expect(g.bucketMs).toBeLessThan(1000);
      }),
    );
  });
});

describe('coverRange', () => {
  it('splits a range into aligned whole slots, coarsest first, and sub-second slivers', () => {
    expect(coverRange(T + 1500, T + 3 * 60_000 + 250, 60_000)).toEqual([
      { res: 0, from: T + 1500, to: T + 2000 },
      { res: 1000, from: T + 2000, to: T + 10_000 },
      { res: 10_000, from: T + 10_000, to: T + 60_000 },
      { res: 60_000, from: T + 60_000, to: T + 180_000 },
      { res: 0, from: T + 180_000, to: T + 180_250 },
    ]);
    expect(coverRange(T + 5, T + 900, 1000)).toEqual([{ res: 0, from: T + 5, to: T + 900 }]);
    expect(coverRange(T, T + 900, null)).toEqual([{ res: 0, from: T, to: T + 900 }]);
  });

  it('covers exactly, with few pieces, whatever the range and top resolution', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 4e12 }), fc.integer({ min: 1, max: 1e11 }), fc.constantFrom(null, ...RESOLUTIONS), (from, width, top) => {
        const pieces = coverRange(from, from + width, top);
        expect(pieces[0]!.from).toBe(from);
        expect(pieces.at(-1)!.to).toBe(from + width);
        pieces.forEach((p, i) => {
          expect(p.to).toBeGreaterThan(p.from);
          if (i > 0) expect(p.from).toBe(pieces[i - 1]!.to);
          if (p.res > 0) {
            expect(p.from % p.res === 0).toBe(true); // === : -1000 % 1000 is -0
            expect(p.to % p.res === 0).toBe(true);
            expect(p.res).toBeLessThanOrEqual(top!);
          }
        });
        // What is counted event by event is less than two seconds (a sliver at each end).
        if (top !== null) expect(pieces.filter((p) => p.res === 0).reduce((n, p) => n + p.to - p.from, 0)).toBeLessThan(2000);
        expect(pieces.filter((p) => p.res === 0).length).toBeLessThanOrEqual(top === null ? 1 : 2);
        expect(pieces.length).toBeLessThanOrEqual(2 * RESOLUTIONS.length + 1);
      }),
    );
  });
});

it('classes levels as error, warn or other', () => {
  expect([60, 50, 49, 40, 39, 30, 10, -1, null, undefined].map(levelClass)).toEqual([0, 0, 1, 1, 2, 2, 2, 2, 2, 2]);
});
