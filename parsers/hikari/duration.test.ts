import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHikariDuration } from './duration';

describe('parseHikariDuration (ClockSource.elapsedDisplayString)', () => {
  it.each([
    ['1m13s50ms252µs185ns', 73050],
    ['35m51s954ms609µs641ns', 2151954],
    ['25m48s166ms', 1548166],
    ['1h2m5s15ms949µs613ns', 3725015],
    ['1m5s204ms948μs145ns', 65204], // U+03BC, HikariCP ≤ 2.5
    ['2d3h', 2 * 86_400_000 + 3 * 3_600_000],
    ['999us', 0],
    ['-3s2ms', -3002],
    ['43m27s289ms171µs692ns', 2607289],
  ])('%s → %d ms', (text, ms) => {
    expect(parseHikariDuration(text)).toBe(ms);
  });

  it.each(['', '-', 'HikariPool-1', '12', 'ms', '5x', '1m5'])('rejects %j', (text) => {
    expect(parseHikariDuration(text)).toBeNull();
  });

  it('round-trips what HikariCP prints', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 * 86_400_000 }), fc.nat({ max: 999_999 }), (ms, subMsNs) => {
        // elapsedDisplayString: descending units, each only when non-zero
        const parts: [number, string][] = [
          [Math.floor(ms / 86_400_000), 'd'],
          [Math.floor(ms / 3_600_000) % 24, 'h'],
          [Math.floor(ms / 60_000) % 60, 'm'],
          [Math.floor(ms / 1000) % 60, 's'],
          [ms % 1000, 'ms'],
          [Math.floor(subMsNs / 1000), 'µs'],
          [subMsNs % 1000, 'ns'],
        ];
        const text = parts.filter(([n]) => n > 0).map(([n, u]) => `${n}${u}`).join('');
        if (text === '') return;
        expect(parseHikariDuration(text)).toBe(ms);
      }),
    );
  });
});
