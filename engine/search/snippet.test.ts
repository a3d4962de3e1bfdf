import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseMarkers, clipSnippet, findRanges, mergeRanges, parseMarked } from './snippet';

describe('snippets', () => {
  it('reads highlight() markers back into plain text and ranges', () => {
    expect(parseMarked('a [bc] d [e]', '[', ']')).toEqual({ text: 'a bc d e', highlights: [[2, 4], [7, 8]] });
  });

  it('picks markers that occur in none of the texts', () => {
    const [open, close] = chooseMarkers(['x\uE000y', 'z\uE001\uE002']);
    expect([open, close]).toEqual(['\uE003', '\uE004']);
  });

  it('round-trips any text: markers chosen for it never collide with its characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('\uE000', '\uE001', '\uE002', '🙂', '<', '"'), fc.string({ unit: 'binary', maxLength: 1 })) }), fc.nat(), fc.nat(), (text, a, b) => {
        const [open, close] = chooseMarkers([text]);
        const s = Math.min(a, b) % (text.length + 1);
        const e = Math.max(a, b) % (text.length + 1);
        const lo = Math.min(s, e);
        const hi = Math.max(s, e);
        const marked = text.slice(0, lo) + open + text.slice(lo, hi) + close + text.slice(hi);
        expect(parseMarked(marked, open, close)).toEqual({ text, highlights: hi > lo ? [[lo, hi]] : [] });
      }),
    );
  });

  it('finds case-insensitive occurrences for the fallback, merged', () => {
    expect(findRanges('Pool stats: POOL', ['pool', 'ool st'])).toEqual([[0, 7], [12, 16]]);
    expect(findRanges('a.b*c', ['.b*'])).toEqual([[1, 4]]);
    expect(mergeRanges([[5, 6], [0, 2], [1, 3]])).toEqual([[0, 3], [5, 6]]);
  });

  it('clips long text around the first match and shifts the ranges', () => {
    const text = 'x'.repeat(500) + 'NEEDLE' + 'y'.repeat(500);
    const s = clipSnippet(text, [[500, 506]], 100);
    expect(s.text.length).toBe(100);
    expect(s.clippedStart && s.clippedEnd).toBe(true);
    const [[a, b]] = s.highlights as [[number, number]];
    expect(s.text.slice(a, b)).toBe('NEEDLE');
    expect(clipSnippet('short', [[0, 5]], 100)).toEqual({ text: 'short', highlights: [[0, 5]], clippedStart: false, clippedEnd: false });
  });

  it('never cuts a surrogate pair in two', () => {
    const text = '🙂'.repeat(200);
    for (const at of [0, 1, 3, 151, 300]) {
      const s = clipSnippet(text, [[at, at + 1]], 51);
      expect(s.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
  });
});
