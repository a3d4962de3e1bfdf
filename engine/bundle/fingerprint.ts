/**
 * A cheap identity for a bundle's content, from metadata only (no bytes are read): size, mtime and
 * ctime (nanoseconds) and inode of the file, or of every entry under a directory (links not followed).
 * Rewriting a file changes its ctime even when size and mtime are put back.
 */
import { createHash, type Hash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BundleError, fsProblem } from './errors';

const MAX_ENTRIES = 1_000_000;

function line(h: Hash, rel: string, st: BigIntStats): void {
  const type = st.isDirectory() ? 'd' : st.isFile() ? 'f' : st.isSymbolicLink() ? 'l' : 'o';
  h.update(`${JSON.stringify(rel)}\t${type}\t${st.size}\t${st.mtimeNs}\t${st.ctimeNs}\t${st.ino}\n`);
}

export async function bundleFingerprint(path: string): Promise<string> {
  const abs = resolve(path);
  let st: BigIntStats;
  try {
    st = await stat(abs, { bigint: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BundleError(code === 'ENOENT' ? 'not-found' : 'unreadable', path, `${path}: ${fsProblem(e)}`);
  }
  const h = createHash('sha1');
  line(h, '', st);
  if (st.isDirectory()) {
    const budget = { left: MAX_ENTRIES };
    await hashDir(h, abs, '', budget);
  }
  return h.digest('hex');
}

async function hashDir(h: Hash, dir: string, rel: string, budget: { left: number }): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (e) {
    h.update(`${JSON.stringify(rel)}\tunreadable\t${(e as NodeJS.ErrnoException).code ?? ''}\n`);
    return;
  }
  for (const name of names) {
    if (--budget.left < 0) return;
    const childRel = rel ? `${rel}/${name}` : name;
    const abs = join(dir, name);
    let st: BigIntStats;
    try {
      st = await lstat(abs, { bigint: true });
    } catch {
      continue; // vanished while listing
    }
    line(h, childRel, st);
    if (st.isDirectory()) await hashDir(h, abs, childRel, budget);
  }
}
