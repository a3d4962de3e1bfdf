import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSearchIndex } from './job';
import { search, type SearchHit, type SearchPage, type SearchResult } from './search';
import { searchStatus } from './status';
import { buildIncidentDb, COUNTS, T0, type IncidentDb } from './testing/incident-bundle';

let db: IncidentDb;
let pinoFile: number;
let springFile: number;

beforeAll(async () => {
  db = await buildIncidentDb();
  pinoFile = db.store.files.byPath(db.bundleId, 'logs/api.log')!.id;
  springFile = db.store.files.byPath(db.bundleId, 'logs/app.log')!.id;
});
afterAll(() => db.cleanup());

function ok(r: SearchResult): SearchPage {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r;
}
const find = (q: string, o: Parameters<typeof search>[3] = {}) => ok(search(db.store, db.bundleId, q, { limit: 1000, ...o }));
/** The highlighted pieces of a hit's snippet, as the UI would render them. */
const marked = (h: SearchHit) => h.snippet.highlights.map(([s, e]) => h.snippet.text.slice(s, e));
const times = (p: SearchPage) => p.hits.map((h) => h.ts ?? Infinity);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('search before the index is built: the LIKE fallback', () => {
  it('answers, flagged approximate, with the index state the UI shows', () => {
    expect(searchStatus(db.store, db.bundleId)).toEqual({ state: 'missing', reason: 'not-built' });
    const r = find('connection available');
    expect(r.approximate).toBe(true);
    expect(r.index).toEqual({ state: 'missing', reason: 'not-built' });
    expect(r.total).toBe(COUNTS.notAvailable);
    expect(r.hits.map((h) => [h.file, h.line, h.endLine, h.kind])).toEqual([
      ['logs/app.log', 137, 142, 'hikari.timeout'],
      ['logs/app.log', 188, 193, 'hikari.timeout'],
      ['logs/app.log', 195, 200, 'hikari.timeout'],
    ]);
    expect(marked(r.hits[0]!)).toEqual(['Connection', 'available']);
  });

  it('supports the same syntax (phrase, prefix, exclusion, OR) as substring matches, capped counts', () => {
    expect(find('"pool stats"').total).toBe(COUNTS.poolStats + 1);
    expect(find('"pool stats" -unaffected').total).toBe(COUNTS.poolStats);
    expect(find('ECONNREF*').total).toBe(COUNTS.refused);
    expect(find('starvation OR ECONNREFUSED').total).toBe(COUNTS.starvation + COUNTS.refused);
    const capped = find('completed', { countCap: 50, limit: 10 });
    expect([capped.total, capped.totalExact, capped.hits.length]).toEqual([50, false, 10]);
  });

  it('is used while a build is running (here: one another process started)', () => {
    const gen = db.store.db.prepare<[number], { g: string }>("SELECT ingested_at || ':' || fingerprint AS g FROM bundles WHERE id = ?").get(db.bundleId)!.g;
    const now = Date.now();
    db.store.db
      .prepare("INSERT INTO search_index (bundle_id, state, generation, owner, done, total, started_at, updated_at) VALUES (?, 'building', ?, 'elsewhere', 100, 293, ?, ?)")
      .run(db.bundleId, gen, now, now);
    try {
      const r = find('starvation');
      expect(r.approximate).toBe(true);
      expect(r.index).toEqual({ state: 'building', done: 100, total: 293, startedAt: now });
      expect(r.total).toBe(COUNTS.starvation);
      // A build whose heartbeat stopped long ago is reported as failed, not as building forever.
      expect(searchStatus(db.store, db.bundleId, now + 10 * 60_000).state).toBe('failed');
    } finally {
      db.store.db.prepare('DELETE FROM search_index WHERE bundle_id = ?').run(db.bundleId);
    }
  });
});

