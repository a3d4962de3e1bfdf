/**
 * The index built with ordinary lines' messages read on a second thread is the index built reading
 * them on the build's own thread, and a second thread that cannot start is only slower.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex } from './build';
import { WorkerMessages } from './line-messages';
import { ftsTable } from './tables';
import { buildIncidentDb, T0, type IncidentDb } from './testing/incident-bundle';

const at = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
/** Enough ordinary lines for many blocks (4,096 lines each), so the build reads them on a worker. */
const LINES = 20 * 4096 + 123;
const bigLog = () => {
  const out: string[] = [];
  for (let i = 0; i < LINES; i++) out.push(`${at(T0 + i * 10)}  INFO 4242 --- [  worker-${i % 7}] c.e.shop.Ledger                          : entry ${i} posted for account a${i % 977}`);
  return out.join('\n') + '\n';
};

let db: IncidentDb;
beforeAll(async () => {
  db = await buildIncidentDb({ 'logs/ledger.log': bigLog() });
});
afterAll(() => db.cleanup());

const indexed = () =>
  db.store.db.prepare(`SELECT rowid, message, file_id, ts, level, kind, line, end_line FROM ${ftsTable(db.bundleId)} ORDER BY rowid`).raw().all();

describe('ordinary lines read for the index on a second thread', () => {
  it('give the index the build gives reading them itself', () => {
    expect((db.store.db.prepare('SELECT COUNT(*) AS n FROM line_blocks').get() as { n: number }).n).toBeGreaterThanOrEqual(20);
    expect(buildSearchIndex(db.store.db, db.bundleId, { owner: 'inline', force: true }).state).toBe('ready');
    const inline = indexed();
    expect(inline.length).toBeGreaterThan(LINES);
    const [taken, fallbacks] = [WorkerMessages.taken, WorkerMessages.fallbacks];
    expect(buildSearchIndex(db.store.db, db.bundleId, { owner: 'worker', force: true, dbPath: db.dbPath }).state).toBe('ready');
    expect(indexed()).toEqual(inline);
    expect([WorkerMessages.taken - taken >= 20, WorkerMessages.fallbacks - fallbacks]).toEqual([true, 0]);
  }, 120_000);

  it('fall back to the build thread when the worker cannot read the database', () => {
    expect(buildSearchIndex(db.store.db, db.bundleId, { owner: 'inline', force: true }).state).toBe('ready');
    const inline = indexed();
    const fallbacks = WorkerMessages.fallbacks;
    const r = buildSearchIndex(db.store.db, db.bundleId, { owner: 'broken', force: true, dbPath: `${db.dbPath}.no-such-file` });
    expect(r.state).toBe('ready');
    expect(WorkerMessages.fallbacks).toBe(fallbacks + 1);
    expect(indexed()).toEqual(inline);
  }, 120_000);
});
