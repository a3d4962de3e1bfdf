import type { Migration } from './types';

/**
 * Which log records matched which signature's line predicate during ingest. Predicates see the whole
 * record (stack trace included) but only the first line is stored, so the verdict is stored instead;
 * analysis can then re-run from the database alone.
 */
export const signatureHits: Migration = {
  version: 2,
  name: 'signature-hits',
  up(db) {
    db.exec(`
      CREATE TABLE signature_hits (
        signature TEXT NOT NULL,
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE
      );
      CREATE INDEX signature_hits_signature ON signature_hits(signature, event_id);
      CREATE INDEX signature_hits_event ON signature_hits(event_id);
    `);
  },
};
