import { describe, expect, it } from 'vitest';
import { brushRange, dragModeFor, isClick, keyPanStep, overviewPanDelta, panDelta } from './brush';

const T0 = Date.UTC(2026, 10, 22, 4, 14, 0);
const w = { from: T0, to: T0 + 100_000 };

describe('gestures', () => {
  it('treats a press that barely moves as a click', () => {
    expect(isClick(10, 12)).toBe(true);
    expect(isClick(10, 20)).toBe(false);
    expect(isClick(10, 10, 0, 10)).toBe(false);
  });
  it('brushes on the histogram and charts; pans on the lanes unless asked otherwise', () => {
    expect(dragModeFor('histogram', 'pan', false)).toBe('brush');
    expect(dragModeFor('chart', 'pan', false)).toBe('brush');
    expect(dragModeFor('lanes', 'pan', false)).toBe('pan');
    expect(dragModeFor('lanes', 'pan', true)).toBe('brush');
    expect(dragModeFor('lanes', 'brush', false)).toBe('brush');
    expect(dragModeFor('lanes', 'brush', true)).toBe('pan');
    expect(dragModeFor('overview', 'brush', false)).toBe('pan');
  });
});

describe('brushing', () => {
  it('turns a drag into an ordered time range, either direction', () => {
    expect(brushRange(w, 1000, 100, 300)).toEqual({ from: T0 + 10_000, to: T0 + 30_000 });
    expect(brushRange(w, 1000, 300, 100)).toEqual({ from: T0 + 10_000, to: T0 + 30_000 });
  });
  it('clips to the plot and ignores clicks', () => {
    expect(brushRange(w, 1000, -50, 100)).toEqual({ from: T0, to: T0 + 10_000 });
    expect(brushRange(w, 1000, 900, 1400)).toEqual({ from: T0 + 90_000, to: T0 + 100_000 });
    expect(brushRange(w, 1000, 100, 102)).toBeNull();
    expect(brushRange(w, 1000, 1100, 1200)).toBeNull();
  });
});

describe('panning', () => {
  it('moves the window against the drag on the lanes', () => {
    expect(panDelta(w, 1000, 500, 600)).toBe(-10_000);
    expect(panDelta(w, 1000, 500, 400)).toBe(10_000);
    expect(panDelta(w, 0, 500, 400)).toBe(0);
  });
  it('moves it with the drag on the overview strip', () => {
    expect(overviewPanDelta({ from: T0, to: T0 + 1_000_000 }, 1000, 100, 150)).toBe(50_000);
  });
  it('steps a fifth of the window per arrow key, a whole one with Shift', () => {
    expect(keyPanStep(w, false)).toBe(20_000);
    expect(keyPanStep(w, true)).toBe(100_000);
  });
});
