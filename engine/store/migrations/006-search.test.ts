import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migrate } from '../migrate';
import { search } from './006-search';

describe('migration 006-search', () => {
  it('is registered as version 6, right after 005', () => {
    const i = MIGRATIONS.indexOf(search);
    expect(search.version).toBe(6);
    expect(MIGRATIONS[i - 1]?.version).toBe(5);
  });

  it('adds the search index state to a version-5 database; it goes away with its bundle, one row per bundle', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const upTo5 = MIGRATIONS.filter((m) => m.version <= 5);
    migrate(db, upTo5);
    db.prepare("INSERT INTO bundles (id, path, name, opened_at) VALUES (1, '/b', 'b', 1)").run();
    migrate(db, [...upTo5, search]);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    const put = db.prepare(
      "INSERT INTO search_index (bundle_id, state, generation, owner, started_at, updated_at) VALUES (1, ?, 'g1', 'o', 1, 1)",
    );
    put.run('building');
    expect(() => put.run('ready')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(db.prepare('SELECT state, done, total, message FROM search_index').get()).toEqual({ state: 'building', done: 0, total: 0, message: null });
    db.prepare('DELETE FROM bundles').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM search_index').get()).toEqual({ n: 0 });
  });
});
