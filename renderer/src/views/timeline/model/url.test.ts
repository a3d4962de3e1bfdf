import { describe, expect, it } from 'vitest';
import { parseTime, windowFromParams, windowParams } from './url';

describe('window in the route', () => {
  it('reads ms and ISO times', () => {
    expect(parseTime('1795321101477')).toBe(1795321101477);
    expect(parseTime('2026-11-22T04:18:21.477Z')).toBe(Date.UTC(2026, 10, 22, 4, 18, 21, 477));
    expect(parseTime('')).toBeNull();
    expect(parseTime('soon')).toBeNull();
    expect(parseTime(null)).toBeNull();
  });
  it('reads from/to, swapping a reversed pair', () => {
    expect(windowFromParams(new URLSearchParams('from=100&to=200'))).toEqual({ from: 100, to: 200 });
    expect(windowFromParams(new URLSearchParams('from=200&to=100'))).toEqual({ from: 100, to: 200 });
  });
  it('opens a minute around a lone time', () => {
    expect(windowFromParams(new URLSearchParams('at=100000'))).toEqual({ from: 70_000, to: 130_000 });
    expect(windowFromParams(new URLSearchParams('from=100000'))).toEqual({ from: 70_000, to: 130_000 });
    expect(windowFromParams(new URLSearchParams('from=100000&to=100000'))).toEqual({ from: 70_000, to: 130_000 });
    expect(windowFromParams(new URLSearchParams('x=1'))).toBeNull();
  });
  it('writes whole ms and keeps other parameters', () => {
    expect(windowParams({ from: 100.7, to: 200.2 }, new URLSearchParams('from=1&to=2&at=3&q=x'))).toEqual({ q: 'x', from: '100', to: '201' });
  });
});
