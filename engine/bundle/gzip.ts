/** gzip: recognising it, peeking inside it, and saying clearly what is wrong with a broken one. */
import { constants, createGunzip, gunzipSync, type Gunzip } from 'node:zlib';
import { BundleError } from './errors';
import type { Stage } from './streams';

export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** ustar (POSIX and GNU) headers carry "ustar" at offset 257. */
export function isTarHeader(head: Buffer): boolean {
  return head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar';
}

/** Whether the start of a gzip file decompresses to a tar header (a `.tgz` under another name). */
export function gzipHoldsTar(head: Buffer): boolean {
  try {
    // A few KiB of input inflate to at most a few MiB, even for a bomb; a partial stream is fine with SYNC_FLUSH.
    const out = gunzipSync(head.subarray(0, 4096), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 8 * 1024 * 1024 });
    return isTarHeader(out);
  } catch {
    return false;
  }
}

/** What went wrong inside a gzip stream, in words. */
export function gzipProblem(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(err.message)) return 'truncated gzip data (unexpected end of file)';
  if (/incorrect header check/i.test(err.message)) return 'not gzip data (incorrect header check)';
  if (code === 'Z_DATA_ERROR') return `corrupt gzip data (${err.message})`;
  return `gzip error (${err.message})`;
}

/** A gunzip stage whose errors name the file. */
export function gunzipStage(path: string): Stage & { stream: Gunzip } {
  return {
    stream: createGunzip(),
    describe: (err) => (err instanceof BundleError ? err : new BundleError('corrupt', path, `${path}: ${gzipProblem(err)}`)),
  };
}
