import { describe, expect, it } from 'vitest';
import type { TimelineDensity } from '../../../../../engine/timeline/types';
import { bucketAt, bucketRange, countSummary, histogramBars, laneCells, maxCount, rangePx } from './bars';

const T0 = Date.UTC(2026, 10, 22, 4, 14, 0);

function density(counts: number[], err: number[], warn: number[], bucketMs = 10_000, from = T0): TimelineDensity {
  return {
    from, to: from + counts.length * bucketMs, bucketMs, counts,
    byLevel: { error: err, warn, other: counts.map((c, i) => c - (err[i] ?? 0) - (warn[i] ?? 0)) },
  };
}

describe('buckets', () => {
  const d = density([5, 0, 10], [0, 0, 1], [1, 0, 0]);
  it('knows each bucket range and which bucket holds a time', () => {
    expect(bucketRange(d, 1)).toEqual({ from: T0 + 10_000, to: T0 + 20_000 });
    expect(bucketAt(d, T0 + 25_000)).toBe(2);
    expect(bucketAt(d, T0 - 1)).toBe(-1);
    expect(bucketAt(d, T0 + 30_000)).toBe(-1);
    expect(maxCount(d)).toBe(10);
  });
});

describe('histogram bars', () => {
  const w = { from: T0, to: T0 + 30_000 };
  it('leaves out empty buckets and spans the plot width', () => {
    const bars = histogramBars(density([5, 0, 10], [0, 0, 1], [1, 0, 0]), w, 300, 60, { gap: 0 });
    expect(bars.map((b) => b.i)).toEqual([0, 2]);
    expect(bars[0]).toMatchObject({ x: 0, w: 100, count: 5 });
    expect(bars[1]).toMatchObject({ x: 200, w: 100, count: 10 });
  });
  it('scales to the busiest bucket and stacks errors at the bottom', () => {
    const [, big] = histogramBars(density([5, 0, 10], [0, 0, 4], [0, 0, 2]), w, 300, 60, { gap: 0 });
    expect(big!.segments.map((s) => s.level)).toEqual(['error', 'warn', 'other']);
    const total = big!.segments.reduce((a, s) => a + s.h, 0);
    expect(total).toBeCloseTo(60, 6);
    expect(big!.segments[0]!.y + big!.segments[0]!.h).toBeCloseTo(60, 6); // errors sit on the baseline
    expect(big!.segments[0]!.h).toBeCloseTo(24, 6);
  });
  it('keeps a lone error visible among thousands of lines', () => {
    const [bar] = histogramBars(density([5000], [1], [0]), { from: T0, to: T0 + 10_000 }, 100, 60, { minSegment: 2 });
    const err = bar!.segments.find((s) => s.level === 'error')!;
    expect(err.h).toBeGreaterThanOrEqual(2);
    expect(bar!.segments.every((s) => s.y >= 0)).toBe(true);
  });
  it('clips buckets to the window and skips those off the plot', () => {
    const d = density([1, 1, 1], [0, 0, 0], [0, 0, 0]);
    const bars = histogramBars(d, { from: T0 + 15_000, to: T0 + 25_000 }, 100, 10, { gap: 0 });
    expect(bars.map((b) => b.i)).toEqual([1, 2]);
    expect(bars[0]).toMatchObject({ x: 0, w: 50 });
    expect(bars[1]).toMatchObject({ x: 50, w: 50 });
  });
  it('leaves a gap between wide bars only', () => {
    const d = density([1, 1], [0, 0], [0, 0]);
    expect(histogramBars(d, { from: T0, to: T0 + 20_000 }, 200, 10, { gap: 1 })[0]!.w).toBe(99);
    expect(histogramBars(d, { from: T0, to: T0 + 20_000 }, 4, 10, { gap: 1 })[0]!.w).toBe(2);
  });
});

describe('lane cells', () => {
  it('shares a fixed-height cell by level, so a few errors among many lines stay a thin band', () => {
    const [cell] = laneCells(density([30_000], [3], [0]), { from: T0, to: T0 + 10_000 }, 100, 30_000, 10, 15);
    const err = cell!.segments.find((s) => s.level === 'error')!;
    const other = cell!.segments.find((s) => s.level === 'other')!;
    expect(err).toMatchObject({ y: 13, h: 2 });
    expect(other.h).toBeCloseTo(8, 6);
    expect(other.y).toBeCloseTo(5, 6);
    const [allErr] = laneCells(density([40], [40], [0]), { from: T0, to: T0 + 10_000 }, 100, 40, 10, 15);
    expect(allErr!.segments).toEqual([{ level: 'error', count: 40, y: 5, h: 10 }]);
  });
  it('colours each bucket by its worst level and shades by load', () => {
    const cells = laneCells(density([100, 1, 10, 0], [0, 0, 2], [0, 1, 0]), { from: T0, to: T0 + 40_000 }, 400);
    expect(cells.map((c) => c.level)).toEqual(['other', 'warn', 'error']);
    expect(cells[0]!.intensity).toBe(1);
    expect(cells[1]!.intensity).toBeGreaterThanOrEqual(0.25);
    expect(cells[1]!.intensity).toBeLessThan(cells[2]!.intensity);
    expect(cells[2]).toMatchObject({ errors: 2, warnings: 0, x: 200, w: 100 });
  });
});

describe('ranges', () => {
  const w = { from: T0, to: T0 + 100_000 };
  it('gives a range its pixels, at least minW wide, clipped', () => {
    expect(rangePx(w, 1000, T0 + 10_000, T0 + 20_000)).toEqual({ x: 100, w: 100 });
    expect(rangePx(w, 1000, T0 + 50_000, undefined, 4)).toEqual({ x: 498, w: 4 });
    expect(rangePx(w, 1000, T0 - 50_000, T0 + 10_000)).toEqual({ x: 0, w: 100 });
    expect(rangePx(w, 1000, T0 + 200_000, T0 + 300_000)).toBeNull();
  });
  it('summarises counts for tooltips', () => {
    expect(countSummary(1200, 3, 1, 'events')).toBe('1,200 events: 3 errors, 1 warning');
    expect(countSummary(5, 0, 0)).toBe('5 rows');
  });
});
