/**
 * `search`: a page of events of one bundle (rows and ordinary lines alike) matching the user's
 * query, in time order (or by relevance), with highlighted snippets. Uses the bundle's FTS5 index
 * when it is ready: it holds each record's message and the columns filters and order need, so a
 * search reads nothing else. Until then a scan answers (scan.ts), capped and flagged `approximate`,
 * so search works from the first moment and the UI can say it is not exact yet.
 */
import type { Store } from '../store';
import type { DB } from '../store/open';
import { inOrder, optionFilters, page, toHit, type Row, type SearchHit, type SearchOptions } from './hits';
import { parseQuery, toMatchExpression, type ParsedQuery, type QueryErrorCode } from './query';
import { scanned } from './scan';
import { chooseMarkers, clipSnippet, parseMarked } from './snippet';
import { statusOf, type SearchStatus } from './status';
import { ftsTable } from './tables';

export type { SearchHit, SearchOptions } from './hits';

export interface SearchPage {
  ok: true;
  hits: SearchHit[];
  /** Matches counted; when `totalExact` is false there are more than this many. */
  total: number;
  totalExact: boolean;
  /** True when answered by the fallback scan (substring matches) because the index is not ready. */
  approximate: boolean;
  order: 'time' | 'rank';
  /** The index state at the time of the search, for the UI to show. */
  index: SearchStatus;
}

export type SearchErrorCode = QueryErrorCode | 'failed';

export interface SearchFailure {
  ok: false;
  error: { code: SearchErrorCode; message: string };
}

export type SearchResult = SearchPage | SearchFailure;

function checkOptions(o: SearchOptions): string | null {
  for (const k of ['from', 'to', 'minLevel'] as const) {
    const v = o[k];
    if (v !== undefined && !Number.isFinite(v)) return `${k} must be a number`;
  }
  if (o.limit !== undefined && !(Number.isInteger(o.limit) && o.limit >= 1)) return 'limit must be a positive whole number';
  if (o.offset !== undefined && !(Number.isInteger(o.offset) && o.offset >= 0)) return 'offset must be a whole number ≥ 0';
  return null;
}

export function search(store: Store, bundleId: number, query: string, opts: SearchOptions = {}): SearchResult {
  const bad = checkOptions(opts);
  if (bad) return { ok: false, error: { code: 'failed', message: bad } };
  const parsed = parseQuery(query);
  if (!parsed.ok) return parsed;
  try {
    const index = statusOf(store.db, bundleId);
    if (index.state !== 'ready') return scanned(store.db, bundleId, parsed.query, opts, index);
    try {
      return indexed(store.db, bundleId, parsed.query, opts, index);
    } catch (e) {
      // A rebuild started elsewhere dropped the table between the status check and the query.
      if (!/no such table/.test(String(e))) throw e;
      return scanned(store.db, bundleId, parsed.query, opts, statusOf(store.db, bundleId));
    }
  } catch (e) {
    // Terms are always quoted, so this is the database failing (locked, corrupt), not the user's query.
    return { ok: false, error: { code: 'failed', message: `search failed: ${e instanceof Error ? e.message : String(e)}` } };
  }
}

function indexed(db: DB, bundleId: number, q: ParsedQuery, o: SearchOptions, index: SearchStatus): SearchPage {
  const fts = ftsTable(bundleId);
  const match = toMatchExpression(q);
  const f = optionFilters('s', o);
  const order = o.order ?? 'time';
  const { limit, offset } = page(o);
  const from = `FROM ${fts} AS s WHERE ${fts} MATCH ? AND ${f.sql}`;
  const orderBy = order === 'rank' ? 's.rank, s.rowid' : '(s.ts IS NULL), s.ts, s.rowid';
  // Ids first, then the page's rows and highlights: highlight() over every match before the sort would be wasted work.
  const ids = db.prepare<unknown[], { id: number }>(`SELECT s.rowid AS id ${from} ORDER BY ${orderBy} LIMIT ? OFFSET ?`).all(match, ...f.params, limit, offset).map((r) => r.id);
  const list = ids.map(() => '?').join(',');
  const rows =
    ids.length === 0
      ? []
      : inOrder(
          ids,
          db
            .prepare<number[], Row>(
              `SELECT s.rowid AS id, s.file_id, f.path, s.line, s.end_line, s.ts, s.level, s.kind, s.message FROM ${fts} AS s JOIN files f ON f.id = s.file_id WHERE s.rowid IN (${list})`,
            )
            .all(...ids),
        );
  const [open, close] = chooseMarkers(rows.map((r) => r.message));
  const marked = new Map(
    ids.length === 0
      ? []
      : db
          .prepare<unknown[], { id: number; h: string | null }>(`SELECT rowid AS id, highlight(${fts}, 0, ?, ?) AS h FROM ${fts} WHERE ${fts} MATCH ? AND rowid IN (${list})`)
          .all(open, close, match, ...ids)
          .map((r) => [r.id, r.h]),
  );
  const hits = rows.map((r) => {
    const m = marked.get(r.id);
    const parsed = m ? parseMarked(m, open, close) : null;
    // The marked text must be the message plus markers; anything else (never seen) gets no highlights rather than wrong ones.
    const highlights = parsed && parsed.text === r.message ? parsed.highlights : [];
    return toHit(r, clipSnippet(r.message, highlights, o.snippetChars));
  });
  const cap = o.countCap ?? 10_000;
  const n = db.prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM (SELECT 1 ${from} LIMIT ?)`).get(match, ...f.params, cap + 1)!.n;
  return { ok: true, hits, total: Math.min(n, cap), totalExact: n <= cap, approximate: false, order, index };
}
