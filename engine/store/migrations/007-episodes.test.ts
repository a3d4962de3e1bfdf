import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migrate } from '../migrate';
import { episodes } from './007-episodes';

describe('migration 007-episodes', () => {
  it('is registered as version 7, right after 006', () => {
    const i = MIGRATIONS.indexOf(episodes);
    expect(episodes.version).toBe(7);
    expect(MIGRATIONS[i - 1]?.version).toBe(6);
  });

  it('adds episodes to a version-6 database; an episode takes its causes, consequences, finding slices and evidence with it', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const upTo6 = MIGRATIONS.filter((m) => m.version <= 6);
    migrate(db, upTo6);
    db.prepare("INSERT INTO bundles (id, path, name, opened_at) VALUES (1, '/b', 'b', 1)").run();
    db.prepare("INSERT INTO root_causes (id, bundle_id, cause, rank, confidence, title, summary, reasoning, fix, refs, findings) VALUES (1, 1, 'deadlock', 1, 0.9, 't', 's', '[]', 'f', '[]', '[]')").run();
    migrate(db, [...upTo6, episodes]);
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    // An older analysis keeps its merged ranking: the new columns are empty.
    expect(db.prepare('SELECT episode_id, explains FROM root_causes').get()).toEqual({ episode_id: null, explains: null });
    db.prepare("INSERT INTO episodes (id, bundle_id, ord, from_ts, to_ts, summary) VALUES (5, 1, 1, 10, 20, 'freeze')").run();
    db.prepare("INSERT INTO findings (id, bundle_id, signature, severity, title, summary, count) VALUES (3, 1, 'x', 'high', 't', 's', 1)").run();
    db.prepare("INSERT INTO root_causes (bundle_id, episode_id, cause, rank, confidence, title, summary, reasoning, fix, refs, findings) VALUES (1, 5, 'deadlock', 1, 0.9, 't', 's', '[]', 'f', '[]', '[]')").run();
    db.prepare("INSERT INTO consequences (id, bundle_id, episode_id, cause, title, explained_by, reason, taken, total) VALUES (2, 1, 5, 'connection-leak', 't', 'deadlock', 'r', 3, 3)").run();
    db.prepare('INSERT INTO episode_findings (id, episode_id, finding_id, count) VALUES (4, 5, 3, 1)').run();
    db.prepare('INSERT INTO evidence (episode_id, ord, line) VALUES (5, 0, 1)').run();
    db.prepare('INSERT INTO evidence (consequence_id, ord, line) VALUES (2, 0, 1)').run();
    db.prepare('INSERT INTO evidence (episode_finding_id, ord, line) VALUES (4, 0, 1)').run();
    db.prepare('DELETE FROM episodes').run();
    const n = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect([n('root_causes'), n('consequences'), n('episode_findings'), n('evidence')]).toEqual([1, 0, 0, 0]);
  });
});
