import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migrate } from '../migrate';
import { logMetrics } from './008-log-metrics';

describe('migration 008-log-metrics', () => {
  it('is registered as version 8, right after 007', () => {
    const i = MIGRATIONS.indexOf(logMetrics);
    expect(logMetrics.version).toBe(8);
    expect(MIGRATIONS[i - 1]?.version).toBe(7);
  });

  it('adds log metric series and points to a version-7 database; a file takes its series and their points with it', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const upTo7 = MIGRATIONS.filter((m) => m.version <= 7);
    migrate(db, upTo7);
    db.prepare("INSERT INTO bundles (id, path, name, opened_at) VALUES (1, '/b', 'b', 1)").run();
    db.prepare("INSERT INTO files (id, bundle_id, path, kind, status, lines, records, skipped) VALUES (2, 1, 'app.log', 'pino', 'parsed', 3, 3, 0)").run();
    migrate(db, [...upTo7, logMetrics]);
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    db.prepare("INSERT INTO log_metrics (id, file_id, pid, message, field, points, min, max, varying) VALUES (3, 2, 7, 'runtime stats', 'goroutines', 2, 10, 12, 1)").run();
    const put = db.prepare('INSERT INTO log_metric_points (series_id, event_id, value) VALUES (3, ?, ?)');
    put.run(100, 10);
    put.run(101, 12);
    expect(() => put.run(101, 13)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(db.prepare('SELECT thinned FROM log_metrics').get()).toEqual({ thinned: 1 });
    db.prepare('DELETE FROM files').run();
    expect(db.prepare('SELECT (SELECT COUNT(*) FROM log_metrics) AS s, (SELECT COUNT(*) FROM log_metric_points) AS p').get()).toEqual({ s: 0, p: 0 });
  });
});