describe('search with the index ready', () => {
  beforeAll(async () => {
    const out = await startSearchIndex(db.dbPath, db.bundleId).done;
    expect(out.state).toBe('ready');
  });

  it('plain words must all match; hits carry event, file, line, time, level, kind, in time order', () => {
    const r = find('connection available');
    expect(r.approximate).toBe(false);
    expect(r.index.state).toBe('ready');
    expect([r.total, r.totalExact]).toEqual([COUNTS.notAvailable, true]);
    const h = r.hits[0]!;
    expect(h).toMatchObject({ fileId: springFile, file: 'logs/app.log', line: 137, endLine: 142, level: 50, kind: 'hikari.timeout' });
    expect(db.store.events.byIds([h.eventId])[0]!.message).toBe('HikariPool-1 - Connection is not available, request timed out after 30000ms.');
    expect(marked(h)).toEqual(['Connection', 'available']);
    expect(times(r)).toEqual(sorted(times(r)));
    expect(find('connection available starvation').total).toBe(0);
  });

  it('"exact phrase" matches the words in that order only', () => {
    expect(find('"request timed out"').total).toBe(COUNTS.notAvailable);
    expect(marked(find('"request timed out"').hits[0]!)).toEqual(['request timed out']);
    expect(find('"timed request out"').total).toBe(0);
    expect(find('"HikariPool-1 - Thread starvation"').total).toBe(COUNTS.starvation);
  });

  it('prefix* matches words starting with it', () => {
    expect(find('ECONNREF*').total).toBe(COUNTS.refused);
    expect(marked(find('starv*').hits[0]!)).toEqual(['starvation']);
    expect(find('starv').total).toBe(0); // a word is a whole token
  });

  it('-exclude removes matches', () => {
    expect(find('"pool stats"').total).toBe(COUNTS.poolStats + 1);
    expect(find('"pool stats" -unaffected').total).toBe(COUNTS.poolStats);
    expect(find('order -"café-Zoë"').total).toBe(COUNTS.orders - COUNTS.cafe);
  });

  it('OR matches either side, across files, in time order', () => {
    const r = find('starvation OR ECONNREFUSED');
    expect(r.total).toBe(COUNTS.starvation + COUNTS.refused);
    expect(new Set(r.hits.map((h) => h.file))).toEqual(new Set(['logs/app.log', 'logs/api.log']));
    expect(times(r)).toEqual(sorted(times(r)));
    expect(find('hikaripool starvation OR available').total).toBe(COUNTS.starvation + COUNTS.notAvailable);
  });

  it('folds case and diacritics and handles other scripts', () => {
    expect(find('CAFE').total).toBe(COUNTS.cafe);
    expect(marked(find('cafe zoe').hits[0]!)).toEqual(['café', 'Zoë']);
    const ko = find('결제');
    expect(ko.total).toBe(1);
    expect(marked(ko.hits[0]!)).toEqual(['결제']);
  });

  it('returns log text as plain text with ranges: markup in a log line stays text', () => {
    const h = find('script alert').hits[0]!;
    expect(h.snippet.text).toBe('Rejected payload <script>alert("x")</script> & "quoted" \'single\'');
    expect(marked(h)).toEqual(['script', 'alert', 'script']);
  });

  it('highlights correctly in messages that contain the characters highlight() would otherwise use as markers', () => {
    const h = find('"pool stats" unaffected').hits[0]!;
    expect(h.snippet.text).toBe('odd bytes \uE000\uE001 around the marker characters, Pool stats unaffected');
    expect(marked(h)).toEqual(['Pool stats', 'unaffected']);
  });

  it('filters by time window [from, to), files and minimum level', () => {
    const all = find('HikariPool');
    expect(find('HikariPool', { minLevel: 50 }).total).toBe(COUNTS.notAvailable);
    expect(find('HikariPool', { minLevel: 40 }).total).toBe(COUNTS.notAvailable + COUNTS.starvation);
    const t = all.hits.find((h) => h.kind === 'hikari.timeout')!.ts!;
    const win = find('HikariPool', { from: t, to: t + 1 });
    expect(win.hits.map((h) => h.ts)).toEqual([t]);
    expect(find('HikariPool', { from: t + 1, to: t + 1 }).total).toBe(0);
    expect(find('ECONNREFUSED OR HikariPool', { fileIds: [pinoFile] }).hits.every((h) => h.fileId === pinoFile)).toBe(true);
    expect(find('ECONNREFUSED OR HikariPool', { fileIds: [pinoFile] }).total).toBe(COUNTS.refused);
    expect(find('HikariPool', { fileIds: [] }).total).toBe(0);
    expect(find('request completed', { from: T0, to: T0 + 10_000 }).total).toBe(1); // the first is at T0 + 9 s, the next at T0 + 13 s
  });

  it('pages through matches in a stable order and counts them exactly up to a cap', () => {
    const first = find('completed order', { limit: 7 });
    const second = find('completed order', { limit: 7, offset: 7 });
    const both = find('completed order', { limit: 14 });
    expect([...first.hits, ...second.hits].map((h) => h.eventId)).toEqual(both.hits.map((h) => h.eventId));
    expect([first.total, first.totalExact]).toEqual([COUNTS.orders, true]);
    const capped = find('completed order', { countCap: 150 });
    expect([capped.total, capped.totalExact]).toEqual([150, false]);
  });

  it('orders by relevance on request', () => {
    const byRank = find('hikaripool OR completed', { order: 'rank' });
    const byTime = find('hikaripool OR completed');
    expect(byRank.order).toBe('rank');
    expect(new Set(byRank.hits.map((h) => h.eventId))).toEqual(new Set(byTime.hits.map((h) => h.eventId)));
    expect(byRank.hits.map((h) => h.eventId)).not.toEqual(byTime.hits.map((h) => h.eventId));
  });

  it('clips long messages around the first match', () => {
    const h = find('"Tomcat started"', { snippetChars: 20 }).hits[0]!;
    expect(h.snippet.text.length).toBeLessThanOrEqual(20);
    expect(h.snippet.clippedEnd).toBe(true);
    expect(marked(h)).toEqual(['Tomcat started']);
  });

  it.each(['"', '*', 'NEAR(', 'NEAR(a b, 3)', '-', '""', 'OR', 'AND', 'NOT', '(', ')', '^x', 'message:pool', '{a b}', '\u0000', '🙂', '\uD800', ':', "'; DROP TABLE events; --", 'a'.repeat(5000), 'ÿ\u0301', '\\', '%_'])(
    'hostile query %j gives results or a typed error',
    (q) => {
      const r = search(db.store, db.bundleId, q);
      if (r.ok) expect(Array.isArray(r.hits)).toBe(true);
      else expect(['empty', 'only-exclusions', 'syntax', 'too-long']).toContain(r.error.code);
    },
  );

  it('never throws, whatever is typed (indexed and fallback alike)', () => {
    const char = fc.oneof(fc.constantFrom('"', '*', '-', '(', ')', ':', '^', ' ', 'OR', 'NOT', 'AND', 'NEAR', 'pool', 'é', '결'), fc.string({ unit: 'binary', maxLength: 2 }));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }).map((parts) => parts.join('')), (q) => {
        for (const r of [search(db.store, db.bundleId, q, { limit: 5 }), search(db.store, 999, q, { limit: 5 })]) {
          if (!r.ok) expect(['empty', 'only-exclusions', 'syntax', 'too-long']).toContain(r.error.code);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rejects bad options with a typed error', () => {
    for (const o of [{ limit: 0 }, { offset: -1 }, { from: Number.NaN }, { limit: 1.5 }]) {
      const r = search(db.store, db.bundleId, 'pool', o);
      expect(r.ok ? null : r.error.code).toBe('failed');
    }
  });
});
