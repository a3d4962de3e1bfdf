import { describe, expect, it } from 'vitest';
import type { TimelineRow } from '../../../../../engine/timeline/types';
import { filtersActive, keepMark, levelClassOf, levelName, markFilters, NO_FILTERS, parseKinds, queryFilters, sourcesSummary } from './filters';

const row = (r: Partial<TimelineRow> & Pick<TimelineRow, 'type'>): TimelineRow => ({ ts: 0, text: 'x', ref: `${r.type}:1`, ...r });

describe('engine filters', () => {
  it('sends nothing when nothing is filtered', () => {
    expect(filtersActive(NO_FILTERS)).toBe(false);
    expect(queryFilters(NO_FILTERS)).toEqual({});
  });
  it('passes every filter to the histogram and list queries', () => {
    const f = { fileIds: [3], minLevel: 40, types: ['event' as const, 'finding' as const], kinds: ['hikari.stats'], text: ' timeout ' };
    expect(filtersActive(f)).toBe(true);
    expect(queryFilters(f)).toEqual({ fileIds: [3], minLevel: 40, types: ['event', 'finding'], kinds: ['hikari.stats'], text: 'timeout' });
    expect(queryFilters(f, ['event'])).toMatchObject({ types: ['event'] });
  });
  it('asks the marks query for the non-event types and the text only', () => {
    expect(markFilters({ ...NO_FILTERS, minLevel: 50, fileIds: [1], text: 'pool' })).toEqual({ types: ['snapshot', 'finding', 'annotation'], text: 'pool' });
  });
});

describe('marks kept on the lanes', () => {
  const files = (ref: string) => (ref === 'finding:1' ? [4, 5] : undefined);
  it('keeps annotations whatever the source and level filters', () => {
    const f = { ...NO_FILTERS, fileIds: [9], minLevel: 50 };
    expect(keepMark(row({ type: 'annotation', kind: 'note' }), f, files)).toBe(true);
  });
  it('filters annotations by marker only when the kinds name markers', () => {
    expect(keepMark(row({ type: 'annotation', kind: 'note' }), { ...NO_FILTERS, kinds: ['hikari.stats'] }, files)).toBe(true);
    expect(keepMark(row({ type: 'annotation', kind: 'note' }), { ...NO_FILTERS, kinds: ['repair'] }, files)).toBe(false);
  });
  it('filters findings by level, any evidence file and signature', () => {
    const fd = row({ type: 'finding', ref: 'finding:1', level: 50, kind: 'hikari-starvation', fileId: 4 });
    expect(keepMark(fd, { ...NO_FILTERS, minLevel: 60 }, files)).toBe(false);
    expect(keepMark(fd, { ...NO_FILTERS, minLevel: 50 }, files)).toBe(true);
    expect(keepMark(fd, { ...NO_FILTERS, fileIds: [5] }, files)).toBe(true);
    expect(keepMark(fd, { ...NO_FILTERS, fileIds: [6] }, files)).toBe(false);
    expect(keepMark(fd, { ...NO_FILTERS, kinds: ['Hikari-Starvation'] }, files)).toBe(true);
  });
  it('filters snapshots by source and kind, and every mark by type', () => {
    const s = row({ type: 'snapshot', fileId: 7, kind: 'ss' });
    expect(keepMark(s, { ...NO_FILTERS, fileIds: [7] }, files)).toBe(true);
    expect(keepMark(s, { ...NO_FILTERS, fileIds: [8] }, files)).toBe(false);
    expect(keepMark(s, { ...NO_FILTERS, kinds: ['lsof'] }, files)).toBe(false);
    expect(keepMark(s, { ...NO_FILTERS, types: ['event', 'finding'] }, files)).toBe(false);
  });
});

describe('labels', () => {
  it('summarises the source selection', () => {
    const all = [{ fileId: 1, path: 'logs/app.log' }, { fileId: 2, path: 'logs/gc.log' }, { fileId: 3, path: 'x/y.txt' }];
    expect(sourcesSummary(null, all)).toBe('All sources (3)');
    expect(sourcesSummary([], all)).toBe('No sources');
    expect(sourcesSummary([1, 2], all)).toBe('app.log, gc.log');
    expect(sourcesSummary([1, 2, 3], all)).toBe('app.log, gc.log +1');
  });
  it('parses kinds and names levels', () => {
    expect(parseKinds(' hikari.stats, lsof  lsof,')).toEqual(['hikari.stats', 'lsof']);
    expect([60, 50, 40, 30, 20, 10, undefined].map(levelName)).toEqual(['fatal', 'error', 'warn', 'info', 'debug', 'trace', '']);
    expect([55, 45, 30, undefined].map(levelClassOf)).toEqual(['error', 'warn', 'other', 'other']);
  });
});
