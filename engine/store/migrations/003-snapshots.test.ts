import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { initial } from './001-initial';
import { signatureHits } from './002-signature-hits';
import { snapshots } from './003-snapshots';

describe('migration 003-snapshots', () => {
  it('adds snapshot tables to a version-2 database; deleting a file removes its snapshots and rows', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [initial, signatureHits]);
    db.prepare("INSERT INTO bundles (id, path, name, opened_at) VALUES (1, '/b', 'b', 1)").run();
    db.prepare("INSERT INTO files (id, bundle_id, path, kind, status) VALUES (1, 1, 'lsof.txt', 'lsof', 'parsed')").run();
    migrate(db, [initial, signatureHits, snapshots]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.prepare("INSERT INTO snapshots (id, file_id, kind, seq, line) VALUES (5, 1, 'lsof', 0, 1)").run();
    db.prepare("INSERT INTO fds (snapshot_id, line, pid, fd_type) VALUES (5, 2, 42, 'IPv4')").run();
    db.prepare("INSERT INTO metrics (file_id, series, ts, value) VALUES (1, 'cpu', 1, 0.5)").run();
    db.prepare('DELETE FROM files WHERE id = 1').run();
    for (const t of ['snapshots', 'fds', 'metrics']) expect(db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get(), t).toEqual({ n: 0 });
  });
});
