import type { DB } from './open';

/** Secondary indexes on the big tables, built after bulk loads (inserting into an indexed table is several times slower). */
const EVENT_INDEXES = [
  'CREATE INDEX IF NOT EXISTS events_ts ON events(ts)',
  'CREATE INDEX IF NOT EXISTS events_file_line ON events(file_id, line)',
  'CREATE INDEX IF NOT EXISTS events_kind ON events(kind) WHERE kind IS NOT NULL',
];

export function dropBulkIndexes(db: DB): void {
  // events_timeline is built by the timeline summary after analysis (engine/timeline/summary.ts).
  for (const name of ['events_ts', 'events_file_line', 'events_kind', 'events_timeline']) db.exec(`DROP INDEX IF EXISTS ${name}`);
}

export function createBulkIndexes(db: DB): void {
  for (const sql of EVENT_INDEXES) db.exec(sql);
  // Sampled statistics are enough for the planner; a full ANALYZE reads every index entry.
  db.pragma('analysis_limit = 2000');
  db.exec('ANALYZE');
}
