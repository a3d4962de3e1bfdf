import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migrate } from '../migrate';

describe('migration 004-line-index', () => {
  it('adds line checkpoints that go away with their file', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 3));
    db.prepare("INSERT INTO bundles (id, path, name, opened_at) VALUES (1, '/b', 'b', 1)").run();
    db.prepare("INSERT INTO files (id, bundle_id, path, kind, status) VALUES (1, 1, 'a.log', 'java-log', 'parsed')").run();
    migrate(db, MIGRATIONS.slice(0, 4));
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    db.prepare('INSERT INTO line_index (file_id, line, offset) VALUES (1, 1001, 123456)').run();
    expect(db.prepare('SELECT offset FROM line_index WHERE file_id = 1 AND line <= 1500 ORDER BY line DESC LIMIT 1').get()).toEqual({ offset: 123456 });
    db.prepare('DELETE FROM files').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM line_index').get()).toEqual({ n: 0 });
  });
});
