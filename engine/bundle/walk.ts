/**
 * `walkBundle`: open a bundle (directory, single file, zip, tar, tar.gz / tgz, .gz), stream every
 * entry to `visit` in order, refuse what is unsafe with a reason, and clean up after itself.
 */
import { createReadStream, type Stats } from 'node:fs';
import { access, constants, realpath, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { WalkContext } from './context';
import { openListedFile, walkDirectory } from './directory';
import { ArchiveProblem, BundleError, fsProblem } from './errors';
import { handleMember } from './member';
import { safeFileName } from './safe-path';
import { readHead, sniffBundleFile } from './sniff';
import { ByteCounter, link, settled } from './streams';
import { walkTar } from './tar';
import type { BundleKind, Visit, WalkOptions, WalkResult } from './types';
import { walkZip } from './zip';

function fsError(path: string, err: unknown): BundleError {
  const code = (err as NodeJS.ErrnoException).code;
  return new BundleError(code === 'ENOENT' || code === 'ENOTDIR' ? 'not-found' : 'unreadable', path, `${path}: ${fsProblem(err)}`);
}

/**
 * Walks the bundle at `path`, awaiting `visit` for each entry in order. Rejects with a BundleError
 * when the path is missing or unreadable, or is an archive that cannot be read at all; rejects with
 * the signal's reason when cancelled; rejects with whatever `visit` throws.
 */
export async function walkBundle(path: string, visit: Visit, opts: WalkOptions = {}): Promise<WalkResult> {
  opts.signal?.throwIfAborted();
  const abs = resolve(path);
  let real: string;
  let st: Stats;
  try {
    real = await realpath(abs);
    st = await stat(real);
  } catch (e) {
    throw fsError(path, e);
  }
  const ctx = new WalkContext(visit, handleMember, opts);
  try {
    let kind: BundleKind;
    if (st.isDirectory()) {
      kind = 'directory';
      try {
        await access(real, constants.R_OK | constants.X_OK);
      } catch (e) {
        throw fsError(path, e);
      }
      await walkDirectory(ctx, real);
    } else if (st.isFile()) {
      const name = basename(abs);
      let head: Buffer;
      try {
        head = await readHead(real);
      } catch (e) {
        throw fsError(path, e);
      }
      const sniffed = sniffBundleFile(name, head);
      kind = sniffed.kind;
      if (sniffed.kind === 'zip') {
        await topArchive(ctx, name, () => walkZip(ctx, real, { label: name, prefix: '', depth: 0 }));
      } else if (sniffed.kind === 'tar') {
        const counter = new ByteCounter();
        const file = createReadStream(real);
        const stream = link([{ stream: file, describe: (e) => fsError(name, e) }, { stream: counter }]);
        try {
          await topArchive(ctx, name, () =>
            walkTar(ctx, { label: name, prefix: '', depth: 0, stream, physical: () => counter.count, gzip: sniffed.gzip }),
          );
        } finally {
          file.destroy();
          await settled(file);
        }
      } else {
        const bad = safeFileName(name);
        if (bad) throw new BundleError('unsupported', path, `${path}: ${bad}`);
        await handleMember(ctx, {
          path: name,
          size: st.size,
          mtime: Math.floor(st.mtimeMs),
          depth: 0,
          as: sniffed.gzip ? 'gzip' : 'plain',
          diskPath: real,
          open: () => openListedFile(real, st, name),
        });
      }
    } else {
      throw new BundleError('unsupported', path, `${path}: not a regular file or directory`);
    }
    ctx.throwIfAborted();
    return ctx.result(kind);
  } finally {
    await ctx.dispose();
  }
}

/** The bundle itself is an archive: unreadable from the start is an error; broken part-way is a refusal. */
async function topArchive(ctx: WalkContext, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    ctx.throwIfAborted();
    if (!(e instanceof ArchiveProblem)) throw e;
    if (!e.readAny) throw new BundleError('corrupt', name, `${name}: ${e.message}`);
    ctx.refuse(name, `${e.message}; entries after this point were not read`);
  }
}
