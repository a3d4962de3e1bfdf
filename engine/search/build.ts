/**
 * Builds one bundle's full-text index on a connection of its own (the worker's). The index holds
 * its own copy of each record's message and of the columns a search filters and orders by, so it
 * covers the rows of `events` and the ordinary lines of `line_blocks` alike (build-feed.ts). It
 * is filled in steps, never by per-row triggers: steps let the build report progress, notice
 * cancellation, and commit so that readers and other writers get in between.
 *
 * The `search_index` row is the build's lock: a build takes it over by writing its own `owner`, and
 * every step checks it still owns the row before inserting, so two builds never both fill one table.
 */
import type { DB } from '../store/open';
import { IndexFeed, type RowSpan } from './build-feed';
import { bundleGeneration, ftsTable, indexRow, indexTableCurrent, sourceView } from './tables';
import { InlineMessages, WorkerMessages } from './line-messages';

export type BuildOutcome =
  | { state: 'ready'; events: number; buildMs: number; reused: boolean }
  | { state: 'cancelled' }
  | { state: 'superseded' }
  | { state: 'failed'; message: string };

export interface BuildOptions {
  /** Unique token of this build. */
  owner: string;
  /** Rebuild even when a current index exists. */
  force?: boolean;
  /** Events (rows or lines) per step. */
  step?: number;
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
  /**
   * The database's file, when ordinary lines' messages may be read on a second thread while this
   * one indexes (line-messages.ts); without it they are read here.
   */
  dbPath?: string;
}

/** Fewer blocks than this are read on the build's thread: starting a worker costs more than they take. */
const WORKER_FROM_BLOCKS = 16;

/**
 * Each step's commit flushes FTS5's pending terms as a new segment, and segments are merged as they
 * pile up: on 2M events, steps of 50k took about 10 s, of 200k about 5 s (one run, same database).
 * A step of rows holds the write lock for about half a second; a step of lines longer, as it reads
 * and parses each line from its file. Readers are never blocked (WAL).
 */
export const BUILD_STEP = 200_000;

/** unicode61 folds case and diacritics (café = cafe); punctuation separates tokens, so HikariPool-1 is "hikaripool 1". */
const TOKENIZE = 'unicode61 remove_diacritics 2';

class Superseded extends Error {}

/** Also drops the content view an index of an older version was built over. */
function dropIndex(db: DB, bundleId: number): void {
  db.exec(`DROP TABLE IF EXISTS ${ftsTable(bundleId)}; DROP VIEW IF EXISTS ${sourceView(bundleId)};`);
}

/**
 * Removes a bundle's index and its state (for whoever deletes a bundle: the state row goes with the
 * bundle by cascade, but the FTS5 table is not a row and stays behind otherwise).
 */
export function dropSearchIndex(db: DB, bundleId: number): void {
  db.transaction(() => {
    dropIndex(db, bundleId);
    db.prepare('DELETE FROM search_index WHERE bundle_id = ?').run(bundleId);
  }).immediate();
}

/** rowid = event id; the UNINDEXED columns are stored, not tokenized, for filters, order and hits. */
function createIndex(db: DB, bundleId: number): void {
  db.exec(
    `CREATE VIRTUAL TABLE ${ftsTable(bundleId)} USING fts5(message, file_id UNINDEXED, ts UNINDEXED, level UNINDEXED, kind UNINDEXED, line UNINDEXED, end_line UNINDEXED, tokenize='${TOKENIZE}')`,
  );
}

