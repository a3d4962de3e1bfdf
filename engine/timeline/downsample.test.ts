import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsample } from './downsample';
import type { SeriesPoint } from './series-types';

const pt = (ts: number, value: number): SeriesPoint => ({ ts, value, ref: `event:${ts}`, fileId: 1, line: ts });

describe('downsample', () => {
  it('keeps a spike that an average would flatten', () => {
    const flat = Array.from({ length: 10_000 }, (_, i) => pt(i * 1000, 5));
    flat[4321] = pt(4321 * 1000, 90_000); // a 90 s GC pause among 5 ms ones
    const out = downsample(flat, 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out.map((p) => p.value)).toContain(90_000);
    expect(out[0]).toBe(flat[0]);
    expect(out.at(-1)).toBe(flat.at(-1));
  });

  it('returns at most maxPoints points of the input, in order, with its first, last, lowest and highest', () => {
    const points = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 1e9 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { maxLength: 3000 })
      .map((xs) => xs.sort((a, b) => a[0] - b[0]).map(([t, v]) => pt(t, v)));
    fc.assert(
      fc.property(points, fc.integer({ min: 1, max: 500 }), (input, max) => {
        const out = downsample(input, max);
        if (input.length <= Math.max(4, max)) {
          expect(out).toEqual(input);
          return;
        }
        expect(out.length).toBeLessThanOrEqual(Math.max(4, max));
        const idx = out.map((p) => input.indexOf(p));
        expect(idx.every((i, k) => i >= 0 && (k === 0 || i > idx[k - 1]!))).toBe(true);
        expect(out[0]).toBe(input[0]);
        expect(out.at(-1)).toBe(input.at(-1));
        const values = out.map((p) => p.value);
        expect(Math.min(...values)).toBe(Math.min(...input.map((p) => p.value)));
        expect(Math.max(...values)).toBe(Math.max(...input.map((p) => p.value)));
      }),
    );
  });
});
