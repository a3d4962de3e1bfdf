import { describe, expect, it } from 'vitest';
import { guardSql } from './guard';

const verdict = (sql: string) => guardSql(sql)?.code ?? 'ok';

describe('guardSql', () => {
  it.each([
    "SELECT ';' AS semi, 'it''s' FROM events",
    'SELECT "weird;name" FROM [odd;table] JOIN `q;` ON 1',
    'select 1 -- trailing ; comment',
    'SELECT 1 /* ; DROP TABLE x */',
    'SELECT 1;',
    'SELECT 1;  -- done\n',
    'with x as (select 1) select * from x',
    'VALUES (1), (2)',
    'EXPLAIN QUERY PLAN SELECT 1',
    'PRAGMA table_info(events)',
    'PRAGMA main.table_xinfo("events")',
    'PRAGMA quick_check',
    'PRAGMA integrity_check(10)',
    'SELECT nonsense words here', // SQLite's parser gives the syntax error, not the guard
  ])('lets %j through', (sql) => {
    expect(verdict(sql)).toBe('ok');
  });

  it.each([
    ['SELECT 1; SELECT 2', 'not-read-only'],
    ['SELECT 1\u0000; DROP TABLE events', 'not-read-only'],
    ["SELECT ';'; DELETE FROM events", 'not-read-only'],
    ['delete from events', 'not-read-only'],
    ['  /* lead */ DROP TABLE events', 'not-read-only'],
    ['REPLACE INTO files VALUES (1)', 'not-read-only'],
    ['attach database "x" as y', 'not-read-only'],
    ['EXPLAIN INSERT INTO t VALUES (1)', 'not-read-only'],
    ['EXPLAIN QUERY PLAN ATTACH "x" AS y', 'not-read-only'],
    ['PRAGMA foreign_keys = OFF', 'not-read-only'],
    ['PRAGMA main.user_version=1', 'not-read-only'],
    ['PRAGMA cache_size(1)', 'not-read-only'],
    ['PRAGMA writable_schema', 'not-read-only'],
    ['SELECT LOAD_EXTENSION("x")', 'not-read-only'],
    ['', 'syntax'],
    [' ; ; ', 'syntax'],
    ["SELECT 'open", 'syntax'],
    ['SELECT "open', 'syntax'],
    ['PRAGMA', 'syntax'],
    ['PRAGMA table_info events', 'syntax'],
    ['EXPLAIN', 'syntax'],
  ])('refuses %j (%s)', (sql, code) => {
    expect(verdict(sql)).toBe(code);
  });
});
