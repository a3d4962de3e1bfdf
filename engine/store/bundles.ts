import type { DB } from './open';
import { parseJson } from './json';

export type BundleStatus = 'new' | 'ingesting' | 'complete' | 'failed';

export interface BundleRow {
  id: number;
  path: string;
  name: string;
  kind: string | null;
  fingerprint: string | null;
  status: BundleStatus;
  tz: string | null;
  tz_source: string | null;
  opened_at: number;
  ingested_at: number | null;
  stats: string | null;
}

export interface IngestStats {
  bytes: number;
  lines: number;
  records: number;
  files: number;
  durationMs: number;
  /** Why reading stopped before the end of the bundle (a total size cap), if it did. */
  stopped?: string | null;
}

export class BundleRepo {
  constructor(private readonly db: DB) {}

  byPath(path: string): BundleRow | undefined {
    return this.db.prepare<[string], BundleRow>('SELECT * FROM bundles WHERE path = ?').get(path);
  }

  get(id: number): BundleRow | undefined {
    return this.db.prepare<[number], BundleRow>('SELECT * FROM bundles WHERE id = ?').get(id);
  }

  all(): BundleRow[] {
    return this.db.prepare<[], BundleRow>('SELECT * FROM bundles ORDER BY opened_at DESC').all();
  }

  /** The bundle row for `path`, created on first open. Identity is the path, so re-opening never duplicates. */
  ensure(path: string, name: string): BundleRow {
    this.db
      .prepare('INSERT INTO bundles (path, name, opened_at) VALUES (?, ?, ?) ON CONFLICT(path) DO UPDATE SET opened_at = excluded.opened_at')
      .run(path, name, Date.now());
    return this.byPath(path)!;
  }

  markIngesting(id: number, fingerprint: string, kind: string): void {
    this.db.prepare("UPDATE bundles SET status = 'ingesting', fingerprint = ?, kind = ? WHERE id = ?").run(fingerprint, kind, id);
  }

  markComplete(id: number, tz: string, tzSource: string, stats: IngestStats): void {
    this.db
      .prepare("UPDATE bundles SET status = 'complete', tz = ?, tz_source = ?, ingested_at = ?, stats = ? WHERE id = ?")
      .run(tz, tzSource, Date.now(), JSON.stringify(stats), id);
  }

  markFailed(id: number): void {
    this.db.prepare("UPDATE bundles SET status = 'failed' WHERE id = ?").run(id);
  }

  stats(row: BundleRow): IngestStats | null {
    return parseJson<IngestStats | null>(row.stats, null);
  }

  /**
   * Drops everything derived from the bundle's content before a re-ingest. Annotations are kept:
   * they refer to paths and lines, not to rows that are about to be rebuilt.
   */
  clearDerived(id: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM root_causes WHERE bundle_id = ?').run(id);
      this.db.prepare('DELETE FROM findings WHERE bundle_id = ?').run(id);
      this.db.prepare('DELETE FROM events WHERE file_id IN (SELECT id FROM files WHERE bundle_id = ?)').run(id);
      this.db.prepare('DELETE FROM skipped_lines WHERE file_id IN (SELECT id FROM files WHERE bundle_id = ?)').run(id);
      this.db.prepare('DELETE FROM evidence WHERE file_id IN (SELECT id FROM files WHERE bundle_id = ?)').run(id);
      this.db.prepare('DELETE FROM files WHERE bundle_id = ?').run(id);
    })();
  }
}
