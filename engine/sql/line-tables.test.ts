import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentDb, type IncidentDb } from '../search/testing/incident-bundle';
import { allEvents } from '../store/testing/all-events';
import { LineReader } from '../store/line-rows';
import { viewBlock } from '../store/line-block-codec';
import { decodeBlock } from './line-tables.mjs';
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

describe('the SQL console over ordinary lines', () => {
  it('the bundle keeps ordinary lines in blocks (so these checks are not vacuous)', () => {
    expect((db.store.db.prepare('SELECT SUM(n) AS n FROM line_blocks').get() as { n: number }).n).toBeGreaterThan(10);
  });

  it("decodes a block as the engine's codec does", () => {
    const r = db.store.db.prepare('SELECT first_id, n, data FROM line_blocks LIMIT 1').get() as { first_id: number; n: number; data: Buffer };
    const js = decodeBlock(r.data, r.n);
    const ts = viewBlock(r.data, r.n, r.first_id);
    for (const k of ['ts', 'offset', 'ms', 'idDelta', 'line', 'length', 'pid', 'level', 'kind', 'tq'] as const) expect(Array.from(js[k]), k).toEqual(Array.from(ts[k]));
  });

  it('event_lines and all_events give every record with its columns', async () => {
    const want = allEvents(db.store);
    const got = rows(await runSql(db.dbPath, 'SELECT id, file_id, ts, tq, level, pid, kind, line, end_line, offset, length FROM all_events ORDER BY id'));
    expect(got.rows).toEqual(want.map((e) => [e.id, e.file_id, e.ts, e.tq, e.level, e.pid, e.kind, e.line, e.end_line, e.offset, e.length]));
    const lines = rows(await runSql(db.dbPath, 'SELECT COUNT(*) FROM event_lines'));
    expect(lines.rows).toEqual([[want.filter((e) => e.message === null).length]]);
  });

  it('line_time gives the time of the ordinary line at a file line, and the file viewer\'s query the time of any record\'s line', async () => {
    const all = allEvents(db.store);
    const line = all.find((e) => e.message === null && e.ts !== null)!;
    const row = all.find((e) => e.message !== null && e.ts !== null && e.file_id === line.file_id)!;
    const viewer = (l: number) =>
      `SELECT coalesce((SELECT ts FROM events WHERE file_id = ${line.file_id} AND line <= ${l} AND end_line >= ${l} AND ts IS NOT NULL ORDER BY line DESC LIMIT 1), line_time(${line.file_id}, ${l}))`;
    expect(rows(await runSql(db.dbPath, `SELECT line_time(${line.file_id}, ${line.line}), line_time(${line.file_id}, ${row.line})`)).rows).toEqual([[line.ts, null]]);
    expect(rows(await runSql(db.dbPath, viewer(line.line))).rows).toEqual([[line.ts]]);
    expect(rows(await runSql(db.dbPath, viewer(row.line))).rows).toEqual([[row.ts]]);
  });

  it("line_text reads a line's raw text from the file", async () => {
    const got = rows(await runSql(db.dbPath, 'SELECT file_id, offset, length, line_text(file_id, offset, length) FROM event_lines ORDER BY id LIMIT 3'));
    const reader = new LineReader(db.store.db);
    try {
      for (const [fileId, offset, length, text] of got.rows as [number, number, number, string][]) {
        expect(text).toBe(reader.text(fileId, offset, length));
        expect(text.length).toBeGreaterThan(10);
      }
    } finally {
      reader.close();
    }
  });
});
