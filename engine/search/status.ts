/** What the API reports about a bundle's index, derived from its `search_index` row and the bundle's current ingest. */
import type { Store } from '../store';
import type { DB } from '../store/open';
import { bundleGeneration, ftsTable, indexRow, indexTableCurrent, tableExists } from './tables';

export type SearchStatus =
  | { state: 'missing'; reason: 'not-built' | 'stale' | 'cancelled' | 'bundle-not-ready' }
  | { state: 'building'; done: number; total: number; startedAt: number }
  | { state: 'ready'; events: number; builtAt: number; buildMs: number }
  | { state: 'failed'; message: string };

/** A build that has not reported for this long is taken as dead (its process ended mid-build). */
export const STALE_BUILD_MS = 120_000;

export function searchStatus(store: Store, bundleId: number, now = Date.now()): SearchStatus {
  return statusOf(store.db, bundleId, now);
}

export function statusOf(db: DB, bundleId: number, now = Date.now()): SearchStatus {
  const bundle = bundleGeneration(db, bundleId);
  if (!bundle) return { state: 'missing', reason: 'not-built' };
  if (bundle.status !== 'complete') return { state: 'missing', reason: 'bundle-not-ready' };
  const row = indexRow(db, bundleId);
  if (!row) return { state: 'missing', reason: 'not-built' };
  if (row.generation !== bundle.generation) return { state: 'missing', reason: 'stale' };
  switch (row.state) {
    case 'building':
      if (now - row.updated_at > STALE_BUILD_MS) return { state: 'failed', message: 'the index build stopped before it finished (its process ended?); build it again' };
      return { state: 'building', done: row.done, total: row.total, startedAt: row.started_at };
    case 'ready':
      if (!tableExists(db, ftsTable(bundleId))) return { state: 'missing', reason: 'not-built' };
      if (!indexTableCurrent(db, bundleId)) return { state: 'missing', reason: 'stale' }; // built by an older version
      return { state: 'ready', events: row.done, builtAt: row.finished_at ?? row.updated_at, buildMs: (row.finished_at ?? row.updated_at) - row.started_at };
    case 'cancelled':
      return { state: 'missing', reason: 'cancelled' };
    case 'failed':
      return { state: 'failed', message: row.message ?? 'the index build failed' };
  }
}
