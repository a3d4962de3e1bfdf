import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { initial } from './001-initial';
import { signatureHits } from './002-signature-hits';

describe('migration 002-signature-hits', () => {
  it('upgrades a version-1 database in place, keeping its rows', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [initial]);
    db.prepare("INSERT INTO bundles (id, path, name, opened_at) VALUES (1, '/b', 'b', 1)").run();
    db.prepare("INSERT INTO files (id, bundle_id, path, kind, status) VALUES (1, 1, 'a.log', 'java-log', 'parsed')").run();
    db.prepare("INSERT INTO events (id, file_id, message, line, end_line, offset, length) VALUES (7, 1, 'x', 1, 1, 0, 1)").run();
    migrate(db, [initial, signatureHits]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.prepare("INSERT INTO signature_hits (signature, event_id) VALUES ('hikari-leak', 7)").run();
    db.prepare('DELETE FROM events WHERE id = 7').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM signature_hits').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM bundles').get()).toEqual({ n: 1 });
  });
});
