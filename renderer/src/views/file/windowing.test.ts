import { describe, expect, it } from 'vitest';
import {
  CHUNK_LINES, chunkOf, chunksCovering, chunksLoadedBy, chunkSpan, chunksToEvict, initialSpan, KEEP_CHUNKS, MAX_LINES_PER_CALL,
  MAX_LOADED_CHUNKS, missingSpans, nextLine, parseLine, targetRange,
} from './windowing';

describe('chunks', () => {
  it('maps lines to aligned chunks and back', () => {
    expect(chunkOf(1)).toBe(0);
    expect(chunkOf(CHUNK_LINES)).toBe(0);
    expect(chunkOf(CHUNK_LINES + 1)).toBe(1);
    expect(chunkOf(0)).toBe(0);
    expect(chunkOf(-5)).toBe(0);
    expect(chunkSpan(2)).toEqual({ from: 2 * CHUNK_LINES + 1, to: 3 * CHUNK_LINES });
  });

  it('covers a line range, clipped to the file', () => {
    expect(chunksCovering(1, 1, 10)).toEqual([0]);
    expect(chunksCovering(-100, 1200, 100_000)).toEqual([0, 1, 2]);
    expect(chunksCovering(900, 5000, 1100)).toEqual([1, 2]);
    expect(chunksCovering(10, 5, 100)).toEqual([]);
  });

  it('counts chunks a span loaded fully, and a short last chunk when the span reaches the end', () => {
    expect(chunksLoadedBy({ from: 1, to: 1000 }, 10_000)).toEqual([0, 1]);
    expect(chunksLoadedBy({ from: 1, to: 999 }, 10_000)).toEqual([0]);
    expect(chunksLoadedBy({ from: 501, to: 1234 }, 1234)).toEqual([1, 2]);
  });
});

describe('first window', () => {
  it('starts at the top without a target', () => {
    expect(initialSpan(null, 1_000_000)).toEqual({ from: 1, to: 4000 });
  });

  it('surrounds the target with aligned chunks, within one call', () => {
    const s = initialSpan(150_000, 200_000);
    expect(s.from).toBeLessThanOrEqual(150_000 - 1000);
    expect(s.to).toBeGreaterThanOrEqual(150_000 + 2000);
    expect((s.from - 1) % CHUNK_LINES).toBe(0);
    expect(s.to - s.from + 1).toBeLessThanOrEqual(MAX_LINES_PER_CALL);
  });

  it('starts at line 1 for a target near the top, and clamps a target past the end', () => {
    expect(initialSpan(30, 1090).from).toBe(1);
    const s = initialSpan(999_999, 1000);
    expect(s.from).toBe(1);
    expect(s.to).toBeGreaterThanOrEqual(1000);
  });
});

describe('target range', () => {
  it('parses route lines strictly', () => {
    expect(parseLine('42')).toBe(42);
    expect(parseLine(' 7 ')).toBe(7);
    for (const bad of [null, undefined, '', '0', '-3', '1.5', 'abc', '1e3', '99999999999999999999']) expect(parseLine(bad)).toBeNull();
  });

  it('keeps a range only when it ends after the line, and clamps to the file', () => {
    expect(targetRange(10, null, 100)).toEqual({ from: 10, to: 10 });
    expect(targetRange(10, 5, 100)).toEqual({ from: 10, to: 10 });
    expect(targetRange(10, 20, 100)).toEqual({ from: 10, to: 20 });
    expect(targetRange(90, 200, 100)).toEqual({ from: 90, to: 100 });
    expect(targetRange(500, null, 100)).toEqual({ from: 100, to: 100 });
    expect(targetRange(null, 20, 100)).toBeNull();
  });
});

describe('what to fetch', () => {
  it('groups missing chunks into contiguous spans of at most one call, skipping loaded and pending ones', () => {
    const spans = missingSpans([0, 1, 2, 3, 5, 6], new Set([1]), new Set([6]), 1);
    expect(spans).toEqual([
      { from: 1, to: 500 },
      { from: 1001, to: 2000 },
      { from: 2501, to: 3000 },
    ]);
  });

  it('splits long runs so no call asks for more than the engine gives', () => {
    const needed = Array.from({ length: 25 }, (_, i) => i);
    const spans = missingSpans(needed, new Set(), new Set(), 1);
    for (const s of spans) expect(s.to - s.from + 1).toBeLessThanOrEqual(MAX_LINES_PER_CALL);
    expect(spans.reduce((n, s) => n + (s.to - s.from + 1), 0)).toBe(25 * CHUNK_LINES);
  });

  it('fetches what is nearest the view first', () => {
    const spans = missingSpans([0, 1, 8, 9, 20], new Set([2, 3, 4, 5, 6, 7, 10, 11]), new Set(), chunkSpan(19).from);
    expect(spans[0]).toEqual(chunkSpan(20));
  });
});

describe('eviction', () => {
  it('keeps everything under the cap', () => {
    expect(chunksToEvict(new Set([1, 2, 3]), { from: 1, to: 50 })).toEqual([]);
  });

  it('drops the chunks farthest from the view down to the kept number, never a visible one', () => {
    const loaded = new Set(Array.from({ length: MAX_LOADED_CHUNKS + 10 }, (_, i) => i));
    const view = chunkSpan(100);
    const drop = chunksToEvict(loaded, view);
    expect(drop).toHaveLength(loaded.size - KEEP_CHUNKS);
    expect(drop).not.toContain(100);
    const kept = [...loaded].filter((c) => !drop.includes(c));
    const far = Math.max(...kept.map((c) => Math.abs(c - 100)));
    for (const c of drop) expect(Math.abs(c - 100)).toBeGreaterThanOrEqual(far);
  });
});

describe('next evidence line', () => {
  it('steps forward and back, wrapping around', () => {
    const lines = [30, 10, 20];
    expect(nextLine(lines, 10, 1)).toBe(20);
    expect(nextLine(lines, 25, 1)).toBe(30);
    expect(nextLine(lines, 30, 1)).toBe(10);
    expect(nextLine(lines, 20, -1)).toBe(10);
    expect(nextLine(lines, 5, -1)).toBe(30);
    expect(nextLine([], 5, 1)).toBeNull();
  });
});
