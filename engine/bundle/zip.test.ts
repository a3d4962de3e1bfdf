import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipBuffer, zipDataOffset } from './__fixtures__/build';
import { collect, paths } from './__fixtures__/collect';
import { buildEvilZip, EVIL_ZIP } from './__fixtures__/make-evil-zip';
import { BundleError } from './errors';
import { REASON } from './safe-path';
import { walkBundle } from './walk';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rootline-zip-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(name: string, data: Buffer): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, data);
  return p;
}

const EXPECTED_REFUSED = [
  { path: '../evil', reason: REASON.parent },
  { path: '/etc/evil', reason: REASON.absolute },
  { path: 'logs/passwd', reason: 'symbolic link to "/etc/passwd", outside the bundle (not followed)' },
];

describe('zip: zip-slip attacks', () => {
  it('delivers the two logs and refuses exactly the three attacks, each with its own reason', async () => {
    const file = await put('evil.zip', await buildEvilZip());
    const { got, result } = await collect(file);
    expect(result.kind).toBe('zip');
    expect(paths(got)).toEqual(['logs/app.log', 'logs/pool.log']);
    expect(got[0]).toMatchObject({ size: 1390, bytes: 1390, error: null, mtime: Date.UTC(2026, 10, 22, 2, 55, 30) });
    expect(got[0]!.text).toContain('HikariPool');
    expect(got[1]).toMatchObject({ size: 1321, bytes: 1321, error: null });
    expect(result.refused).toEqual(EXPECTED_REFUSED);
    expect(new Set(result.refused.map((r) => r.reason)).size).toBe(3);
    expect(result.problems).toEqual([]);
    expect(result.entries).toBe(2);
    expect(result.bytes).toBe(1390 + 1321);
    expect(result.stopped).toBeNull();
  });

  it('the committed evil.zip fixture walks the same way as a freshly built one', async () => {
    const { got, result } = await collect(EVIL_ZIP);
    expect(paths(got)).toEqual(['logs/app.log', 'logs/pool.log']);
    expect(result.refused).toEqual(EXPECTED_REFUSED);
  });

  it('refuses Windows-style attacks: backslash climbs, drive letters, UNC paths', async () => {
    const file = await put(
      'win.zip',
      await zipBuffer([
        { name: '..\\evil.txt', data: 'x' },
        { name: 'C:\\Windows\\evil.txt', data: 'x' },
        { name: '\\\\server\\share\\evil', data: 'x' },
        { name: 'logs\\ok.log', data: 'fine\n' },
      ]),
    );
    const { got, result } = await collect(file);
    expect(paths(got)).toEqual(['logs/ok.log']);
    expect(result.refused).toEqual([
      { path: '..\\evil.txt', reason: REASON.parent },
      { path: 'C:\\Windows\\evil.txt', reason: REASON.drive },
      { path: '\\\\server\\share\\evil', reason: REASON.absolute },
    ]);
  });

  it('refuses a symlink to a file inside the archive (not followed), a FIFO, and a directory that carries data', async () => {
    const file = await put(
      'links.zip',
      await zipBuffer([
        { name: 'logs/app.log', data: 'a\n' },
        { name: 'logs/current', data: 'app.log', mode: 0o120777 },
        { name: 'logs/fifo', data: '', mode: 0o010644 },
        { name: 'logs/hidden', data: 'data behind a directory mode\n', mode: 0o040755 },
      ]),
    );
    const { got, result } = await collect(file);
    expect(paths(got)).toEqual(['logs/app.log']);
    expect(result.refused).toEqual([
      { path: 'logs/current', reason: 'symbolic link (not followed)' },
      { path: 'logs/fifo', reason: 'not a regular file (FIFO)' },
      { path: 'logs/hidden', reason: 'directory entry with data (not read)' },
    ]);
  });
});

