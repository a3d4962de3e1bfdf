/**
 * The line store's SQL: blocks of ordinary lines (line-block-codec.ts) written while a file streams
 * in, and read back by file, by time window or by event id.
 */
import type { Statement } from 'better-sqlite3';
import type { NewEvent } from './events';
import { BLOCK_KINDS, BLOCK_LINES, idOf, newBlock, shrinkBlock, viewBlock, type LineBlock } from './line-block-codec';
import type { DB } from './open';

export interface StoredBlock {
  id: number;
  fileId: number;
  block: LineBlock;
}

interface BlockRow {
  id: number;
  file_id: number;
  first_id: number;
  n: number;
  data: Buffer;
}

const kindCode = (kind: string | null): number => {
  const c = (BLOCK_KINDS as readonly (string | null)[]).indexOf(kind);
  if (c < 0) throw new Error(`kind ${kind} cannot be kept in a line block`);
  return c;
};

/** Builds one file's blocks on the writer's thread, in id order, and inserts each when full. */
export class LineBlockWriter {
  private cur: { buf: Uint8Array; block: LineBlock } | null = null;
  private at = 0;
  private readonly insert: Statement;

  constructor(private readonly db: DB, private readonly fileId: number) {
    this.insert = db.prepare(
      'INSERT INTO line_blocks (file_id, first_id, last_id, first_line, last_line, n, min_ts, max_ts, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  add(id: number, e: NewEvent, ms: number | null): void {
    if (!this.cur) {
      this.cur = newBlock(BLOCK_LINES, id);
      this.at = 0;
    }
    const b = this.cur.block;
    const i = this.at++;
    b.ts[i] = e.ts ?? NaN;
    b.offset[i] = e.offset;
    b.ms[i] = ms ?? NaN;
    b.idDelta[i] = id - b.firstId;
    b.line[i] = e.line;
    b.length[i] = e.length;
    b.pid[i] = e.pid ?? -1;
    b.level[i] = e.level === null ? 0 : e.level + 1;
    b.kind[i] = kindCode(e.kind);
    b.tq[i] = e.tq;
    if (this.at === BLOCK_LINES) this.flush();
  }

  flush(): void {
    if (!this.cur || this.at === 0) return;
    const { block } = this.cur;
    const n = this.at;
    const buf = n === BLOCK_LINES ? this.cur.buf : shrinkBlock(block, n);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const t = block.ts[i]!;
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
    this.insert.run(this.fileId, block.firstId, idOf(block, n - 1), block.line[0], block.line[n - 1], n, lo <= hi ? lo : null, lo <= hi ? hi : null, buf);
    this.cur = null;
    this.at = 0;
  }
}

export class LineBlockRepo {
  constructor(private readonly db: DB) {}

  private static decode(r: BlockRow): StoredBlock {
    return { id: r.id, fileId: r.file_id, block: viewBlock(r.data, r.n, r.first_id) };
  }

  /** A file's blocks in line order. */
  *ofFile(fileId: number): Generator<StoredBlock> {
    const rows = this.db.prepare<[number], BlockRow>('SELECT id, file_id, first_id, n, data FROM line_blocks WHERE file_id = ? ORDER BY first_line').iterate(fileId);
    for (const r of rows) yield LineBlockRepo.decode(r);
  }

  /** A bundle's blocks, file by file in line order. */
  *ofBundle(bundleId: number): Generator<StoredBlock> {
    const rows = this.db
      .prepare<[number], BlockRow>('SELECT id, file_id, first_id, n, data FROM line_blocks WHERE file_id IN (SELECT id FROM files WHERE bundle_id = ?) ORDER BY file_id, first_line')
      .iterate(bundleId);
    for (const r of rows) yield LineBlockRepo.decode(r);
  }

  /** The last ordinary line at or before `line` in a file, or null. */
  atOrBefore(fileId: number, line: number): { block: StoredBlock; i: number } | null {
    const r = this.db
      .prepare<[number, number], BlockRow>('SELECT id, file_id, first_id, n, data FROM line_blocks WHERE file_id = ? AND first_line <= ? ORDER BY first_line DESC LIMIT 1')
      .get(fileId, line);
    if (!r) return null;
    const block = LineBlockRepo.decode(r);
    let lo = 0;
    let hi = block.block.n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (block.block.line[mid]! <= line) lo = mid;
      else hi = mid - 1;
    }
    return { block, i: lo };
  }

  /** Whether a bundle has an ordinary line of this block kind code. */
  hasKind(bundleId: number, code: number): boolean {
    for (const { block: b } of this.ofBundle(bundleId)) for (let i = 0; i < b.n; i++) if (b.kind[i] === code) return true;
    return false;
  }

