import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzip, tarBuffer, zipBuffer } from './__fixtures__/build';
import { collect, paths } from './__fixtures__/collect';
import { BundleError } from './errors';
import { walkBundle } from './walk';

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'rootline-dir-test-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const APP = '2026-11-22 02:55:30.123 INFO  [main] com.example.App - started\n';
const MTIME = new Date(Date.UTC(2026, 10, 22, 3, 0, 0));

function hasMkfifo(): boolean {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('directory bundles', () => {
  let root: string;
  let server: Server;
  beforeAll(async () => {
    root = join(base, 'incident');
    await mkdir(join(root, 'logs', 'b'), { recursive: true });
    await writeFile(join(root, 'logs', 'app.log'), APP);
    await utimes(join(root, 'logs', 'app.log'), MTIME, MTIME);
    await writeFile(join(root, 'logs', 'app.log.1.gz'), gzip('rotated\n'));
    await writeFile(join(root, 'logs', 'b', 'inner.log'), 'inner\n');
    await writeFile(join(base, 'secret.txt'), 'outside the bundle\n');
    await symlink('/etc/passwd', join(root, 'logs', 'passwd'));
    await symlink('../../secret.txt', join(root, 'logs', 'secret'));
    await symlink('app.log', join(root, 'logs', 'current'));
    await symlink('b', join(root, 'logs', 'b-link'));
    await symlink('/nonexistent/gone.log', join(root, 'logs', 'dangling'));
    await symlink('..', join(root, 'up'));
    server = createServer();
    await new Promise<void>((r) => server.listen(join(root, 'logs', 'sock'), r));
    if (hasMkfifo()) execFileSync('mkfifo', [join(root, 'logs', 'fifo')]);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('delivers regular files in name order, decompresses .gz, and refuses links, sockets and FIFOs', async () => {
    const { got, result } = await collect(root);
    expect(result.kind).toBe('directory');
    expect(paths(got)).toEqual(['logs/app.log', 'logs/app.log.1.gz', 'logs/b/inner.log']);
    expect(got[0]).toMatchObject({ size: APP.length, mtime: MTIME.getTime(), compressed: null, text: APP, diskPath: join(root, 'logs', 'app.log') });
    expect(got[1]).toMatchObject({ size: null, compressed: 'gzip', text: 'rotated\n', diskPath: null });
    const refused = Object.fromEntries(result.refused.map((r) => [r.path, r.reason]));
    expect(refused).toMatchObject({
      'logs/passwd': 'symbolic link to "/etc/passwd", outside the bundle (not followed)',
      'logs/secret': 'symbolic link to "../../secret.txt", outside the bundle (not followed)',
      'logs/current': 'symbolic link (not followed)',
      'logs/b-link': 'symbolic link (not followed)',
      'logs/dangling': 'symbolic link to "/nonexistent/gone.log", outside the bundle (not followed)',
      'logs/sock': 'not a regular file (socket)',
      up: 'symbolic link to "..", outside the bundle (not followed)',
    });
    if (hasMkfifo()) expect(refused['logs/fifo']).toBe('not a regular file (FIFO)');
    expect(result.refused).toHaveLength(hasMkfifo() ? 8 : 7);
    expect(result).toMatchObject({ entries: 3, stopped: null });
  });

  it('a bundle path that is itself a symlink to a directory is walked (the user chose it)', async () => {
    const alias = join(base, 'alias');
    await symlink(root, alias);
    const { got } = await collect(alias);
    expect(paths(got)).toEqual(['logs/app.log', 'logs/app.log.1.gz', 'logs/b/inner.log']);
  });
});

describe('directory bundles: archives and broken members', () => {
  it('walks archives inside the folder in place and keeps going past broken ones', async () => {
    const root = join(base, 'mixed');
    await mkdir(root, { recursive: true });
    const zip = await zipBuffer([{ name: 'app.log', data: APP }]);
    await writeFile(join(root, 'a-host.zip'), zip);
    await writeFile(join(root, 'b-broken.zip'), zip.subarray(0, 40));
    const gz = gzip('line one\nline two\nline three\n'.repeat(200));
    await writeFile(join(root, 'c-cut.log.gz'), gz.subarray(0, gz.length - 10));
    await writeFile(join(root, 'd-host.tar'), tarBuffer([{ path: 'gc.log', body: 'gc\n' }]));
    await writeFile(join(root, 'e-last.log'), 'last\n');
    const { got, result } = await collect(root);
    expect(paths(got)).toEqual(['a-host.zip!/app.log', 'c-cut.log.gz', 'd-host.tar!/gc.log', 'e-last.log']);
    expect(got.map((g) => g.diskPath)).toEqual([null, null, null, join(root, 'e-last.log')]);
    expect(got[1]!.error).toBe('c-cut.log.gz: truncated gzip data (unexpected end of file)');
    expect(got[3]).toMatchObject({ text: 'last\n', error: null });
    expect(result.refused).toEqual([{ path: 'b-broken.zip', reason: 'not a valid zip archive (end of central directory not found)' }]);
    expect(result.problems).toEqual([{ path: 'c-cut.log.gz', reason: 'truncated gzip data (unexpected end of file)' }]);
  });
});

describe('single-file bundles', () => {
  it('a plain file is one entry named after it', async () => {
    const f = join(base, 'app.log');
    await writeFile(f, APP);
    const { got, result } = await collect(f);
    expect(result.kind).toBe('file');
    expect(got).toMatchObject([{ path: 'app.log', size: APP.length, compressed: null, text: APP, diskPath: f }]);
  });

  it('a .gz file is decompressed and keeps its name', async () => {
    const f = join(base, 'app.log.2.gz');
    await writeFile(f, gzip(APP));
    const { got, result } = await collect(f);
    expect(result.kind).toBe('file');
    expect(got).toMatchObject([{ path: 'app.log.2.gz', size: null, compressed: 'gzip', text: APP }]);
  });

  it('content decides: a tar.gz named .gz is walked as a tar, a zip without .zip as a zip', async () => {
    const t = join(base, 'bundle.gz');
    await writeFile(t, gzip(tarBuffer([{ path: 'x.log', body: 'x\n' }])));
    const z = join(base, 'bundle.bin');
    await writeFile(z, await zipBuffer([{ name: 'y.log', data: 'y\n' }]));
    const a = await collect(t);
    const b = await collect(z);
    expect([a.result.kind, paths(a.got)]).toEqual(['tar', ['x.log']]);
    expect([b.result.kind, paths(b.got)]).toEqual(['zip', ['y.log']]);
  });

  it('an empty file is one empty entry', async () => {
    const f = join(base, 'empty.log');
    await writeFile(f, '');
    const { got } = await collect(f);
    expect(got).toMatchObject([{ path: 'empty.log', size: 0, bytes: 0, error: null }]);
  });
});

describe('bundle paths that cannot be read', () => {
  it('a missing path is a BundleError (not-found) naming it', async () => {
    const p = join(base, 'no-such-bundle');
    const err = await walkBundle(p, async () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expect(err).toMatchObject({ name: 'BundleError', code: 'not-found', path: p, message: `${p}: no such file or directory` });
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable directory is a BundleError (unreadable)', async () => {
    const p = join(base, 'locked');
    await mkdir(p);
    await chmod(p, 0o000);
    try {
      const err = await walkBundle(p, async () => {}).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'unreadable', message: `${p}: permission denied` });
    } finally {
      await chmod(p, 0o755);
    }
  });
});
