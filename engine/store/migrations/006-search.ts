import type { Migration } from './types';

/**
 * State of each bundle's full-text index. The index itself is a per-bundle FTS5 table
 * (`search_fts_<bundle id>` over the view `search_src_<bundle id>`) created by engine/search after
 * ingest, so a re-ingest or rebuild replaces one bundle's index with a DROP instead of deleting rows.
 * `generation` names the ingest the index was built from; when the bundle is ingested again the
 * stored generation no longer matches and the index counts as missing.
 */
export const search: Migration = {
  version: 6,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE TABLE search_index (
        bundle_id INTEGER PRIMARY KEY REFERENCES bundles(id) ON DELETE CASCADE,
        state TEXT NOT NULL,                       -- building | ready | failed | cancelled
        generation TEXT NOT NULL,                  -- the bundle's ingest the index was built from
        owner TEXT NOT NULL,                       -- token of the build holding the row; a newer build takes it over
        done INTEGER NOT NULL DEFAULT 0,           -- events indexed so far
        total INTEGER NOT NULL DEFAULT 0,          -- events to index
        message TEXT,                              -- why the build failed
        started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,               -- heartbeat while building
        finished_at INTEGER
      );
    `);
  },
};
