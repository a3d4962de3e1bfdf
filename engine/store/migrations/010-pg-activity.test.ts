import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migrate } from '../migrate';
import { pgActivity } from './010-pg-activity';

describe('migration 010-pg-activity', () => {
  it('is registered as version 10, right after 009', () => {
    const i = MIGRATIONS.indexOf(pgActivity);
    expect(pgActivity.version).toBe(10);
    expect(MIGRATIONS[i - 1]?.version).toBe(9);
  });

  it('adds pg_backends to a version-9 database; deleting a file removes its rows', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const upTo9 = MIGRATIONS.filter((m) => m.version <= 9);
    migrate(db, upTo9);
    migrate(db, [...upTo9, pgActivity]);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    db.prepare("INSERT INTO bundles (id, path, name, opened_at) VALUES (1, '/b', 'b', 1)").run();
    db.prepare("INSERT INTO files (id, bundle_id, path, kind, status) VALUES (1, 1, 'pg-stat-activity.txt', 'pg-stat-activity', 'parsed')").run();
    db.prepare("INSERT INTO snapshots (id, file_id, kind, seq, line) VALUES (5, 1, 'pg-stat-activity', 0, 1)").run();
    db.prepare("INSERT INTO pg_backends (snapshot_id, line, pid, state, xact_start) VALUES (5, 4, 18394, 'idle in transaction', 1796661221293)").run();
    db.prepare('DELETE FROM files').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM pg_backends').get()).toEqual({ n: 0 });
  });
});
