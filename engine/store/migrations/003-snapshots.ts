import type { Migration } from './types';

/**
 * Snapshots (lsof, ss/netstat, limits, jstack, goroutine dumps, jmap histograms, top) and their
 * rows, plus metrics series. A snapshot is one capture at one time; several of one kind form a
 * series. Capture time records where it came from (tool, header, file name, mtime).
 */
export const snapshots: Migration = {
  version: 3,
  name: 'snapshots',
  up(db) {
    db.exec(`
      CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,                        -- lsof | ss | netstat | limits | jstack | goroutine | jmap-histo | top
        seq INTEGER NOT NULL,                      -- order within the file
        captured_at INTEGER,                       -- UTC ms
        tq INTEGER NOT NULL DEFAULT 0,             -- as events.tq
        time_source TEXT,                          -- tool | header | filename | mtime
        host TEXT,
        pid INTEGER,
        command TEXT,
        line INTEGER NOT NULL,
        end_line INTEGER,
        row_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX snapshots_file ON snapshots(file_id, seq);

      CREATE TABLE fds (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        command TEXT, pid INTEGER, tid INTEGER, fd TEXT, fd_type TEXT, protocol TEXT, state TEXT,
        local TEXT, remote TEXT, name TEXT
      );
      CREATE INDEX fds_snapshot ON fds(snapshot_id);

      CREATE TABLE fd_counts (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        line INTEGER NOT NULL, command TEXT, pid INTEGER, count INTEGER NOT NULL, filter TEXT
      );

      CREATE TABLE sockets (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        proto TEXT, state TEXT, recv_q INTEGER, send_q INTEGER, local TEXT, remote TEXT,
        pid INTEGER, process TEXT, fd INTEGER, info TEXT
      );
      CREATE INDEX sockets_snapshot ON sockets(snapshot_id);

      CREATE TABLE limits (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        line INTEGER NOT NULL, name TEXT, resource TEXT, soft INTEGER, hard INTEGER, units TEXT
      );

      -- Threads of a Java dump, stack groups of Java and Go dumps, deadlock cycles.
      CREATE TABLE threads (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        name TEXT, state TEXT, group_key TEXT, tags TEXT, top_frame TEXT,
        waiting_on TEXT, locks_held TEXT, cpu_ms REAL
      );
      CREATE INDEX threads_snapshot ON threads(snapshot_id);

      CREATE TABLE stack_groups (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        key TEXT NOT NULL, state TEXT, count INTEGER NOT NULL, tags TEXT, frames TEXT,
        created_by TEXT, wait_min REAL, wait_max REAL, line INTEGER
      );
      CREATE INDEX stack_groups_snapshot ON stack_groups(snapshot_id);
      CREATE INDEX stack_groups_key ON stack_groups(key);

      CREATE TABLE deadlocks (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        line INTEGER NOT NULL, source TEXT, cycle TEXT NOT NULL
      );

      CREATE TABLE heap_classes (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        line INTEGER, rank INTEGER, class_name TEXT NOT NULL, instances INTEGER, bytes INTEGER, module TEXT
      );
      CREATE INDEX heap_classes_snapshot ON heap_classes(snapshot_id);

      CREATE TABLE top_tasks (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        line INTEGER, pid INTEGER, user TEXT, cpu REAL, mem REAL, state TEXT, command TEXT, is_thread INTEGER
      );
      CREATE INDEX top_tasks_snapshot ON top_tasks(snapshot_id);

      -- Generic per-snapshot notes that are not rows (MAT leak suspects, panic messages, load averages).
      CREATE TABLE snapshot_facts (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        line INTEGER, name TEXT NOT NULL, value TEXT
      );

      CREATE TABLE metrics (
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        series TEXT NOT NULL, ts INTEGER NOT NULL, value REAL, tq INTEGER NOT NULL DEFAULT 2, line INTEGER
      );
      CREATE INDEX metrics_series ON metrics(series, ts);
      CREATE INDEX metrics_file ON metrics(file_id);
    `);
  },
};
