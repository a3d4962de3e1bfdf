import { describe, expect, it } from 'vitest';
import { mannKendall, poissonTail } from './stats';
import { drained, growth, isGrowing } from './series';

describe('poissonTail', () => {
  it('matches the closed form for small k', () => {
    // P(X ≥ 1) = 1 − e^{−λ}; P(X ≥ 2) = 1 − e^{−λ}(1 + λ)
    expect(poissonTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 10);
    expect(poissonTail(2, 0.5)).toBeCloseTo(1 - Math.exp(-0.5) * 1.5, 10);
  });
  it('stays finite far in the tail', () => {
    const p = poissonTail(200, 5);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-100);
  });
  it('is 1 for k ≤ 0 and 0 for λ = 0', () => {
    expect(poissonTail(0, 3)).toBe(1);
    expect(poissonTail(3, 0)).toBe(0);
  });
});

describe('mannKendall', () => {
  it('gives the exact one-sided p of a strictly rising series', () => {
    expect(mannKendall([1, 2, 3]).p).toBeCloseTo(1 / 6, 10);
    expect(mannKendall([1, 2, 3, 4]).p).toBeCloseTo(1 / 24, 10);
  });
  it('finds no trend in a series that goes up and comes back', () => {
    expect(mannKendall([8, 65, 125, 14, 8, 66, 124, 14, 8]).p).toBeGreaterThan(0.2);
  });
  it('finds the trend of a noisy climb', () => {
    expect(mannKendall([14, 28, 27, 43, 59, 58, 76, 96, 117, 132]).p).toBeLessThan(0.001);
  });
});

describe('isGrowing', () => {
  const g = (vs: number[]) => growth(vs.map((v, i) => ({ t: i * 60_000, v })));
  it('accepts a steady climb that keeps its gain', () => expect(isGrowing(g([14, 28, 43, 59, 76, 96, 117, 132]), 20)).toBe(true));
  it('accepts three rising points', () => expect(isGrowing(g([10, 30, 60]), 20)).toBe(true));
  it('rejects a pile-up that drains (stall-drains-go: 8 → 125 → 14)', () => {
    const s = g([8, 65, 125, 14, 8, 65, 125, 14]);
    expect(isGrowing(s, 10)).toBe(false);
    expect(drained(s)).toBe(true);
  });
  it('rejects growth that gave back more than half of its rise at the end', () => expect(isGrowing(g([10, 50, 100, 40]), 10)).toBe(false));
  it('rejects two points', () => expect(isGrowing(g([10, 100]), 10)).toBe(false));
});
