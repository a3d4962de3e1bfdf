/** lsof, ss/netstat and limits rows → their tables. */
import type { FdCount, FdRow } from '../../../parsers/lsof';
import type { LimitRow } from '../../../parsers/limits';
import type { SocketRow } from '../../../parsers/sockets';
import type { SnapshotWriter } from '../../store/snapshots';

export function writeFd(w: SnapshotWriter, sid: number, r: FdRow): void {
  w.fds.add(sid, r.line, r.command, r.pid, r.tid ?? null, r.fd, r.fdType, r.protocol ?? null, r.state ?? null, r.local ?? null, r.remote ?? null, r.name);
}

export function writeFdCount(w: SnapshotWriter, sid: number, r: FdCount): void {
  w.fdCounts.add(sid, r.line, r.command, r.pid ?? null, r.count, r.filter ?? null);
}

export function writeSocket(w: SnapshotWriter, sid: number, r: SocketRow): void {
  w.sockets.add(sid, r.line, r.proto, r.state ?? null, r.recvQ, r.sendQ, r.local, r.remote, r.pid ?? null, r.process ?? null, r.fd ?? null, r.info ? JSON.stringify(r.info) : null);
}

export function writeLimit(w: SnapshotWriter, sid: number, r: LimitRow): void {
  w.limits.add(sid, r.line, r.name, r.resource ?? null, r.soft, r.hard, r.units ?? null);
}
