import type { Database } from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

/** Applies the migrations the database has not seen yet (tracked in `PRAGMA user_version`). */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`database schema version ${current} is newer than this Rootline (${latest}); update Rootline`);
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return latest;
}
