/**
 * Test-only builders for archives, including malicious ones: yazl for zips (names it refuses to
 * write are written under a same-length placeholder and patched afterwards), hand-built ustar
 * headers (node-tar's Header) for tars, zlib for gzip.
 */
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { Header, type HeaderData } from 'tar';

/** The part of yazl's API the tests use (the package ships no types). */
interface YazlZipFile {
  outputStream: NodeJS.ReadableStream;
  addBuffer(data: Buffer, name: string, opts?: { mtime?: Date; mode?: number; compress?: boolean; forceDosTimestamp?: boolean }): void;
  addEmptyDirectory(name: string, opts?: { mtime?: Date }): void;
  end(): void;
}
const yazl = createRequire(import.meta.url)('yazl') as { ZipFile: new () => YazlZipFile };

export interface ZipItem {
  name: string;
  data?: string | Buffer;
  mode?: number;
  mtime?: Date;
  compress?: boolean;
}

export const FIXED_TIME = new Date(Date.UTC(2026, 10, 22, 2, 55, 30));

/** A zip with exactly these names, even ones no sane writer produces (`../x`, `/etc/x`). */
export async function zipBuffer(items: ZipItem[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const patches: [Buffer, Buffer][] = [];
  items.forEach((it, i) => {
    let name = it.name;
    if (name.startsWith('/') || name.split(/[/\\]/).includes('..') || /^[A-Za-z]:/.test(name) || name.includes('\\')) {
      const real = Buffer.from(name, 'utf8');
      const tag = `Q${i}`.padEnd(real.length, 'Q');
      if (tag.length !== real.length) throw new Error(`name too short to patch: ${name}`);
      patches.push([Buffer.from(tag, 'utf8'), real]);
      name = tag;
    }
    if (name.endsWith('/')) return zip.addEmptyDirectory(name, { mtime: it.mtime ?? FIXED_TIME });
    const data = typeof it.data === 'string' ? Buffer.from(it.data, 'utf8') : (it.data ?? Buffer.alloc(0));
    zip.addBuffer(data, name, { mtime: it.mtime ?? FIXED_TIME, ...(it.mode !== undefined ? { mode: it.mode } : {}), compress: it.compress ?? true });
  });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  const out = Buffer.concat(chunks);
  for (const [tag, real] of patches) {
    let at = out.indexOf(tag);
    let n = 0;
    while (at >= 0) {
      real.copy(out, at);
      n++;
      at = out.indexOf(tag, at + 1);
    }
    if (n !== 2) throw new Error(`expected the name twice (local header + central directory), found ${n}`);
  }
  return out;
}

export interface TarItem extends HeaderData {
  path: string;
  body?: string | Buffer;
}

/** A ustar archive built block by block, so any name, link or type can be written. */
export function tarBuffer(items: TarItem[], opts: { eof?: boolean } = {}): Buffer {
  const blocks: Buffer[] = [];
  for (const { body, ...h } of items) {
    const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : (body ?? Buffer.alloc(0));
    const header = new Header({ mode: 0o644, uid: 0, gid: 0, mtime: FIXED_TIME, type: 'File', size: data.length, ...h });
    header.encode();
    if (!header.block) throw new Error('tar header not encoded');
    blocks.push(header.block);
    if (data.length) {
      blocks.push(data);
      const pad = (512 - (data.length % 512)) % 512;
      if (pad) blocks.push(Buffer.alloc(pad));
    }
  }
  if (opts.eof !== false) blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export const gzip = (b: Buffer | string): Buffer => gzipSync(typeof b === 'string' ? Buffer.from(b, 'utf8') : b);

/** Streams `bytes` zeros through gzip into `file` (a decompression bomb without holding it in memory). */
export async function writeGzipZeros(file: string, bytes: number): Promise<void> {
  const chunk = Buffer.alloc(1024 * 1024);
  let left = bytes;
  const zeros = new Readable({
    read() {
      if (left <= 0) return this.push(null);
      const n = Math.min(left, chunk.length);
      left -= n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
  await pipeline(zeros, createGzip({ level: 9 }), createWriteStream(file));
}

/** Offset of an entry's compressed data in a zip (after its local header, name and extra field). */
export function zipDataOffset(zip: Buffer, name: string): number {
  let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  while (at >= 0) {
    const n = zip.readUInt16LE(at + 26);
    const m = zip.readUInt16LE(at + 28);
    if (zip.toString('utf8', at + 30, at + 30 + n) === name) return at + 30 + n + m;
    at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), at + 4);
  }
  throw new Error(`no local header for ${name}`);
}
