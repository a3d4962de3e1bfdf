import { describe, expect, it } from 'vitest';
import {
  clampWindow, clock, fitWindow, labelPx, MIN_SPAN_MS, panWindow, spanLabel, tickLabel, tickStep, timeTicks, tsOf, wheelFactor, xOf, zoomWindow,
} from './scale';

const T0 = Date.UTC(2026, 10, 22, 4, 14, 0);
const w = { from: T0, to: T0 + 60_000 };
const extent = { from: T0, to: T0 + 600_000 };

describe('time ↔ pixel', () => {
  it('maps the window onto the plot and back', () => {
    expect(xOf(w, 600, T0)).toBe(0);
    expect(xOf(w, 600, T0 + 30_000)).toBe(300);
    expect(xOf(w, 600, T0 + 60_000)).toBe(600);
    expect(tsOf(w, 600, 300)).toBe(T0 + 30_000);
    for (const x of [0, 17, 333.5, 600]) expect(xOf(w, 600, tsOf(w, 600, x))).toBeCloseTo(x, 6);
  });
  it('places off-window times outside the plot and survives a zero width', () => {
    expect(xOf(w, 600, T0 - 10_000)).toBeLessThan(0);
    expect(tsOf(w, 0, 50)).toBe(T0);
  });
});

describe('window operations', () => {
  it('zooms around the anchor: the anchor keeps its pixel', () => {
    const anchor = T0 + 15_000;
    const z = zoomWindow(w, 0.5, anchor, extent);
    expect(z.to - z.from).toBe(30_000);
    expect(xOf(z, 600, anchor)).toBeCloseTo(xOf(w, 600, anchor), 0);
  });
  it('stops zooming in at the minimum span, anchor inside', () => {
    const z = zoomWindow(w, 1e-9, T0 + 45_000, extent);
    expect(z.to - z.from).toBeGreaterThanOrEqual(MIN_SPAN_MS);
    expect(z.to - z.from).toBeLessThanOrEqual(MIN_SPAN_MS + 1);
    expect(z.from).toBeLessThanOrEqual(T0 + 45_000);
    expect(z.to).toBeGreaterThanOrEqual(T0 + 45_000);
  });
  it('stops zooming out at four extents', () => {
    const z = zoomWindow(w, 1e6, T0, extent);
    expect(z.to - z.from).toBeLessThanOrEqual(4 * 600_000 + 1);
  });
  it('pans but keeps the middle of the window on the data', () => {
    expect(panWindow(w, 10_000, extent)).toEqual({ from: T0 + 10_000, to: T0 + 70_000 });
    const far = panWindow(w, -10 * 600_000, extent);
    expect((far.from + far.to) / 2).toBe(extent.from);
    const late = panWindow(w, 10 * 600_000, extent);
    expect((late.from + late.to) / 2).toBe(extent.to);
  });
  it('fits the extent with a little air, and a single instant with the minimum span', () => {
    const f = fitWindow(extent);
    expect(f.from).toBeLessThan(extent.from);
    expect(f.to).toBeGreaterThan(extent.to);
    expect(f.to - f.from).toBeLessThan(1.05 * 600_000);
    const one = fitWindow({ from: T0, to: T0 + 1 });
    expect(one.to - one.from).toBeGreaterThanOrEqual(MIN_SPAN_MS);
    expect(one.from).toBeLessThan(T0);
  });
  it('clamps to whole milliseconds with to > from', () => {
    const c = clampWindow({ from: T0 + 0.4, to: T0 + 0.6 }, null);
    expect(Number.isInteger(c.from) && Number.isInteger(c.to)).toBe(true);
    expect(c.to - c.from).toBeGreaterThanOrEqual(MIN_SPAN_MS);
  });
  it('turns wheel notches into a zoom factor: down zooms out, up zooms in, bounded', () => {
    expect(wheelFactor(100, 0)).toBeGreaterThan(1);
    expect(wheelFactor(-100, 0)).toBeLessThan(1);
    expect(wheelFactor(3, 1)).toBeCloseTo(wheelFactor(48, 0));
    expect(wheelFactor(1e6, 0)).toBe(wheelFactor(300, 0));
  });
});

