/**
 * The SQL console's data: normalising the engine's answer, showing cells, sizing columns, and
 * writing CSV rows. Pure, tested in result.test.ts.
 */

export interface SqlAnswer {
  columns: string[];
  rows: unknown[][];
  truncated: boolean;
  elapsedMs: number;
}

export interface SqlColumnInfo {
  name: string;
  type: string;
  description: string;
}

export interface SqlTableInfo {
  name: string;
  description: string;
  columns: SqlColumnInfo[];
}

/** An error the engine typed (`syntax`, `not-read-only`, `timeout`, `too-large`, …). */
export class SqlError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `api.sql`'s answer as rows, whichever way the engine returns failures: as a thrown ApiError (the
 * caller's concern) or as `{ ok: false, error: { code, message } }`, which becomes a `SqlError`.
 */
export function normalizeSqlAnswer(v: unknown): SqlAnswer {
  if (!isObj(v)) throw new SqlError('internal', 'the engine answered with something that is not a query result');
  if (v.ok === false) {
    const err = isObj(v.error) ? v.error : {};
    throw new SqlError(typeof err.code === 'string' ? err.code : 'failed', typeof err.message === 'string' ? err.message : 'the query failed');
  }
  const columns = Array.isArray(v.columns) ? v.columns.map(String) : [];
  const rows = Array.isArray(v.rows) ? v.rows.map((r) => (Array.isArray(r) ? r : [r])) : [];
  return { columns, rows, truncated: v.truncated === true, elapsedMs: typeof v.elapsedMs === 'number' ? v.elapsedMs : 0 };
}

/** `api.sqlSchema`'s answer (`{ tables }` or a bare list of tables). */
export function normalizeSchema(v: unknown): SqlTableInfo[] {
  const list = Array.isArray(v) ? v : isObj(v) && Array.isArray(v.tables) ? v.tables : [];
  return list.filter(isObj).map((t) => ({
    name: String(t.name ?? ''),
    description: typeof t.description === 'string' ? t.description : '',
    columns: (Array.isArray(t.columns) ? t.columns : []).filter(isObj).map((c) => ({
      name: String(c.name ?? ''),
      type: typeof c.type === 'string' ? c.type : '',
      description: typeof c.description === 'string' ? c.description : '',
    })),
  }));
}

/** A blob as it arrives: bytes over IPC, or an index-keyed object after JSON. */
function blobSize(v: unknown): number | null {
  if (v instanceof Uint8Array) return v.byteLength;
  if (isObj(v) && v.type === 'Buffer' && Array.isArray(v.data)) return v.data.length;
  if (isObj(v)) {
    const keys = Object.keys(v);
    if (keys.length > 0 && keys.every((k, i) => k === String(i)) && Object.values(v).every((x) => typeof x === 'number')) return keys.length;
  }
  return null;
}

export type CellKind = 'null' | 'number' | 'text' | 'blob' | 'other';

export function cellKind(v: unknown): CellKind {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'string') return 'text';
  if (blobSize(v) !== null) return 'blob';
  return 'other';
}

/** A cell as one line of text for the grid (newlines shown as ⏎). */
export function cellText(v: unknown): string {
  switch (cellKind(v)) {
    case 'null':
      return 'NULL';
    case 'number':
      return String(v);
    case 'text':
      return (v as string).replace(/\r\n|\r|\n/g, '⏎');
    case 'blob':
      return `<blob ${blobSize(v)} bytes>`;
    default:
      return typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  }
}

/** A cell for CSV: the value itself (text with its newlines), empty for NULL. */
export function cellCsv(v: unknown): string | number {
  const k = cellKind(v);
  if (k === 'null') return '';
  if (k === 'number') return typeof v === 'bigint' ? String(v) : (v as number);
  if (k === 'text') return v as string;
  return cellText(v);
}

/** Columns whose numbers are times in ms (`ts`, `first_ts`, `captured_at`, `created_at`…). */
const TIME_COLUMN = /(^|_)(ts|at)$|^(ts|time)_/i;
/** 2000-01-01 .. 2100-01-01 in ms: a number there in a time column is a time. */
const PLAUSIBLE = [946_684_800_000, 4_102_444_800_000];

export function isTimeValue(column: string, v: unknown): v is number {
  return TIME_COLUMN.test(column) && typeof v === 'number' && v >= PLAUSIBLE[0]! && v < PLAUSIBLE[1]!;
}

export interface WidthOptions {
  charPx?: number;
  padPx?: number;
  min?: number;
  max?: number;
  sample?: number;
}

/** Column widths from the header and a sample of rows, clamped, in px. */
export function autoWidths(columns: readonly string[], rows: readonly unknown[][], o: WidthOptions = {}): number[] {
  const charPx = o.charPx ?? 7.6;
  const pad = o.padPx ?? 20;
  const min = o.min ?? 60;
  const max = o.max ?? 420;
  const sample = rows.slice(0, o.sample ?? 200);
  return columns.map((name, i) => {
    let chars = name.length + 2; // room for the resize handle
    for (const r of sample) chars = Math.max(chars, Math.min(cellText(r[i]).length, 200));
    return Math.round(Math.min(max, Math.max(min, chars * charPx + pad)));
  });
}

/** The width of the row-number column for `n` rows. */
export function indexWidth(n: number, charPx = 7.6): number {
  return Math.round(Math.max(3, String(n).length) * charPx + 20);
}

/** A file name for an export: `rootline-<bundle>-query-<UTC stamp>.csv`, safe on every OS. */
export function csvFileName(bundleName: string, now: number): string {
  const stamp = new Date(now).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const safe = bundleName.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'bundle';
  return `rootline-${safe}-query-${stamp}.csv`;
}

/** The text to run: the selection when there is one, else the whole editor. */
export function queryToRun(all: string, selection: string): string {
  return selection.trim() ? selection : all;
}

/** Headline of a typed SQL error. */
export function sqlErrorTitle(code: string, timeLimitMs: number): string {
  switch (code) {
    case 'syntax':
      return 'The query has an error';
    case 'not-read-only':
      return 'Only queries that read can run here';
    case 'timeout':
      return `The query ran longer than ${timeLimitMs / 1000} s and was stopped`;
    case 'too-large':
      return 'The result is too large';
    case 'cancelled':
      return 'The query was cancelled';
    case 'unavailable':
      return 'The SQL console is not available';
    case 'not-found':
      return 'This bundle is not open';
    default:
      return 'The query failed';
  }
}

/** What to try next after a typed SQL error. */
export function sqlErrorHint(code: string): string | null {
  switch (code) {
    case 'syntax':
      return 'Check the names against the schema on the right; SQLite’s message says where it stopped.';
    case 'not-read-only':
      return 'One SELECT (or WITH … SELECT, VALUES, EXPLAIN, a reporting PRAGMA) at a time; the database is never changed.';
    case 'timeout':
      return 'Narrow it with WHERE on an indexed column (file_id, ts, kind), add a LIMIT, or raise the time limit.';
    case 'too-large':
      return 'Select fewer columns, add a LIMIT, or lower the row cap.';
    default:
      return null;
  }
}
