import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migrate } from '../migrate';
import { profiles } from './009-profiles';

describe('migration 009-profiles', () => {
  it('is registered as version 9, right after 008', () => {
    const i = MIGRATIONS.indexOf(profiles);
    expect(profiles.version).toBe(9);
    expect(MIGRATIONS[i - 1]?.version).toBe(8);
  });

  it('adds profile tables and thread columns to a version-8 database; deleting a file removes its profile rows', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const upTo8 = MIGRATIONS.filter((m) => m.version <= 8);
    migrate(db, upTo8);
    db.prepare("INSERT INTO bundles (id, path, name, opened_at) VALUES (1, '/b', 'b', 1)").run();
    db.prepare("INSERT INTO files (id, bundle_id, path, kind, status) VALUES (1, 1, 'cpu.pb.gz', 'pprof', 'parsed')").run();
    db.prepare("INSERT INTO snapshots (id, file_id, kind, seq, line) VALUES (5, 1, 'top', 0, 1)").run();
    db.prepare('INSERT INTO top_tasks (snapshot_id, line, pid, cpu, is_thread) VALUES (5, 8, 42, 99.7, 1)').run();
    migrate(db, [...upTo8, profiles]);
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    expect(db.prepare('SELECT tgid FROM top_tasks').get()).toEqual({ tgid: null });
    db.prepare('UPDATE top_tasks SET tgid = 41').run();
    db.prepare("INSERT INTO threads (snapshot_id, line, name, os_id) VALUES (5, 3, 'main', 4711)").run();
    db.prepare("INSERT INTO snapshots (id, file_id, kind, seq, line) VALUES (6, 1, 'pprof', 1, 1)").run();
    db.prepare("INSERT INTO profiles (snapshot_id, profile, samples, functions, hottest) VALUES (6, 'cpu', 89, 69, 'main.spin')").run();
    db.prepare("INSERT INTO profile_types (snapshot_id, idx, type, unit, total) VALUES (6, 0, 'cpu', 'nanoseconds', 1.33e9)").run();
    db.prepare("INSERT INTO profile_functions (snapshot_id, line, sample_type, rank, function, flat, cum, app, is_app) VALUES (6, 1, 'cpu', 1, 'main.spin', 5, 9, 9, 1)").run();
    db.prepare('DELETE FROM files').run();
    for (const t of ['profiles', 'profile_types', 'profile_functions', 'top_tasks', 'threads']) expect(db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get(), t).toEqual({ n: 0 });
  });
});