  /**
   * Blocks of these files with a timed line in [from, to), by their earliest time, one at a time (a
   * window over a whole big file spans hundreds of blocks of about 170 KB: never all in memory).
   */
  *inWindow(fileIds: readonly number[], from: number, to: number): Generator<StoredBlock> {
    if (fileIds.length === 0) return;
    const rows = this.db
      .prepare<[string, number, number], BlockRow>(
        'SELECT id, file_id, first_id, n, data FROM line_blocks WHERE file_id IN (SELECT value FROM json_each(?)) AND max_ts >= ? AND min_ts < ? ORDER BY min_ts, id',
      )
      .iterate(JSON.stringify(fileIds), from, to);
    for (const r of rows) yield LineBlockRepo.decode(r);
  }

  /** Time bounds of the blocks of these files that reach past `after` (for a page that starts there). */
  bounds(fileIds: readonly number[], after: number, to: number): { id: number; minTs: number; maxTs: number }[] {
    if (fileIds.length === 0) return [];
    return this.db
      .prepare<[string, number, number], { id: number; minTs: number; maxTs: number }>(
        'SELECT id, min_ts AS minTs, max_ts AS maxTs FROM line_blocks WHERE file_id IN (SELECT value FROM json_each(?)) AND max_ts >= ? AND min_ts < ? ORDER BY min_ts, id',
      )
      .all(JSON.stringify(fileIds), after, to);
  }

  /** A block by its id; null when it is gone (a re-ingest since the id was read). */
  byId(id: number): StoredBlock | null {
    const r = this.db.prepare<[number], BlockRow>('SELECT id, file_id, first_id, n, data FROM line_blocks WHERE id = ?').get(id);
    return r ? LineBlockRepo.decode(r) : null;
  }

  /** The block and index of each id that is an ordinary line (ids of rows are left out). */
  locate(ids: readonly number[]): Map<number, { block: StoredBlock; i: number }> {
    const out = new Map<number, { block: StoredBlock; i: number }>();
    const find = this.db.prepare<[number], BlockRow>('SELECT id, file_id, first_id, n, data FROM line_blocks WHERE first_id <= ? ORDER BY first_id DESC LIMIT 1');
    let last: StoredBlock | null = null;
    for (const id of [...ids].sort((a, b) => a - b)) {
      if (!last || id < last.block.firstId || id > idOf(last.block, last.block.n - 1)) {
        const r = find.get(id);
        if (!r) continue;
        last = LineBlockRepo.decode(r);
      }
      const i = indexOfId(last.block, id);
      if (i >= 0) out.set(id, { block: last, i });
    }
    return out;
  }

  /** Lines kept in blocks per file of a bundle. */
  countsByFile(bundleId: number): Map<number, number> {
    const rows = this.db
      .prepare<[number], { f: number; n: number }>('SELECT file_id AS f, SUM(n) AS n FROM line_blocks WHERE file_id IN (SELECT id FROM files WHERE bundle_id = ?) GROUP BY file_id')
      .all(bundleId);
    return new Map(rows.map((r) => [r.f, r.n]));
  }

  /** Rewrites a file's block times with `fn` (placing a zone-less log); `fn` sees every timed line of assumed zone. */
  retime(fileId: number, fn: (ts: number) => number): void {
    const update = this.db.prepare('UPDATE line_blocks SET data = ?, min_ts = ?, max_ts = ? WHERE id = ?');
    // One block in memory at a time (a statement cannot write while another iterates).
    const ids = this.db.prepare<[number], { id: number }>('SELECT id FROM line_blocks WHERE file_id = ? ORDER BY first_line').all(fileId);
    for (const { id: blockId } of ids) {
      const { id, block: b } = this.byId(blockId)!;
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < b.n; i++) {
        let t = b.ts[i]!;
        if (Number.isNaN(t)) continue;
        if (b.tq[i] === 1) b.ts[i] = t = fn(t);
        if (t < lo) lo = t;
        if (t > hi) hi = t;
      }
      update.run(new Uint8Array(b.ts.buffer, b.ts.byteOffset, blockBytesOf(b)), lo <= hi ? lo : null, lo <= hi ? hi : null, id);
    }
  }

  /** Assumed-zone time bounds of a file's lines (as EventRepo.convertAssumed reads them of rows). */
  assumedRange(fileId: number): { lo: number; hi: number } | null {
    let lo = Infinity;
    let hi = -Infinity;
    for (const { block: b } of this.ofFile(fileId)) {
      for (let i = 0; i < b.n; i++) {
        if (b.tq[i] !== 1) continue;
        const t = b.ts[i]!;
        if (t < lo) lo = t;
        if (t > hi) hi = t;
      }
    }
    return lo <= hi ? { lo, hi } : null;
  }
}

function blockBytesOf(b: LineBlock): number {
  return b.tq.byteOffset + b.n - b.ts.byteOffset;
}

/** The index of `id` in a block (ids ascend within it), or -1. */
export function indexOfId(b: LineBlock, id: number): number {
  const d = id - b.firstId;
  let lo = 0;
  let hi = b.n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = b.idDelta[mid]!;
    if (v === d) return mid;
    if (v < d) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
