import { describe, expect, it } from 'vitest';
import { indexStatusText, levelName, pageLabel, readSearchParams, searchParamsRecord, snippetParts } from './format';

describe('search formatting', () => {
  it('names pino levels, including in-between values', () => {
    expect(levelName(50)).toBe('error');
    expect(levelName(60)).toBe('fatal');
    expect(levelName(35)).toBe('info');
    expect(levelName(null)).toBe('');
    expect(levelName(5)).toBe('5');
  });

  it('splits a snippet into plain and matched pieces, with ellipses for cut text', () => {
    expect(snippetParts({ text: 'Connection is not available', highlights: [[0, 10], [18, 27]], clippedStart: false, clippedEnd: false })).toEqual([
      { text: 'Connection', match: true },
      { text: ' is not ', match: false },
      { text: 'available', match: true },
    ]);
    expect(snippetParts({ text: 'abc', highlights: [], clippedStart: true, clippedEnd: true })).toEqual([{ text: '…abc…', match: false }]);
  });

  it('survives ranges out of order, overlapping or past the end', () => {
    const parts = snippetParts({ text: 'hello world', highlights: [[6, 50], [0, 2], [1, 4]], clippedStart: false, clippedEnd: false });
    expect(parts.map((p) => p.text).join('')).toBe('hello world');
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['hell', 'world']);
  });

  it('keeps markup in log text as text', () => {
    const parts = snippetParts({ text: '<script>alert(1)</script>', highlights: [[8, 13]], clippedStart: false, clippedEnd: false });
    expect(parts.map((p) => p.text)).toEqual(['<script>', 'alert', '(1)</script>']);
  });

  it('labels pages', () => {
    expect(pageLabel(0, 100, 1234, true)).toBe('1–100 of 1,234');
    expect(pageLabel(100, 100, 10000, false)).toBe('101–200 of more than 10,000');
    expect(pageLabel(0, 0, 0, true)).toBe('no matches');
    expect(pageLabel(200, 0, 150, true)).toBe('no more matches');
  });

  it('explains the index state', () => {
    expect(indexStatusText({ state: 'ready', events: 4776, builtAt: 0, buildMs: 10 })).toMatchObject({ tone: 'ok', text: 'Index ready: 4,776 events' });
    const b = indexStatusText({ state: 'building', done: 42, total: 100, startedAt: 0 });
    expect(b.tone).toBe('busy');
    expect(b.progress).toBeCloseTo(0.42);
    expect(b.text).toContain('42%');
    expect(b.text).toContain('approximate');
    expect(indexStatusText({ state: 'building', done: 0, total: 0, startedAt: 0 }).progress).toBeNull();
    expect(indexStatusText({ state: 'missing', reason: 'stale' }).text).toContain('out of date');
    expect(indexStatusText({ state: 'failed', message: 'disk full' })).toMatchObject({ tone: 'error' });
  });

  it('reads and writes the search in the route query', () => {
    const p = readSearchParams(new URLSearchParams('q=a%20OR%20b&page=3&order=rank&level=40&file=7&from=100&to=200'));
    expect(p).toEqual({ q: 'a OR b', page: 3, order: 'rank', minLevel: 40, fileId: 7, from: 100, to: 200 });
    expect(readSearchParams(new URLSearchParams('page=0&order=x&level=abc'))).toEqual({ q: '', page: 1, order: 'time', minLevel: null, fileId: null, from: null, to: null });
    expect(searchParamsRecord({ q: 'x', page: 1, order: 'time', minLevel: null, fileId: null, from: null, to: null })).toEqual({
      q: 'x', page: undefined, order: undefined, level: undefined, file: undefined, from: undefined, to: undefined,
    });
    expect(searchParamsRecord(p)).toMatchObject({ page: 3, order: 'rank', level: 40, file: 7 });
  });
});
