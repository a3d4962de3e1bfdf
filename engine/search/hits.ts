/** What the indexed search and the fallback scan share: options, the hit shape, filters and paging. */
import type { Snippet } from './snippet';

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

const MAX_LIMIT = 1000;
const MAX_FILE_IDS = 10_000;

export interface Filter {
  sql: string;
  params: (number | string)[];
}

/** The file ids a `fileIds` option stands for (unsafe ones dropped, at most MAX_FILE_IDS). */
export const fileIdsOf = (o: SearchOptions): number[] | undefined => o.fileIds?.filter((id) => Number.isSafeInteger(id)).slice(0, MAX_FILE_IDS);

/** Filters from the options on the columns `ts`, `file_id` and `level` of `alias` ('1' when none). */
export function optionFilters(alias: string, o: SearchOptions): Filter {
  const parts: string[] = [];
  const params: (number | string)[] = [];
  if (o.from !== undefined) {
    parts.push(`${alias}.ts >= ?`);
    params.push(o.from);
  }
  if (o.to !== undefined) {
    parts.push(`${alias}.ts < ?`);
    params.push(o.to);
  }
  const ids = fileIdsOf(o);
  if (ids !== undefined) {
    parts.push(ids.length === 0 ? '0' : `${alias}.file_id IN (${ids.map(() => '?').join(',')})`);
    params.push(...ids);
  }
  if (o.minLevel !== undefined) {
    parts.push(`${alias}.level >= ?`);
    params.push(o.minLevel);
  }
  return { sql: parts.length === 0 ? '1' : parts.join(' AND '), params };
}

export type Row = { id: number; file_id: number; path: string; line: number; end_line: number; ts: number | null; level: number | null; kind: string | null; message: string };

export const toHit = (r: Row, snippet: Snippet): SearchHit => ({
  eventId: r.id, fileId: r.file_id, file: r.path, line: r.line, endLine: r.end_line, ts: r.ts, level: r.level, kind: r.kind, snippet,
});

export function page(o: SearchOptions): { limit: number; offset: number } {
  return { limit: Math.min(o.limit ?? 100, MAX_LIMIT), offset: o.offset ?? 0 };
}

/** `ids` in their order, from rows found by id. */
export function inOrder<T extends { id: number }>(ids: readonly number[], rows: readonly T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
