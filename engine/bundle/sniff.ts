/** What kind of bundle a single file is, from its first bytes (the name only breaks ties). */
import { open } from 'node:fs/promises';
import { gzipHoldsTar, isGzip, isTarHeader } from './gzip';

export type FileBundle = { kind: 'zip' } | { kind: 'tar'; gzip: boolean } | { kind: 'file'; gzip: boolean };

const HEAD = 4096;

export async function readHead(abs: string, n = HEAD): Promise<Buffer> {
  const fh = await open(abs, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export function sniffBundleFile(name: string, head: Buffer): FileBundle {
  const lower = name.toLowerCase();
  const pk = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && [0x0304, 0x0506, 0x0708].includes(head.readUInt16BE(2));
  if (pk || lower.endsWith('.zip')) return { kind: 'zip' };
  if (isGzip(head)) {
    const tarName = lower.endsWith('.tar.gz') || lower.endsWith('.tgz');
    return tarName || gzipHoldsTar(head) ? { kind: 'tar', gzip: true } : { kind: 'file', gzip: true };
  }
  if (isTarHeader(head) || lower.endsWith('.tar') || lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return { kind: 'tar', gzip: false };
  return { kind: 'file', gzip: false };
}
