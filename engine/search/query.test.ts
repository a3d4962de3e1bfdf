import { describe, expect, it } from 'vitest';
import { MAX_QUERY_CHARS, parseQuery, toLikeFilter, toMatchExpression } from './query';

const match = (q: string) => {
  const p = parseQuery(q);
  if (!p.ok) throw new Error(`${q}: ${p.error.code}`);
  return toMatchExpression(p.query);
};
const errorOf = (q: string) => {
  const p = parseQuery(q);
  return p.ok ? null : p.error.code;
};

describe('parseQuery → FTS5 MATCH', () => {
  it.each([
    ['connection timeout', '"connection" AND "timeout"'],
    ['"request timed out"', '"request timed out"'],
    ['HikariPool-1 08003', '"HikariPool-1" AND "08003"'],
    ['ECONNREF*', '"ECONNREF"*'],
    ['"com.zaxxer.hik"*', '"com.zaxxer.hik"*'],
    ['pool -stats', '("pool") NOT ("stats")'],
    ['pool -"pool stats" -leak', '("pool") NOT ("pool stats" OR "leak")'],
    ['starvation OR timeout', '("starvation" OR "timeout")'],
    ['hikari starvation OR timeout refused', '"hikari" AND ("starvation" OR "timeout") AND "refused"'],
    ['a OR b OR c', '("a" OR "b" OR "c")'],
    ['x AND y', '"x" AND "y"'],
    ['x NOT y', '("x") NOT ("y")'],
    ['say "he said ""hi"""', '"say" AND "he said " AND "hi"'],
    ['or and', '"or" AND "and"'],
    ['-OR x', '("x") NOT ("OR")'],
    ['"unterminated phrase', '"unterminated phrase"'],
    ['NEAR(a b)', '"NEAR(a" AND "b)"'],
    ['col:value', '"col:value"'],
    ['* x', '"x"'],
    ['- x', '"x"'],
    ['결제 실패', '"결제" AND "실패"'],
    ['\u0000〱', '"〱"'], // found by the property test in search.test.ts: FTS5 stops reading at a NUL
    ['"a\u0000b"', '"a b"'],
  ])('%s', (q, expected) => {
    expect(match(q)).toBe(expected);
  });

  it('doubles quotes inside terms so user text never closes the FTS5 string', () => {
    expect(match('a"b')).toBe('"a""b"');
    expect(match('x"); DROP TABLE events; --')).toBe('"x"");" AND "DROP" AND "TABLE" AND "events;"');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['"', 'empty'],
    ['*', 'empty'],
    ['-', 'empty'],
    ['"" * - :', 'empty'],
    ['-foo', 'only-exclusions'],
    ['-foo -"bar baz"', 'only-exclusions'],
    ['OR', 'syntax'],
    ['a OR', 'syntax'],
    ['OR a', 'syntax'],
    ['a OR OR b', 'syntax'],
    ['a OR -b', 'syntax'],
    ['-a OR b', 'syntax'],
    ['a NOT', 'syntax'],
    ['x'.repeat(MAX_QUERY_CHARS + 1), 'too-long'],
    [Array.from({ length: 65 }, (_, i) => `t${i}`).join(' '), 'too-long'],
  ])('%j is unusable: %s', (q, code) => {
    expect(errorOf(q)).toBe(code);
  });

  it('every error carries a message a user can act on', () => {
    const p = parseQuery('-foo');
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error.message).toMatch(/at least one term/);
  });
});

describe('toLikeFilter (the fallback scan)', () => {
  it('turns terms into escaped substring patterns with the same AND/OR/NOT shape', () => {
    const p = parseQuery('50% a_b OR "timed   out" -x\\y');
    if (!p.ok) throw new Error(p.error.message);
    expect(toLikeFilter(p.query, 'm')).toEqual({
      sql: "m LIKE ? ESCAPE '\\' AND (m LIKE ? ESCAPE '\\' OR m LIKE ? ESCAPE '\\') AND NOT m LIKE ? ESCAPE '\\'",
      params: ['%50\\%%', '%a\\_b%', '%timed out%', '%x\\\\y%'],
    });
  });
});