describe('axis ticks', () => {
  it('picks round steps at least minPx apart', () => {
    expect(tickStep(w, 600, 90)).toBe(10_000); // 60 s over 600 px: 9 s per 90 px → 10 s
    expect(tickStep({ from: T0, to: T0 + 500 }, 1000, 90)).toBe(50);
    expect(tickStep({ from: T0, to: T0 + 10 * 86_400_000 }, 1000, 90)).toBe(86_400_000);
  });
  it('puts ticks on round UTC times inside the window', () => {
    const ticks = timeTicks({ from: T0 + 1234, to: T0 + 61_234 }, 600);
    expect(ticks.length).toBeGreaterThan(3);
    for (const t of ticks) {
      expect(t.ts % 10_000).toBe(0);
      expect(t.ts).toBeGreaterThanOrEqual(T0 + 1234);
      expect(t.ts).toBeLessThan(T0 + 61_234);
    }
    expect(ticks[0]!.label).toBe('04:14:10');
  });
  it('labels with the precision the step needs and dates new days', () => {
    const t = Date.UTC(2026, 10, 22, 4, 18, 0);
    expect(tickLabel(t, 60_000, false)).toBe('04:18');
    expect(tickLabel(t + 30_000, 30_000, false)).toBe('04:18:30');
    expect(tickLabel(t + 250, 50, false)).toBe('04:18:00.250');
    expect(tickLabel(t, 86_400_000, false)).toBe('11-22');
    const midnight = { from: Date.UTC(2026, 10, 22, 23, 0), to: Date.UTC(2026, 10, 23, 1, 0) };
    const ticks = timeTicks(midnight, 800);
    const day = ticks.find((x) => x.day)!;
    expect(day.ts).toBe(Date.UTC(2026, 10, 23));
    expect(day.label).toBe('11-23 00:00');
  });
  it('keeps millisecond labels apart and drops labels that would stick out of the plot', () => {
    const ticks = timeTicks({ from: T0 + 980, to: T0 + 3_020 }, 1000);
    const shown = ticks.filter((t) => t.label);
    for (let i = 1; i < shown.length; i++) expect(((shown[i]!.ts - shown[i - 1]!.ts) / 2040) * 1000).toBeGreaterThanOrEqual(labelPx('00:00:00.000'));
    expect(ticks[0]!.ts).toBe(T0 + 1000);
    expect(ticks[0]!.label).toBe(''); // 10 px from the left edge: no room for its label
    expect(shown.length).toBeGreaterThan(3);
  });
  it('dates the first label of a new day even when the midnight tick has no room', () => {
    const w = { from: Date.UTC(2026, 10, 19, 23, 53), to: Date.UTC(2026, 10, 20, 10, 53) };
    const ticks = timeTicks(w, 960);
    expect(ticks[0]).toMatchObject({ ts: Date.UTC(2026, 10, 20), day: true, label: '' });
    expect(ticks.find((t) => t.label)!.label).toBe('11-20 02:00'); // 2-hour steps at this width
    expect(ticks.filter((t) => t.label.includes('11-20'))).toHaveLength(1);
  });
  it('gives nothing for an empty plot', () => {
    expect(timeTicks(w, 0)).toEqual([]);
  });
});

describe('labels', () => {
  it('says how long a window is', () => {
    expect(spanLabel(850)).toBe('850 ms');
    expect(spanLabel(4_250)).toBe('4.25 s');
    expect(spanLabel(30_000)).toBe('30 s');
    expect(spanLabel(527_000)).toBe('8 min 47 s');
    expect(spanLabel(3_600_000)).toBe('1 h');
    expect(spanLabel(3 * 86_400_000)).toBe('3 d');
  });
  it('prints precise UTC clock times', () => {
    expect(clock(Date.UTC(2026, 10, 22, 4, 18, 21, 476))).toBe('04:18:21.476');
    expect(clock(Date.UTC(2026, 10, 22, 4, 18, 21, 476), true)).toBe('2026-11-22 04:18:21.476');
  });
});
