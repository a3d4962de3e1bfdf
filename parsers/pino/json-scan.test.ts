/** The column finder behind `invalid JSON at column N`: agrees with JSON.parse on every input. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorIndex } from './json-scan';

function parses(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

describe('jsonErrorIndex', () => {
  it.each([
    ['{"a":1}', -1],
    [' [1, 2.5e-3, true, null, "x\\u00e9"] ', -1],
    ['{"a":1,', 7],
    ['{"a":}', 5],
    ['{"a" 1}', 5],
    ['"level":30}', 7],
    ['{"a":"x\\s"}', 8],
    ['{"a":"b\nc"}', 7],
    ['{"a":tru}', 8],
    ['{"a":1}x', 7],
    ['{"a":"abc', 9],
    ['{"a":01}', 6],
    ['{"a":-}', 6],
    ['{"a":1,}', 7],
    ['[1,]', 3],
    ['', 0],
  ])('%j → %d', (s, idx) => {
    expect(jsonErrorIndex(s)).toBe(idx);
  });

  const mutated = fc
    .tuple(fc.json(), fc.nat(), fc.constantFrom('', '"', '{', '}', ',', ':', '\\', 'x', '\n', '[', ']', '0'))
    .map(([s, at, ch]) => {
      const i = at % (s.length + 1);
      return s.slice(0, i) + ch + s.slice(i + (ch === '' ? 1 : 0));
    });

  it('agrees with JSON.parse (valid, mutated and random text)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), mutated, fc.string({ maxLength: 30 })), (s) => {
        const idx = jsonErrorIndex(s);
        expect(idx === -1).toBe(parses(s));
        if (idx !== -1) {
          expect(idx).toBeGreaterThanOrEqual(0);
          expect(idx).toBeLessThanOrEqual(s.length);
          // Everything before the reported index is fine: cut there, the text is either complete
          // JSON (the error was trailing text) or fails only at its end.
          expect([-1, idx]).toContain(jsonErrorIndex(s.slice(0, idx)));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
