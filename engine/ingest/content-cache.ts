/**
 * Bytes of archive members (and decompressed .gz files) are copied aside while they stream by,
 * so viewers and evidence excerpts can read any line back later. Plain files are read in place.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

export class CachedFile {
  private fd: number | null;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
  }

  write(chunk: Buffer): void {
    if (this.fd !== null) writeSync(this.fd, chunk);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** Path of an entry's copy under `root`; entry paths are already sanitised, this is a second fence. */
export function cachePath(root: string, entryPath: string): string {
  const rel = entryPath.replace(/!\//g, '/').replace(/^\/+/, '');
  const full = resolve(join(root, rel));
  if (!full.startsWith(resolve(root) + sep)) throw new Error(`refusing to cache ${entryPath} outside ${root}`);
  return full;
}
