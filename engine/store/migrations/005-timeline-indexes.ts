import type { Migration } from './types';

/**
 * Precomputed event counts for the timeline: per file, per time slot at several resolutions (1 s,
 * 10 s, 1 min, 10 min, 1 h, 1 day), per level and kind. A density histogram at any zoom then sums a
 * few hundred slots instead of counting millions of events. `timeline_files` marks which files are
 * summarised (and carries their lane totals); both go away with their file, so a re-ingest
 * invalidates them.
 *
 * The index over `events` that the timeline reads rows through, `events_timeline`
 * (file_id, coalesce(level, -1), ts), is not created here: like the other secondary indexes on
 * `events` it is built after the bulk load (engine/timeline/summary.ts), because inserting into an
 * indexed table is several times slower.
 */
export const timelineIndexes: Migration = {
  version: 5,
  name: 'timeline-indexes',
  up(db) {
    db.exec(`
      CREATE TABLE timeline_counts (
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        res INTEGER NOT NULL,                      -- slot width in ms
        t INTEGER NOT NULL,                        -- slot start, UTC ms, a multiple of res
        level INTEGER NOT NULL,                    -- events.level, -1 when the event has none
        kind TEXT NOT NULL,                        -- events.kind, '' when the event has none
        n INTEGER NOT NULL,
        PRIMARY KEY (file_id, res, t, level, kind)
      ) WITHOUT ROWID;

      CREATE TABLE timeline_files (
        file_id INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
        events INTEGER NOT NULL,                   -- timed events
        untimed INTEGER NOT NULL,                  -- events without a time (not on the timeline)
        first_ts INTEGER,
        last_ts INTEGER,
        errors INTEGER NOT NULL,                   -- level >= 50
        warnings INTEGER NOT NULL,                 -- 40 <= level < 50
        built_at INTEGER NOT NULL
      );

      CREATE INDEX snapshots_captured ON snapshots(captured_at);
    `);
  },
};
