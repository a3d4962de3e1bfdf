import type { DB } from './open';
import type { EventRow } from './events';

/** Signature verdicts recorded at ingest (see migration 002). */
export class HitRepo {
  constructor(private readonly db: DB) {}

  add(pairs: ReadonlyArray<readonly [signature: string, eventId: number]>): void {
    if (pairs.length === 0) return;
    const stmt = this.db.prepare('INSERT INTO signature_hits (signature, event_id) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const [s, id] of pairs) stmt.run(s, id);
    })();
  }

  count(bundleId: number, signature: string): number {
    return this.db
      .prepare<[string, number], { n: number }>(
        `SELECT COUNT(*) AS n FROM signature_hits h JOIN events e ON e.id = h.event_id
         JOIN files f ON f.id = e.file_id WHERE h.signature = ? AND f.bundle_id = ?`,
      )
      .get(signature, bundleId)!.n;
  }

  /** Matched events in time order (events without a time last), capped. */
  events(bundleId: number, signature: string, limit = 100_000): EventRow[] {
    return this.db
      .prepare<[string, number, number], EventRow>(
        `SELECT e.* FROM signature_hits h JOIN events e ON e.id = h.event_id JOIN files f ON f.id = e.file_id
         WHERE h.signature = ? AND f.bundle_id = ? ORDER BY e.ts IS NULL, e.ts, e.id LIMIT ?`,
      )
      .all(signature, bundleId, limit);
  }
}