export function buildSearchIndex(db: DB, bundleId: number, opts: BuildOptions): BuildOutcome {
  const started = Date.now();
  const step = opts.step ?? BUILD_STEP;
  const owns = () => indexRow(db, bundleId)?.owner === opts.owner;

  type Claim = { reused: BuildOutcome } | { rows: RowSpan | null; blocks: number[]; total: number };
  let claim: Claim;
  try {
    claim = db.transaction((): Claim => {
      const bundle = bundleGeneration(db, bundleId);
      if (!bundle) throw new Error(`no bundle ${bundleId} in this database`);
      if (bundle.status !== 'complete') throw new Error(`bundle ${bundleId} is not fully ingested (${bundle.status}); index it once its ingest completes`);
      const row = indexRow(db, bundleId);
      if (!opts.force && row?.state === 'ready' && row.generation === bundle.generation && indexTableCurrent(db, bundleId)) {
        return { reused: { state: 'ready', events: row.done, buildMs: 0, reused: true } };
      }
      dropIndex(db, bundleId);
      createIndex(db, bundleId);
      const rows = db
        .prepare<[number], { lo: number | null; hi: number | null; n: number }>(
          'SELECT MIN(id) AS lo, MAX(id) AS hi, COUNT(*) AS n FROM events WHERE file_id IN (SELECT id FROM files WHERE bundle_id = ?)',
        )
        .get(bundleId)!;
      const blocks = db
        .prepare<[number], { id: number; n: number }>('SELECT id, n FROM line_blocks WHERE file_id IN (SELECT id FROM files WHERE bundle_id = ?) ORDER BY file_id, first_line')
        .all(bundleId);
      const total = rows.n + blocks.reduce((s, b) => s + b.n, 0);
      const now = Date.now();
      db.prepare(
        `INSERT INTO search_index (bundle_id, state, generation, owner, done, total, message, started_at, updated_at, finished_at)
         VALUES (?, 'building', ?, ?, 0, ?, NULL, ?, ?, NULL)
         ON CONFLICT(bundle_id) DO UPDATE SET state = 'building', generation = excluded.generation, owner = excluded.owner, done = 0,
           total = excluded.total, message = NULL, started_at = excluded.started_at, updated_at = excluded.updated_at, finished_at = NULL`,
      ).run(bundleId, bundle.generation, opts.owner, total, now, now);
      const span = rows.lo === null || rows.hi === null ? null : { lo: rows.lo, hi: rows.hi };
      return { rows: span, blocks: blocks.map((b) => b.id), total };
    }).immediate();
  } catch (e) {
    return recordFailure(db, bundleId, opts.owner, e, { claimFailed: true });
  }
  if ('reused' in claim) return claim.reused;

  const heartbeat = db.prepare('UPDATE search_index SET done = ?, updated_at = ? WHERE bundle_id = ?');
  const stepTx = db.transaction((done: number) => {
    if (!owns()) throw new Superseded();
    const n = feed.fill(step);
    heartbeat.run(done + n, Date.now(), bundleId);
    return n;
  });
  const source = opts.dbPath && claim.blocks.length >= WORKER_FROM_BLOCKS ? new WorkerMessages(db, opts.dbPath, claim.blocks) : new InlineMessages(db);
  const feed = new IndexFeed(db, bundleId, claim.rows, claim.blocks, source);
  let done = 0;
  try {
    opts.onProgress?.(0, claim.total);
    while (!feed.finished) {
      if (opts.isCancelled?.()) {
        db.transaction(() => {
          if (!owns()) return;
          dropIndex(db, bundleId);
          db.prepare("UPDATE search_index SET state = 'cancelled', updated_at = ?, finished_at = ? WHERE bundle_id = ?").run(Date.now(), Date.now(), bundleId);
        }).immediate();
        return { state: 'cancelled' };
      }
      done += stepTx.immediate(done);
      opts.onProgress?.(done, claim.total);
    }
    db.transaction(() => {
      if (!owns()) throw new Superseded();
      const now = Date.now();
      db.prepare("UPDATE search_index SET state = 'ready', done = ?, total = ?, updated_at = ?, finished_at = ? WHERE bundle_id = ?").run(done, done, now, now, bundleId);
    }).immediate();
    return { state: 'ready', events: done, buildMs: Date.now() - started, reused: false };
  } catch (e) {
    if (e instanceof Superseded) return { state: 'superseded' };
    return recordFailure(db, bundleId, opts.owner, e, { claimFailed: false });
  } finally {
    feed.close();
  }
}

/** Records a failed build (when this build holds the row, or nobody does) and frees the half-built table. */
function recordFailure(db: DB, bundleId: number, owner: string, e: unknown, { claimFailed }: { claimFailed: boolean }): BuildOutcome {
  const message = e instanceof Error ? e.message : String(e);
  try {
    db.transaction(() => {
      const row = indexRow(db, bundleId);
      // Another build took the row over (or is running): its row and table are not ours to touch.
      if (row && row.owner !== owner && (row.state === 'building' || !claimFailed)) return;
      if (!claimFailed) dropIndex(db, bundleId);
      const bundle = bundleGeneration(db, bundleId);
      if (!bundle) return;
      const now = Date.now();
      db.prepare(
        `INSERT INTO search_index (bundle_id, state, generation, owner, message, started_at, updated_at, finished_at)
         VALUES (?, 'failed', ?, ?, ?, ?, ?, ?)
         ON CONFLICT(bundle_id) DO UPDATE SET state = 'failed', generation = excluded.generation, owner = excluded.owner,
           message = excluded.message, updated_at = excluded.updated_at, finished_at = excluded.finished_at`,
      ).run(bundleId, bundle.generation, owner, message, now, now, now);
    }).immediate();
  } catch {
    // The database itself is failing (locked, read-only, gone): the outcome below still says why.
  }
  return { state: 'failed', message };
}
