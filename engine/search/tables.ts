/**
 * Where a bundle's index lives and which ingest it belongs to. One FTS5 table per bundle keeps a
 * rebuild or a re-ingest to a DROP TABLE instead of deleting one bundle's entries from a shared index.
 */
import type { DB } from '../store/open';

function checkId(bundleId: number): number {
  if (!Number.isSafeInteger(bundleId) || bundleId <= 0) throw new RangeError(`not a bundle id: ${bundleId}`);
  return bundleId;
}

/**
 * The FTS5 table, rowid = event id, holding its own content: the message and the columns searches
 * filter and order by, of rows and ordinary lines alike (lines have no `message` column to point at).
 */
export const ftsTable = (bundleId: number) => `search_fts_${checkId(bundleId)}`;

/** The content view indexes were built over before they held their own content; only dropped now. */
export const sourceView = (bundleId: number) => `search_src_${checkId(bundleId)}`;

export interface BundleGeneration {
  status: string;
  generation: string;
}

/** The bundle's ingest identity: a re-ingest changes `ingested_at` (and the fingerprint when the content changed). */
export function bundleGeneration(db: DB, bundleId: number): BundleGeneration | undefined {
  const b = db
    .prepare<[number], { status: string; fingerprint: string | null; ingested_at: number | null }>('SELECT status, fingerprint, ingested_at FROM bundles WHERE id = ?')
    .get(bundleId);
  return b && { status: b.status, generation: `${b.ingested_at ?? 'never'}:${b.fingerprint ?? ''}` };
}

export function tableExists(db: DB, name: string): boolean {
  return db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?").get(name)!.n > 0;
}

/** Whether the bundle's FTS5 table exists in this version's shape (older ones lack the stored columns and ordinary lines). */
export function indexTableCurrent(db: DB, bundleId: number): boolean {
  return db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM pragma_table_info(?) WHERE name = 'end_line'").get(ftsTable(bundleId))!.n > 0;
}

export interface SearchIndexRow {
  bundle_id: number;
  state: 'building' | 'ready' | 'failed' | 'cancelled';
  generation: string;
  owner: string;
  done: number;
  total: number;
  message: string | null;
  started_at: number;
  updated_at: number;
  finished_at: number | null;
}

export function indexRow(db: DB, bundleId: number): SearchIndexRow | undefined {
  return db.prepare<[number], SearchIndexRow>('SELECT * FROM search_index WHERE bundle_id = ?').get(bundleId);
}
