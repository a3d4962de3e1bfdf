/**
 * A bundle's own database is rebuilt in a temporary file and moved into place when complete
 * (store/fresh-file.ts): annotations survive, a cancelled or crashed build leaves the previous
 * database as it was, and a database shared with other bundles is re-ingested in place.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../store';
import { canBuildFresh } from '../store/fresh-file';
import { analyzePath, prepareBundle } from './analyze';
import { timelineSources } from '../timeline';

const SAMPLE = new URL('../../samples/busy-loop-go-profile/bundle', import.meta.url).pathname;
const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'rootline-fresh-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function annotate(dbPath: string, bundlePath: string, text: string): number {
  const store = Store.open(dbPath);
  try {
    const b = store.bundles.byPath(bundlePath)!;
    return store.annotations.create(b.id, { marker: 'key', text, ts: 1_700_000_000_000 }).id;
  } finally {
    store.close();
  }
}

function annotations(dbPath: string, bundlePath: string): { id: number; text: string }[] {
  const store = Store.open(dbPath);
  try {
    return store.annotations.list(store.bundles.byPath(bundlePath)!.id).map((a) => ({ id: a.id, text: a.text }));
  } finally {
    store.close();
  }
}

describe('fresh bundle database', () => {
  it('re-ingests into a new file, keeps the annotations and the diagnosis, leaves no temporary file', async () => {
    const dir = tmp();
    const bundle = join(dir, 'bundle');
    cpSync(SAMPLE, bundle, { recursive: true });
    const db = join(dir, 'db', 'b.sqlite');
    const first = await analyzePath(bundle, { db });
    const id = annotate(db, bundle, 'spinning here');
    const again = await analyzePath(bundle, { db, force: true });
    expect(again.bundle.reused).toBe(false);
    expect(again.rootCauses.map((c) => c.cause)).toEqual(first.rootCauses.map((c) => c.cause));
    expect(again.findings.map((f) => f.signature).sort()).toEqual(first.findings.map((f) => f.signature).sort());
    expect(annotations(db, bundle)).toEqual([{ id, text: 'spinning here' }]);
    expect(readdirSync(join(dir, 'db')).filter((n) => n.includes('.building-'))).toEqual([]);
    // The moved-in file is an ordinary database again: WAL for readers beside the writer.
    const store = Store.open(db);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
  });

  it('a cancelled build leaves the previous database complete and annotated', async () => {
    const dir = tmp();
    const bundle = join(dir, 'bundle');
    cpSync(SAMPLE, bundle, { recursive: true });
    const db = join(dir, 'b.sqlite');
    const first = await analyzePath(bundle, { db });
    annotate(db, bundle, 'kept');
    const ac = new AbortController();
    ac.abort();
    await expect(prepareBundle(bundle, { db, force: true, signal: ac.signal })).rejects.toMatchObject({ code: 'cancelled' });
    expect(readdirSync(dir).filter((n) => n.includes('.building-'))).toEqual([]);
    const reopened = await analyzePath(bundle, { db });
    expect(reopened.bundle.reused).toBe(true);
    expect(reopened.rootCauses.map((c) => c.cause)).toEqual(first.rootCauses.map((c) => c.cause));
    expect(annotations(db, bundle).map((a) => a.text)).toEqual(['kept']);
  });

  it('removes the temporary file of a build whose process died', async () => {
    const dir = tmp();
    const db = join(dir, 'b.sqlite');
    // No process has pid 2^22 + 1 (above Linux's pid_max default of 2^22).
    const stale = `${db}.building-4194305-1`;
    writeFileSync(stale, 'half a database');
    await analyzePath(SAMPLE, { db });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(db)).toBe(true);
  });

  it('a database holding another bundle is re-ingested in place, the other bundle untouched', async () => {
    const dir = tmp();
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    cpSync(SAMPLE, a, { recursive: true });
    cpSync(SAMPLE, b, { recursive: true });
    const db = join(dir, 'shared.sqlite');
    await analyzePath(a, { db });
    expect(canBuildFresh(db, a)).toBe(true);
    await analyzePath(b, { db });
    expect(canBuildFresh(db, a)).toBe(false);
    annotate(db, a, 'on a');
    const again = await analyzePath(a, { db, force: true });
    expect(again.bundle.reused).toBe(false);
    expect(annotations(db, a).map((x) => x.text)).toEqual(['on a']);
    const store = Store.open(db);
    expect(store.bundles.all().map((r) => r.status)).toEqual(['complete', 'complete']);
    store.close();
  });

  it('leaves the timeline index to the first timeline query when the face shows no timeline', async () => {
    const db = join(tmp(), 'b.sqlite');
    await analyzePath(SAMPLE, { db, timelineIndex: false });
    const store = Store.open(db);
    const hasIndex = () => !!store.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'events_timeline'").get();
    expect(hasIndex()).toBe(false);
    const bundleId = store.bundles.byPath(SAMPLE)!.id;
    expect(timelineSources(store, bundleId).length).toBeGreaterThan(0);
    expect(hasIndex()).toBe(true);
    store.close();
  });
});
