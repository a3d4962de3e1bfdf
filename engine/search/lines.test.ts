import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNREADABLE } from '../store/line-rows';
import { startSearchIndex } from './job';
import { search, type SearchHit, type SearchOptions, type SearchPage, type SearchResult } from './search';
import { buildIncidentDb, T0, type IncidentDb } from './testing/incident-bundle';

/** Ordinary lines (INFO, one line, no signature) of a Spring Boot log: kept in line_blocks, not as rows. */
const at = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const QUOKKA_TS = T0 + 30 * 60_000 + 123;
const stockLog = () =>
  [
    `${at(QUOKKA_TS - 1000)}  INFO 4242 --- [           main] c.e.shop.Inventory                       : Inventory check started`,
    `${at(QUOKKA_TS)}  INFO 4242 --- [           main] c.e.shop.Inventory                       : Quokka inventory reconciled for warehouse 7`,
    `${at(QUOKKA_TS + 1000)}  INFO 4242 --- [           main] c.e.shop.Inventory                       : Inventory check finished`,
  ].join('\n') + '\n';

let db: IncidentDb;
beforeAll(async () => {
  db = await buildIncidentDb({ 'logs/stock.log': stockLog() });
});
afterAll(() => db.cleanup());

function ok(r: SearchResult): SearchPage {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r;
}
const find = (q: string, o: SearchOptions = {}) => ok(search(db.store, db.bundleId, q, { limit: 1000, ...o }));
const marked = (h: SearchHit) => h.snippet.highlights.map(([s, e]) => h.snippet.text.slice(s, e));
const isRow = (id: number) => db.store.db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM events WHERE id = ?').get(id)!.n > 0;
const view = (p: SearchPage) => [p.hits.map((h) => [h.eventId, h.line, h.ts, h.level, h.kind, h.file, h.snippet.text]), p.total, p.totalExact];

/** Queries where substring (scan) and token (index) matching agree, with options, over rows and lines interleaved in time. */
const same = (): [string, SearchOptions][] => {
  const spring = db.store.files.byPath(db.bundleId, 'logs/app.log')!.id;
  return [
    ['HikariPool', { limit: 5, offset: 3 }],
    ['"pool stats"', { from: T0 + 100_000, to: T0 + 300_000 }],
    ['completed', { limit: 7, offset: 190 }],
    ['completed', { countCap: 30, limit: 4, offset: 2 }],
    ['completed OR ECONNREFUSED', { limit: 10, offset: 55 }],
    ['completed OR ECONNREFUSED', { countCap: 100 }],
    ['HikariPool OR order', {}],
    ['HikariPool OR order', { limit: 20, offset: 100 }],
    ['HikariPool OR order', { minLevel: 30, from: T0 + 150_000, to: T0 + 400_000 }],
    ['HikariPool OR completed', { fileIds: [spring], limit: 50, offset: 150 }],
    ['inventory OR ECONNREFUSED', {}],
    ['inventory -quokka', {}],
    ['order customer', { fileIds: [] }],
  ];
};

