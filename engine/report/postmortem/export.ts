/**
 * `rootline export`: a bundle is analysed first (reusing its database, as `analyze` does); a Rootline
 * database is opened as it is, on its most recently ingested bundle or the one asked for.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzePath, type AnalyzeOptions } from '../../api/analyze';
import { RootlineError } from '../../api/errors';
import { Store } from '../../store';
import { anonymizeInput, type TokenKind } from './anonymize';
import { buildPostmortemInput } from './input';
import { renderPostmortem } from './render';
import type { PostmortemOptions } from './types';

export interface ExportRequest extends Pick<AnalyzeOptions, 'db' | 'tz' | 'force' | 'signal' | 'onProgress'> {
  /** A bundle (directory, file, archive) or a Rootline `.sqlite` database. */
  path: string;
  /** With a database: the path of the bundle to export (default: the most recently ingested one). */
  bundle?: string;
  anonymize?: boolean;
  render?: PostmortemOptions;
}

export interface ExportResult {
  markdown: string;
  /** The bundle's path as stored, and the database it was read from. */
  bundlePath: string;
  db: string;
  /** How many distinct values of each kind were replaced (anonymised exports only). */
  replaced: Record<TokenKind, number> | null;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/** True when `path` is a SQLite database file (by its header, not its name). */
export function isSqliteFile(path: string): boolean {
  if (!statSync(path).isFile()) return false;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

export async function exportPostmortem(req: ExportRequest): Promise<ExportResult> {
  const path = resolve(req.path);
  if (!existsSync(path)) throw new RootlineError('not-found', `${req.path}: no such file or directory`);
  let dbPath: string;
  let bundlePath: string | undefined;
  if (isSqliteFile(path)) {
    if (req.db) throw new RootlineError('bad-option', `--db: ${req.path} is already a database`);
    if (req.tz) throw new RootlineError('bad-option', `--tz: ${req.path} is a database whose bundle was already read; analyse the bundle again with --tz instead`);
    dbPath = path;
    bundlePath = req.bundle ? resolve(req.bundle) : undefined;
  } else {
    if (req.bundle) throw new RootlineError('bad-option', `--bundle chooses a bundle inside a database; ${req.path} is not a database`);
    const report = await analyzePath(path, { db: req.db, tz: req.tz, force: req.force, signal: req.signal, onProgress: req.onProgress });
    dbPath = report.bundle.db;
    bundlePath = report.bundle.path;
  }
  const store = Store.open(dbPath);
  try {
    const bundle = pickBundle(store, dbPath, bundlePath);
    let input = buildPostmortemInput(store, bundle.id);
    let replaced: ExportResult['replaced'] = null;
    if (req.anonymize) {
      const a = anonymizeInput(input);
      input = a.input;
      const m = a.anonymizer.mapping();
      replaced = { host: m.host.length, ip: m.ip.length, user: m.user.length, email: m.email.length };
    }
    return { markdown: renderPostmortem(input, req.render), bundlePath: bundle.path, db: dbPath, replaced };
  } finally {
    store.close();
  }
}

function pickBundle(store: Store, dbPath: string, bundlePath: string | undefined): { id: number; path: string } {
  const complete = store.bundles.all().filter((b) => b.status === 'complete');
  if (bundlePath !== undefined) {
    const b = complete.find((x) => x.path === bundlePath);
    if (!b) {
      const known = complete.map((x) => x.path).join(', ') || 'none';
      throw new RootlineError('not-found', `${dbPath}: no analysed bundle ${bundlePath} (it holds: ${known})`);
    }
    return b;
  }
  const latest = complete.sort((a, b) => (b.ingested_at ?? 0) - (a.ingested_at ?? 0) || b.id - a.id)[0];
  if (!latest) throw new RootlineError('not-found', `${dbPath}: holds no analysed bundle`);
  return latest;
}
