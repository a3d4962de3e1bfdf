// SQL console query process: opens the database read-only, runs one statement, sends the rows back.
// A child process rather than a worker thread because SQLite runs a query in native code that
// Worker.terminate() cannot interrupt (a runaway WITH RECURSIVE keeps the thread, and even the
// parent's exit, hanging), and better-sqlite3 exposes neither sqlite3_interrupt nor a progress
// handler; a process can be killed. Plain JavaScript so it starts fast without a TypeScript loader.
import Database from 'better-sqlite3';
import { registerLineTables } from './line-tables.mjs';

/** @param {{ dbPath: string, sql: string, rowCap: number, maxBytes: number }} req */
function run(req) {
  let db;
  try {
    db = new Database(req.dbPath, { readonly: true, fileMustExist: true });
  } catch (e) {
    return { ok: false, error: { code: 'failed', message: `cannot open the database: ${e.message}` } };
  }
  try {
    registerLineTables(db, req.dbPath);
  } catch (e) {
    return { ok: false, error: { code: 'failed', message: `cannot read the line store: ${e.message}` } };
  }
  db.pragma('query_only = ON');
  let stmt;
  try {
    stmt = db.prepare(req.sql);
  } catch (e) {
    return { ok: false, error: { code: 'syntax', message: e.message } };
  }
  if (!stmt.readonly) return { ok: false, error: { code: 'not-read-only', message: 'the statement would change the database; the console only reads' } };
  if (!stmt.reader) return { ok: false, error: { code: 'not-read-only', message: 'the statement returns no rows; the console runs queries only' } };
  process.send({ type: 'started' });
  const started = performance.now();
  const columns = stmt.columns().map((c) => c.name);
  const rows = [];
  let bytes = 0;
  let truncated = false;
  try {
    for (const row of stmt.raw(true).iterate()) {
      if (rows.length === req.rowCap) {
        truncated = true;
        break;
      }
      for (const v of row) bytes += typeof v === 'string' ? v.length * 2 : v instanceof Uint8Array ? v.byteLength : 8;
      if (bytes > req.maxBytes) {
        const mib = Math.round(req.maxBytes / 1048576);
        return { ok: false, error: { code: 'too-large', message: `the result passed ${mib} MiB after ${rows.length} rows; select fewer or shorter columns, or add a LIMIT` } };
      }
      rows.push(row);
    }
  } catch (e) {
    const code = /parameter/i.test(e.message) ? 'syntax' : 'failed';
    const message = code === 'syntax' ? `${e.message} (the console binds no parameters: write values into the query)` : e.message;
    return { ok: false, error: { code, message } };
  }
  return { ok: true, columns, rows, truncated, elapsedMs: performance.now() - started };
}

process.once('message', (req) => {
  let result;
  try {
    result = run(req);
  } catch (e) {
    result = { ok: false, error: { code: 'failed', message: e instanceof Error ? e.message : String(e) } };
  }
  process.send({ type: 'result', result }, () => process.exit(0));
});
