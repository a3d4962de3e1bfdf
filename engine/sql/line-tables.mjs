// The SQL console's view of ordinary log lines (kept in line_blocks, not as events rows; see
// engine/store/line-block-codec.ts): the eponymous table `event_lines`, the functions
// `line_text(file_id, offset, length)` (a line's raw text, read from the bundle file) and
// `line_time(file_id, line)` (the time of the ordinary line at that file line), and the view
// `all_events` (events and lines together: every log record). Plain JavaScript, as query-process.mjs.
import Database from 'better-sqlite3';
import { closeSync, openSync, readSync } from 'node:fs';

// The block layout of line-block-codec.ts (line-tables.test.ts checks the two agree).
const KINDS = [null, 'http.request'];
const BYTES_PER_LINE = 8 * 3 + 4 * 4 + 3;

/** @param {Buffer} data @param {number} n */
export function decodeBlock(data, n) {
  const b = new Uint8Array(data);
  if (b.byteLength !== n * BYTES_PER_LINE) throw new Error(`line block of ${n} lines has ${b.byteLength} bytes`);
  const ab = b.buffer;
  return {
    ts: new Float64Array(ab, 0, n), offset: new Float64Array(ab, 8 * n, n), ms: new Float64Array(ab, 16 * n, n),
    idDelta: new Uint32Array(ab, 24 * n, n), line: new Uint32Array(ab, 28 * n, n), length: new Uint32Array(ab, 32 * n, n),
    pid: new Int32Array(ab, 36 * n, n), level: new Uint8Array(ab, 40 * n, n), kind: new Uint8Array(ab, 41 * n, n), tq: new Uint8Array(ab, 42 * n, n),
  };
}

const COLUMNS = ['id', 'file_id', 'ts', 'tq', 'level', 'pid', 'kind', 'line', 'end_line', 'offset', 'length', 'response_ms'];

/** @param {import('better-sqlite3').Database} db a connection opened on `dbPath` */
export function registerLineTables(db, dbPath) {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'line_blocks'").get()) return;
  // A query on `db` cannot run another statement on it: blocks are read through a second connection.
  let reader = null;
  db.table('event_lines', {
    columns: COLUMNS,
    *rows() {
      reader ??= new Database(dbPath, { readonly: true, fileMustExist: true });
      for (const r of reader.prepare('SELECT file_id, first_id, n, data FROM line_blocks ORDER BY first_id').iterate()) {
        const b = decodeBlock(r.data, r.n);
        for (let i = 0; i < r.n; i++) {
          const ts = b.ts[i];
          const ms = b.ms[i];
          yield [
            r.first_id + b.idDelta[i], r.file_id, Number.isNaN(ts) ? null : ts, b.tq[i], b.level[i] === 0 ? null : b.level[i] - 1, b.pid[i] < 0 ? null : b.pid[i],
            KINDS[b.kind[i]] ?? null, b.line[i], b.line[i], b.offset[i], b.length[i], Number.isNaN(ms) ? null : ms,
          ];
        }
      }
    },
  });
  // One block found by its first line, then the line by binary search: no scan of the table.
  let atLine = null;
  db.function('line_time', { deterministic: true }, (fileId, line) => {
    if (fileId === null || line === null) return null;
    reader ??= new Database(dbPath, { readonly: true, fileMustExist: true });
    atLine ??= reader.prepare('SELECT n, data FROM line_blocks WHERE file_id = ? AND first_line <= ? ORDER BY first_line DESC LIMIT 1');
    const r = atLine.get(fileId, line);
    if (!r) return null;
    const b = decodeBlock(r.data, r.n);
    let lo = 0;
    let hi = r.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = b.line[mid];
      if (v === Number(line)) return Number.isNaN(b.ts[mid]) ? null : b.ts[mid];
      if (v < Number(line)) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  });
  const files = new Map(db.prepare('SELECT id, content_path, encoding FROM files').all().map((f) => [f.id, f]));
  const open = new Map();
  db.function('line_text', { deterministic: true }, (fileId, offset, length) => {
    const f = files.get(Number(fileId));
    if (!f?.content_path || length === null || offset === null) return null;
    let h = open.get(f.id);
    if (h === undefined) {
      try {
        h = { fd: openSync(f.content_path, 'r'), decoder: new TextDecoder(f.encoding ?? 'utf-8') };
      } catch {
        h = null; // moved or removed since ingest
      }
      open.set(f.id, h);
    }
    if (!h) return null;
    const buf = Buffer.alloc(Number(length));
    if (readSync(h.fd, buf, 0, buf.length, Number(offset)) < buf.length) return null;
    return h.decoder.decode(buf).replace(/\r?\n$/, '');
  });
  db.exec(`CREATE TEMP VIEW all_events AS
    SELECT id, file_id, ts, tq, level, pid, thread, logger, kind, message, fields, line, end_line, offset, length FROM main.events
    UNION ALL SELECT id, file_id, ts, tq, level, pid, NULL, NULL, kind, line_text(file_id, offset, length), NULL, line, end_line, offset, length FROM event_lines`);
  return () => {
    for (const h of open.values()) if (h) closeSync(h.fd);
    reader?.close();
  };
}
