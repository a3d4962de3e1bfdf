/** Test-only: walk a bundle the way the ingest does (read every stream to its end) and keep what came out. */
import { walkBundle } from '../walk';
import type { BundleEntry, WalkOptions, WalkResult } from '../types';

export interface Got {
  path: string;
  size: number | null;
  mtime: number | null;
  compressed: 'gzip' | null;
  diskPath: string | null;
  /** Up to the first MiB, decoded as UTF-8. */
  text: string;
  bytes: number;
  error: string | null;
}

const KEEP = 1024 * 1024;

export async function readEntry(e: BundleEntry): Promise<Got> {
  const kept: Buffer[] = [];
  let bytes = 0;
  let error: string | null = null;
  try {
    for await (const c of e.stream as AsyncIterable<Buffer>) {
      if (bytes < KEEP) kept.push(c);
      bytes += c.length;
    }
  } catch (err) {
    error = (err as Error).message;
  }
  const text = Buffer.concat(kept).subarray(0, KEEP).toString('utf8');
  return { path: e.path, size: e.size, mtime: e.mtime, compressed: e.compressed ?? null, diskPath: e.diskPath ?? null, text, bytes, error };
}

export async function collect(path: string, opts?: WalkOptions): Promise<{ got: Got[]; result: WalkResult }> {
  const got: Got[] = [];
  const result = await walkBundle(path, async (e) => void got.push(await readEntry(e)), opts);
  return { got, result };
}

export const paths = (got: Got[]) => got.map((g) => g.path);
