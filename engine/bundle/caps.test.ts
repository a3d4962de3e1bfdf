import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzip, tarBuffer, writeGzipZeros, zipBuffer } from './__fixtures__/build';
import { collect, paths } from './__fixtures__/collect';
import { DEFAULT_LIMITS } from './types';

const MiB = 1024 * 1024;
let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'rootline-caps-test-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const RATIO = /^stopped after (\d+\.\d) MiB: compression ratio above 200:1 \(possible decompression bomb\)$/;

describe('decompression bombs (default limits)', () => {
  it('stops a 300 MiB gzip of zeros by the ratio cap and still delivers its sibling', async () => {
    const root = join(base, 'bomb');
    await mkdir(join(root, 'logs'), { recursive: true });
    await writeGzipZeros(join(root, 'logs', 'a-bomb.log.gz'), 300 * MiB);
    await writeFile(join(root, 'logs', 'b-app.log'), 'still here\n');
    const { got, result } = await collect(root);
    expect(paths(got)).toEqual(['logs/a-bomb.log.gz', 'logs/b-app.log']);
    const bomb = got[0]!;
    expect(bomb.error).toMatch(/^logs\/a-bomb\.log\.gz: stopped after \d+\.\d MiB: compression ratio above 200:1 \(possible decompression bomb\)$/);
    expect(bomb.bytes).toBeGreaterThan(DEFAULT_LIMITS.ratioMinBytes - 1 * MiB);
    expect(bomb.bytes).toBeLessThan(300 * MiB);
    expect(got[1]).toMatchObject({ text: 'still here\n', error: null });
    expect(result.refused).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.path).toBe('logs/a-bomb.log.gz');
    const m = RATIO.exec(result.problems[0]!.reason);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(64);
    expect(result.stopped).toBeNull();
  });
});

describe('decompression bombs (lowered limits)', () => {
  const limits = { ratioMinBytes: 1 * MiB, maxRatio: 200 };
  const zeros = Buffer.alloc(16 * MiB);

  it('stops a deflated zip entry and reads the next one', async () => {
    const f = join(base, 'bomb.zip');
    await writeFile(
      f,
      await zipBuffer([
        { name: 'zeros.log', data: zeros },
        { name: 'after.log', data: 'after\n' },
      ]),
    );
    const { got, result } = await collect(f, { limits });
    expect(paths(got)).toEqual(['zeros.log', 'after.log']);
    expect(got[0]!.error).toMatch(/^zeros\.log: stopped after \d+\.\d MiB: compression ratio above 200:1/);
    expect(got[0]!.bytes).toBeLessThan(16 * MiB);
    expect(got[1]).toMatchObject({ text: 'after\n', error: null });
    expect(result.refused).toEqual([]);
    expect(result.problems.map((r) => r.path)).toEqual(['zeros.log']);
  });

  it('stops a tar.gz member (measured against the compressed bytes it used) and reads the next one', async () => {
    const f = join(base, 'bomb.tgz');
    await writeFile(f, gzip(tarBuffer([{ path: 'zeros.log', body: zeros }, { path: 'after.log', body: 'after\n' }])));
    const { got, result } = await collect(f, { limits });
    expect(paths(got)).toEqual(['zeros.log', 'after.log']);
    expect(got[0]!.error).toMatch(/^zeros\.log: stopped after \d+\.\d MiB: compression ratio above 200:1/);
    expect(got[1]).toMatchObject({ text: 'after\n', error: null });
    expect(result.problems.map((r) => r.path)).toEqual(['zeros.log']);
  });

  it('a plain tar of the same zeros is not a bomb (nothing is compressed)', async () => {
    const f = join(base, 'zeros.tar');
    await writeFile(f, tarBuffer([{ path: 'zeros.log', body: Buffer.alloc(4 * MiB) }]));
    const { got, result } = await collect(f, { limits });
    expect(got).toMatchObject([{ path: 'zeros.log', bytes: 4 * MiB, error: null }]);
    expect(result.refused).toEqual([]);
  });

  it('stops a zip spooled out of a tar.gz when the spool itself inflates too far', async () => {
    const inner = await zipBuffer([{ name: 'x.log', data: zeros, compress: false }]);
    const f = join(base, 'spool-bomb.tgz');
    await writeFile(f, gzip(tarBuffer([{ path: 'inner.zip', body: inner }, { path: 'after.log', body: 'after\n' }])));
    const { got, result } = await collect(f, { limits });
    expect(paths(got)).toEqual(['after.log']);
    expect(result.refused).toHaveLength(1);
    expect(result.refused[0]!.path).toBe('inner.zip');
    expect(result.refused[0]!.reason).toMatch(RATIO);
  });
});

