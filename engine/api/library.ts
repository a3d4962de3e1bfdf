/**
 * The list of bundles this user opened (for "Open Recent"), kept as a small JSON file next to the
 * databases. Each bundle is addressed by an opaque ref derived from its path.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { displayName } from '../ingest/bundle-name';
import { defaultDbPath } from './paths';

export interface LibraryEntry {
  ref: string;
  path: string;
  name: string;
  dbPath: string;
  openedAt: number;
}

const MAX_RECENT = 20;

export function bundleRef(path: string): string {
  return createHash('sha1').update(resolve(path)).digest('hex').slice(0, 16);
}

export class Library {
  private readonly file: string;

  constructor(private readonly home: string) {
    this.file = join(home, 'library.json');
  }

  list(): LibraryEntry[] {
    if (!existsSync(this.file)) return [];
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as LibraryEntry[];
      return Array.isArray(data) ? data.sort((a, b) => b.openedAt - a.openedAt) : [];
    } catch {
      return []; // a damaged list only loses the recent entries, never a database
    }
  }

  get(ref: string): LibraryEntry | undefined {
    return this.list().find((e) => e.ref === ref);
  }

  /** Records (or refreshes) a bundle; the database path is per bundle under the home directory unless given. */
  touch(path: string, dbPath?: string, now = Date.now()): LibraryEntry {
    const abs = resolve(path);
    const entry: LibraryEntry = { ref: bundleRef(abs), path: abs, name: displayName(abs), dbPath: dbPath ?? defaultDbPath(abs, this.home), openedAt: now };
    const rest = this.list().filter((e) => e.ref !== entry.ref);
    this.write([entry, ...rest].slice(0, MAX_RECENT));
    return entry;
  }

  remove(ref: string): void {
    this.write(this.list().filter((e) => e.ref !== ref));
  }

  private write(entries: LibraryEntry[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entries, null, 2));
    renameSync(tmp, this.file); // atomic: a crash never leaves half a file
  }
}
