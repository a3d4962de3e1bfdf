/** Public shapes of the bundle walker (see index.ts for the functions). */
import type { Readable } from 'node:stream';

export interface BundleEntry {
  /** '/'-separated, relative to the bundle root; never absolute, never a '..' segment. Nested archives: `a.tar.gz!/b.zip!/x.log`. */
  path: string;
  /** Uncompressed size when known up front (file size, archive header); null for `.gz` members. */
  size: number | null;
  /** Epoch ms: the file's mtime or the archive entry's time. */
  mtime: number | null;
  /** Set when the entry was a `.gz` file decompressed on the fly (`path` keeps the `.gz`). */
  compressed?: 'gzip';
  /** Absolute path of the file when these bytes are a plain file on disk read as is (so they can be read back in place later). */
  diskPath?: string;
  /** The entry's bytes (decompressed). Read it within `visit` (whatever is left unread when `visit` returns is discarded); it errors with a BundleError when a cap trips or the data is corrupt. */
  stream: Readable;
}

/** Something in the bundle that was not delivered to `visit`, and why. */
export interface RefusedEntry {
  path: string;
  reason: string;
}

/**
 * A problem with an entry that *was* delivered: its stream failed part-way (a cap tripped, corrupt
 * data; the visitor saw the same message as the stream's error), or a later archive member with the
 * same path was skipped. `path` is the delivered entry's path.
 */
export interface EntryProblem {
  path: string;
  reason: string;
}

export type BundleKind = 'directory' | 'file' | 'zip' | 'tar';

export interface WalkResult {
  kind: BundleKind;
  /** Not delivered. Each path appears once, and never as the path of a delivered entry. */
  refused: RefusedEntry[];
  /** Delivered, then failed or repeated. Each path appears once, and is the path of a delivered entry. */
  problems: EntryProblem[];
  /** Entries handed to `visit`. */
  entries: number;
  /** Bytes those entries' streams produced (after decompression). */
  bytes: number;
  /** Why the walk stopped before the end of the bundle (a total cap), listing what was not read; null when it read everything. */
  stopped: string | null;
}

export interface WalkLimits {
  /** Cap on uncompressed bytes read from the whole bundle (entries, spooled nested zips). Default 8 GiB. */
  maxTotalBytes: number;
  /** An entry is stopped once it has produced more than this many bytes... Default 64 MiB. */
  ratioMinBytes: number;
  /** ...and more than this many times the bundle bytes it was read from. Default 200. */
  maxRatio: number;
  /** How many archives deep paths may nest (`a.tar!/b.zip!/c.tgz!/x` is 3). Default 3. */
  maxDepth: number;
  /** Cap on entries examined (files, directories, links, archive headers). Default 200 000. */
  maxEntries: number;
}

export interface WalkOptions {
  /** Cancels the walk: open files are closed, temp files removed, and `walkBundle` rejects with the signal's reason. */
  signal?: AbortSignal;
  limits?: Partial<WalkLimits>;
  /** Where the walker may create its temp directory (zips nested in other archives are spooled there). Default: os.tmpdir(). */
  tempDir?: string;
}

export type Visit = (entry: BundleEntry) => Promise<void>;

export const DEFAULT_LIMITS: Readonly<WalkLimits> = Object.freeze({
  maxTotalBytes: 8 * 1024 ** 3,
  ratioMinBytes: 64 * 1024 ** 2,
  maxRatio: 200,
  maxDepth: 3,
  maxEntries: 200_000,
});
