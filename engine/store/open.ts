import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { availableParallelism } from 'node:os';
import { migrate } from './migrate';

export type DB = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /**
   * A database that nobody else reads yet and that is thrown away if the process dies (a fresh bulk
   * load into a temporary file, see fresh-file.ts): the rollback journal in memory (a failed statement
   * still rolls back), no fsync, no other reader. Commits are then plain writes; a crash leaves only
   * the temporary file, never a half-written database.
   */
  bulk?: boolean;
}

/** Opens (creating if needed) a Rootline database and brings its schema up to date. */
export function openDatabase(file: string, opts: OpenOptions = {}): DB {
  if (file !== ':memory:' && !opts.readonly) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  if (!opts.readonly) {
    if (opts.bulk) {
      db.pragma('journal_mode = MEMORY');
      db.pragma('synchronous = OFF');
      db.pragma('locking_mode = EXCLUSIVE');
      // Index builds after the load sort millions of keys: let SQLite's sorter use the other core(s)
      // (measured on 2M events: the three event indexes 3.6 s -> 2.7 s with 2 threads on 2 cores).
      db.pragma(`threads = ${Math.min(4, availableParallelism())}`);
    } else {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    // A fresh bulk load writes rows whose parents it has just written itself: checking each row's
    // parent (a lookup per event) buys nothing there.
    db.pragma(opts.bulk ? 'foreign_keys = OFF' : 'foreign_keys = ON');
    // Sorting millions of rows (index builds, GROUP BY over events) spills to temporary files past the
    // page cache; in memory those spills would grow the process with the input.
    db.pragma(opts.bulk ? 'temp_store = FILE' : 'temp_store = MEMORY');
    // 64 MiB for queries; a bulk load appends, and a page cache it fills would only grow the process.
    db.pragma(opts.bulk ? 'cache_size = -16384' : 'cache_size = -65536');
    migrate(db);
  }
  return db;
}
