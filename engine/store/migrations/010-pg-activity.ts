import type { Migration } from './types';

/**
 * PostgreSQL's side of the pool: one row per backend of a `pg_stat_activity` capture (a snapshot of
 * kind `pg-stat-activity`). Times are UTC ms; ages are the capture time minus them (`xact_start` for a
 * transaction left open, `state_change` for how long a backend has been in its state). `is_capture`
 * marks the capturing psql's own session, which is always `active`.
 */
export const pgActivity: Migration = {
  version: 10,
  name: 'pg-activity',
  up(db) {
    db.exec(`
      CREATE TABLE pg_backends (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        end_line INTEGER,
        pid INTEGER NOT NULL,
        datname TEXT,
        usename TEXT,
        application_name TEXT,
        client_addr TEXT,
        backend_type TEXT,
        state TEXT,                                -- active | idle | idle in transaction | idle in transaction (aborted) | …
        wait_event_type TEXT,                      -- Lock, LWLock, IO, Client, Timeout, …
        wait_event TEXT,
        backend_start INTEGER,
        xact_start INTEGER,
        query_start INTEGER,
        state_change INTEGER,
        query TEXT,
        is_capture INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX pg_backends_snapshot ON pg_backends(snapshot_id);
    `);
  },
};
