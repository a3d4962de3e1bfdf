/**
 * The bundle's `pg_stat_activity` captures as a series: each capture that reached the server with its
 * backends (the capturing psql's own session left out), in capture order. What the pg signatures share.
 */
import { pgBackendRows, pgCaptures, type PgBackendRow, type PgCapture } from '../../store/pg-activity';
import type { Store } from '../../store';
import { seriesBy } from '../series';

export interface PgPoint {
  capture: PgCapture & { capturedAt: number };
  backends: PgBackendRow[];
}

/** Captures with a time that psql took, oldest first. Failed captures are pg-unreachable's. */
export function pgSeries(store: Store, bundle: number): PgPoint[] {
  const rows = pgBackendRows(store.db, bundle).filter((r) => !r.isCapture);
  const bySid = seriesBy(rows, (r) => String(r.sid));
  return pgCaptures(store.db, bundle)
    .filter((c): c is PgCapture & { capturedAt: number } => c.capturedAt !== null && c.failure === null)
    .map((capture) => ({ capture, backends: bySid.get(String(capture.sid)) ?? [] }));
}

export const isIdleInTransaction = (r: PgBackendRow) => (r.state ?? '').startsWith('idle in transaction');
export const isLockWait = (r: PgBackendRow) => r.waitEventType === 'Lock';
/** How a backend is named in summaries: its application, or its user when it set none. */
export const appOf = (r: Pick<PgBackendRow, 'app' | 'usename'>) => r.app || (r.usename ? `user ${r.usename}` : '(no application_name)');
/** The same open transaction seen again: one backend, one xact_start. */
export const txKey = (r: PgBackendRow) => `${r.pid}@${r.xactStart ?? ''}`;

/** Counts across captures for a sentence: repeats folded (`0 (×8) → 1 → 2 → 10 (×15)`), a long middle elided. */
export function countsText(counts: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const c of counts) {
    const last = runs.at(-1);
    if (last && last[0] === c) last[1]++;
    else runs.push([c, 1]);
  }
  const parts = runs.map(([v, n]) => (n > 1 ? `${v} (×${n})` : String(v)));
  return (parts.length > 12 ? [...parts.slice(0, 5), '…', ...parts.slice(-5)] : parts).join(' → ');
}
