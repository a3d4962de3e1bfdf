/**
 * `search`: a page of events of one bundle matching the user's query, in time order (or by
 * relevance), with highlighted snippets. Uses the bundle's FTS5 index when it is ready; until then
 * a LIKE scan over messages answers, capped and flagged `approximate`, so search works from the
 * first moment and the UI can say it is not exact yet.
 */
import type { Store } from '../store';
import type { DB } from '../store/open';
import { parseQuery, positiveTerms, termNeedle, toLikeFilter, toMatchExpression, type ParsedQuery, type QueryErrorCode } from './query';
import { chooseMarkers, clipSnippet, findRanges, parseMarked, type Snippet } from './snippet';
import { statusOf, type SearchStatus } from './status';
import { ftsTable } from './tables';

export interface SearchOptions {
  /** Hits per page (1..1000, default 100). */
  limit?: number;
  offset?: number;
  /** Time window, UTC ms, `from <= ts < to`; events without a time are left out when either is set. */
  from?: number;
  to?: number;
  fileIds?: readonly number[];
  /** Only events at this level or above (pino scale 10..60); events without a level are left out. */
  minLevel?: number;
  /** `time` (default) or `rank` (best matches first; the fallback scan can only order by time). */
  order?: 'time' | 'rank';
  /** Count matches up to this many, then say "more than" (default 10,000; 1,000 for the fallback scan). */
  countCap?: number;
  /** Longest snippet text (default 240 characters). */
  snippetChars?: number;
}

export interface SearchHit {
  eventId: number;
  fileId: number;
  file: string;
  line: number;
  endLine: number;
  ts: number | null;
  level: number | null;
  kind: string | null;
  snippet: Snippet;
}

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

const MAX_LIMIT = 1000;
const MAX_FILE_IDS = 10_000;

interface Filter {
  sql: string;
  params: (number | string)[];
}

/** Filters on `e` (events) from the options; always scoped to the bundle's files. */
function eventFilters(bundleId: number, o: SearchOptions): Filter {
  const parts: string[] = ['e.file_id IN (SELECT id FROM files WHERE bundle_id = ?)'];
  const params: (number | string)[] = [bundleId];
  if (o.from !== undefined) {
    parts.push('e.ts >= ?');
    params.push(o.from);
  }
  if (o.to !== undefined) {
    parts.push('e.ts < ?');
    params.push(o.to);
  }
  if (o.fileIds !== undefined) {
    const ids = o.fileIds.filter((id) => Number.isSafeInteger(id)).slice(0, MAX_FILE_IDS);
    parts.push(ids.length === 0 ? '0' : `e.file_id IN (${ids.map(() => '?').join(',')})`);
    params.push(...ids);
  }
  if (o.minLevel !== undefined) {
    parts.push('e.level >= ?');
    params.push(o.minLevel);
  }
  return { sql: parts.join(' AND '), params };
}

type Row = { id: number; file_id: number; path: string; line: number; end_line: number; ts: number | null; level: number | null; kind: string | null; message: string };

function rowsByIds(db: DB, ids: number[]): Row[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare<number[], Row>(
      `SELECT e.id, e.file_id, f.path, e.line, e.end_line, e.ts, e.level, e.kind, e.message
       FROM events e JOIN files f ON f.id = e.file_id WHERE e.id IN (${ids.map(() => '?').join(',')})`,
    )
    .all(...ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const toHit = (r: Row, snippet: Snippet): SearchHit => ({
  eventId: r.id, fileId: r.file_id, file: r.path, line: r.line, endLine: r.end_line, ts: r.ts, level: r.level, kind: r.kind, snippet,
});

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

function page(o: SearchOptions): { limit: number; offset: number } {
  return { limit: Math.min(o.limit ?? 100, MAX_LIMIT), offset: o.offset ?? 0 };
}

function indexed(db: DB, bundleId: number, q: ParsedQuery, o: SearchOptions, index: SearchStatus): SearchPage {
  const fts = ftsTable(bundleId);
  const match = toMatchExpression(q);
  const f = eventFilters(bundleId, o);
  const order = o.order ?? 'time';
  const { limit, offset } = page(o);
  const from = `FROM ${fts} AS s JOIN events e ON e.id = s.rowid WHERE ${fts} MATCH ? AND ${f.sql}`;
  const orderBy = order === 'rank' ? 's.rank, e.id' : '(e.ts IS NULL), e.ts, e.id';
  // Ids first, then the page's rows and highlights: highlight() over every match before the sort would be wasted work.
  const ids = db.prepare<unknown[], { id: number }>(`SELECT e.id ${from} ORDER BY ${orderBy} LIMIT ? OFFSET ?`).all(match, ...f.params, limit, offset).map((r) => r.id);
  const rows = rowsByIds(db, ids);
  const [open, close] = chooseMarkers(rows.map((r) => r.message));
  const marked = new Map(
    ids.length === 0
      ? []
      : db
          .prepare<unknown[], { id: number; h: string | null }>(
            `SELECT rowid AS id, highlight(${fts}, 0, ?, ?) AS h FROM ${fts} WHERE ${fts} MATCH ? AND rowid IN (${ids.map(() => '?').join(',')})`,
          )
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

function scanned(db: DB, bundleId: number, q: ParsedQuery, o: SearchOptions, index: SearchStatus): SearchPage {
  const like = toLikeFilter(q, 'e.message');
  const f = eventFilters(bundleId, o);
  const { limit, offset } = page(o);
  const from = `FROM events e WHERE ${f.sql} AND ${like.sql}`;
  const params = [...f.params, ...like.params];
  const ids = db
    .prepare<unknown[], { id: number }>(`SELECT e.id ${from} ORDER BY (e.ts IS NULL), e.ts, e.id LIMIT ? OFFSET ?`)
    .all(...params, limit, offset)
    .map((r) => r.id);
  const needles = positiveTerms(q).map(termNeedle);
  const hits = rowsByIds(db, ids).map((r) => toHit(r, clipSnippet(r.message, findRanges(r.message, needles), o.snippetChars)));
  const cap = o.countCap ?? 1000;
  const n = db.prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM (SELECT 1 ${from} LIMIT ?)`).get(...params, cap + 1)!.n;
  return { ok: true, hits, total: Math.min(n, cap), totalExact: n <= cap, approximate: true, order: 'time', index };
}
