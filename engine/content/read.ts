/**
 * Reads text back from a bundle file by byte range — the store keeps offsets, not copies of lines.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import iconv from 'iconv-lite';

export function readRange(path: string, offset: number, length: number, encoding: string | null): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, offset);
    const bytes = buf.subarray(0, n);
    if (!encoding || encoding === 'utf-8') return bytes.toString('utf8');
    return iconv.decode(bytes, encoding === 'windows-1252' ? 'win1252' : encoding);
  } finally {
    closeSync(fd);
  }
}
