/**
 * Zip via yauzl (random access, central directory, one entry at a time with `lazyEntries`).
 * Names are decoded here rather than by yauzl so that a `../evil` entry is refused on its own
 * instead of failing the whole archive. Entry data is read raw and inflated here so the ratio cap
 * can compare output with the compressed bytes actually read.
 */
import type { Readable } from 'node:stream';
import { Transform, type TransformCallback } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { WalkContext } from './context';
import { ArchiveProblem, BundleError } from './errors';
import { dirOf, displayPath, linkEscapes, linkReason, safeArchivePath } from './safe-path';
import { ByteCounter, link, type Stage } from './streams';

export interface ZipWhere {
  label: string;
  prefix: string;
  depth: number;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const SPECIAL: Record<number, string> = { 0o010000: 'FIFO', 0o020000: 'character device', 0o060000: 'block device', 0o140000: 'socket' };
const MAX_LINK_TARGET = 4096;

/** yauzl runtime API that @types/yauzl 2.x does not declare. */
interface YauzlExtras {
  getFileNameLowLevel(flags: number, raw: Buffer, extra: Entry['extraFields'], strict: boolean): string;
}
type RawEntry = Entry & { fileNameRaw: Buffer };
type OpenRaw = (entry: Entry, options: { decodeFileData: false }, cb: (err: Error | null, stream: Readable) => void) => void;

/** Words for yauzl's messages. */
export function zipProblem(err: Error): string {
  const m = err.message;
  if (/End of central directory record signature not found/i.test(m)) return 'not a valid zip archive (end of central directory not found)';
  if (/unexpected EOF/i.test(m)) return 'truncated zip archive (unexpected end of file)';
  if (/multi-disk/i.test(m)) return 'multi-part zip archives are not supported';
  if (/Invalid comment length/i.test(m)) return 'corrupt zip archive (damaged end of central directory record, or extra bytes at the end)';
  return `corrupt zip archive (${m})`;
}

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false }, (err, zip) => {
      if (err || !zip) reject(err ?? new Error('cannot open'));
      else resolve(zip);
    });
  });
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const off = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (e: Entry) => {
      off();
      resolve(e);
    };
    const onEnd = () => {
      off();
      resolve(null);
    };
    const onError = (err: Error) => {
      off();
      reject(err);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** Fails at the end if the inflated size differs from the central directory's. */
class SizeCheck extends Transform {
  private n = 0;

  constructor(
    private readonly expected: number,
    private readonly path: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback): void {
    this.n += chunk.length;
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    if (this.n === this.expected) cb();
    else cb(new BundleError('corrupt', this.path, `${this.path}: corrupt zip entry (${this.n} bytes, the archive says ${this.expected})`));
  }
}

function openEntryData(zip: ZipFile, entry: Entry, path: string): Promise<{ stream: Readable; physical: () => number }> {
  return new Promise((resolve, reject) => {
    (zip.openReadStream as unknown as OpenRaw).call(zip, entry, { decodeFileData: false }, (err, raw) => {
      if (err) return reject(new BundleError('corrupt', path, `${path}: ${zipProblem(err).replace('corrupt zip archive', 'corrupt zip entry')}`));
      const counter = new ByteCounter();
      const describe = (e: Error) => (e instanceof BundleError ? e : new BundleError('corrupt', path, `${path}: corrupt zip entry data (${e.message})`));
      const stages: Stage[] = [{ stream: raw, describe }, { stream: counter }];
      if (entry.compressionMethod === 8) stages.push({ stream: createInflateRaw(), describe });
      stages.push({ stream: new SizeCheck(entry.uncompressedSize, path) });
      resolve({ stream: link(stages), physical: () => counter.count });
    });
  });
}

async function readLinkTarget(zip: ZipFile, entry: Entry, path: string): Promise<string | null> {
  const { stream } = await openEntryData(zip, entry, path);
  const chunks: Buffer[] = [];
  let n = 0;
  try {
    for await (const c of stream as AsyncIterable<Buffer>) {
      n += c.length;
      if (n > MAX_LINK_TARGET) return null;
      chunks.push(c);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Walks a zip file on disk; throws ArchiveProblem if it cannot be opened or its directory breaks off. */
export async function walkZip(ctx: WalkContext, file: string, where: ZipWhere): Promise<void> {
  let zip: ZipFile;
  try {
    zip = await openZip(file);
  } catch (e) {
    throw new ArchiveProblem(zipProblem(e as Error), false);
  }
  zip.on('error', () => {}); // errors are taken by nextEntry; a late one must not crash the process
  let readAny = false;
  try {
    for (;;) {
      if (ctx.aborted) return;
      let entry: Entry | null;
      try {
        entry = await nextEntry(zip);
      } catch (e) {
        throw new ArchiveProblem(zipProblem(e as Error), readAny);
      }
      if (!entry) return;
      readAny = true;
      if (!ctx.countEntry()) return;
      await handleEntry(ctx, zip, entry as RawEntry, where);
    }
  } finally {
    // wait for yauzl to close its descriptor (member streams are all destroyed by now), so a walk ends with nothing open
    const closed = new Promise<void>((r) => {
      zip.once('close', () => r());
      zip.once('error', () => r());
    });
    zip.close();
    await closed;
  }
}

async function handleEntry(ctx: WalkContext, zip: ZipFile, entry: RawEntry, where: ZipWhere): Promise<void> {
  const name = (yauzl as unknown as YauzlExtras).getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true); // strict: keep backslashes, so refusals show the name as written
  const mode = entry.externalFileAttributes >>> 16; // unix mode when the archiver recorded one
  const type = mode & S_IFMT;
  if (/[/\\]$/.test(name) || type === S_IFDIR) {
    // directories carry no data; one that does is hiding something
    if (entry.uncompressedSize > 0 || entry.compressedSize > 2) ctx.refuse(where.prefix + displayPath(name), 'directory entry with data (not read)');
    return;
  }
  const v = safeArchivePath(name);
  const shown = where.prefix + (v.ok ? v.path : displayPath(name));
  if (ctx.stopped !== null) return ctx.skip(shown);
  if (!v.ok) return ctx.refuse(shown, v.reason);
  const path = shown;
  const special = SPECIAL[type];
  if (special) return ctx.refuse(path, `not a regular file (${special})`);
  if (type !== 0 && type !== S_IFREG && type !== S_IFLNK) return ctx.refuse(path, `not a regular file (mode ${mode.toString(8)})`);
  if (entry.isEncrypted()) return ctx.refuse(path, 'encrypted zip entry (not supported)');
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    return ctx.refuse(path, `unsupported zip compression method ${entry.compressionMethod}`);
  }
  if (type === S_IFLNK) {
    // the target is the entry's data: read it (bounded), report it, never follow it
    let target: string | null;
    try {
      target = await readLinkTarget(zip, entry, path);
    } catch (e) {
      return ctx.refuse(path, `symbolic link with an unreadable target (${(e as Error).message})`);
    }
    if (target === null) return ctx.refuse(path, 'symbolic link with an oversized target (not followed)');
    return ctx.refuse(path, linkReason('symbolic', target, linkEscapes(dirOf(v.path), target)));
  }
  const date = entry.getLastModDate();
  await ctx.member(ctx, {
    path,
    size: entry.uncompressedSize,
    mtime: Number.isNaN(date.getTime()) ? null : date.getTime(),
    depth: where.depth,
    open: () => openEntryData(zip, entry, path),
  });
}
