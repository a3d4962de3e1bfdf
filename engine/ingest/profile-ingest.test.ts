/** pprof profiles in a bundle: read whole (never as text), stored as `pprof` snapshots with their top functions; damaged or oversized ones say why. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../parsers';
import { SIGNATURES } from '../signatures';
import { Store } from '../store';
import { TQ } from '../store/events';
import { zipBuffer } from '../bundle/__fixtures__/build';
import { ingestBundle, type IngestOptions } from './ingest';
import { MAX_PROFILE_BYTES, MAX_PROFILE_FILE_BYTES, ProfileCollector } from './profile-ingest';

const FIXTURES = new URL('../../parsers/pprof/__fixtures__/', import.meta.url).pathname;
const fixture = (prefix: string) => readdirSync(FIXTURES).find((f) => f.startsWith(prefix))!;
const opts: IngestOptions = { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null };

function bundle(files: Record<string, Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rl-pprof-'));
  for (const [p, bytes] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), bytes);
  }
  return dir;
}
const bytesOf = (prefix: string) => readFileSync(FIXTURES + fixture(prefix));

describe('ingest of pprof profiles', () => {
  it('stores every real profile as one pprof snapshot at its own time, gzip or not, whatever the name', async () => {
    const cpuGz = bytesOf('cpu-');
    const dir = bundle({
      'profiles/cpu.pb.gz': cpuGz, // the walker gunzips .gz members
      'profiles/heap.pprof': bytesOf('heap-'), // gzip inside, the name does not say
      'profiles/block.pb': bytesOf('block-'), // bare protobuf
      'profiles/profile': cpuGz, // no name hint at all: the bytes decide
      'logs/profiled.log': readFileSync(FIXTURES + 'profiled.log'),
    });
    const store = Store.open(':memory:');
    const r = await ingestBundle(store, dir, opts);
    const files = store.files.list(r.bundle.id);
    const f = (p: string) => files.find((x) => x.path === p)!;
    for (const p of ['profiles/cpu.pb.gz', 'profiles/heap.pprof', 'profiles/block.pb', 'profiles/profile']) {
      expect(f(p), p).toMatchObject({ kind: 'pprof', status: 'parsed', encoding: null, lines: 0, note: null, time_quality: 'explicit' });
    }
    expect(f('logs/profiled.log').kind).toBe('text-log');
    const cpu = store.snapshots.ofFile(f('profiles/cpu.pb.gz').id);
    expect(cpu).toEqual([expect.objectContaining({ kind: 'pprof', captured_at: Date.parse('2026-12-07T15:43:27.811Z'), tq: TQ.explicit, time_source: 'tool', line: 1 })]);
    expect(f('profiles/cpu.pb.gz').records).toBe(cpu[0]!.row_count);
    const view = store.profiles.ofFile(f('profiles/cpu.pb.gz').id)!;
    // The walker gunzipped it, and the file was gzip all the same.
    expect(view).toMatchObject({ profile: 'cpu', defaultType: 'cpu', gzipped: true, samples: 89, functions: 69, hottest: { name: 'main.normalizeTokens' } });
    expect(view.durationMs).toBeCloseTo(5098.53, 1);
    expect(view.types).toEqual([{ type: 'samples', unit: 'count', total: 133 }, { type: 'cpu', unit: 'nanoseconds', total: 1.33e9 }]);
    expect(store.profiles.ofFile(f('profiles/heap.pprof').id)).toMatchObject({ profile: 'heap', gzipped: true, defaultType: 'inuse_space' });
    expect(store.profiles.ofFile(f('profiles/block.pb').id)).toMatchObject({ profile: 'block', gzipped: false });
    expect(store.profiles.ofFile(f('profiles/profile').id)).toMatchObject({ profile: 'cpu', gzipped: true });
    const hot = store.profiles.rowAt(f('profiles/cpu.pb.gz').id, view.hottest!.line)!;
    expect(hot).toMatchObject({ name: 'main.normalizeTokens', sampleType: 'cpu', unit: 'nanoseconds', total: 1.33e9 });
    expect(store.profiles.hotspots(r.bundle.id).map((h) => [h.path, h.profile, h.name])).toContainEqual(['profiles/cpu.pb.gz', 'cpu', 'main.normalizeTokens']);
  });

  it('reads a profile inside a zip, and says what is wrong with a damaged one, naming the file', async () => {
    const zip = await zipBuffer([
      { name: 'captures/mutex.pprof', data: bytesOf('mutex-') },
      { name: 'captures/cpu.pb', data: readFileSync(FIXTURES + 'truncated-cpu.pb') },
      { name: 'captures/heap.pprof', data: gzipSync(Buffer.from('not a profile at all, just text in a gzip\n')) },
      { name: 'captures/notes.pb', data: Buffer.from('a .pb file that is text\n') },
    ]);
    const dir = bundle({ 'bundle.zip': zip });
    const store = Store.open(':memory:');
    const r = await ingestBundle(store, join(dir, 'bundle.zip'), opts);
    const f = (p: string) => store.files.byPath(r.bundle.id, p)!;
    expect(f('captures/mutex.pprof')).toMatchObject({ kind: 'pprof', status: 'parsed' });
    expect(f('captures/cpu.pb')).toMatchObject({ kind: 'pprof', status: 'error', note: 'captures/cpu.pb: truncated (field 4 at byte 1493 needs 16 bytes, 5 are left)' });
    expect(store.snapshots.ofFile(f('captures/cpu.pb').id)).toEqual([]);
    expect(f('captures/heap.pprof')).toMatchObject({ kind: 'pprof', status: 'error' });
    expect(f('captures/heap.pprof').note).toMatch(/^captures\/heap\.pprof: not a pprof profile/);
    expect(f('captures/notes.pb')).toMatchObject({ kind: 'unknown', status: 'unknown' });
  });

  it('leaves binary files that only start like a profile as binary files', async () => {
    const head = gunzipSync(bytesOf('cpu-')).subarray(0, 200);
    const dir = bundle({ 'core.bin': Buffer.concat([head, Buffer.from([0xff, 0xff, 0x07, 0x00, 0x01])]) });
    const store = Store.open(':memory:');
    const r = await ingestBundle(store, dir, opts);
    expect(store.files.byPath(r.bundle.id, 'core.bin')).toMatchObject({ kind: 'binary', status: 'binary', note: 'binary file (not parsed)' });
  });
});

describe('ProfileCollector caps', () => {
  it('stops buffering past the file cap', () => {
    const c = new ProfileCollector('big.pb');
    c.push(Buffer.alloc(MAX_PROFILE_FILE_BYTES));
    c.push(Buffer.alloc(1));
    expect(c.finish()).toEqual({ ok: false, problem: 'big.pb: profile larger than 32.0 MiB (not read)' });
  });

  it('stops inflating past the decompressed cap (a gzip bomb)', () => {
    const c = new ProfileCollector('bomb.pprof');
    c.push(gzipSync(Buffer.alloc(MAX_PROFILE_BYTES + 1024)));
    expect(c.finish()).toEqual({ ok: false, problem: 'bomb.pprof: profile larger than 32.0 MiB once decompressed (not read)' });
  });

  it('names corrupt gzip data', () => {
    const c = new ProfileCollector('cpu.pprof');
    c.push(bytesOf('cpu-').subarray(0, 600));
    expect(c.finish()).toMatchObject({ ok: false, problem: expect.stringMatching(/^cpu\.pprof: corrupt gzip data \(/) });
  });
});
