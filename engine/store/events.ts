import type { Statement } from 'better-sqlite3';
import { BLOCK_KINDS, idOf } from './line-block-codec';
import type { LineBlockRepo, StoredBlock } from './line-blocks';
import { LineReader, rowsOfLines } from './line-rows';
import type { DB } from './open';

/** A kind's code in line blocks, or -1 when ordinary lines never have it. */
const blockKind = (kind: string): number => (BLOCK_KINDS as readonly (string | null)[]).indexOf(kind);

/** `json_extract(json, '$.a.b')` for plain dotted paths. */
function extract(json: string | null, path: string): unknown {
  if (json === null || !path.startsWith('$.')) return null;
  let v: unknown = JSON.parse(json);
  for (const k of path.slice(2).split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v ?? null;
}

export const TQ = { none: 0, assumed: 1, explicit: 2 } as const;

export interface EventRow {
  id: number;
  file_id: number;
  ts: number | null;
  tq: number;
  level: number | null;
  pid: number | null;
  thread: string | null;
  logger: string | null;
  kind: string | null;
  message: string;
  fields: string | null;
  line: number;
  end_line: number;
  offset: number;
  length: number;
}

export type NewEvent = Omit<EventRow, 'id'>;

/** A GC pause with the heap it left (what the live-set signatures read). */
export interface GcHeapPause {
  id: number;
  fileId: number;
  ts: number;
  line: number;
  endLine: number;
  pauseMs: number;
  phase: string;
  cause: string | null;
  beforeKb: number | null;
  afterKb: number;
  totalKb: number | null;
}

/**
 * Zones change their offset at most a few times a year, hours apart: sampled every hour, a range
 * whose samples all agree has one offset throughout (Asia/Seoul always; Europe/Berlin between its
 * DST changes), and its times convert by plain arithmetic instead of a JS call per row (2M rows:
 * about 2 s and 70 MB more).
 */
const OFFSET_SAMPLE_MS = 3_600_000;
/** Beyond this many samples (a range of about three years) the per-row conversion is cheaper to trust. */
const MAX_OFFSET_SAMPLES = 30_000;

/** `wall - toUtc(wall)` when it is the same across [lo, hi]; null otherwise. */
export function constantOffset(toUtc: (wallAsUtc: number) => number, lo: number, hi: number): number | null {
  if ((hi - lo) / OFFSET_SAMPLE_MS > MAX_OFFSET_SAMPLES) return null;
  const offset = lo - toUtc(lo);
  for (let t = lo + OFFSET_SAMPLE_MS; t < hi; t += OFFSET_SAMPLE_MS) if (t - toUtc(t) !== offset) return null;
  return hi - toUtc(hi) === offset && Number.isFinite(offset) ? offset : null;
}

/** Rows per re-timing statement (EventRepo.retime): about 13 MB of journal at the benchmark's row size. */
const RETIME_SLICE = 65_536;

/** Messages are stored for listing and search; the full record text stays in the file. */
const MAX_MESSAGE = 2000;

/** A message as stored (long ones cut, marked with an ellipsis). */
export const clipMessage = (m: string): string => (m.length > MAX_MESSAGE ? m.slice(0, MAX_MESSAGE) + '…' : m);

const COLUMNS = ['id', 'file_id', 'ts', 'tq', 'level', 'pid', 'thread', 'logger', 'kind', 'message', 'fields', 'line', 'end_line', 'offset', 'length'] as const;
/**
 * Rows per INSERT statement. Binding many rows per call cuts better-sqlite3's per-call cost, most of
 * an ingest's writer time (measured: 2M rows in one transaction 5.2 s one per call, 4.3 s 50 per
 * call); 32 × 15 parameters stays far below SQLite's 32,766-parameter limit.
 */
const ROWS_PER_INSERT = 32;

function insertSql(rows: number): string {
  const one = `(${COLUMNS.map(() => '?').join(', ')})`;
  return `INSERT INTO events (${COLUMNS.join(', ')}) VALUES ${Array(rows).fill(one).join(', ')}`;
}

/**
 * Buffered writer: rows are inserted in transactions of `batchSize`, so ingest never holds a
 * file's events in memory and never pays a commit per row. Ids are allocated by us (not by
 * SQLite) so that callers know an event's id the moment they add it.
 */
export class EventWriter {
  private batch: NewEvent[] = [];
  /** The id of each queued row (ids given to ordinary lines, which are not rows, leave gaps). */
  private ids: number[] = [];
  private readonly one: Statement;
  private readonly many: Statement;
  private readonly args: unknown[] = new Array(ROWS_PER_INSERT * COLUMNS.length);
  private readonly flushTx: (rows: NewEvent[], ids: number[]) => void;
  private nextId: number;

  /** `observe` sees every event with its id as it is queued (statistics kept while streaming). */
  constructor(private readonly db: DB, private readonly batchSize = 5000, private readonly observe?: (id: number, e: NewEvent) => void) {
    this.one = db.prepare(insertSql(1));
    this.many = db.prepare(insertSql(ROWS_PER_INSERT));
    this.flushTx = db.transaction((rows: NewEvent[], ids: number[]) => {
      let i = 0;
      for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
        for (let j = 0; j < ROWS_PER_INSERT; j++) this.put(this.args, j * COLUMNS.length, ids[i + j]!, rows[i + j]!);
        this.many.run(this.args);
      }
      const rest: unknown[] = new Array(COLUMNS.length);
      for (; i < rows.length; i++) {
        this.put(rest, 0, ids[i]!, rows[i]!);
        this.one.run(rest);
      }
    });
    // Ids continue after both the rows and the ordinary lines' ids (line_blocks.last_id).
    const max = db.prepare<[], { m: number | null }>('SELECT MAX(m) AS m FROM (SELECT MAX(id) AS m FROM events UNION ALL SELECT MAX(last_id) FROM line_blocks)').get();
    this.nextId = (max?.m ?? 0) + 1;
  }

  private put(a: unknown[], at: number, id: number, e: NewEvent): void {
    a[at] = id;
    a[at + 1] = e.file_id;
    a[at + 2] = e.ts;
    a[at + 3] = e.tq;
    a[at + 4] = e.level;
    a[at + 5] = e.pid;
    a[at + 6] = e.thread;
    a[at + 7] = e.logger;
    a[at + 8] = e.kind;
    a[at + 9] = e.message;
    a[at + 10] = e.fields;
    a[at + 11] = e.line;
    a[at + 12] = e.end_line;
    a[at + 13] = e.offset;
    a[at + 14] = e.length;
  }

  /** Queues an event and returns the id it will have. */
  add(e: NewEvent): number {
    if (e.message.length > MAX_MESSAGE) e = { ...e, message: clipMessage(e.message) };
    const id = this.nextId++;
    this.batch.push(e);
    this.ids.push(id);
    this.observe?.(id, e);
    if (this.batch.length >= this.batchSize) this.flush();
    return id;
  }

  /** The id of an ordinary line, kept in a line block instead of a row (ids stay in line order across both). */
  reserve(e: NewEvent): number {
    const id = this.nextId++;
    this.observe?.(id, e);
    return id;
  }

  flush(): void {
    if (this.batch.length === 0) return;
    this.flushTx(this.batch, this.ids);
    this.batch = [];
    this.ids = [];
  }
}

