import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from './__fixtures__/collect';
import { BundleError } from './errors';
import { bundleFingerprint } from './fingerprint';

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'rootline-fp-test-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('bundleFingerprint', () => {
  it('is stable while nothing changes, even after the bundle was walked', async () => {
    const root = join(base, 'stable');
    await mkdir(join(root, 'logs'), { recursive: true });
    await writeFile(join(root, 'logs', 'app.log'), 'a\n');
    const a = await bundleFingerprint(root);
    await collect(root);
    const b = await bundleFingerprint(root);
    expect(a).toMatch(/^[0-9a-f]{40}$/);
    expect(b).toBe(a);
  });

  it('changes when a file in a directory changes, is added or is removed', async () => {
    const root = join(base, 'dir');
    await mkdir(join(root, 'logs'), { recursive: true });
    const f = join(root, 'logs', 'app.log');
    await writeFile(f, 'first\n');
    const v1 = await bundleFingerprint(root);
    await writeFile(f, 'first\nsecond\n');
    const v2 = await bundleFingerprint(root);
    await writeFile(join(root, 'logs', 'new.log'), 'n\n');
    const v3 = await bundleFingerprint(root);
    await rm(join(root, 'logs', 'new.log'));
    const v4 = await bundleFingerprint(root);
    expect(new Set([v1, v2, v3, v4]).size).toBe(4);
  });

  it('notices a same-size rewrite even when the mtime is put back', async () => {
    const f = join(base, 'same-size.log');
    await writeFile(f, 'aaaa\n');
    const { mtime, atime } = await stat(f);
    const before = await bundleFingerprint(f);
    await new Promise((r) => setTimeout(r, 15)); // let the clock move so the new ctime differs
    await writeFile(f, 'bbbb\n');
    await utimes(f, atime, mtime);
    expect(await bundleFingerprint(f)).not.toBe(before);
  });

  it('a missing bundle is a BundleError', async () => {
    const p = join(base, 'gone');
    await expect(bundleFingerprint(p)).rejects.toBeInstanceOf(BundleError);
    await expect(bundleFingerprint(p)).rejects.toMatchObject({ code: 'not-found', message: `${p}: no such file or directory` });
  });
});
