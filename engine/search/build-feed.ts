/**
 * What goes into a bundle's index, a step at a time: first its rows of `events` by INSERT … SELECT
 * over id ranges, then its ordinary lines, whose text is only in the file, read and parsed back
 * (LineReader) and inserted one by one. A step takes `budget` records wherever they come from,
 * across files and blocks: every commit makes an FTS5 segment, so steps stay full.
 */
import { idOf, kindOf, levelOf, tsOf } from '../store/line-block-codec';
import { LineBlockRepo, type StoredBlock } from '../store/line-blocks';
import type { MessageSource } from './line-messages';
import type { DB } from '../store/open';
import { ftsTable } from './tables';

/** The id range of a bundle's rows. */
export interface RowSpan {
  lo: number;
  hi: number;
}

const COLUMNS = 'rowid, message, file_id, ts, level, kind, line, end_line';

export class IndexFeed {
  private rowLo: number;
  private readonly rowHi: number;
  /** Next block (index into `blocks`) and line in it. */
  private k = 0;
  private i = 0;
  private cur: StoredBlock | null = null;
  /** The current block's messages. */
  private texts: string[] = [];
  private readonly insertRows;
  private readonly rowsEnd;
  private readonly insertLine;
  private readonly repo: LineBlockRepo;

  constructor(db: DB, bundleId: number, rows: RowSpan | null, private readonly blocks: readonly number[], private readonly source: MessageSource) {
    this.rowLo = rows?.lo ?? 1;
    this.rowHi = rows?.hi ?? 0;
    const fts = ftsTable(bundleId);
    const ofBundle = `file_id IN (SELECT id FROM files WHERE bundle_id = ${bundleId})`;
    this.insertRows = db.prepare<[number, number]>(
      `INSERT INTO ${fts} (${COLUMNS}) SELECT id, message, file_id, ts, level, kind, line, end_line FROM events WHERE id BETWEEN ? AND ? AND ${ofBundle}`,
    );
    // Ids are shared with the lines, so a step's last row is found by counting rows; NOT INDEXED walks the id range.
    this.rowsEnd = db.prepare<[number, number], { id: number }>(`SELECT id FROM events NOT INDEXED WHERE id >= ? AND ${ofBundle} ORDER BY id LIMIT 1 OFFSET ?`);
    // Bound from JS numbers, whole values would be REAL; as rows have them, they are INTEGER.
    this.insertLine = db.prepare(`INSERT INTO ${fts} (${COLUMNS}) VALUES (?, ?, CAST(? AS INTEGER), ?, CAST(? AS INTEGER), ?, CAST(? AS INTEGER), CAST(? AS INTEGER))`);
    this.repo = new LineBlockRepo(db);
  }

  get finished(): boolean {
    return this.rowLo > this.rowHi && this.block() === null;
  }

  /** Inserts up to `budget` records; returns how many. */
  fill(budget: number): number {
    let n = 0;
    if (this.rowLo <= this.rowHi) {
      const hi = this.rowsEnd.get(this.rowLo, budget - 1)?.id ?? this.rowHi;
      n += this.insertRows.run(this.rowLo, hi).changes;
      this.rowLo = hi + 1;
    }
    for (let s = this.block(); s && n < budget; s = this.block()) {
      if (this.i === 0) this.texts = this.source.messages(s);
      const b = s.block;
      const i = this.i;
      const t = tsOf(b, i);
      this.insertLine.run(idOf(b, i), this.texts[i], s.fileId, t !== null && Number.isSafeInteger(t) ? BigInt(t) : t, levelOf(b, i), kindOf(b, i), b.line[i]!, b.line[i]!);
      n++;
      if (++this.i === s.block.n) {
        this.cur = null;
        this.k++;
        this.i = 0;
      }
    }
    return n;
  }

  close(): void {
    this.source.close();
  }

  /** The block being read, or null when all are done. */
  private block(): StoredBlock | null {
    while (!this.cur && this.k < this.blocks.length) {
      const id = this.blocks[this.k]!;
      this.cur = this.repo.byId(id);
      if (!this.cur) this.k++; // gone with a re-ingest since the build started: the index is stale anyway
    }
    return this.cur;
  }
}