describe('zip: ordinary content', () => {
  it('skips directory entries, reads stored and deflated entries, decompresses .gz members', async () => {
    const { gzipSync } = await import('node:zlib');
    const file = await put(
      'plain.zip',
      await zipBuffer([
        { name: 'logs/', data: '' },
        { name: 'logs/stored.log', data: 'stored line\n', compress: false },
        { name: 'logs/deflated.log', data: 'deflated line\n'.repeat(1000) },
        { name: 'logs/app.log.1.gz', data: gzipSync('rotated line\n') },
      ]),
    );
    const { got, result } = await collect(file);
    expect(got.map((g) => [g.path, g.bytes, g.compressed, g.size])).toEqual([
      ['logs/stored.log', 12, null, 12],
      ['logs/deflated.log', 14000, null, 14000],
      ['logs/app.log.1.gz', 13, 'gzip', null],
    ]);
    expect(got[2]!.text).toBe('rotated line\n');
    expect(result.refused).toEqual([]);
  });

  it('a repeated name is delivered once; the second copy is listed against the delivered one', async () => {
    const file = await put(
      'dup.zip',
      await zipBuffer([
        { name: 'a.log', data: 'first\n' },
        { name: 'a.log', data: 'second\n' },
      ]),
    );
    const { got, result } = await collect(file);
    expect(got.map((g) => g.text)).toEqual(['first\n']);
    expect(result.refused).toEqual([]);
    expect(result.problems).toEqual([{ path: 'a.log', reason: 'duplicate path (an earlier entry with this path was read)' }]);
  });
});

describe('zip: corrupt archives', () => {
  it('a truncated zip bundle is a BundleError naming the file and the problem', async () => {
    const whole = await buildEvilZip();
    const file = await put('logs.zip', whole.subarray(0, Math.floor(whole.length / 2)));
    const err = await walkBundle(file, async () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).code).toBe('corrupt');
    expect((err as BundleError).message).toBe('logs.zip: not a valid zip archive (end of central directory not found)');
  });

  it('damaged deflate data fails that entry with a clear error; the other entries are still read', async () => {
    const good = 'good line\n'.repeat(50);
    const zip = await zipBuffer([
      { name: 'a.log', data: 'first entry '.repeat(200) },
      { name: 'b.log', data: good },
    ]);
    // scribble over a.log's compressed data
    const at = zipDataOffset(zip, 'a.log');
    zip.fill(0xff, at, at + 8);
    const file = await put('damaged.zip', zip);
    const { got, result } = await collect(file);
    expect(paths(got)).toEqual(['a.log', 'b.log']);
    expect(got[0]!.error).toMatch(/^a\.log: corrupt zip entry/);
    expect(got[1]).toMatchObject({ text: good, error: null });
    expect(result.refused).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.path).toBe('a.log');
    expect(result.problems[0]!.reason).toMatch(/^corrupt zip entry/);
  });

  it('an unsupported compression method is refused with its number', async () => {
    const zip = await zipBuffer([{ name: 'x.log', data: 'x'.repeat(100) }]);
    // compression method lives at offset 8 of the local header and 10 of the central directory header
    zip.writeUInt16LE(12, 8);
    const cd = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt16LE(12, cd + 10);
    const file = await put('bzip2.zip', zip);
    const { got, result } = await collect(file);
    expect(got).toEqual([]);
    expect(result.refused).toEqual([{ path: 'x.log', reason: 'unsupported zip compression method 12' }]);
  });

  it('an encrypted entry is refused; the others are read', async () => {
    const zip = await zipBuffer([
      { name: 'secret.log', data: 'hidden\n' },
      { name: 'open.log', data: 'visible\n' },
    ]);
    // bit 0 of the general purpose flags marks encryption: local header offset 6, central directory offset 8
    zip.writeUInt16LE(zip.readUInt16LE(6) | 1, 6);
    const cd = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt16LE(zip.readUInt16LE(cd + 8) | 1, cd + 8);
    const file = await put('crypt.zip', zip);
    const { got, result } = await collect(file);
    expect(got.map((g) => [g.path, g.text])).toEqual([['open.log', 'visible\n']]);
    expect(result.refused).toEqual([{ path: 'secret.log', reason: 'encrypted zip entry (not supported)' }]);
  });

  it('a central directory that breaks off keeps the entries before it and names the problem', async () => {
    const zip = await zipBuffer([
      { name: 'one.log', data: '1\n' },
      { name: 'two.log', data: '2\n' },
      { name: 'three.log', data: '3\n' },
    ]);
    const sig = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
    const second = zip.indexOf(sig, zip.indexOf(sig) + 4);
    zip.writeUInt32LE(0xdeadbeef, second);
    const file = await put('broken-cd.zip', zip);
    const { got, result } = await collect(file);
    expect(got.map((g) => [g.path, g.text])).toEqual([['one.log', '1\n']]);
    expect(result.refused).toEqual([
      {
        path: 'broken-cd.zip',
        reason: 'corrupt zip archive (invalid central directory file header signature: 0xdeadbeef); entries after this point were not read',
      },
    ]);
  });
});
