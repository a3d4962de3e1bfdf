import type { Migration } from './types';

/**
 * pprof profiles and CPU per thread. A profile is a snapshot of kind `pprof` (its capture time is the
 * profile's own); `profiles` holds what it is, `profile_types` its totals per sample type, and
 * `profile_functions` the top functions of each sample type (the row number is what evidence points
 * at: a profile has no lines). `top -H` rows gain the process they belong to (`tgid`), and Java threads
 * their native id (`os_id`, jstack's `nid`), so a thread burning a core in top is found in the dump.
 */
export const profiles: Migration = {
  version: 9,
  name: 'profiles',
  up(db) {
    db.exec(`
      CREATE TABLE profiles (
        snapshot_id INTEGER PRIMARY KEY REFERENCES snapshots(id) ON DELETE CASCADE,
        profile TEXT NOT NULL,                     -- cpu | heap | goroutine | mutex | block | threadcreate | other
        duration_ms REAL,                          -- what it covers (a CPU profile's sampling time)
        period REAL,
        period_type TEXT,
        period_unit TEXT,
        default_type TEXT,                         -- the sample type shown by default
        samples INTEGER NOT NULL,
        functions INTEGER NOT NULL,                -- distinct functions in the profile
        program TEXT,                              -- executable of the first mapping
        hottest TEXT,                              -- application function with the largest share of the default type
        hottest_share REAL,
        hottest_row INTEGER,
        gzipped INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE profile_types (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        type TEXT NOT NULL,
        unit TEXT,
        total REAL NOT NULL,
        PRIMARY KEY (snapshot_id, idx)
      );

      CREATE TABLE profile_functions (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        line INTEGER NOT NULL,                     -- row number in the profile's table
        sample_type TEXT NOT NULL,
        unit TEXT,
        rank INTEGER NOT NULL,                     -- by flat within the sample type, 1 = most
        function TEXT NOT NULL,
        file TEXT,
        start_line INTEGER,
        flat REAL NOT NULL,
        flat_share REAL,
        cum REAL NOT NULL,
        cum_share REAL,
        app REAL NOT NULL,                         -- samples whose innermost application frame is this function
        app_share REAL,
        is_app INTEGER NOT NULL
      );
      CREATE INDEX profile_functions_snapshot ON profile_functions(snapshot_id, line);

      ALTER TABLE top_tasks ADD COLUMN tgid INTEGER;
      ALTER TABLE threads ADD COLUMN os_id INTEGER;
    `);
  },
};
