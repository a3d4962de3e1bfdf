/**
 * The one error type the bundle walker throws or puts on an entry's stream. `code` lets callers
 * branch (the CLI exits non-zero with `message`); `path` names the bundle or the entry concerned.
 */
export type BundleErrorCode = 'not-found' | 'unreadable' | 'corrupt' | 'unsupported' | 'limit';

export class BundleError extends Error {
  override readonly name = 'BundleError';

  constructor(
    readonly code: BundleErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** A container (zip, tar) that could not be read to its end; internal, turned into a refusal or a BundleError. */
export class ArchiveProblem extends Error {
  constructor(
    message: string,
    /** Whether any entry of the archive was read before the problem. */
    readonly readAny: boolean,
  ) {
    super(message);
    this.name = 'ArchiveProblem';
  }
}

/** Plain words for the file-system errors users hit. */
export function fsProblem(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'is a symbolic link';
    case 'EIO':
      return 'input/output error';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return e?.code ? `${e.code}: ${e.message}` : String(e?.message ?? err);
  }
}

export function isBundleError(e: unknown): e is BundleError {
  return e instanceof BundleError;
}

/** The reason part of an error about `path` ("<path>: <reason>" loses its prefix). */
export function reasonOf(err: unknown, path: string): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.startsWith(`${path}: `) ? msg.slice(path.length + 2) : msg;
}
