/**
 * A directory bundle, walked recursively in name order with lstat: symbolic links are never
 * followed (each is listed with where it points), devices, FIFOs and sockets are refused, and each
 * file is opened with O_NOFOLLOW and checked to be the same inode that was listed.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, readlink, realpath } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Opened, WalkContext } from './context';
import { BundleError, fsProblem } from './errors';
import { linkReason, safeFileName } from './safe-path';
import { ByteCounter, link } from './streams';

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function specialKind(st: Stats): string {
  if (st.isFIFO()) return 'FIFO';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  return 'unknown type';
}

/** Opens a listed file without following links, refusing it if it changed into something else since. */
export async function openListedFile(abs: string, listed: Stats, path: string): Promise<Opened> {
  const fh = await open(abs, OPEN_FLAGS);
  try {
    const now = await fh.stat();
    if (!now.isFile() || now.ino !== listed.ino || now.dev !== listed.dev) {
      throw new BundleError('unreadable', path, `${path}: changed while the bundle was read (not read)`);
    }
  } catch (e) {
    await fh.close();
    throw e;
  }
  const counter = new ByteCounter();
  const describe = (e: Error) => (e instanceof BundleError ? e : new BundleError('unreadable', path, `${path}: read error (${fsProblem(e)})`));
  const file = fh.createReadStream();
  const closed = new Promise<void>((r) => file.once('close', () => r()));
  const stream = link([{ stream: file, describe }, { stream: counter }]);
  return { stream, physical: () => counter.count, closed };
}

function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

export async function walkDirectory(ctx: WalkContext, root: string): Promise<void> {
  await walkDir(ctx, root, root, '');
}

async function walkDir(ctx: WalkContext, root: string, dirAbs: string, rel: string): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(dirAbs)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (e) {
    ctx.refuse(rel || '.', `cannot read directory (${fsProblem(e)})`);
    return;
  }
  for (const name of names) {
    if (ctx.aborted) return;
    if (!ctx.countEntry()) return;
    const path = rel ? `${rel}/${name}` : name;
    const abs = join(dirAbs, name);
    const bad = safeFileName(name);
    if (bad) {
      ctx.refuse(path, bad);
      continue;
    }
    let st: Stats;
    try {
      st = await lstat(abs);
    } catch (e) {
      ctx.refuse(path, `cannot read (${fsProblem(e)})`);
      continue;
    }
    if (st.isDirectory()) {
      await walkDir(ctx, root, abs, path);
    } else if (st.isSymbolicLink()) {
      ctx.refuse(path, await symlinkReason(root, abs));
    } else if (!st.isFile()) {
      ctx.refuse(path, `not a regular file (${specialKind(st)})`);
    } else {
      await ctx.member(ctx, {
        path,
        size: st.size,
        mtime: Math.floor(st.mtimeMs),
        depth: 0,
        diskPath: abs,
        open: () => openListedFile(abs, st, path),
      });
    }
  }
}

async function symlinkReason(root: string, abs: string): Promise<string> {
  let target = '';
  try {
    target = await readlink(abs);
  } catch {
    // unreadable link: judged by its resolution below
  }
  let resolved: string;
  try {
    resolved = await realpath(abs);
  } catch {
    resolved = resolve(dirname(abs), target); // dangling: judge the path it names
  }
  return linkReason('symbolic', target, !inside(root, resolved));
}
