/**
 * The fallback while the index is not ready: substring matches (LIKE semantics) over the rows of
 * `events` in SQL and over the ordinary lines of `line_blocks` (scan-lines.ts), merged in time
 * order, with capped counts. Flagged `approximate`: it cannot fold case beyond ASCII or rank.
 */
import type { DB } from '../store/open';
import { inOrder, optionFilters, page, toHit, type Row, type SearchOptions } from './hits';
import { positiveTerms, termNeedle, toLikeFilter, type ParsedQuery } from './query';
import { before, scanLines, type Key } from './scan-lines';
import type { SearchPage } from './search';
import { clipSnippet, findRanges } from './snippet';
import type { SearchStatus } from './status';

function rowsByIds(db: DB, ids: number[]): Row[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare<number[], Row>(
      `SELECT e.id, e.file_id, f.path, e.line, e.end_line, e.ts, e.level, e.kind, e.message
       FROM events e JOIN files f ON f.id = e.file_id WHERE e.id IN (${ids.map(() => '?').join(',')})`,
    )
    .all(...ids);
  return inOrder(ids, rows);
}

export function scanned(db: DB, bundleId: number, q: ParsedQuery, o: SearchOptions, index: SearchStatus): SearchPage {
  const like = toLikeFilter(q, 'e.message');
  const f = optionFilters('e', o);
  const { limit, offset } = page(o);
  const want = offset + limit;
  const cap = o.countCap ?? 1000;
  const from = `FROM events e WHERE e.file_id IN (SELECT id FROM files WHERE bundle_id = ?) AND ${f.sql} AND ${like.sql}`;
  const params = [bundleId, ...f.params, ...like.params];
  // The first `want` rows and lines each, merged: the page is the merged keys from `offset`.
  const rowKeys = db.prepare<unknown[], Key>(`SELECT e.id, e.ts ${from} ORDER BY (e.ts IS NULL), e.ts, e.id LIMIT ?`).all(...params, want);
  const rowCount = db.prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM (SELECT 1 ${from} LIMIT ?)`).get(...params, cap + 1)!.n;
  const lines = scanLines(db, bundleId, q, o, { want, count: cap + 1 - rowCount, cut: rowKeys.length === want ? rowKeys[want - 1]! : null });
  const lineRows = new Map(lines.rows.map((r) => [r.id, r]));
  const keys = [...rowKeys, ...lines.rows]
    .sort((a, b) => (before(a, b) ? -1 : 1))
    .slice(offset, want);
  const fromEvents = rowsByIds(db, keys.filter((k) => !lineRows.has(k.id)).map((k) => k.id));
  const rows = inOrder(keys.map((k) => k.id), [...fromEvents, ...keys.flatMap((k) => lineRows.get(k.id) ?? [])]);
  const needles = positiveTerms(q).map(termNeedle);
  const hits = rows.map((r) => toHit(r, clipSnippet(r.message, findRanges(r.message, needles), o.snippetChars)));
  const n = rowCount + lines.counted;
  return { ok: true, hits, total: Math.min(n, cap), totalExact: n <= cap, approximate: true, order: 'time', index };
}
