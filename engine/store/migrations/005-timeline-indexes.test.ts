import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migrate } from '../migrate';

describe('migration 005-timeline-indexes', () => {
  it('adds slot counts and lane totals to a version-4 database; they go away with their file', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 4));
    db.prepare("INSERT INTO bundles (id, path, name, opened_at) VALUES (1, '/b', 'b', 1)").run();
    db.prepare("INSERT INTO files (id, bundle_id, path, kind, status) VALUES (1, 1, 'a.log', 'java-log', 'parsed')").run();
    migrate(db, MIGRATIONS.slice(0, 5));
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    const slot = db.prepare('INSERT INTO timeline_counts (file_id, res, t, level, kind, n) VALUES (1, 1000, ?, ?, ?, ?)');
    slot.run(5000, 30, '', 7);
    slot.run(5000, -1, 'gc.pause', 1);
    expect(() => slot.run(5000, 30, '', 2)).toThrow(/UNIQUE/);
    db.prepare('INSERT INTO timeline_files (file_id, events, untimed, first_ts, last_ts, errors, warnings, built_at) VALUES (1, 8, 0, 5000, 5999, 0, 0, 1)').run();
    expect(db.prepare('SELECT SUM(n) AS n FROM timeline_counts WHERE file_id = 1 AND res = 1000 AND t >= 5000 AND t < 6000').get()).toEqual({ n: 8 });
    db.prepare('DELETE FROM files').run();
    for (const t of ['timeline_counts', 'timeline_files']) expect(db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get(), t).toEqual({ n: 0 });
  });
});