describe('the total cap', () => {
  it('stops the walk, fails the entry in flight and lists everything not read', async () => {
    const root = join(base, 'total');
    await mkdir(root, { recursive: true });
    for (const n of [1, 2, 3, 4, 5]) await writeFile(join(root, `f${n}.log`), Buffer.alloc(100 * 1024, 0x61));
    const { got, result } = await collect(root, { limits: { maxTotalBytes: 250 * 1024 } });
    expect(paths(got)).toEqual(['f1.log', 'f2.log', 'f3.log']);
    expect(got[2]!.error).toBe('f3.log: stopped after 64.0 KiB: the bundle passed the limit of 250.0 KiB of uncompressed data');
    expect(result.problems).toEqual([
      { path: 'f3.log', reason: 'stopped after 64.0 KiB: the bundle passed the limit of 250.0 KiB of uncompressed data' },
    ]);
    expect(result.refused).toEqual([
      { path: 'f4.log', reason: 'not read: the bundle passed the limit of 250.0 KiB of uncompressed data' },
      { path: 'f5.log', reason: 'not read: the bundle passed the limit of 250.0 KiB of uncompressed data' },
    ]);
    expect(result.stopped).toBe(
      'stopped after reading 264.0 KiB: the bundle passed the limit of 250.0 KiB of uncompressed data; not read: f4.log, f5.log (listed as refused)',
    );
    expect(result.entries).toBe(3);
    expect(result.bytes).toBe(200 * 1024 + 0);
  });

  it('in a zip, lists the remaining entries; in a tar, the rest of the archive', async () => {
    const items = [1, 2, 3, 4].map((n) => ({ name: `z${n}.log`, data: Buffer.alloc(100 * 1024, 0x62) }));
    const zf = join(base, 'total.zip');
    await writeFile(zf, await zipBuffer(items));
    const z = await collect(zf, { limits: { maxTotalBytes: 150 * 1024 } });
    expect(paths(z.got)).toEqual(['z1.log', 'z2.log']);
    expect(z.result.problems.map((r) => r.path)).toEqual(['z2.log']);
    expect(z.result.refused.map((r) => r.path)).toEqual(['z3.log', 'z4.log']);
    expect(z.result.stopped).toMatch(/; not read: z3\.log, z4\.log \(listed as refused\)$/);

    const tf = join(base, 'total.tar');
    await writeFile(tf, tarBuffer(items.map((i) => ({ path: i.name, body: i.data }))));
    const t = await collect(tf, { limits: { maxTotalBytes: 150 * 1024 } });
    expect(paths(t.got)).toEqual(['z1.log', 'z2.log']);
    expect(t.result.problems.map((r) => [r.path, r.reason])).toEqual([
      ['z2.log', expect.stringMatching(/^stopped after .*: the bundle passed the limit of 150\.0 KiB of uncompressed data$/)],
    ]);
    expect(t.result.refused).toEqual([
      { path: 'total.tar', reason: 'rest of this archive not read: the bundle passed the limit of 150.0 KiB of uncompressed data' },
    ]);
  });

  it('bytes that are skipped rather than delivered still count: a tar.gz may not inflate past the cap', async () => {
    const f = join(base, 'hidden.tgz');
    await writeFile(f, gzip(tarBuffer([{ path: '../big', body: Buffer.alloc(4 * MiB) }, { path: 'after.log', body: 'a\n' }])));
    const { got, result } = await collect(f, { limits: { maxTotalBytes: 1 * MiB } });
    expect(got).toEqual([]);
    expect(result.stopped).toMatch(/^stopped after reading 0 bytes: hidden\.tgz inflates to more than 1\.0 MiB/);
    expect(result.refused.map((r) => r.path)).toEqual(['../big', 'hidden.tgz']);
  });

  it('the entry cap stops a walk over too many entries', async () => {
    const root = join(base, 'many');
    await mkdir(root, { recursive: true });
    for (let n = 0; n < 10; n++) await writeFile(join(root, `m${n}.log`), 'x\n');
    const { got, result } = await collect(root, { limits: { maxEntries: 4 } });
    expect(got).toHaveLength(4);
    expect(result.stopped).toBe('stopped after reading 8 bytes: the bundle has more than 4 entries');
  });
});
