import type { DB } from './open';

export type FileStatus = 'parsed' | 'unknown' | 'binary' | 'refused' | 'error';

export interface FileRow {
  id: number;
  bundle_id: number;
  path: string;
  size: number | null;
  mtime: number | null;
  sha1: string | null;
  encoding: string | null;
  kind: string;
  confidence: number | null;
  status: FileStatus;
  lines: number;
  records: number;
  skipped: number;
  note: string | null;
  time_quality: string | null;
  first_ts: number | null;
  last_ts: number | null;
  content_path: string | null;
}

export type NewFile = Omit<FileRow, 'id' | 'lines' | 'records' | 'skipped' | 'first_ts' | 'last_ts' | 'time_quality' | 'sha1'> &
  Partial<Pick<FileRow, 'lines' | 'records' | 'skipped' | 'first_ts' | 'last_ts' | 'time_quality' | 'sha1'>>;

export interface FileTotals {
  sha1: string | null;
  lines: number;
  records: number;
  skipped: number;
  first_ts: number | null;
  last_ts: number | null;
  time_quality: string | null;
  note: string | null;
  status: FileStatus;
}

export class FileRepo {
  constructor(private readonly db: DB) {}

  insert(f: NewFile): number {
    const r = this.db
      .prepare(
        `INSERT INTO files (bundle_id, path, size, mtime, sha1, encoding, kind, confidence, status, lines, records, skipped, note,
           time_quality, first_ts, last_ts, content_path)
         VALUES (@bundle_id, @path, @size, @mtime, @sha1, @encoding, @kind, @confidence, @status, @lines, @records, @skipped, @note,
           @time_quality, @first_ts, @last_ts, @content_path)`,
      )
      .run({ sha1: null, lines: 0, records: 0, skipped: 0, first_ts: null, last_ts: null, time_quality: null, ...f });
    return Number(r.lastInsertRowid);
  }

  finish(id: number, t: FileTotals): void {
    this.db
      .prepare(
        `UPDATE files SET sha1 = @sha1, lines = @lines, records = @records, skipped = @skipped, first_ts = @first_ts,
           last_ts = @last_ts, time_quality = @time_quality, note = @note, status = @status WHERE id = @id`,
      )
      .run({ ...t, id });
  }

  list(bundleId: number): FileRow[] {
    return this.db.prepare<[number], FileRow>('SELECT * FROM files WHERE bundle_id = ? ORDER BY path').all(bundleId);
  }

  get(id: number): FileRow | undefined {
    return this.db.prepare<[number], FileRow>('SELECT * FROM files WHERE id = ?').get(id);
  }

  byPath(bundleId: number, path: string): FileRow | undefined {
    return this.db.prepare<[number, string], FileRow>('SELECT * FROM files WHERE bundle_id = ? AND path = ?').get(bundleId, path);
  }

  addSkipped(rows: { file_id: number; line: number; offset: number; reason: string }[]): void {
    const stmt = this.db.prepare('INSERT INTO skipped_lines (file_id, line, offset, reason) VALUES (@file_id, @line, @offset, @reason)');
    this.db.transaction(() => rows.forEach((r) => stmt.run(r)))();
  }

  skipped(fileId: number, limit = 100): { line: number; offset: number; reason: string }[] {
    return this.db
      .prepare<[number, number], { line: number; offset: number; reason: string }>(
        'SELECT line, offset, reason FROM skipped_lines WHERE file_id = ? ORDER BY line LIMIT ?',
      )
      .all(fileId, limit);
  }

  /** Shift times of a file's events (zone fix-up or placing time-only logs on their day). */
  shiftTimes(fileId: number, deltaMs: number, onlyTq: number): void {
    this.db.prepare('UPDATE events SET ts = ts + ? WHERE file_id = ? AND tq = ? AND ts IS NOT NULL').run(deltaMs, fileId, onlyTq);
    this.refreshRange(fileId);
  }

  /** The kind decided after reading (a file that looked like a profile from its head but was not one). */
  setKind(fileId: number, kind: string, confidence: number | null): void {
    this.db.prepare('UPDATE files SET kind = ?, confidence = ? WHERE id = ?').run(kind, confidence, fileId);
  }

  markError(fileId: number, note: string): void {
    this.db.prepare("UPDATE files SET status = 'error' WHERE id = ?").run(fileId);
    this.appendNote(fileId, note);
  }

  addLineCheckpoints(fileId: number, points: ReadonlyArray<readonly [line: number, offset: number]>): void {
    const stmt = this.db.prepare('INSERT OR REPLACE INTO line_index (file_id, line, offset) VALUES (?, ?, ?)');
    this.db.transaction(() => points.forEach(([l, o]) => stmt.run(fileId, l, o)))();
  }

  /** The nearest checkpoint at or before `line` (line 1 at offset 0 when none is stored). */
  checkpoint(fileId: number, line: number): { line: number; offset: number } {
    return (
      this.db
        .prepare<[number, number], { line: number; offset: number }>('SELECT line, offset FROM line_index WHERE file_id = ? AND line <= ? ORDER BY line DESC LIMIT 1')
        .get(fileId, line) ?? { line: 1, offset: 0 }
    );
  }

  appendNote(fileId: number, note: string): void {
    this.db
      .prepare("UPDATE files SET note = CASE WHEN note IS NULL OR note = '' THEN @note ELSE note || '; ' || @note END WHERE id = @id")
      .run({ note, id: fileId });
  }

  /**
   * The file's first and last time over its events, snapshots and metric points. `events` gives the
   * events' range when it is already known (kept while streaming): no scan of the events then.
   */
  refreshRange(fileId: number, events?: { first: number | null; last: number | null }): void {
    const ev = (fn: 'MIN' | 'MAX') =>
      events
        ? `SELECT @${fn === 'MIN' ? 'first' : 'last'} AS t`
        : `SELECT ${fn}(ts) AS t FROM events WHERE file_id = @id UNION ALL SELECT ${fn}(${fn === 'MIN' ? 'min_ts' : 'max_ts'}) FROM line_blocks WHERE file_id = @id`;
    this.db
      .prepare(
        `UPDATE files SET
           first_ts = (SELECT MIN(t) FROM (${ev('MIN')}
                        UNION ALL SELECT MIN(captured_at) FROM snapshots WHERE file_id = @id UNION ALL SELECT MIN(ts) FROM metrics WHERE file_id = @id)),
           last_ts = (SELECT MAX(t) FROM (${ev('MAX')}
                        UNION ALL SELECT MAX(captured_at) FROM snapshots WHERE file_id = @id UNION ALL SELECT MAX(ts) FROM metrics WHERE file_id = @id))
         WHERE id = @id`,
      )
      .run(events ? { id: fileId, first: events.first, last: events.last } : { id: fileId });
  }

  /** Where the capture times of a file's snapshots came from (tool, header, filename, mtime), most trusted first. */
  captureSources(fileId: number): string[] {
    const order = ['tool', 'header', 'log', 'filename', 'mtime'];
    return this.db
      .prepare<[number], { s: string }>('SELECT DISTINCT time_source AS s FROM snapshots WHERE file_id = ? AND time_source IS NOT NULL')
      .all(fileId)
      .map((r) => r.s)
      .sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }
}
