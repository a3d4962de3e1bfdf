/**
 * The fallback scan over ordinary lines, which are not rows a LIKE can run on: their text is read
 * back from the file, tried first as raw text (cheap) and parsed only when it may match. Blocks are
 * read by their earliest time, so the scan stops once it has counted enough and no later block can
 * hold a line that belongs on the page.
 */
import { idOf, tsOf, type LineBlock } from '../store/line-block-codec';
import { LineBlockRepo } from '../store/line-blocks';
import { LineReader } from '../store/line-rows';
import type { DB } from '../store/open';
import { fileIdsOf, type Row, type SearchOptions } from './hits';
import { toLikeMatcher, toPrefilter, type ParsedQuery } from './query';

/** A match's place in the order of the search: `(ts IS NULL), ts, id`. */
export interface Key {
  id: number;
  ts: number | null;
}

export function before(a: Key, b: Key): boolean {
  if (a.ts !== b.ts) {
    if (a.ts === null) return false;
    return b.ts === null || a.ts < b.ts;
  }
  return a.id < b.id;
}

export interface LineScanBounds {
  /** Keep the first this many matching lines. */
  want: number;
  /** Count matching lines up to this many (reading further only for the page). */
  count: number;
  /** Lines at or after this key cannot be on the page (known from the rows). */
  cut: Key | null;
}

/** Line `i` passes the options' time and level filters (the block's file passed already). */
function passes(b: LineBlock, i: number, o: SearchOptions): boolean {
  const t = b.ts[i]!; // NaN (no time) fails every comparison, as NULL does in SQL
  if (o.from !== undefined && !(t >= o.from)) return false;
  if (o.to !== undefined && !(t < o.to)) return false;
  return o.minLevel === undefined || (b.level[i] !== 0 && b.level[i]! - 1 >= o.minLevel);
}

function top(rows: Row[], n: number): Row[] {
  return rows.sort((a, b) => (before(a, b) ? -1 : 1)).slice(0, n);
}

/** The first `want` matching lines in order, and how many matched (at least `count` when that many exist). */
export function scanLines(db: DB, bundleId: number, q: ParsedQuery, o: SearchOptions, bounds: LineScanBounds): { rows: Row[]; counted: number } {
  const fileIds = fileIdsOf(o);
  if (fileIds?.length === 0) return { rows: [], counted: 0 };
  const where = ['file_id IN (SELECT id FROM files WHERE bundle_id = ?)'];
  const params: (number | string)[] = [bundleId];
  if (fileIds) {
    where.push('file_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(fileIds));
  }
  if (o.from !== undefined) {
    where.push('max_ts >= ?');
    params.push(o.from);
  }
  if (o.to !== undefined) {
    where.push('min_ts < ?');
    params.push(o.to);
  }
  const blocks = db
    .prepare<unknown[], { id: number; minTs: number | null }>(`SELECT id, min_ts AS minTs FROM line_blocks WHERE ${where.join(' AND ')} ORDER BY (min_ts IS NULL), min_ts, first_id`)
    .all(...params);
  const repo = new LineBlockRepo(db);
  const pathOf = db.prepare<[number], { path: string }>('SELECT path FROM files WHERE id = ?');
  const prefilter = toPrefilter(q);
  const matches = toLikeMatcher(q);
  const reader = new LineReader(db);
  let found: Row[] = [];
  let cut = bounds.cut;
  let counted = 0;
  const tighten = () => {
    if (found.length < bounds.want) return;
    found = top(found, bounds.want);
    cut = found[bounds.want - 1]!;
  };
  try {
    for (const { id, minTs } of blocks) {
      tighten();
      // Later blocks start after the cut: their lines are all later (or untimed, which sort last).
      if (counted >= bounds.count && cut && cut.ts !== null && (minTs === null || minTs > cut.ts)) break;
      const s = repo.byId(id);
      if (!s) continue;
      const b = s.block;
      const path = pathOf.get(s.fileId)?.path ?? '';
      for (let i = 0; i < b.n; i++) {
        if (!passes(b, i, o)) continue;
        const key = { id: idOf(b, i), ts: tsOf(b, i) };
        const onPage = cut === null || before(key, cut);
        if (!onPage && counted >= bounds.count) continue;
        const text = reader.text(s.fileId, b.offset[i]!, b.length[i]!);
        // The message is the line's own text or a part of it; only escapes (JSON's \" or \u00e9) can hide a match from the raw text.
        if (text !== null && !text.includes('\\') && !prefilter(text)) continue;
        const row = reader.row(s, i); // an unreadable line has the UNREADABLE message, as the index has it
        if (!matches(row.message)) continue;
        counted++;
        if (!onPage) continue;
        found.push({ id: row.id, file_id: row.file_id, path, line: row.line, end_line: row.end_line, ts: row.ts, level: row.level, kind: row.kind, message: row.message });
        if (found.length >= 2 * bounds.want) tighten();
      }
    }
  } finally {
    reader.close();
  }
  return { rows: top(found, bounds.want), counted };
}
