/**
 * Tar (plain or gzipped) read as a stream with node-tar's Parser: one entry at a time, each handed on
 * before the next is parsed, so memory stays flat. gzip is inflated here (not by node-tar) so the
 * walker's own caps see every byte. Links, devices and unsafe names are refused, never extracted.
 */
import { Readable } from 'node:stream';
import { Parser, type ReadEntry } from 'tar';
import { StreamCap, formatBytes } from './byte-caps';
import type { WalkContext } from './context';
import { ArchiveProblem, BundleError, reasonOf } from './errors';
import { gunzipStage } from './gzip';
import { dirOf, displayPath, linkEscapes, linkReason, safeArchivePath } from './safe-path';
import { AsyncQueue, link, type Stage } from './streams';

export interface TarSource {
  /** The archive's own path (for refusals and messages). */
  label: string;
  /** Prepended to member paths ('' for the bundle itself, `x.tar!/` when nested). */
  prefix: string;
  depth: number;
  stream: Readable;
  /** Bundle bytes consumed so far by `stream` (for the ratio cap). */
  physical: () => number;
  gzip: boolean;
}

type Item = { ignored: boolean; e: ReadEntry };

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);
const SPECIAL: Record<string, string> = { CharacterDevice: 'character device', BlockDevice: 'block device', FIFO: 'FIFO' };
const MAX_PROBLEMS_SHOWN = 2;

/** A tar member's bytes as a Node stream. Destroying it drains the member so the parser can move on. */
class TarEntryStream extends Readable {
  private draining = false;

  constructor(
    private readonly e: ReadEntry,
    path: string,
  ) {
    super();
    e.on('data', (c: Buffer) => {
      if (this.draining) return;
      if (!this.push(c)) e.pause();
    });
    e.on('end', () => {
      if (this.draining) return;
      if (e.remain > 0) this.destroy(new BundleError('corrupt', path, `${path}: truncated (the archive ends ${e.remain} bytes before this entry does)`));
      else this.push(null);
    });
  }

  override _read(): void {
    this.e.resume();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.draining = true;
    this.e.resume();
    cb(err);
  }
}

function tarProblem(code: string, message: string): string {
  if (/Truncated input/i.test(message)) return `truncated tar archive (${message.replace(/^Truncated input\s*\(?/i, '').replace(/\)$/, '') || 'ended early'})`;
  if (/Unrecognized archive format/i.test(message)) return 'not a valid tar archive (unrecognized format)';
  if (code === 'TAR_ENTRY_INVALID') return `corrupt tar header (${message})`;
  return `tar error (${code ? `${code}: ` : ''}${message})`;
}

