/**
 * Page positions. Rows are ordered by (ts, type rank, id); a cursor is the key of the last row of a
 * page, and the next page starts strictly after it — stable while rows are added elsewhere.
 */
import { TimelineError, type RowType } from './types';

export const RANK: Record<RowType, number> = { event: 0, snapshot: 1, finding: 2, annotation: 3 };

export interface RowKey {
  ts: number;
  rank: number;
  id: number;
}

export const compareKeys = (a: RowKey, b: RowKey): number => a.ts - b.ts || a.rank - b.rank || a.id - b.id;

export function encodeCursor(k: RowKey): string {
  return `${k.ts}.${k.rank}.${k.id}`;
}

export function decodeCursor(s: string): RowKey {
  const m = /^(-?\d{1,16})\.([0-3])\.(\d{1,16})$/.exec(s);
  if (!m) throw new TimelineError(`not a timeline cursor: "${s.slice(0, 40)}"`);
  return { ts: Number(m[1]), rank: Number(m[2]), id: Number(m[3]) };
}

/**
 * The (ts, id) bound after which rows of one type continue: types ranked before the cursor's resume
 * after its time, the same type after its id, types ranked after it at its time.
 */
export function boundFor(cursor: RowKey | null, rank: number, from: number): { ts: number; id: number } {
  const start = { ts: from, id: -1 };
  if (!cursor) return start;
  const id = cursor.rank > rank ? Number.MAX_SAFE_INTEGER : cursor.rank === rank ? cursor.id : -1;
  const b = { ts: cursor.ts, id };
  return b.ts > start.ts || (b.ts === start.ts && b.id > start.id) ? b : start;
}
