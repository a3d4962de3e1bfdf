import { describe, expect, it } from 'vitest';
import { epochToMs, fractionToMs, parseIsoStamp, zoneOffsetMinutes } from './time';
import type { TimeContext } from './types';

const kst: TimeContext = { localToUtc: (y, mo, d, h, mi, s, ms) => Date.UTC(y, mo - 1, d, h, mi, s, ms) - 9 * 3600_000, referenceDay: null };

describe('time helpers', () => {
  it('parses ISO-like stamps with every zone spelling, followed by anything', () => {
    expect(parseIsoStamp(kst, '2016-12-19T20:00:31.123+0000: 1.234: [GC')).toEqual({ ts: Date.UTC(2016, 11, 19, 20, 0, 31, 123), tq: 'explicit', length: 28 });
    expect(parseIsoStamp(kst, '2016-09-26T04:12:25.316+0300\tDEBUG')?.ts).toBe(Date.UTC(2016, 8, 26, 1, 12, 25, 316));
    expect(parseIsoStamp(kst, '2024-02-27 13:57:51,819UTC WARN')?.ts).toBe(Date.UTC(2024, 1, 27, 13, 57, 51, 819));
    expect(parseIsoStamp(kst, '2021-01-31T07:13:48.441+09:00 x')?.ts).toBe(Date.UTC(2021, 0, 30, 22, 13, 48, 441));
  });
  it('uses the assumed zone when none is printed', () => {
    expect(parseIsoStamp(kst, '2021-01-31 07:13:55.627  WARN 30747')).toEqual({ ts: Date.UTC(2021, 0, 30, 22, 13, 55, 627), tq: 'assumed', length: 23 });
  });
  it('normalises fractions, offsets and epoch units', () => {
    expect(fractionToMs('5')).toBe(500);
    expect(fractionToMs('123456789')).toBe(123);
    expect(zoneOffsetMinutes('-05:30')).toBe(-330);
    expect(zoneOffsetMinutes('+1500')).toBeNull();
    expect(epochToMs(1588536784)).toBe(1588536784000);
    expect(epochToMs(1588536784439)).toBe(1588536784439);
    expect(epochToMs(1588536784439123)).toBe(1588536784439);
  });
});
