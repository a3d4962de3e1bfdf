import { describe, expect, it } from 'vitest';
import { contextPad, duration, timelineWindow, utcRange } from './time';

describe('duration', () => {
  it('says durations the way people do', () => {
    expect(duration(850)).toBe('850 ms');
    expect(duration(4200)).toBe('4.2 s');
    expect(duration(75_000)).toBe('1 min 15 s');
    expect(duration(120_000)).toBe('2 min');
    expect(duration(59_600)).toBe('1 min');
    expect(duration(2 * 3600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(duration(3 * 86400_000 + 3600_000)).toBe('3 d 1 h');
    expect(duration(-1)).toBe('—');
  });
});

describe('timelineWindow', () => {
  it('pads a range for context, with an exclusive end', () => {
    expect(contextPad(0)).toBe(5000);
    expect(contextPad(10 * 60_000)).toBe(60_000);
    expect(contextPad(24 * 3600_000)).toBe(5 * 60_000);
    expect(timelineWindow(100_000, 100_000)).toEqual({ from: 95_000, to: 105_001 });
    expect(timelineWindow(0, 600_000)).toEqual({ from: -60_000, to: 660_001 });
  });

  it('uses the start alone when the end is missing or before it, and gives nothing without a time', () => {
    expect(timelineWindow(100_000, null)).toEqual({ from: 95_000, to: 105_001 });
    expect(timelineWindow(100_000, 50)).toEqual({ from: 95_000, to: 105_001 });
    expect(timelineWindow(null)).toBeNull();
  });
});

describe('utcRange', () => {
  const t = Date.UTC(2026, 10, 22, 4, 17, 6);
  it('writes the date once when both ends are on one day', () => {
    expect(utcRange(t, t + 258_000)).toBe('2026-11-22 04:17:06 → 04:21:24 UTC');
    expect(utcRange(t, t)).toBe('2026-11-22 04:17:06 UTC');
    expect(utcRange(t, t + 86400_000)).toBe('2026-11-22 04:17:06 → 2026-11-23 04:17:06 UTC');
    expect(utcRange(null, null)).toBe('no time');
  });
});
