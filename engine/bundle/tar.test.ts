import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_TIME, gzip, tarBuffer, zipBuffer } from './__fixtures__/build';
import { collect, paths } from './__fixtures__/collect';
import { BundleError } from './errors';
import { REASON } from './safe-path';
import { walkBundle } from './walk';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rootline-tar-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(name: string, data: Buffer): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, data);
  return p;
}

const APP = '2026-11-22 02:55:30.123 INFO  [main] com.example.App - started\n';
const GC = '[2026-11-22T02:55:31.000+0000][gc] GC(0) Pause Young (Normal) 24M->4M(256M) 3.210ms\n';

describe('tar.gz: the same attacks', () => {
  it('delivers the logs and refuses ../, absolute, and links leading outside, each with its own reason', async () => {
    const file = await put(
      'evil.tar.gz',
      gzip(
        tarBuffer([
          { path: 'logs/app.log', body: APP },
          { path: '../evil', body: 'evil\n' },
          { path: '/etc/evil', body: 'evil\n' },
          { path: 'logs/passwd', type: 'SymbolicLink', linkpath: '/etc/passwd' },
          { path: 'logs/shadow', type: 'Link', linkpath: '../../etc/shadow' },
          { path: 'logs/gc.log', body: GC },
        ]),
      ),
    );
    const { got, result } = await collect(file);
    expect(result.kind).toBe('tar');
    expect(paths(got)).toEqual(['logs/app.log', 'logs/gc.log']);
    expect(got.map((g) => g.text)).toEqual([APP, GC]);
    expect(got[0]).toMatchObject({ size: APP.length, mtime: FIXED_TIME.getTime(), compressed: null });
    expect(result.refused).toEqual([
      { path: '../evil', reason: REASON.parent },
      { path: '/etc/evil', reason: REASON.absolute },
      { path: 'logs/passwd', reason: 'symbolic link to "/etc/passwd", outside the bundle (not followed)' },
      { path: 'logs/shadow', reason: 'hard link to "../../etc/shadow", outside the bundle (not followed)' },
    ]);
    expect(result).toMatchObject({ entries: 2, bytes: APP.length + GC.length, stopped: null });
  });

  it('refuses links inside the archive, devices and FIFOs; skips directories', async () => {
    const file = await put(
      'odd.tar',
      tarBuffer([
        { path: 'logs/', type: 'Directory' },
        { path: 'logs/app.log', body: APP },
        { path: 'logs/current', type: 'SymbolicLink', linkpath: 'app.log' },
        { path: 'logs/again', type: 'Link', linkpath: 'logs/app.log' },
        { path: 'dev/null', type: 'CharacterDevice' },
        { path: 'dev/sda', type: 'BlockDevice' },
        { path: 'run/pipe', type: 'FIFO' },
      ]),
    );
    const { got, result } = await collect(file);
    expect(paths(got)).toEqual(['logs/app.log']);
    expect(result.refused).toEqual([
      { path: 'logs/current', reason: 'symbolic link (not followed)' },
      { path: 'logs/again', reason: 'hard link to "logs/app.log" (not followed; that entry is read on its own)' },
      { path: 'dev/null', reason: 'not a regular file (character device)' },
      { path: 'dev/sda', reason: 'not a regular file (block device)' },
      { path: 'run/pipe', reason: 'not a regular file (FIFO)' },
    ]);
  });
});

