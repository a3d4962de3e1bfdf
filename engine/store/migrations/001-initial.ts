import type { Migration } from './types';

/**
 * Bundles, their files, log events, findings, root causes with evidence, and annotations.
 * Secondary indexes on `events` are created after bulk loads (see store/indexes.ts), not here.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE bundles (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT,
        fingerprint TEXT,
        status TEXT NOT NULL DEFAULT 'new',       -- new | ingesting | complete | failed
        tz TEXT,                                   -- zone used for times printed without one
        tz_source TEXT,                            -- why that zone (flag, offsets seen in files, default)
        opened_at INTEGER NOT NULL,
        ingested_at INTEGER,
        stats TEXT                                 -- JSON: bytes, lines, records, duration
      );

      CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        size INTEGER,
        mtime INTEGER,
        sha1 TEXT,
        encoding TEXT,
        kind TEXT NOT NULL,                        -- parsers/types.ts Kind
        confidence REAL,
        status TEXT NOT NULL,                      -- parsed | unknown | binary | refused | error
        lines INTEGER NOT NULL DEFAULT 0,
        records INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        note TEXT,
        time_quality TEXT,                         -- explicit | assumed | mixed | none
        first_ts INTEGER,
        last_ts INTEGER,
        content_path TEXT,                         -- where the bytes can be read back (original or extracted copy)
        UNIQUE (bundle_id, path)
      );

      CREATE TABLE skipped_lines (
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        offset INTEGER NOT NULL,
        reason TEXT NOT NULL
      );

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        ts INTEGER,                                -- UTC ms
        tq INTEGER NOT NULL DEFAULT 0,             -- 0 none, 1 zone assumed, 2 zone printed
        level INTEGER,
        pid INTEGER,
        thread TEXT,
        logger TEXT,
        kind TEXT,
        message TEXT NOT NULL,
        fields TEXT,                               -- JSON of the typed fields
        line INTEGER NOT NULL,
        end_line INTEGER NOT NULL,
        offset INTEGER NOT NULL,
        length INTEGER NOT NULL
      );

      CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
        signature TEXT NOT NULL,
        severity TEXT NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        first_ts INTEGER,
        last_ts INTEGER,
        count INTEGER NOT NULL,
        data TEXT                                  -- JSON, signature-specific numbers
      );

      CREATE TABLE root_causes (
        id INTEGER PRIMARY KEY,
        bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
        cause TEXT NOT NULL,
        rank INTEGER NOT NULL,
        confidence REAL NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        reasoning TEXT NOT NULL,                   -- JSON array of sentences
        fix TEXT NOT NULL,
        refs TEXT NOT NULL,                        -- JSON array of URLs
        findings TEXT NOT NULL                     -- JSON array of signature ids that support it
      );

      -- Evidence belongs to a finding or a root cause; it points at a file line (events) or a snapshot row.
      CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        finding_id INTEGER REFERENCES findings(id) ON DELETE CASCADE,
        root_cause_id INTEGER REFERENCES root_causes(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        file_id INTEGER REFERENCES files(id) ON DELETE CASCADE,
        line INTEGER,
        end_line INTEGER,
        ts INTEGER,
        ref TEXT,                                  -- 'event:123', 'snapshot:4/row:17', 'series:name@ts'
        note TEXT
      );
      CREATE INDEX evidence_finding ON evidence(finding_id);
      CREATE INDEX evidence_root_cause ON evidence(root_cause_id);

      -- Annotations survive re-ingest: they point at bundle-relative paths and lines, never at row ids.
      CREATE TABLE annotations (
        id INTEGER PRIMARY KEY,
        bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
        ts INTEGER,
        ts_end INTEGER,
        file_path TEXT,
        line INTEGER,
        ref TEXT,
        marker TEXT NOT NULL DEFAULT 'note',
        text TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX annotations_bundle ON annotations(bundle_id);
      CREATE INDEX files_bundle ON files(bundle_id);
      CREATE INDEX findings_bundle ON findings(bundle_id);
      CREATE INDEX root_causes_bundle ON root_causes(bundle_id);
    `);
  },
};
