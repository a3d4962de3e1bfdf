import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSearchIndex } from '../search/job';
import { buildIncidentDb, COUNTS, type IncidentDb } from '../search/testing/incident-bundle';
import Papa from 'papaparse';
import { toCsv } from './csv';
import { guardSql } from './guard';
import { runSql, type SqlResult, type SqlRows } from './run-sql';

let db: IncidentDb;
beforeAll(async () => {
  db = await buildIncidentDb();
});
afterAll(() => db.cleanup());

function rows(r: SqlResult): SqlRows {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r;
}
const code = (r: SqlResult) => (r.ok ? 'ok' : r.error.code);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('runSql', () => {
  it('returns columns and rows of a query on the bundle', async () => {
    const r = rows(
      await runSql(db.dbPath, "SELECT kind, COUNT(*) AS n, MIN(line) AS first_line FROM events WHERE kind IN ('hikari.timeout', 'node.error') GROUP BY kind ORDER BY kind"),
    );
    expect(r.columns).toEqual(['kind', 'n', 'first_line']);
    expect(r.rows).toEqual([
      ['hikari.timeout', COUNTS.notAvailable, 137],
      ['node.error', COUNTS.refused, 16],
    ]);
    expect(r.truncated).toBe(false);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('returns values as SQLite has them: null, numbers, text, blobs', async () => {
    const r = rows(await runSql(db.dbPath, "SELECT NULL, 1.5, 'é,\"x\"', X'00FF', 9007199254740991"));
    expect(r.rows[0]!.slice(0, 3)).toEqual([null, 1.5, 'é,"x"']);
    expect(Array.from(r.rows[0]![3] as Uint8Array)).toEqual([0, 255]);
    expect(r.rows[0]![4]).toBe(9007199254740991);
  });

  it('caps rows and says the result was truncated', async () => {
    const r = rows(await runSql(db.dbPath, 'SELECT id FROM events ORDER BY id', { rowCap: 10 }));
    expect(r.rows).toHaveLength(10);
    expect(r.truncated).toBe(true);
    const exact = rows(await runSql(db.dbPath, 'SELECT id FROM events ORDER BY id LIMIT 10', { rowCap: 10 }));
    expect(exact.truncated).toBe(false);
    expect(code(await runSql(db.dbPath, 'SELECT 1', { rowCap: 1_000_000 }))).toBe('too-large');
  });

  it('exports a console result to CSV that reads back to the same values', async () => {
    const r = rows(await runSql(db.dbPath, "SELECT id, level, message FROM events WHERE message LIKE '%payload%' OR kind = 'node.error' ORDER BY id"));
    const parsed = Papa.parse<string[]>(toCsv(r, { escapeFormulae: false }), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(r.columns);
    expect(parsed.slice(1)).toEqual(r.rows.map((row) => row.map((v) => String(v))));
    expect(parsed.slice(1).some((row) => row[2]!.includes('<script>alert("x")</script>'))).toBe(true);
  });

  it('stops a result that grows past the size cap with too-large', async () => {
    const r = await runSql(db.dbPath, "SELECT message, fields FROM events", { maxBytes: 4096 });
    expect(code(r)).toBe('too-large');
    if (!r.ok) expect(r.error.message).toMatch(/LIMIT/);
  });

  it.each([
    ['INSERT', "INSERT INTO bundles (path, name, opened_at) VALUES ('/x', 'x', 1)"],
    ['UPDATE', 'UPDATE events SET level = 60'],
    ['DELETE', 'DELETE FROM events'],
    ['DROP', 'DROP TABLE events'],
    ['CREATE', 'CREATE TABLE t (x)'],
    ['CREATE TEMP', 'CREATE TEMP TABLE t (x)'],
    ['ATTACH', "ATTACH DATABASE '/tmp/other.sqlite' AS other"],
    ['DETACH', 'DETACH other'],
    ['PRAGMA write', 'PRAGMA user_version = 99'],
    ['PRAGMA setter call', 'PRAGMA cache_size(10)'],
    ['PRAGMA journal_mode', 'PRAGMA journal_mode = DELETE'],
    ['PRAGMA optimize', 'PRAGMA optimize'],
    ['PRAGMA wal_checkpoint', 'PRAGMA main.wal_checkpoint'],
    ['multiple statements', 'SELECT 1; DELETE FROM events'],
    ['multiple selects', 'SELECT 1; SELECT 2'],
    ['hidden after a comment', "SELECT 1 /* ; */ ; -- x\nDROP TABLE events"],
    ['write in a CTE', 'WITH x AS (SELECT 1) DELETE FROM events'],
    ['RETURNING', "INSERT INTO annotations (bundle_id, marker, text, created_at, updated_at) VALUES (1, 'note', 'x', 1, 1) RETURNING id"],
    ['VACUUM INTO', "VACUUM INTO '/tmp/copy.sqlite'"],
    ['BEGIN', 'BEGIN'],
    ['ANALYZE', 'ANALYZE'],
    ['REINDEX', 'REINDEX'],
    ['extension', "SELECT load_extension('/tmp/evil.so')"],
    ['FTS5 command', "INSERT INTO search_fts_1 (search_fts_1) VALUES ('delete-all')"],
  ])('refuses %s as not-read-only', async (_, sql) => {
    const r = await runSql(db.dbPath, sql);
    expect(code(r)).toBe('not-read-only');
    if (!r.ok) expect(r.error.message.length).toBeGreaterThan(10);
  });

  it('the database is unchanged after all of that', async () => {
    expect(rows(await runSql(db.dbPath, 'SELECT COUNT(*) FROM all_events')).rows).toEqual([[db.store.events.count(db.bundleId)]]);
    expect(db.store.db.pragma('user_version', { simple: true })).not.toBe(99);
    expect(existsSync('/tmp/copy.sqlite')).toBe(false);
  });

  it('refuses, through SQLite’s own verdict, writes that pass the text checks', async () => {
    // The guard only reads the first keyword; a write inside WITH passes it and is stopped by the
    // prepared statement's readonly flag in the read-only query process.
    for (const sql of ['WITH x AS (SELECT 1) DELETE FROM events', "WITH x AS (SELECT 1) UPDATE files SET note = 'x' RETURNING id"]) {
      expect(guardSql(sql)).toBeNull();
      expect(code(await runSql(db.dbPath, sql)), sql).toBe('not-read-only');
    }
  });

  it('allows the pragmas and EXPLAINs that only report', async () => {
    expect(rows(await runSql(db.dbPath, 'PRAGMA table_info(events)')).rows.map((c) => c[1])).toContain('message');
    expect(rows(await runSql(db.dbPath, 'PRAGMA main.index_list(events)')).columns).toContain('name');
    expect(rows(await runSql(db.dbPath, 'PRAGMA user_version')).rows).toEqual([[db.store.db.pragma('user_version', { simple: true })]]);
    expect(rows(await runSql(db.dbPath, "SELECT name FROM pragma_table_info('files') WHERE pk = 1")).rows).toEqual([['id']]);
    expect(rows(await runSql(db.dbPath, 'EXPLAIN QUERY PLAN SELECT * FROM events WHERE id = 1')).columns).toContain('detail');
    expect(code(await runSql(db.dbPath, 'EXPLAIN DELETE FROM events'))).toBe('not-read-only');
  });

  it('reports SQL errors as syntax with SQLite’s message', async () => {
    for (const sql of ['SELEC 1', 'SELECT * FROM no_such_table', 'SELECT nope FROM events', "SELECT 'unterminated", '', '  -- only a comment', 'SELECT ?']) {
      const r = await runSql(db.dbPath, sql);
      expect(code(r), sql).toBe('syntax');
    }
    const r = await runSql(db.dbPath, 'SELECT * FROM no_such_table');
    if (!r.ok) expect(r.error.message).toMatch(/no such table: no_such_table/);
  });

  it('reports errors while running as failed', async () => {
    const r = await runSql(db.dbPath, "SELECT json_extract('{not json', '$.a')");
    expect(code(r)).toBe('failed');
    expect(code(await runSql('/nonexistent/rootline.sqlite', 'SELECT 1'))).toBe('failed');
  });

  it('stops a runaway query at the time limit with timeout, and kills its process', async () => {
    let pid = 0;
    const r = await runSql(db.dbPath, 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c', {
      timeLimitMs: 300,
      onProcess: (p) => (pid = p),
    });
    expect(code(r)).toBe('timeout');
    if (!r.ok) expect(r.error.message).toMatch(/300 ms/);
    expect(pid).toBeGreaterThan(0);
    await new Promise((res) => setTimeout(res, 200)); // SIGKILL is delivered asynchronously
    expect(alive(pid)).toBe(false);
    expect(code(await runSql(db.dbPath, 'SELECT 1'))).toBe('ok'); // and the console carries on
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const pending = runSql(db.dbPath, 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c', { signal: controller.signal, timeLimitMs: 60_000 });
    setTimeout(() => controller.abort(), 300);
    expect(code(await pending)).toBe('cancelled');
  });

  it('runs every SQL example of docs/SCHEMA.md', async () => {
    await startSearchIndex(db.dbPath, db.bundleId).done; // one example queries the search index
    expect(db.bundleId).toBe(1); // the examples name search_fts_1
    const doc = readFileSync(fileURLToPath(new URL('../../docs/SCHEMA.md', import.meta.url)), 'utf8');
    const blocks = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const statements = blocks.flatMap((b) => b.split(/;\s*\n/).map((s) => s.trim()).filter((s) => s.replace(/--.*$/gm, '').trim()));
    expect(statements.length).toBeGreaterThanOrEqual(6);
    for (const sql of statements) expect(code(await runSql(db.dbPath, sql)), sql).toBe('ok');
    const fts = statements.find((s) => s.includes('MATCH'))!;
    expect(rows(await runSql(db.dbPath, fts)).rows).toHaveLength(COUNTS.notAvailable);
  });
});
