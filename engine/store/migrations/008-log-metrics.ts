import type { Migration } from './types';

/**
 * Metrics inside logs: numbers a service logs about itself under the same message (goroutines, open
 * fds, pool counts), one series per file, process, message and field path. A point is a value and
 * the event that carried it: its time, file and line are the event's (re-timed with it when the zone
 * is placed), so a point costs two integers and a real, clustered by series.
 */
export const logMetrics: Migration = {
  version: 8,
  name: 'log-metrics',
  up(db) {
    db.exec(`
      CREATE TABLE log_metrics (
        id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        pid INTEGER,                               -- the process that logged it, when printed
        message TEXT NOT NULL,                     -- the message every point's line carries
        field TEXT NOT NULL,                       -- dotted path inside the JSON line: 'goroutines', 'pool.waitingCount'
        points INTEGER NOT NULL,
        min REAL,
        max REAL,
        varying INTEGER NOT NULL,                  -- 0: the same value on every line, kept beside varying siblings (a pool's maximum)
        thinned INTEGER NOT NULL DEFAULT 1         -- 1 = every line kept; N = one line in N (very long series)
      );
      CREATE INDEX log_metrics_file ON log_metrics(file_id);

      -- No foreign key on event_id: events are deleted in bulk, and the series' own cascade removes its points.
      CREATE TABLE log_metric_points (
        series_id INTEGER NOT NULL REFERENCES log_metrics(id) ON DELETE CASCADE,
        event_id INTEGER NOT NULL,
        value REAL NOT NULL,
        PRIMARY KEY (series_id, event_id)
      ) WITHOUT ROWID;
    `);
  },
};