/**
 * Events: rows of note in `events`, ordinary lines in line blocks (line-blocks.ts). Every method
 * answers over both, as if every record were a row.
 */
export class EventRepo {
  constructor(private readonly db: DB, private readonly blocks: LineBlockRepo) {}

  byIds(ids: readonly number[]): EventRow[] {
    if (ids.length === 0) return [];
    const out: EventRow[] = [];
    // SQLite caps bound parameters; chunk the id list.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      out.push(...this.db.prepare<number[], EventRow>(`SELECT * FROM events WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk));
    }
    if (out.length < new Set(ids).size) {
      const found = new Set(out.map((r) => r.id));
      out.push(...rowsOfLines(this.db, this.blocks.locate(ids.filter((id) => !found.has(id))).values()));
    }
    return out.sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0) || a.id - b.id);
  }

  /** The file line of an event (a row's, or an ordinary line's from its block: no text read). */
  lineOf(id: number): number | undefined {
    const r = this.db.prepare<[number], { line: number }>('SELECT line FROM events WHERE id = ?').get(id);
    if (r) return r.line;
    const at = this.blocks.locate([id]).get(id);
    return at ? at.block.block.line[at.i] : undefined;
  }

  count(bundleId: number): number {
    const rows = this.db
      .prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM events WHERE file_id IN (SELECT id FROM files WHERE bundle_id = ?)')
      .get(bundleId)!.n;
    let lines = 0;
    for (const n of this.blocks.countsByFile(bundleId).values()) lines += n;
    return rows + lines;
  }

  /** Events of given kinds across a bundle, in time order. */
  ofKinds(bundleId: number, kinds: readonly string[]): EventRow[] {
    if (kinds.length === 0) return [];
    const rows = this.db
      .prepare<unknown[], EventRow>(
        `SELECT * FROM events WHERE kind IN (${kinds.map(() => '?').join(',')})
           AND file_id IN (SELECT id FROM files WHERE bundle_id = ?) ORDER BY ts, id`,
      )
      .all(...kinds, bundleId);
    const located = kinds.map(blockKind).filter((c) => c > 0).flatMap((c) => this.linesOfKind(bundleId, c));
    if (located.length === 0) return rows;
    // NULL times first, as SQLite orders them.
    return [...rows, ...rowsOfLines(this.db, located)].sort((a, b) => (a.ts ?? -Infinity) - (b.ts ?? -Infinity) || a.id - b.id);
  }

  /**
   * Number of events of `kind` per time bucket (bucket start → count). `%` works on integers whatever
   * the bound width's type; `/` with a bound JS number would divide as REAL and give one bucket per event.
   */
  histogram(bundleId: number, kind: string, bucketMs: number): Map<number, number> {
    const rows = this.db
      .prepare<[number, string, number], { b: number; n: number }>(
        `SELECT ts - (ts % ?) AS b, COUNT(*) AS n FROM events WHERE kind = ? AND ts IS NOT NULL
           AND file_id IN (SELECT id FROM files WHERE bundle_id = ?) GROUP BY b`,
      )
      .all(bucketMs, kind, bundleId);
    const out = new Map(rows.map((r) => [r.b, r.n]));
    const code = blockKind(kind);
    if (code > 0) {
      for (const { block: b } of this.blocks.ofBundle(bundleId)) {
        for (let i = 0; i < b.n; i++) {
          if (b.kind[i] !== code || Number.isNaN(b.ts[i]!)) continue;
          // SQLite's % works on integers (truncated), and keeps the sign.
          const t = Math.trunc(b.ts[i]!);
          const k = t - (t % Math.trunc(bucketMs));
          out.set(k, (out.get(k) ?? 0) + 1);
        }
      }
    }
    return out;
  }

  /** Numeric values of one JSON field over the events of `kind` (e.g. response times), unsorted. */
  numbers(bundleId: number, kind: string, jsonPath: string): number[] {
    const rows = this.db
      .prepare<[string, string, number, string], { v: number }>(
        `SELECT json_extract(fields, ?) AS v FROM events WHERE kind = ? AND file_id IN (SELECT id FROM files WHERE bundle_id = ?)
           AND json_extract(fields, ?) IS NOT NULL`,
      )
      .all(jsonPath, kind, bundleId, jsonPath)
      .map((r) => Number(r.v));
    const code = blockKind(kind);
    if (code > 0) {
      if (jsonPath === '$.responseTimeMs') {
        // What a block keeps of a request line's fields (prepared-log.ts responseTime).
        for (const { block: b } of this.blocks.ofBundle(bundleId)) for (let i = 0; i < b.n; i++) if (b.kind[i] === code && !Number.isNaN(b.ms[i]!)) rows.push(b.ms[i]!);
      } else {
        for (const r of rowsOfLines(this.db, this.linesOfKind(bundleId, code))) {
          const v = extract(r.fields, jsonPath);
          if (v !== null) rows.push(Number(v));
        }
      }
    }
    return rows.filter((n) => Number.isFinite(n));
  }

  /** A bundle's ordinary lines of one block kind code. */
  private linesOfKind(bundleId: number, code: number): { block: StoredBlock; i: number }[] {
    const out: { block: StoredBlock; i: number }[] = [];
    for (const block of this.blocks.ofBundle(bundleId)) for (let i = 0; i < block.block.n; i++) if (block.block.kind[i] === code) out.push({ block, i });
    return out;
  }

  /** GC pauses of a bundle in time order: when, how long, where. */
  gcPauses(bundleId: number): Omit<GcHeapPause, 'beforeKb' | 'afterKb' | 'totalKb'>[] {
    return this.gcPauseRows(bundleId, false);
  }

  /** Collections with the heap before and after them (KB, as the GC log printed them), in time order. */
  gcHeapPauses(bundleId: number): GcHeapPause[] {
    return this.gcPauseRows(bundleId, true);
  }

  private gcPauseRows(bundleId: number, withHeap: boolean): GcHeapPause[] {
    const heap = withHeap
      ? `, json_extract(fields, '$.heapBeforeKb') AS beforeKb, json_extract(fields, '$.heapAfterKb') AS afterKb,
           json_extract(fields, '$.heapTotalKb') AS totalKb`
      : '';
    return this.db
      .prepare<[number], GcHeapPause>(
        `SELECT id, file_id AS fileId, ts, line, end_line AS endLine, json_extract(fields, '$.pauseMs') AS pauseMs, json_extract(fields, '$.phase') AS phase,
           json_extract(fields, '$.cause') AS cause${heap}
         FROM events WHERE kind = 'gc.pause' AND ts IS NOT NULL${withHeap ? " AND json_extract(fields, '$.heapAfterKb') IS NOT NULL" : ''}
           AND file_id IN (SELECT id FROM files WHERE bundle_id = ?) ORDER BY ts`,
      )
      .all(bundleId);
  }

  /** The heap's maximum per GC log file, as its start-up lines print it (`Heap Max Capacity`, `MaxHeapSize`). */
  gcHeapMaxKb(bundleId: number): Map<number, number> {
    const rows = this.db
      .prepare<[number], { fileId: number; kb: number }>(
        `SELECT file_id AS fileId, MAX(json_extract(fields, '$.heapMaxKb')) AS kb FROM events WHERE kind = 'gc.info'
           AND json_extract(fields, '$.heapMaxKb') IS NOT NULL AND file_id IN (SELECT id FROM files WHERE bundle_id = ?) GROUP BY file_id`,
      )
      .all(bundleId);
    return new Map(rows.map((r) => [r.fileId, Number(r.kb)]));
  }

  /**
   * Timed events of one file in line order (log order is write order, which is what a silence is
   * about), as parallel typed arrays: millions of rows without an object each.
   */
  timesInLineOrder(fileId: number): { ids: Float64Array; ts: Float64Array; lines: Float64Array; length: number } {
    let n = this.db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM events WHERE file_id = ? AND ts IS NOT NULL').get(fileId)!.n;
    for (const { block: b } of this.blocks.ofFile(fileId)) for (let j = 0; j < b.n; j++) if (!Number.isNaN(b.ts[j]!)) n++;
    const ids = new Float64Array(n);
    const ts = new Float64Array(n);
    const lines = new Float64Array(n);
    let i = 0;
    // Rows and ordinary lines, each in line order, merged; one block in memory at a time.
    const blocks = this.blocks.ofFile(fileId);
    let cur = blocks.next();
    let bj = 0;
    const takeLinesBefore = (line: number) => {
      while (!cur.done) {
        const b = cur.value.block;
        if (bj >= b.n) {
          cur = blocks.next();
          bj = 0;
          continue;
        }
        if (b.line[bj]! >= line || i >= n) return;
        if (!Number.isNaN(b.ts[bj]!)) {
          ids[i] = idOf(b, bj);
          ts[i] = b.ts[bj]!;
          lines[i] = b.line[bj]!;
          i++;
        }
        bj++;
      }
    };
    const stmt = this.db.prepare<[number], [number, number, number]>('SELECT id, ts, line FROM events WHERE file_id = ? AND ts IS NOT NULL ORDER BY line').raw();
    for (const [id, t, line] of stmt.iterate(fileId)) {
      takeLinesBefore(line);
      if (i >= n) break;
      ids[i] = id;
      ts[i] = t;
      lines[i] = line;
      i++;
    }
    takeLinesBefore(Infinity);
    return { ids, ts, lines, length: i };
  }

  /** The first message of a process in one file that starts with `prefix` (a server's own connection line). */
  firstOfPid(fileId: number, pid: number, prefix: string): string | null {
    const r = this.db
      .prepare<[number, number, string], { message: string; line: number }>("SELECT message, line FROM events WHERE file_id = ? AND pid = ? AND message LIKE ? || '%' ORDER BY line LIMIT 1")
      .get(fileId, pid, prefix);
    // An ordinary line of that process before it: read from the file (LIKE folds ASCII case).
    const want = prefix.toLowerCase();
    const reader = new LineReader(this.db);
    try {
      for (const block of this.blocks.ofFile(fileId)) {
        const b = block.block;
        for (let i = 0; i < b.n; i++) {
          if (r && b.line[i]! > r.line) return r.message;
          if (b.pid[i] !== pid) continue;
          const row = reader.row(block, i);
          if (row.message.toLowerCase().startsWith(want)) return row.message;
        }
      }
    } finally {
      reader.close();
    }
    return r?.message ?? null;
  }

  /** Whether a file has records whose zone was assumed. */
  hasAssumed(fileId: number): boolean {
    if (this.db.prepare<[number], { x: number }>('SELECT 1 AS x FROM events WHERE file_id = ? AND tq = 1 LIMIT 1').get(fileId)) return true;
    return this.blocks.assumedRange(fileId) !== null;
  }

  /** The message kinds present in a bundle. */
  kindsIn(bundleId: number): string[] {
    const kinds = this.db
      .prepare<[number], { kind: string }>('SELECT DISTINCT kind FROM events WHERE kind IS NOT NULL AND file_id IN (SELECT id FROM files WHERE bundle_id = ?)')
      .all(bundleId)
      .map((r) => r.kind);
    for (let code = 1; code < BLOCK_KINDS.length; code++) {
      const k = BLOCK_KINDS[code]!;
      if (!kinds.includes(k) && this.blocks.hasKind(bundleId, code)) kinds.push(k);
    }
    return kinds;
  }

  /** Timed events per file strictly inside (from, to): who kept writing during a silence. */
  countsByFileBetween(bundleId: number, from: number, to: number): Map<number, number> {
    const rows = this.db
      .prepare<[number, number, number], { f: number; n: number }>(
        // `+file_id`: the time range is what narrows; by file the planner would read every event of the bundle.
        `SELECT file_id AS f, COUNT(*) AS n FROM events WHERE ts > ? AND ts < ?
           AND +file_id IN (SELECT id FROM files WHERE bundle_id = ?) GROUP BY file_id`,
      )
      .all(from, to, bundleId);
    const out = new Map(rows.map((r) => [r.f, r.n]));
    const files = this.db.prepare<[number], { id: number }>('SELECT id FROM files WHERE bundle_id = ?').all(bundleId).map((f) => f.id);
    for (const { fileId, block: b } of this.blocks.inWindow(files, from, to + 1)) {
      let n = 0;
      for (let i = 0; i < b.n; i++) if (b.ts[i]! > from && b.ts[i]! < to) n++;
      if (n > 0) out.set(fileId, (out.get(fileId) ?? 0) + n);
    }
    return out;
  }

  /** Requests of one file logged in [from, to], with their durations (ms; null when not printed). */
  requestsLoggedBetween(fileId: number, from: number, to: number): { id: number; ts: number; line: number; ms: number | null }[] {
    const rows = this.db
      .prepare<[string, number, number, number], { id: number; ts: number; line: number; ms: number | null }>(
        // Only the time range narrows (most lines of a busy service are requests): `+` keeps the planner off kind and file.
        `SELECT id, ts, line, json_extract(fields, '$.responseTimeMs') AS ms FROM events
         WHERE +kind = ? AND +file_id = ? AND ts >= ? AND ts <= ? ORDER BY ts`,
      )
      .all('http.request', fileId, from, to);
    const code = blockKind('http.request');
    let lines = false;
    for (const { block: b } of this.blocks.inWindow([fileId], from, to + 1)) {
      lines = true;
      for (let i = 0; i < b.n; i++) {
        const t = b.ts[i]!;
        if (b.kind[i] === code && t >= from && t <= to) rows.push({ id: idOf(b, i), ts: t, line: b.line[i]!, ms: Number.isNaN(b.ms[i]!) ? null : b.ms[i]! });
      }
    }
    if (!lines) return rows;
    return rows.sort((a, b) => a.ts - b.ts || a.id - b.id);
  }

  /** The last event at or before `line` in a file (the record a line belongs to). */
  atLine(fileId: number, line: number): EventRow | undefined {
    const row = this.db
      .prepare<[number, number], EventRow>('SELECT * FROM events WHERE file_id = ? AND line <= ? ORDER BY line DESC LIMIT 1')
      .get(fileId, line);
    const at = this.blocks.atOrBefore(fileId, line);
    if (!at || (row && row.line > at.block.block.line[at.i]!)) return row;
    return rowsOfLines(this.db, [at])[0];
  }

  /**
   * Re-times events whose zone was assumed: `toUtc` maps a wall-clock time (stored as if UTC) to
   * real UTC. Plain arithmetic when the zone has one offset over the file's times, otherwise an
   * UPDATE through a SQL function so DST is right per row.
   */
  convertAssumed(fileId: number, toUtc: (wallAsUtc: number) => number, fixedOffsetMs: number | null = null): void {
    if (fixedOffsetMs !== null) {
      if (fixedOffsetMs !== 0) {
        this.retime(fileId, 'ts - ?', fixedOffsetMs);
        this.blocks.retime(fileId, (t) => t - fixedOffsetMs);
      }
      return;
    }
    const range = this.db
      .prepare<[number], { lo: number | null; hi: number | null }>('SELECT MIN(ts) AS lo, MAX(ts) AS hi FROM events WHERE file_id = ? AND tq = 1')
      .get(fileId)!;
    const lines = this.blocks.assumedRange(fileId);
    const lo = Math.min(range.lo ?? Infinity, lines?.lo ?? Infinity);
    const hi = Math.max(range.hi ?? -Infinity, lines?.hi ?? -Infinity);
    if (lo > hi) return;
    const offset = constantOffset(toUtc, lo, hi);
    if (offset !== null) return this.convertAssumed(fileId, toUtc, offset);
    this.db.function('rl_to_utc', { deterministic: true }, (ts: unknown) => (typeof ts === 'number' || typeof ts === 'bigint' ? toUtc(Number(ts)) : null));
    this.retime(fileId, 'rl_to_utc(ts)');
    this.blocks.retime(fileId, toUtc);
  }

  /**
   * Sets `ts = <expr>` on a file's assumed-zone events, a slice of ids per statement: a bulk load's
   * rollback journal is kept in memory and holds every page one statement changes (500k rows in one
   * UPDATE raised the peak RSS by about 60 MB).
   */
  private retime(fileId: number, expr: string, ...args: number[]): void {
    const ids = this.db.prepare<[number], { lo: number | null; hi: number | null }>('SELECT MIN(id) AS lo, MAX(id) AS hi FROM events WHERE file_id = ?').get(fileId)!;
    if (ids.lo === null || ids.hi === null) return;
    const stmt = this.db.prepare(`UPDATE events SET ts = ${expr} WHERE id >= ? AND id < ? AND file_id = ? AND tq = 1 AND ts IS NOT NULL`);
    for (let lo = ids.lo; lo <= ids.hi; lo += RETIME_SLICE) stmt.run(...args, lo, lo + RETIME_SLICE, fileId);
  }
}