describe('search over ordinary lines (line_blocks)', () => {
  let scanned: ReturnType<typeof view>[];

  it('the bundle keeps its ordinary lines in line_blocks, so these tests cannot pass on rows alone', () => {
    expect(db.store.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM line_blocks').get()!.n).toBeGreaterThan(0);
  });

  it('the scan finds a term only an ordinary line has, with its line, time and highlight', () => {
    const r = find('quokka');
    expect(r.approximate).toBe(true);
    expect([r.total, r.totalExact]).toEqual([1, true]);
    const h = r.hits[0]!;
    expect(isRow(h.eventId)).toBe(false);
    expect(h).toMatchObject({ file: 'logs/stock.log', line: 2, endLine: 2, ts: QUOKKA_TS, level: 30, kind: null });
    expect(h.snippet.text).toBe('Quokka inventory reconciled for warehouse 7');
    expect(marked(h)).toEqual(['Quokka']);
    scanned = same().map(([q, o]) => view(find(q, o)));
  });

  it('the index finds it too, and answers as the scan does where their matching agrees', async () => {
    expect(await startSearchIndex(db.dbPath, db.bundleId).done).toMatchObject({ state: 'ready', events: db.store.events.count(db.bundleId) });
    const r = find('quokka');
    expect(r.approximate).toBe(false);
    expect([r.total, r.totalExact]).toEqual([1, true]);
    const h = r.hits[0]!;
    expect(isRow(h.eventId)).toBe(false);
    expect(h).toMatchObject({ file: 'logs/stock.log', line: 2, endLine: 2, ts: QUOKKA_TS, level: 30, kind: null });
    expect(marked(h)).toEqual(['Quokka']);
    expect(marked(find('"inventory reconciled"').hits[0]!)).toEqual(['inventory reconciled']);
    expect(same().map(([q, o]) => view(find(q, o)))).toEqual(scanned);
    // The comparison covers pages where rows and lines interleave.
    const mixed = find('HikariPool OR order', { limit: 20, offset: 100 }).hits.map((h) => isRow(h.eventId));
    expect(mixed).toContain(true);
    expect(mixed).toContain(false);
  });

  it('a line whose file is gone is indexed with the message search shows for it', async () => {
    rmSync(join(db.bundlePath, 'logs/stock.log'));
    expect(find('quokka').total).toBe(1); // the index kept the text
    expect(await startSearchIndex(db.dbPath, db.bundleId, { force: true }).done).toMatchObject({ state: 'ready', events: db.store.events.count(db.bundleId) });
    expect(find('quokka').total).toBe(0);
    const gone = find('"line not readable"');
    expect(gone.hits.map((h) => [h.file, h.line, h.snippet.text])).toEqual([1, 2, 3].map((line) => ['logs/stock.log', line, UNREADABLE]));
    db.store.db.prepare('DELETE FROM search_index WHERE bundle_id = ?').run(db.bundleId);
    expect(find('"line not readable"').hits.map((h) => [h.file, h.line, h.snippet.text])).toEqual([1, 2, 3].map((line) => ['logs/stock.log', line, UNREADABLE]));
  });

  it('an index an older version built (external content, messages of rows only) counts as stale and is rebuilt', async () => {
    const d = db.store.db;
    const gen = d.prepare<[number], { g: string }>("SELECT ingested_at || ':' || fingerprint AS g FROM bundles WHERE id = ?").get(db.bundleId)!.g;
    const [fts, src] = [`search_fts_${db.bundleId}`, `search_src_${db.bundleId}`];
    d.exec(`DROP TABLE IF EXISTS ${fts};
      CREATE VIEW ${src} AS SELECT id, message FROM events WHERE file_id IN (SELECT id FROM files WHERE bundle_id = ${db.bundleId});
      CREATE VIRTUAL TABLE ${fts} USING fts5(message, content='${src}', content_rowid='id');
      INSERT INTO ${fts} (${fts}) VALUES ('rebuild');`);
    d.prepare("INSERT OR REPLACE INTO search_index (bundle_id, state, generation, owner, done, total, started_at, updated_at, finished_at) VALUES (?, 'ready', ?, 'old', 1, 1, 1, 1, 1)").run(db.bundleId, gen);
    const r = find('"line not readable"');
    expect([r.approximate, r.index, r.total]).toEqual([true, { state: 'missing', reason: 'stale' }, 3]);
    expect(await startSearchIndex(db.dbPath, db.bundleId).done).toMatchObject({ state: 'ready', reused: false });
    expect(d.prepare('SELECT COUNT(*) AS n FROM sqlite_master WHERE name = ?').get(src)).toEqual({ n: 0 });
    expect([find('"line not readable"').approximate, find('"line not readable"').total]).toEqual([false, 3]);
  });
});
