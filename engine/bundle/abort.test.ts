import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzip, tarBuffer, zipBuffer } from './__fixtures__/build';
import { readEntry } from './__fixtures__/collect';
import { walkBundle } from './walk';

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'rootline-abort-test-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const openFds = () => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : -1);

describe('cancellation', () => {
  it('aborting inside visit stops the walk: no further entries, rejects with the signal reason', async () => {
    const f = join(base, 'five.tgz');
    await writeFile(f, gzip(tarBuffer([1, 2, 3, 4, 5].map((n) => ({ path: `f${n}.log`, body: `line ${n}\n` })))));
    const ac = new AbortController();
    const seen: string[] = [];
    const err = await walkBundle(
      f,
      async (e) => {
        seen.push(e.path);
        await readEntry(e);
        if (seen.length === 2) ac.abort();
      },
      { signal: ac.signal },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(['f1.log', 'f2.log']);
  });

  it('aborting while a visitor reads errors its stream and closes the file', async () => {
    const root = join(base, 'big');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'a.log'), Buffer.alloc(4 * 1024 * 1024, 0x61));
    await writeFile(join(root, 'b.log'), 'b\n');
    const before = openFds();
    const ac = new AbortController();
    let readError: string | null = null;
    let chunks = 0;
    const seen: string[] = [];
    const err = await walkBundle(
      root,
      async (e) => {
        seen.push(e.path);
        try {
          for await (const _c of e.stream) {
            if (++chunks === 1) ac.abort(new Error('user cancelled'));
          }
        } catch (x) {
          readError = (x as Error).message;
        }
      },
      { signal: ac.signal },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ message: 'user cancelled' });
    expect(seen).toEqual(['a.log']);
    expect(chunks).toBe(1);
    expect(readError).toBe('user cancelled');
    expect(openFds()).toBe(before);
  });

  it('a signal aborted beforehand rejects without visiting anything', async () => {
    const f = join(base, 'x.log');
    await writeFile(f, 'x\n');
    let visits = 0;
    const err = await walkBundle(f, async () => void visits++, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AbortError' });
    expect(visits).toBe(0);
  });

  it('aborting inside a zip spooled from a tar removes the temp directory', async () => {
    const inner = await zipBuffer([1, 2, 3].map((n) => ({ name: `z${n}.log`, data: `z${n}\n` })));
    const f = join(base, 'nested.tar');
    await writeFile(f, tarBuffer([{ path: 'inner.zip', body: inner }, { path: 'after.log', body: 'a\n' }]));
    const spoolDir = await mkdtemp(join(tmpdir(), 'rootline-abort-spool-'));
    try {
      const ac = new AbortController();
      const seen: string[] = [];
      let spooled: string[] = [];
      const err = await walkBundle(
        f,
        async (e) => {
          seen.push(e.path);
          spooled = await readdir(spoolDir);
          await readEntry(e);
          ac.abort();
        },
        { signal: ac.signal, tempDir: spoolDir },
      ).catch((e: unknown) => e);
      expect(err).toMatchObject({ name: 'AbortError' });
      expect(seen).toEqual(['inner.zip!/z1.log']);
      expect(spooled).toHaveLength(1); // the walk's own temp dir existed while it ran...
      expect(await readdir(spoolDir)).toEqual([]); // ...and is gone
    } finally {
      await rm(spoolDir, { recursive: true, force: true });
    }
  });

  it('an error thrown by visit ends the walk with that error, after cleaning up', async () => {
    const f = join(base, 'two.zip');
    await writeFile(f, await zipBuffer([{ name: 'a.log', data: 'a\n' }, { name: 'b.log', data: 'b\n' }]));
    const before = openFds();
    const seen: string[] = [];
    const err = await walkBundle(f, async (e) => {
      seen.push(e.path);
      throw new Error('store is full');
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ message: 'store is full' });
    expect(seen).toEqual(['a.log']);
    expect(openFds()).toBe(before);
  });
});

describe('visitors that do not read everything', () => {
  it('entries left unread or half-read are closed or drained, and the walk goes on', async () => {
    const big = Buffer.alloc(512 * 1024, 0x61);
    const items = [1, 2, 3, 4].map((n) => ({ path: `f${n}.log`, body: big }));
    const root = join(base, 'lazy');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'a.tgz'), gzip(tarBuffer(items)));
    await writeFile(join(root, 'b.zip'), await zipBuffer(items.map((i) => ({ name: i.path, data: i.body }))));
    await writeFile(join(root, 'c.tar'), tarBuffer(items));
    for (const i of items) await writeFile(join(root, i.path), i.body);
    const before = openFds();
    const seen: string[] = [];
    const result = await walkBundle(root, async (e) => {
      seen.push(e.path);
      if (seen.length % 2 === 0) return; // never touch the stream
      for await (const _c of e.stream) break; // read one chunk, then give up
    });
    expect(seen).toHaveLength(16);
    expect(seen.filter((p) => p.startsWith('c.tar!/'))).toEqual(['c.tar!/f1.log', 'c.tar!/f2.log', 'c.tar!/f3.log', 'c.tar!/f4.log']);
    expect(result).toMatchObject({ entries: 16, refused: [], problems: [] });
    expect(openFds()).toBe(before);
  });
});