describe('tar.gz: members', () => {
  it('decompresses .gz members and keeps their path', async () => {
    const rotated = 'rotated line 1\nrotated line 2\n';
    const file = await put(
      'rot.tgz',
      gzip(
        tarBuffer([
          { path: './logs/app.log', body: APP },
          { path: './logs/app.log.1.gz', body: gzip(rotated) },
        ]),
      ),
    );
    const { got, result } = await collect(file);
    expect(got.map((g) => [g.path, g.compressed, g.size, g.text])).toEqual([
      ['logs/app.log', null, APP.length, APP],
      ['logs/app.log.1.gz', 'gzip', null, rotated],
    ]);
    expect(result.refused).toEqual([]);
  });

  it('walks a zip nested in a tar.gz (spooled to a temp file that is removed afterwards)', async () => {
    const inner = await zipBuffer([
      { name: 'logs/app.log', data: APP },
      { name: 'logs/gc.log.0.gz', data: gzip(GC) },
    ]);
    const outer = gzip(tarBuffer([{ path: 'inner.zip', body: inner }, { path: 'notes.txt', body: 'n\n' }]));
    const bundle = join(dir, 'nested');
    await rm(bundle, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(bundle));
    await writeFile(join(bundle, 'outer.tar.gz'), outer);
    const spoolDir = await mkdtemp(join(tmpdir(), 'rootline-spool-'));
    try {
      const { got, result } = await collect(bundle, { tempDir: spoolDir });
      expect(got.map((g) => [g.path, g.compressed, g.text])).toEqual([
        ['outer.tar.gz!/inner.zip!/logs/app.log', null, APP],
        ['outer.tar.gz!/inner.zip!/logs/gc.log.0.gz', 'gzip', GC],
        ['outer.tar.gz!/notes.txt', null, 'n\n'],
      ]);
      expect(result).toMatchObject({ kind: 'directory', refused: [], entries: 3 });
      expect(await readdir(spoolDir)).toEqual([]);
    } finally {
      await rm(spoolDir, { recursive: true, force: true });
    }
  });

  it('opens archives nested up to 3 levels and refuses the 4th', async () => {
    const l4 = tarBuffer([{ path: 'deep.log', body: 'deep\n' }]);
    const l3 = tarBuffer([{ path: 'l4.tar', body: l4 }, { path: 'l3.log', body: 'three\n' }]);
    const l2 = await zipBuffer([{ name: 'l3.tar', data: l3 }]);
    const l1 = gzip(tarBuffer([{ path: 'l2.zip', body: l2 }]));
    const bundle = join(dir, 'deep');
    await import('node:fs/promises').then((fs) => fs.mkdir(bundle, { recursive: true }));
    await writeFile(join(bundle, 'l1.tgz'), l1);
    const { got, result } = await collect(bundle);
    expect(paths(got)).toEqual(['l1.tgz!/l2.zip!/l3.tar!/l3.log']);
    expect(result.refused).toEqual([{ path: 'l1.tgz!/l2.zip!/l3.tar!/l4.tar', reason: 'archive nested more than 3 levels deep (not opened)' }]);
  });
});

describe('tar: corrupt archives', () => {
  it('a truncated tar.gz keeps what came before and names the problem', async () => {
    const big = 'x'.repeat(200_000);
    const whole = gzip(
      tarBuffer([
        { path: 'first.log', body: APP },
        { path: 'second.log', body: big },
        { path: 'third.log', body: GC },
      ]),
    );
    const file = await put('cut.tar.gz', whole.subarray(0, whole.length - 200));
    const { got, result } = await collect(file);
    expect(paths(got)).toEqual(['first.log', 'second.log']);
    expect(got[0]).toMatchObject({ path: 'first.log', text: APP, error: null });
    expect(got[1]!.error).toMatch(/^second\.log: truncated \(the archive ends \d+ bytes before this entry does\)$/);
    expect(result.problems.map((r) => r.path)).toEqual(['second.log']);
    expect(result.refused.map((r) => r.path)).toEqual(['cut.tar.gz']);
    expect(result.refused[0]!.reason).toMatch(/^truncated gzip data \(unexpected end of file\); .*entries after this point were not read$/);
  });

  it('a tar cut inside an entry fails that entry as truncated', async () => {
    const t = tarBuffer([
      { path: 'first.log', body: APP },
      { path: 'second.log', body: 'y'.repeat(5000) },
    ]);
    const file = await put('cut.tar', t.subarray(0, 512 + 512 + 512 + 1024));
    const { got, result } = await collect(file);
    expect(paths(got)).toEqual(['first.log', 'second.log']);
    expect(got[1]!.error).toMatch(/^second\.log: truncated \(the archive ends \d+ bytes before this entry does\)$/);
    expect(result.problems).toEqual([{ path: 'second.log', reason: expect.stringMatching(/^truncated \(the archive ends/) }]);
    expect(result.refused.map((r) => r.path)).toEqual(['cut.tar']);
    expect(result.refused[0]!.reason).toMatch(/^truncated tar archive/);
  });

  it('a file that is not gzip data under a .tar.gz name is a BundleError', async () => {
    const file = await put('broken.tar.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(40, 0xee)]));
    const err = await walkBundle(file, async () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).message).toMatch(/^broken\.tar\.gz: (corrupt|truncated) gzip data/);
  });

  it('garbage under a .tar name is a BundleError saying it is not a tar archive', async () => {
    const file = await put('junk.tar', Buffer.from('this is not a tar archive at all\n'.repeat(40)));
    const err = await walkBundle(file, async () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).message).toMatch(/^junk\.tar: .*not a valid tar archive/);
  });

  it('a tar without its end-of-archive blocks is read, and flagged as possibly truncated', async () => {
    const file = await put('noeof.tar', tarBuffer([{ path: 'a.log', body: APP }], { eof: false }));
    const { got, result } = await collect(file);
    expect(paths(got)).toEqual(['a.log']);
    expect(result.refused).toEqual([
      { path: 'noeof.tar', reason: 'tar archive has no end-of-archive marker (it may be truncated); entries after this point were not read' },
    ]);
  });
});
