/**
 * Descriptor growth split by kind and target, on stored snapshot rows of real lsof captures
 * (parsers/lsof/__fixtures__): sockets growing while regular files stay flat are a socket leak toward
 * their peer; regular files growing on one path while sockets stay flat are a file leak on that path,
 * with the code path from the goroutine dump. The evidence is the growing rows, never a snapshot's
 * first line.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PARSERS } from '../../../parsers';
import { analyzeBundle } from '../../analysis/analyze';
import { ingestBundle } from '../../ingest/ingest';
import { Store } from '../../store';
import { SIGNATURES } from '..';
import { fdGrowth, type FdGrowthData } from './fd-growth';

const FIXTURES = new URL('../../../parsers/lsof/__fixtures__/', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A bundle folder holding the fixture folders' captures (snapshots/, dumps/ as make.sh lays them out). */
async function stored(...folders: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'rl-fd-growth-'));
  dirs.push(dir);
  const text = new Map<string, string[]>();
  for (const folder of folders) {
    for (const f of readdirSync(FIXTURES + folder)) {
      const rel = `${f.startsWith('goroutine-') ? 'dumps' : 'snapshots'}/${f}`;
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      const bytes = readFileSync(join(FIXTURES, folder, f));
      writeFileSync(join(dir, rel), bytes);
      text.set(rel, bytes.toString('utf8').split('\n'));
    }
  }
  const store = Store.open(':memory:');
  const r = await ingestBundle(store, dir, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null });
  const pathOf = new Map(store.files.list(r.bundle.id).map((f) => [f.id, f.path]));
  /** The text of an evidence line, read from the fixture it points at. */
  const lineOf = (e: { fileId: number; line: number }) => text.get(pathOf.get(e.fileId)!)![e.line - 1]!;
  return { store, bundle: r.bundle.id, lineOf };
}

describe('fd-growth by kind, on real lsof captures', () => {
  it('sockets growing while files stay flat (incident 1): a socket leak toward the gRPC peer, never a file leak', async () => {
    const { store, bundle, lineOf } = await stored('socket-growth');
    const [f, ...more] = fdGrowth.detect({ store, bundleId: bundle });
    expect(more).toHaveLength(0);
    const d = f!.data as FdGrowthData;
    expect(d.growth).toMatchObject({ first: 11, last: 129 });
    expect(d.leakKind).toBe('socket');
    expect(d.byKind.find((k) => k.key === 'file')).toEqual({ key: 'file', first: 5, last: 5 });
    expect(d.growingPeer).toBe('127.0.0.1:38151');
    expect(d.peerStates).toEqual({ ESTABLISHED: 119 });
    expect(d.growingTarget).toBeNull();
    expect(d.byTarget).toEqual([]);
    expect(d.codePath).toBeNull();
    // Every snapshot row cited is a connection to that peer; the limit line is the limit.
    const rows = f!.evidence.filter((e) => !e.note?.startsWith('open-files limit'));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const e of rows) expect(lineOf(e)).toContain('->127.0.0.1:38151 (ESTABLISHED)');
    expect(f!.evidence.some((e) => lineOf(e).includes('/dev/null'))).toBe(false);

    const a = analyzeBundle(store, bundle, SIGNATURES);
    expect(a.rootCauses.map((c) => c.cause)).toContain('socket-leak');
    expect(a.rootCauses.map((c) => c.cause)).not.toContain('file-leak');
    expect(a.consequences.map((c) => c.cause)).not.toContain('file-leak');
  });

  it('regular files growing on one path while sockets stay flat (file-leak-go): a file leak on that path, with its code path', async () => {
    const { store, bundle, lineOf } = await stored('file-growth');
    const [f, ...more] = fdGrowth.detect({ store, bundleId: bundle });
    expect(more).toHaveLength(0);
    const d = f!.data as FdGrowthData;
    expect(d.growth).toMatchObject({ first: 8, last: 512 });
    expect(d.limit).toBe(512);
    expect(d.leakKind).toBe('file');
    expect(d.byKind.find((k) => k.key === 'socket')).toEqual({ key: 'socket', first: 1, last: 3 });
    expect(d.growingTarget).toMatch(/^\/tmp\/rootline-file-leak\.\w+\/data\/journal\/acme\.ndjson$/);
    expect(d.byTarget.slice(0, 2).map((t) => [t.key.replace(/^.*\//, ''), t.first, t.last])).toEqual([['acme.ndjson', 0, 377], ['globex.ndjson', 0, 125]]);
    expect(d.codePath).toMatchObject({ fn: 'main.(*server).appendBatch', via: 'os.(*File).ReadFrom', count: 4, dumps: 1, stacks: 'goroutine' });
    expect(lineOf({ fileId: d.codePath!.fileId, line: d.codePath!.line })).toMatch(/^main\.\(\*server\)\.appendBatch\(/);

    // The rows cited are REG rows on that path: in the last snapshot the whole run of them, first to last.
    const last = f!.evidence[0]!;
    expect(last.note).toMatch(/^377 open on .*acme\.ndjson in the last snapshot \(0 in the first\)$/);
    expect(lineOf(last)).toMatch(/\s9w\s+REG\s.*acme\.ndjson$/);
    expect(lineOf({ fileId: last.fileId, line: last.endLine! })).toMatch(/\s511w\s+REG\s.*acme\.ndjson$/);
    const snapRows = f!.evidence.filter((e) => e.ref?.startsWith('snapshot:') && !e.note?.includes('goroutine stack'));
    for (const e of snapRows) expect(lineOf(e)).toMatch(/\sREG\s.*\/acme\.ndjson$/);
    expect(f!.evidence.some((e) => lineOf(e).includes('/dev/null'))).toBe(false);

    const a = analyzeBundle(store, bundle, SIGNATURES);
    expect(a.rootCauses[0]!.cause).toBe('file-leak');
    expect(a.rootCauses[0]!.summary).toContain('acme.ndjson');
    expect(a.rootCauses.map((c) => c.cause)).not.toContain('socket-leak');
  });

  it('names each process by its own kind when a bundle holds both', async () => {
    const { store, bundle } = await stored('socket-growth', 'file-growth');
    const kinds = fdGrowth.detect({ store, bundleId: bundle }).map((f) => [(f.data as FdGrowthData).command, (f.data as FdGrowthData).leakKind]);
    expect(kinds.sort()).toEqual([['api_gatew', 'socket'], ['ingestd', 'file']]);
    const a = analyzeBundle(store, bundle, SIGNATURES);
    expect(a.rootCauses.map((c) => c.cause).sort()).toEqual(['file-leak', 'socket-leak']);
  });
});
