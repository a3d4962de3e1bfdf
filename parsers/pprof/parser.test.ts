import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isAppFunction, looksLikeProfileHead, profileNameHint, ProfileError, scanProfileWire, summarizeProfile } from '.';

const DIR = new URL('./__fixtures__/', import.meta.url).pathname;
const file = (prefix: string) => readdirSync(DIR).find((f) => f.startsWith(prefix))!;
const bare = (name: string) => {
  const b = readFileSync(DIR + name);
  return b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b) : b;
};
const read = (prefix: string) => summarizeProfile(bare(file(prefix)), file(prefix));

describe('summarizeProfile on real Go 1.19 profiles (parsers/pprof/__fixtures__, made by make-fixtures.sh)', () => {
  it('CPU: kind, time, duration, totals, and the spinning function as the hottest application frame', () => {
    const p = read('cpu-');
    expect(p).toMatchObject({ kind: 'cpu', capturedAt: Date.parse('2026-12-07T15:43:27.811Z'), defaultType: 'cpu', periodType: 'cpu', periodUnit: 'nanoseconds', period: 10_000_000 });
    expect(p.durationMs).toBeCloseTo(5098.53, 1);
    expect(p.sampleTypes).toEqual([
      { type: 'samples', unit: 'count', total: 133 },
      { type: 'cpu', unit: 'nanoseconds', total: 1_330_000_000 },
    ]);
    expect(p.program).toMatch(/\/profiled$/);
    expect(p.hottest).toMatchObject({ name: 'main.normalizeTokens' });
    expect(p.hottest!.share).toBeCloseTo(1260 / 1330, 3);
    const cpu = p.functions.filter((f) => f.sampleType === 'cpu');
    // go tool pprof -top: memeqbody 250ms flat (18.80 %), main.normalizeTokens 50ms flat, 1260ms cum (94.74 %)
    expect(cpu[0]).toMatchObject({ rank: 1, name: 'memeqbody', flat: 250_000_000, isApp: false });
    const spin = cpu.find((f) => f.name === 'main.normalizeTokens')!;
    expect(spin).toMatchObject({ flat: 50_000_000, cum: 1_260_000_000, app: 1_260_000_000, isApp: true });
    expect(spin.cumShare).toBeCloseTo(0.9474, 4);
    expect(cpu.find((f) => f.name === 'strings.ToLower')).toMatchObject({ flat: 100_000_000, cum: 790_000_000, app: 0, isApp: false });
    expect(p.functions.map((f) => f.row)).toEqual(p.functions.map((_, i) => i + 1));
  });

  it('heap: four sample types, inuse_space by default, the handler allocating most', () => {
    const p = read('heap-');
    expect(p.kind).toBe('heap');
    expect(p.sampleTypes.map((t) => `${t.type}/${t.unit}`)).toEqual(['alloc_objects/count', 'alloc_space/bytes', 'inuse_objects/count', 'inuse_space/bytes']);
    expect(p.defaultType).toBe('inuse_space');
    expect(p.durationMs).toBeNull();
    const inuse = p.functions.filter((f) => f.sampleType === 'inuse_space');
    expect(inuse[0]).toMatchObject({ name: 'main.main.func3', rank: 1 });
    expect(inuse[0]!.flatShare).toBeCloseTo(0.4427, 3);
  });

  it('goroutine, mutex and block profiles', () => {
    const g = read('goroutine-');
    expect(g).toMatchObject({ kind: 'goroutine', defaultType: 'goroutine', sampleTypes: [{ type: 'goroutine', unit: 'count', total: 8 }] });
    const m = read('mutex-');
    expect(m.kind).toBe('mutex');
    expect(m.functions.find((f) => f.sampleType === 'delay' && f.rank === 1)).toMatchObject({ name: 'sync.(*Mutex).Unlock', flatShare: 1 });
    expect(m.hottest).toMatchObject({ name: 'main.(*store).put' });
    const b = read('block-');
    expect(b.kind).toBe('block');
    expect(b.functions.find((f) => f.sampleType === 'delay' && f.rank === 1)).toMatchObject({ name: 'runtime.chanrecv2' });
  });

  it('tells mutex from block by the leaf frames when the name does not say', () => {
    expect(summarizeProfile(bare(file('mutex-')), 'contention.pb').kind).toBe('mutex');
    expect(summarizeProfile(bare(file('block-')), 'contention.pb').kind).toBe('block');
  });

  it('refuses a truncated profile, naming where it breaks', () => {
    expect(() => summarizeProfile(readFileSync(DIR + 'truncated-cpu.pb'))).toThrow(ProfileError);
    expect(() => summarizeProfile(readFileSync(DIR + 'truncated-cpu.pb'))).toThrow('truncated (field 4 at byte 1493 needs 16 bytes, 5 are left)');
  });

  it('refuses what is not a profile: text, gzip bytes, random bytes, empty input', () => {
    expect(() => summarizeProfile(Buffer.from('goroutine 1 [running]:\nmain.main()\n'))).toThrow(/not a pprof profile/);
    expect(() => summarizeProfile(readFileSync(DIR + file('cpu-')))).toThrow(/not a pprof profile/);
    expect(() => summarizeProfile(Buffer.from([0x0a, 0x02, 0x08]))).toThrow(/truncated/);
    expect(() => summarizeProfile(Buffer.alloc(0))).toThrow(/no sample type/);
  });

  it('refuses a profile with more functions than it reads, before decoding it', () => {
    // The CPU profile's own function messages (field 5) repeated past the bound.
    const b = bare(file('cpu-'));
    const fn = Buffer.from([0x2a, 0x00]); // field 5, empty message
    const many = Buffer.concat([b, ...Array.from({ length: 500_001 }, () => fn)]);
    expect(() => summarizeProfile(many)).toThrow('too large: 500070 functions (at most 500,000 are read)');
  });
});

