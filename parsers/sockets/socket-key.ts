/**
 * A connection's identity across snapshots and tools: protocol family + local + remote in a
 * normalised form, so the same socket seen by `ss` (`tcp`, `[::ffff:1.2.3.4]:80`), netstat (`tcp6`,
 * `::ffff:1.2.3.4:80`) and `lsof -n -P` (`TCP`, `1.2.3.4:80`) gets one key.
 */
import type { FdRow } from '../lsof/model';
import { normaliseAddress } from './address';
import type { SocketRow } from './model';

/** `tcp4` / `tcp6` / `tcp46` / `TCP` → `tcp`; `udp*` → `udp`; others lower-cased as they are. */
export function protoFamily(proto: string): string {
  const p = proto.toLowerCase();
  if (p.startsWith('tcp')) return 'tcp';
  if (p.startsWith('udp')) return 'udp';
  if (p.startsWith('u_') || p === 'unix') return 'unix';
  return p;
}

export function socketKey(row: SocketRow | FdRow): string {
  if (row.type === 'fd') {
    return `${protoFamily(row.protocol ?? row.fdType)}|${normaliseAddress(row.local ?? '')}|${normaliseAddress(row.remote ?? '')}`;
  }
  if (protoFamily(row.proto) === 'unix') return `unix|${row.local}|${row.inode ?? ''}`;
  return `${protoFamily(row.proto)}|${normaliseAddress(row.local)}|${normaliseAddress(row.remote)}`;
}
