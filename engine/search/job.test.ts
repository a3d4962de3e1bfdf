import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/open';
import { buildSearchIndex, dropSearchIndex } from './build';
import { startSearchIndex, type SearchBuildProgress } from './job';
import { search, type SearchResult } from './search';
import { searchStatus } from './status';
import { ftsTable } from './tables';
import { buildIncidentDb, COUNTS, reingest, type IncidentDb } from './testing/incident-bundle';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let db: IncidentDb;
beforeAll(async () => {
  db = await buildIncidentDb();
});
afterAll(() => db.cleanup());

const total = (r: SearchResult) => (r.ok ? [r.total, r.approximate] : r.error.code);
const eventCount = () => db.store.events.count(db.bundleId);
const tableExists = () =>
  db.store.db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = ?").get(ftsTable(db.bundleId))!.n === 1;
/** FTS5's own check that the index holds exactly the tokens of its content (its copy of the bundle's events). */
const integrityCheck = () => db.store.db.prepare(`INSERT INTO ${ftsTable(db.bundleId)} (${ftsTable(db.bundleId)}, rank) VALUES ('integrity-check', 1)`).run();

describe('startSearchIndex (worker thread)', () => {
  it('builds in a worker with progress up to ready, then search uses the index', async () => {
    expect(searchStatus(db.store, db.bundleId)).toEqual({ state: 'missing', reason: 'not-built' });
    const seen: SearchBuildProgress[] = [];
    const job = startSearchIndex(db.dbPath, db.bundleId, { onProgress: (p) => seen.push(p) });
    expect(startSearchIndex(db.dbPath, db.bundleId)).toBe(job); // asking again joins the running build
    const out = await job.done;
    expect(out).toMatchObject({ state: 'ready', events: eventCount(), reused: false });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen[0]).toEqual({ bundleId: db.bundleId, done: 0, total: eventCount() });
    expect(seen.at(-1)).toEqual({ bundleId: db.bundleId, done: eventCount(), total: eventCount() });
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    expect(job.progress).toEqual(seen.at(-1));
    expect(searchStatus(db.store, db.bundleId)).toMatchObject({ state: 'ready', events: eventCount() });
    expect(total(search(db.store, db.bundleId, 'completed order'))).toEqual([COUNTS.orders, false]);
    integrityCheck();
  });

  it('building again keeps the current index; forcing rebuilds it; neither duplicates rows', async () => {
    expect(await startSearchIndex(db.dbPath, db.bundleId).done).toMatchObject({ state: 'ready', reused: true });
    expect(await startSearchIndex(db.dbPath, db.bundleId, { force: true }).done).toMatchObject({ state: 'ready', reused: false, events: eventCount() });
    expect(total(search(db.store, db.bundleId, 'completed order'))).toEqual([COUNTS.orders, false]);
    integrityCheck();
  });

  it('a re-ingest makes the index stale: search falls back until it is rebuilt', async () => {
    await reingest(db);
    expect(searchStatus(db.store, db.bundleId)).toEqual({ state: 'missing', reason: 'stale' });
    expect(total(search(db.store, db.bundleId, 'connection available'))).toEqual([COUNTS.notAvailable, true]);
    expect(await startSearchIndex(db.dbPath, db.bundleId).done).toMatchObject({ state: 'ready', reused: false, events: eventCount() });
    expect(total(search(db.store, db.bundleId, 'connection available'))).toEqual([COUNTS.notAvailable, false]);
    integrityCheck();
  });

  it('cancelling stops the build, drops what it built and says so', async () => {
    const controller = new AbortController();
    const job = startSearchIndex(db.dbPath, db.bundleId, { force: true, signal: controller.signal });
    controller.abort(); // before the worker's first step: the build must notice
    expect(await job.done).toEqual({ state: 'cancelled' });
    expect(searchStatus(db.store, db.bundleId)).toEqual({ state: 'missing', reason: 'cancelled' });
    expect(tableExists()).toBe(false);
    expect(total(search(db.store, db.bundleId, 'starvation'))).toEqual([COUNTS.starvation, true]);
    expect(await startSearchIndex(db.dbPath, db.bundleId).done).toMatchObject({ state: 'ready' });
  });

  it('a build for a bundle that is not there fails with a message, and needs a database file', async () => {
    const out = await startSearchIndex(db.dbPath, 4242).done;
    expect(out).toEqual({ state: 'failed', message: 'no bundle 4242 in this database' });
    expect(() => startSearchIndex(':memory:', 1)).toThrow(/database file/);
  });

  it('a build whose row another build took over stops without touching it', () => {
    const mine = openDatabase(db.dbPath);
    const other = openDatabase(db.dbPath);
    try {
      let takenOver = false;
      const out = buildSearchIndex(mine, db.bundleId, {
        owner: 'a', force: true, step: 50,
        onProgress: (done) => {
          if (done > 0 && !takenOver) {
            other.prepare("UPDATE search_index SET owner = 'b' WHERE bundle_id = ?").run(db.bundleId);
            takenOver = true;
          }
        },
      });
      expect(out).toEqual({ state: 'superseded' });
      expect(other.prepare('SELECT owner, done FROM search_index WHERE bundle_id = ?').get(db.bundleId)).toEqual({ owner: 'b', done: 50 });
      const again = buildSearchIndex(mine, db.bundleId, { owner: 'c', force: true, step: 50 });
      expect(again).toMatchObject({ state: 'ready', events: eventCount() });
      integrityCheck();
    } finally {
      mine.close();
      other.close();
    }
  });

  it('dropSearchIndex removes the table and the state', async () => {
    expect(await startSearchIndex(db.dbPath, db.bundleId).done).toMatchObject({ state: 'ready' });
    dropSearchIndex(db.store.db, db.bundleId);
    expect(searchStatus(db.store, db.bundleId)).toEqual({ state: 'missing', reason: 'not-built' });
    expect(db.store.db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'search\\_%' ESCAPE '\\'").all()).toEqual([{ name: 'search_index' }]);
  });

  it('starts from a script run by tsx as well', () => {
    const out = execFileSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'engine/search/testing/build-under-tsx.ts'), db.dbPath, String(db.bundleId)], {
      cwd: ROOT, encoding: 'utf8', timeout: 60_000,
    });
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as { outcome: { state: string; events: number }; reports: number };
    expect(r.outcome).toMatchObject({ state: 'ready', events: eventCount() });
    expect(r.reports).toBeGreaterThanOrEqual(2);
    expect(total(search(db.store, db.bundleId, 'completed order'))).toEqual([COUNTS.orders, false]);
  });
});
