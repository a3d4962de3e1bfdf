import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { initial } from './001-initial';

describe('migration 001-initial', () => {
  it('creates every table the engine writes, and records the version', () => {
    const db = new Database(':memory:');
    migrate(db, [initial]);
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['annotations', 'bundles', 'events', 'evidence', 'files', 'findings', 'root_causes', 'skipped_lines']));
    expect(db.pragma('user_version', { simple: true })).toBe(1);
  });

  it('is applied once: migrating again changes nothing and keeps data', () => {
    const db = new Database(':memory:');
    migrate(db, [initial]);
    db.prepare("INSERT INTO bundles (path, name, opened_at) VALUES ('/b', 'b', 1)").run();
    migrate(db, [initial]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM bundles').get()).toEqual({ n: 1 });
  });

  it('deleting a bundle cascades to its files and events but the schema keeps annotations tied to the bundle', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [initial]);
    db.prepare("INSERT INTO bundles (id, path, name, opened_at) VALUES (1, '/b', 'b', 1)").run();
    db.prepare("INSERT INTO files (id, bundle_id, path, kind, status) VALUES (1, 1, 'a.log', 'java-log', 'parsed')").run();
    db.prepare("INSERT INTO events (file_id, message, line, end_line, offset, length) VALUES (1, 'x', 1, 1, 0, 1)").run();
    db.prepare('DELETE FROM files WHERE bundle_id = 1').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 0 });
  });

  it('refuses a database written by a newer Rootline', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 99');
    expect(() => migrate(db, [initial])).toThrow(/newer than this Rootline/);
  });
});