/** Walks a tar stream; throws ArchiveProblem if it is corrupt (after delivering what came before). */
export async function walkTar(ctx: WalkContext, src: TarSource): Promise<void> {
  const problems: string[] = [];
  const note = (msg: string) => {
    if (!problems.includes(msg)) problems.push(msg);
  };
  const stages: Stage[] = [{ stream: src.stream }];
  if (src.gzip) {
    stages.push(gunzipStage(src.label));
    const max = ctx.limits.maxTotalBytes;
    stages.push({ stream: new StreamCap(max, () => ctx.halt(`${src.label} inflates to more than ${formatBytes(max)}`)) });
  }
  const input = link(stages);
  const parser = new Parser({ strict: false, brotli: false, zstd: false });
  const queue = new AsyncQueue<Item>();
  let finished = false;
  let sawEof = false;
  let parserEnded = false;
  const cur: { s: TarEntryStream | null } = { s: null };

  const endParser = () => {
    if (parserEnded) return;
    parserEnded = true;
    try {
      parser.end();
    } catch (e) {
      note(tarProblem('', (e as Error).message));
      queue.end();
    }
  };
  parser.on('entry', (e: ReadEntry) => queue.push({ ignored: false, e }));
  parser.on('ignoredEntry', (e: ReadEntry) => {
    if (!e.meta) queue.push({ ignored: true, e });
  });
  parser.on('eof', () => (sawEof = true));
  parser.on('warn', (code: string, message: string) => note(tarProblem(code, String(message))));
  parser.on('error', (err: Error) => {
    note(tarProblem('', err.message));
    cur.s?.destroy(new BundleError('corrupt', src.label, `${src.label}: ${tarProblem('', err.message)}`));
    queue.end();
  });
  parser.on('end', () => {
    finished = true;
    queue.end();
  });
  parser.on('drain', () => input.resume());
  input.on('data', (chunk: Buffer) => {
    try {
      if (!parser.write(chunk)) input.pause();
    } catch (e) {
      // node-tar throws on some malformed input; the archive is corrupt from here on
      note(tarProblem('', (e as Error).message));
      input.destroy();
      cur.s?.destroy(new BundleError('corrupt', src.label, `${src.label}: ${tarProblem('', (e as Error).message)}`));
      queue.end();
    }
  });
  input.on('end', endParser);
  input.on('error', (err: Error) => {
    if (ctx.halted) return;
    note(reasonOf(err, src.label));
    endParser(); // ends the entry in flight as truncated, then the parser's end
  });

  const unregister = ctx.onHalt(() => {
    input.destroy();
    cur.s?.destroy(ctx.haltError(src.label));
    queue.end();
  });
  let readAny = false;
  try {
    for (;;) {
      const item = await queue.next();
      if (!item) break;
      if (ctx.halted) {
        item.e.resume();
        break;
      }
      readAny = true;
      await handleItem(ctx, src, item, (s) => (cur.s = s));
      // drain whatever was not read (refused, skipped, or left by the visitor) so the parser moves on
      if (cur.s) cur.s.destroy();
      else item.e.resume();
      cur.s = null;
    }
  } finally {
    unregister();
    if (!finished) input.destroy();
    for (const rest of queue.drop()) rest.e.resume();
  }
  if (ctx.aborted) return;
  if (!finished && ctx.stopped !== null) {
    ctx.skip(src.label, 'rest of this archive not read');
    return;
  }
  if (finished && problems.length === 0 && !sawEof && readAny) problems.push('tar archive has no end-of-archive marker (it may be truncated)');
  if (problems.length > 0) {
    const more = problems.length - MAX_PROBLEMS_SHOWN;
    throw new ArchiveProblem(problems.slice(0, MAX_PROBLEMS_SHOWN).join('; ') + (more > 0 ? ` (and ${more} more problems)` : ''), readAny);
  }
}

async function handleItem(ctx: WalkContext, src: TarSource, item: Item, reading: (s: TarEntryStream) => void): Promise<void> {
  const e = item.e;
  if (!ctx.countEntry()) return;
  if (e.type === 'Directory' || e.type === 'GNUDumpDir') return; // node-tar reads directory sizes as 0; a dump dir's data is a listing
  const v = safeArchivePath(e.path);
  const shown = src.prefix + (v.ok ? v.path : displayPath(e.path));
  if (item.ignored) return ctx.refuse(shown, `unsupported tar entry type (${e.type})`);
  if (!v.ok) return ctx.refuse(shown, v.reason);
  const path = shown;
  const target = e.linkpath ?? '';
  if (e.type === 'SymbolicLink') return ctx.refuse(path, linkReason('symbolic', target, linkEscapes(dirOf(v.path), target)));
  if (e.type === 'Link') return ctx.refuse(path, linkReason('hard', target, linkEscapes('', target))); // hard link targets are archive-root relative
  const special = SPECIAL[e.type];
  if (special) return ctx.refuse(path, `not a regular file (${special})`);
  if (!FILE_TYPES.has(e.type)) return ctx.refuse(path, `unsupported tar entry type (${e.type})`);
  const start = src.physical();
  const stream = new TarEntryStream(e, path);
  reading(stream);
  const mtime = e.mtime instanceof Date && !Number.isNaN(e.mtime.getTime()) ? e.mtime.getTime() : null;
  await ctx.member(ctx, {
    path,
    size: e.size,
    mtime,
    depth: src.depth,
    open: async () => ({ stream, physical: () => src.physical() - start }),
  });
}
