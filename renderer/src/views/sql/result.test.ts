import { describe, expect, it } from 'vitest';
import {
  autoWidths, cellCsv, cellKind, cellText, csvFileName, indexWidth, isTimeValue, normalizeSchema, normalizeSqlAnswer, queryToRun, SqlError, sqlErrorHint,
  sqlErrorTitle,
} from './result';

describe('sql answers', () => {
  it('normalises rows and turns an ok:false answer into a typed error', () => {
    expect(normalizeSqlAnswer({ ok: true, columns: ['a'], rows: [[1]], truncated: true, elapsedMs: 3 })).toEqual({ columns: ['a'], rows: [[1]], truncated: true, elapsedMs: 3 });
    expect(normalizeSqlAnswer({ columns: ['a'], rows: [] })).toEqual({ columns: ['a'], rows: [], truncated: false, elapsedMs: 0 });
    try {
      normalizeSqlAnswer({ ok: false, error: { code: 'timeout', message: 'too slow' } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SqlError);
      expect((e as SqlError).code).toBe('timeout');
    }
    expect(() => normalizeSqlAnswer(null)).toThrow(SqlError);
  });

  it('normalises the schema in either shape', () => {
    const t = { name: 'events', description: 'd', columns: [{ name: 'ts', type: 'INTEGER', description: 'time', notNull: false }] };
    expect(normalizeSchema({ tables: [t] })).toEqual([{ name: 'events', description: 'd', columns: [{ name: 'ts', type: 'INTEGER', description: 'time' }] }]);
    expect(normalizeSchema([t])).toHaveLength(1);
    expect(normalizeSchema({})).toEqual([]);
  });
});

describe('cells', () => {
  it('shows every kind of value on one line', () => {
    expect(cellText(null)).toBe('NULL');
    expect(cellText(undefined)).toBe('NULL');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText('a\nb\r\nc')).toBe('a⏎b⏎c');
    expect(cellText(new Uint8Array([1, 2, 3]))).toBe('<blob 3 bytes>');
    expect(cellText({ 0: 1, 1: 2 })).toBe('<blob 2 bytes>');
    expect(cellText({ type: 'Buffer', data: [1] })).toBe('<blob 1 bytes>');
    expect(cellText(true)).toBe('true');
    expect(cellKind('x')).toBe('text');
    expect(cellKind(1n)).toBe('number');
  });

  it('keeps values for CSV (text with its newlines, NULL empty)', () => {
    expect(cellCsv(null)).toBe('');
    expect(cellCsv(3)).toBe(3);
    expect(cellCsv('a\nb')).toBe('a\nb');
    expect(cellCsv(new Uint8Array(2))).toBe('<blob 2 bytes>');
  });

  it('recognises time columns only for plausible ms values', () => {
    expect(isTimeValue('ts', 1795321101476)).toBe(true);
    expect(isTimeValue('first_ts', 1795321101476)).toBe(true);
    expect(isTimeValue('captured_at', 1795321101476)).toBe(true);
    expect(isTimeValue('ts', 42)).toBe(false);
    expect(isTimeValue('count', 1795321101476)).toBe(false);
    expect(isTimeValue('ts', '1795321101476')).toBe(false);
  });
});

describe('layout and names', () => {
  it('sizes columns from header and content, clamped', () => {
    const w = autoWidths(['id', 'message', 'x'], [[1, 'a'.repeat(500), null], [22, 'short', null]], { charPx: 10, padPx: 0, min: 50, max: 300 });
    expect(w[0]).toBe(50);
    expect(w[1]).toBe(300);
    expect(w[2]).toBe(50);
    expect(autoWidths(['a_long_column_name'], [], { charPx: 10, padPx: 0, min: 10, max: 1000 })[0]).toBe(200);
    expect(indexWidth(5)).toBeLessThan(indexWidth(100_000));
  });

  it('names exports safely and runs the selection when there is one', () => {
    expect(csvFileName('incident 3/hikari', Date.UTC(2026, 10, 22, 4, 5, 6))).toBe('rootline-incident-3-hikari-query-20261122-040506.csv');
    expect(csvFileName('///', 0)).toMatch(/^rootline-bundle-query-/);
    expect(queryToRun('SELECT 1; SELECT 2', '  ')).toBe('SELECT 1; SELECT 2');
    expect(queryToRun('SELECT 1; SELECT 2', 'SELECT 2')).toBe('SELECT 2');
  });

  it('titles and hints every typed error', () => {
    expect(sqlErrorTitle('timeout', 5000)).toContain('5 s');
    expect(sqlErrorTitle('not-read-only', 5000)).toMatch(/read/);
    expect(sqlErrorTitle('whatever', 5000)).toBe('The query failed');
    expect(sqlErrorHint('too-large')).toMatch(/LIMIT/);
    expect(sqlErrorHint('internal')).toBeNull();
  });
});
