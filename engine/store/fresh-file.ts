/**
 * A bundle database built from scratch in a temporary file beside its final path, then renamed into
 * place once complete. The temporary file is bulk-loaded without journal file or fsync (open.ts
 * `bulk`); the rename is atomic, so readers see the previous database or the complete new one, and a
 * crash mid-ingest leaves a stray temporary file (removed by the next build) but never a
 * half-written database. The user's annotations of the bundle are carried over from the previous
 * database before the switch.
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { Store } from './index';

const SUFFIX = '.building-';

/** Whether `pid` is a running process (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temporary files of builds whose process is gone (a crash, a kill -9). */
function removeStale(dbPath: string): void {
  const dir = dirname(dbPath);
  if (!existsSync(dir)) return;
  const prefix = basename(dbPath) + SUFFIX;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) continue;
    rmSync(join(dir, name), { force: true });
  }
}

/**
 * Whether the database at `dbPath` can be replaced by a fresh build of `bundlePath`: it does not
 * exist, or it holds no other bundle (a database named with `--db` may hold several; those are
 * re-ingested in place).
 */
export function canBuildFresh(dbPath: string, bundlePath: string): boolean {
  if (dbPath === ':memory:' || dbPath === '') return false;
  if (!existsSync(dbPath)) return true;
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bundles'").get();
    if (!hasTable) return true;
    const other = db.prepare('SELECT 1 FROM bundles WHERE path <> ? LIMIT 1').get(bundlePath);
    return !other;
  } finally {
    db.close();
  }
}

export class FreshDatabase {
  readonly store: Store;
  private readonly tmpPath: string;
  private done = false;

  constructor(private readonly dbPath: string) {
    removeStale(dbPath);
    this.tmpPath = `${dbPath}${SUFFIX}${process.pid}-${Date.now()}`;
    this.store = Store.open(this.tmpPath, { bulk: true });
  }

  /** Copies the annotations of `bundlePath` from the database being replaced (if any) into the new one. */
  carryAnnotations(bundlePath: string, bundleId: number): number {
    if (!existsSync(this.dbPath)) return 0;
    return this.store.annotations.copyFrom(this.dbPath, bundlePath, bundleId);
  }

  /** Closes the new database and moves it into place; returns a store opened on it as usual. */
  commit(): Store {
    if (this.done) throw new Error('fresh database already committed or discarded');
    this.done = true;
    this.store.close();
    // The previous database's WAL and shared-memory files belong to it: a new file under the same
    // name must not inherit them (SQLite would replay the old WAL into it).
    rmSync(`${this.dbPath}-wal`, { force: true });
    rmSync(`${this.dbPath}-shm`, { force: true });
    renameSync(this.tmpPath, this.dbPath);
    return Store.open(this.dbPath);
  }

  /** Drops the temporary file (a failed or cancelled build); the previous database is untouched. */
  discard(): void {
    if (this.done) return;
    this.done = true;
    try {
      this.store.close();
    } catch {
      // already closed
    }
    rmSync(this.tmpPath, { force: true });
  }
}
