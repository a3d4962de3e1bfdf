/**
 * What happens to one file-like member of a directory or archive: a nested archive is walked (up to
 * the depth cap), a `.gz` is inflated, anything else is delivered as is. Every delivered stream ends
 * in a CapGuard; the visitor is awaited before the walk moves on.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { CapGuard } from './byte-caps';
import type { MemberHandler, MemberSource, WalkContext } from './context';
import { ArchiveProblem, BundleError, fsProblem, reasonOf } from './errors';
import { gunzipStage } from './gzip';
import { link, settled, type Stage } from './streams';
import { walkTar } from './tar';
import type { BundleEntry } from './types';
import { walkZip } from './zip';

export type ArchiveFormat = 'zip' | 'tar' | 'tgz';

/** Nested archives are recognised by name (content sniffing is for the bundle itself). */
export function archiveFormat(path: string): ArchiveFormat | null {
  const n = path.toLowerCase();
  if (n.endsWith('.zip')) return 'zip';
  if (n.endsWith('.tar')) return 'tar';
  if (n.endsWith('.tar.gz') || n.endsWith('.tgz')) return 'tgz';
  return null;
}

const describeFor = (path: string) => (e: Error) =>
  e instanceof BundleError ? e : new BundleError('unreadable', path, `${path}: read error (${fsProblem(e)})`);

export const handleMember: MemberHandler = async (ctx, m) => {
  if (ctx.aborted) return;
  if (ctx.stopped !== null) return ctx.skip(m.path);
  if (ctx.taken(m.path)) return ctx.refuse(m.path, 'duplicate path (an earlier entry with this path was read)');
  const format = m.as ? null : archiveFormat(m.path);
  if (format) return openNested(ctx, m, format);
  const gzip = m.as ? m.as === 'gzip' : m.path.toLowerCase().endsWith('.gz');
  return deliver(ctx, m, gzip);
};

async function deliver(ctx: WalkContext, m: MemberSource, gzip: boolean): Promise<void> {
  let opened;
  try {
    opened = await m.open();
  } catch (e) {
    if (ctx.aborted) return;
    return ctx.refuse(m.path, e instanceof BundleError ? reasonOf(e, m.path) : `cannot read (${fsProblem(e)})`);
  }
  const guard = new CapGuard(ctx, m.path, opened.physical);
  const stages: Stage[] = [{ stream: opened.stream, describe: describeFor(m.path) }];
  if (gzip) stages.push(gunzipStage(m.path));
  stages.push({ stream: guard });
  const stream = link(stages);
  let failure: BundleError | null = null;
  stream.on('error', (err: Error) => {
    // our failures are BundleErrors; anything else is the visitor tearing the stream down (e.g. `break` in for-await)
    if (err instanceof BundleError) failure ??= err;
  });
  const entry: BundleEntry = { path: m.path, size: gzip ? null : m.size, mtime: m.mtime, stream };
  if (gzip) entry.compressed = 'gzip';
  else if (m.diskPath) entry.diskPath = m.diskPath;
  ctx.markDelivered(m.path);
  const unregister = ctx.onHalt(() => {
    if (!stream.destroyed) stream.destroy(ctx.haltError(m.path));
  });
  try {
    await ctx.visit(entry);
  } finally {
    unregister();
    if (!stream.destroyed) stream.destroy(); // the visitor left it unread: close the file / drain the tar entry
    await settled(stream);
    await opened.closed;
  }
  ctx.entries++;
  ctx.bytes += guard.passed;
  if (failure && !ctx.aborted) ctx.refuse(m.path, reasonOf(failure, m.path));
}

async function openNested(ctx: WalkContext, m: MemberSource, format: ArchiveFormat): Promise<void> {
  if (m.depth + 1 > ctx.limits.maxDepth) {
    return ctx.refuse(m.path, `archive nested more than ${ctx.limits.maxDepth} levels deep (not opened)`);
  }
  ctx.markOpened(m.path);
  const where = { label: m.path, prefix: `${m.path}!/`, depth: m.depth + 1 };
  try {
    if (format === 'zip') {
      if (m.diskPath) return await walkZip(ctx, m.diskPath, where);
      const file = await spool(ctx, m);
      if (!file) return;
      try {
        await walkZip(ctx, file, where);
      } finally {
        await rm(file, { force: true });
      }
    } else {
      const opened = await m.open();
      await walkTar(ctx, { ...where, stream: opened.stream, physical: opened.physical, gzip: format === 'tgz' });
    }
  } catch (e) {
    if (ctx.aborted) return;
    if (e instanceof ArchiveProblem || e instanceof BundleError) return ctx.refuse(m.path, reasonOf(e, m.path));
    if ((e as NodeJS.ErrnoException).code) return ctx.refuse(m.path, `cannot read (${fsProblem(e)})`);
    throw e;
  }
}

/** Zip needs random access: a zip inside another archive is copied to the walk's temp dir first (under the caps). */
async function spool(ctx: WalkContext, m: MemberSource): Promise<string | null> {
  const file = await ctx.tempFile('.zip');
  const opened = await m.open();
  const guard = new CapGuard(ctx, m.path, opened.physical);
  const src = link([{ stream: opened.stream, describe: describeFor(m.path) }, { stream: guard }]);
  const unregister = ctx.onHalt(() => src.destroy(ctx.haltError(m.path)));
  try {
    await pipeline(src, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    return file;
  } catch (e) {
    await rm(file, { force: true });
    if (ctx.aborted) return null;
    ctx.refuse(m.path, reasonOf(e, m.path));
    return null;
  } finally {
    unregister();
  }
}