describe('recognising profiles', () => {
  it('by name, as a hint', () => {
    for (const n of ['cpu.pb.gz', 'x/heap.pprof', 'mutex.prof', 'block.pb', 'pprof.api-server.samples.cpu.001.pb.gz']) expect(profileNameHint(n), n).toBe(true);
    for (const n of ['app.log', 'profile.txt', 'schema.proto', 'pb.txt']) expect(profileNameHint(n), n).toBe(false);
  });

  it('by the first bytes: top-level fields of profile.proto, also cut short', () => {
    const b = bare(file('cpu-'));
    expect(looksLikeProfileHead(b.subarray(0, 300), false)).toBe(true);
    expect(looksLikeProfileHead(bare(file('heap-')), true)).toBe(true);
    expect(looksLikeProfileHead(Buffer.from('2026-12-07 15:43:25 INFO started\n'), false)).toBe(false);
    expect(looksLikeProfileHead(gzipSync(b), false)).toBe(false);
    expect(scanProfileWire(b, true)).toMatchObject({ ok: true, counts: { sampleTypes: 2, samples: 89, locations: 149, functions: 69, mappings: 3 } });
  });

  it('application frames: the program, not Go runtime or standard library, JDK or Node internals', () => {
    expect(isAppFunction('main.normalizeTokens', '/src/main.go')).toBe(true);
    expect(isAppFunction('github.com/acme/api.(*Server).serve', 'x.go')).toBe(true);
    expect(isAppFunction('runtime.mallocgc', '/usr/lib/go-1.19/src/runtime/malloc.go')).toBe(false);
    expect(isAppFunction('net/http.(*conn).serve', null)).toBe(false);
    expect(isAppFunction('memeqbody', null)).toBe(false);
    expect(isAppFunction('java.lang.Thread.run', 'Thread.java')).toBe(false);
    expect(isAppFunction('com.acme.Spin.loop', 'Spin.java')).toBe(true);
    expect(isAppFunction('(garbage collector)', '')).toBe(false);
  });
});
