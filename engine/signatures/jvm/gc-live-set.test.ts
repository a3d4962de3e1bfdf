import { describe, expect, it } from 'vitest';
import { liveSetVerdict } from './gc-live-set';

const MB = 1024;

describe('liveSetVerdict', () => {
  it('a live set that climbs through every level and never falls back is rising', () => {
    expect(liveSetVerdict([2, 8, 13, 19, 24, 30, 36, 41, 47, 53, 61].map((m) => m * MB), 64 * MB)).toBe('rising');
  });

  it('a working set that fills the heap and empties after the job returns (gc-pressure-freeze shape)', () => {
    const run = [4, 1858, 1900, 2384, 2389, 1212, 231, 2384, 1212, 4, 2385, 2389];
    expect(liveSetVerdict(run.map((m) => m * MB), 2944 * MB)).toBe('returns');
  });

  it('a jump to a full heap at once is not a staircase: not called a leak from three points', () => {
    expect(liveSetVerdict([4, 2384, 2385].map((m) => m * MB), 2944 * MB)).not.toBe('rising');
  });

  it('full collections that all leave about the same are flat', () => {
    expect(liveSetVerdict([40, 42, 41, 43, 40].map((m) => m * MB), 256 * MB)).toBe('flat');
  });

  it('a rise smaller than a quarter of the heap is warm-up, not a leak', () => {
    expect(liveSetVerdict([10, 14, 18, 22, 26].map((m) => m * MB), 1024 * MB)).toBe('flat');
  });
});
