import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../parsers';
import { SIGNATURES } from '../signatures';
import { Store } from '../store';
import { ingestBundle, type IngestOptions } from './ingest';

function bundle(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rl-ingest-'));
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  return dir;
}

const opts = (o: Partial<IngestOptions> = {}): IngestOptions => ({ parsers: PARSERS, signatures: SIGNATURES, contentRoot: null, ...o });

const SPRING = [
  '2021-01-31 07:13:48.441  WARN 30747 --- [l-1 housekeeper] com.zaxxer.hikari.pool.HikariPool        : HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m13s50ms252µs185ns).',
  '2021-01-31 07:15:05.201 ERROR 30747 --- [or-http-epoll-1] o.h.engine.jdbc.spi.SqlExceptionHelper   : HikariPool-1 - Connection is not available, request timed out after 491632ms.',
  'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 491632ms.',
  '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
  '',
].join('\n');
const GC = '[2021-01-31T07:13:40.001+0900][12.345s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(64M) 3.456ms\n';

describe('ingestBundle', () => {
  it('stores records with UTC times in the zone the bundle itself reveals, and says why', async () => {
    const dir = bundle({ 'logs/app.log': SPRING, 'logs/gc.log': GC });
    const store = Store.open(':memory:');
    const r = await ingestBundle(store, dir, opts());
    expect(r.zone.zone).toBe('UTC+9');
    expect(r.zone.source).toMatch(/logs\/gc\.log/);
    const app = store.files.byPath(r.bundle.id, 'logs/app.log')!;
    expect(app.kind).toBe('java-log');
    expect(app.records).toBe(2);
    expect(app.lines).toBe(4);
    expect(app.first_ts).toBe(Date.UTC(2021, 0, 30, 22, 13, 48, 441)); // 07:13:48 KST
    const kinds = store.events.ofKinds(r.bundle.id, ['hikari.starvation', 'hikari.timeout']).map((e) => [e.kind, e.line, e.end_line]);
    expect(kinds).toEqual([['hikari.starvation', 1, 1], ['hikari.timeout', 2, 4]]);
    expect(store.hits.count(r.bundle.id, 'hikari-starvation')).toBe(1);
  });

  it('honours --tz over the guess and rejects a zone that does not exist before reading anything', async () => {
    const dir = bundle({ 'logs/app.log': SPRING, 'logs/gc.log': GC });
    const store = Store.open(':memory:');
    const r = await ingestBundle(store, dir, opts({ tz: 'Europe/Berlin' }));
    expect(store.files.byPath(r.bundle.id, 'logs/app.log')!.first_ts).toBe(Date.UTC(2021, 0, 31, 6, 13, 48, 441));
    await expect(ingestBundle(store, dir, opts({ tz: 'Nowhere/Atlantis', force: true }))).rejects.toThrow(/unknown time zone/);
  });

  it('places a time-only log on the day of the other logs', async () => {
    const dir = bundle({
      'a/app.log': SPRING,
      'b/console.log': '13:28:21,219 DEBUG com.zaxxer.hikari.pool.HikariPool-logPoolState:403 - HikariPool-1 - Pool stats (total=10, active=10, idle=0, waiting=1)\n',
    });
    const store = Store.open(':memory:');
    const r = await ingestBundle(store, dir, opts({ tz: 'UTC' }));
    const f = store.files.byPath(r.bundle.id, 'b/console.log')!;
    expect(f.first_ts).toBe(Date.UTC(2021, 0, 31, 13, 28, 21, 219));
    expect(f.note).toMatch(/time of day only: placed on 2021-01-31/);
  });

  it('lists binary and unrecognised files with a reason instead of dropping them', async () => {
    const dir = bundle({ 'core.bin': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0]), 'notes.txt': 'call the vendor tomorrow\nthey said it is fine\n', 'empty.log': '' });
    const store = Store.open(':memory:');
    const r = await ingestBundle(store, dir, opts());
    const files = Object.fromEntries(store.files.list(r.bundle.id).map((f) => [f.path, [f.kind, f.status, f.note]]));
    expect(files['core.bin']).toEqual(['binary', 'binary', 'binary file (not parsed)']);
    expect(files['notes.txt']![0]).toBe('unknown');
    expect(files['notes.txt']![2]).toMatch(/format not recognised/);
    expect(files['empty.log']![2]).toBe('empty file');
  });

  it('re-ingesting the same bundle does not duplicate anything and keeps annotations', async () => {
    const dir = bundle({ 'logs/app.log': SPRING });
    const store = Store.open(':memory:');
    const first = await ingestBundle(store, dir, opts());
    store.db
      .prepare("INSERT INTO annotations (bundle_id, ts, file_path, line, marker, text, created_at, updated_at) VALUES (?, 1, 'logs/app.log', 2, 'key', 'pool gave up here', 1, 1)")
      .run(first.bundle.id);
    const again = await ingestBundle(store, dir, opts());
    expect(again.reused).toBe(true);
    const forced = await ingestBundle(store, dir, opts({ force: true }));
    expect(forced.reused).toBe(false);
    expect(forced.bundle.id).toBe(first.bundle.id);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM bundles').get()).toEqual({ n: 1 });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM files').get()).toEqual({ n: 1 });
    expect(store.events.count(first.bundle.id)).toBe(2);
    expect(store.hits.count(first.bundle.id, 'hikari-starvation')).toBe(1);
    expect(store.db.prepare('SELECT text FROM annotations').all()).toEqual([{ text: 'pool gave up here' }]);
  });

  it('builds the event indexes after the bulk load', async () => {
    const dir = bundle({ 'logs/app.log': SPRING });
    const store = Store.open(':memory:');
    await ingestBundle(store, dir, opts());
    const names = store.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").all().map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['events_ts', 'events_file_line', 'events_kind']));
  });

  it('stops on cancellation and marks the bundle so the next open re-reads it', async () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `2021-01-31 07:13:${String(i % 60).padStart(2, '0')}.000  INFO 1 --- [main] c.e.App : line ${i}`).join('\n');
    const dir = bundle({ 'a.log': lines, 'b.log': lines });
    const store = Store.open(':memory:');
    const ac = new AbortController();
    const p = ingestBundle(store, dir, opts({ signal: ac.signal, onProgress: (pr) => pr.lines > 1000 && ac.abort() }));
    await expect(p).rejects.toThrow(/cancelled/);
    expect(store.bundles.all()[0]!.status).toBe('failed');
    const again = await ingestBundle(store, dir, opts());
    expect(again.reused).toBe(false);
    expect(store.events.count(again.bundle.id)).toBe(100_000);
  });
});
