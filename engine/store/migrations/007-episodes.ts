import type { Migration } from './types';

/**
 * Incident episodes and the causes decided per episode. `root_causes` rows with an `episode_id` are an
 * episode's ranking; rows without one are the merged ranking (each cause once). A cause explained by
 * another is a `consequences` row, never a ranked cause. Evidence gains three owners: an episode's
 * first signal, a consequence, and an episode's share of a finding.
 */
export const episodes: Migration = {
  version: 7,
  name: 'episodes',
  up(db) {
    db.exec(`
      CREATE TABLE episodes (
        id INTEGER PRIMARY KEY,
        bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,                      -- 1, 2 … in time order: episode E1, E2 …
        from_ts INTEGER,
        to_ts INTEGER,
        summary TEXT NOT NULL,
        first_signal TEXT                          -- JSON {ts, signature, title}; its evidence row has episode_id set
      );
      CREATE INDEX episodes_bundle ON episodes(bundle_id, ord);

      ALTER TABLE root_causes ADD COLUMN episode_id INTEGER REFERENCES episodes(id) ON DELETE CASCADE;
      ALTER TABLE root_causes ADD COLUMN explains TEXT;

      CREATE TABLE consequences (
        id INTEGER PRIMARY KEY,
        bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
        episode_id INTEGER REFERENCES episodes(id) ON DELETE CASCADE,
        cause TEXT NOT NULL,
        title TEXT NOT NULL,
        explained_by TEXT NOT NULL,
        reason TEXT NOT NULL,
        taken INTEGER NOT NULL,
        total INTEGER NOT NULL
      );
      CREATE INDEX consequences_bundle ON consequences(bundle_id);

      CREATE TABLE episode_findings (
        id INTEGER PRIMARY KEY,
        episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
        finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
        count INTEGER NOT NULL,
        first_ts INTEGER,
        last_ts INTEGER
      );
      CREATE INDEX episode_findings_episode ON episode_findings(episode_id);

      ALTER TABLE evidence ADD COLUMN episode_id INTEGER REFERENCES episodes(id) ON DELETE CASCADE;
      ALTER TABLE evidence ADD COLUMN consequence_id INTEGER REFERENCES consequences(id) ON DELETE CASCADE;
      ALTER TABLE evidence ADD COLUMN episode_finding_id INTEGER REFERENCES episode_findings(id) ON DELETE CASCADE;
      CREATE INDEX evidence_episode ON evidence(episode_id);
      CREATE INDEX evidence_consequence ON evidence(consequence_id);
      CREATE INDEX evidence_episode_finding ON evidence(episode_finding_id);
    `);
  },
};
