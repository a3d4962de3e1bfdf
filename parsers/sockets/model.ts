/**
 * Records of the ss and netstat parsers: one row per socket, after the `SnapshotMeta` of its snapshot.
 */
import type { FdCount } from '../lsof/model';
import type { SnapshotMeta, SkippedLine } from '../types';

export interface SocketRow {
  type: 'socket';
  /**
   * `tcp`, `tcp6`, `udp`, `udp6`, `unix`, or the tool's own word (`raw6`, `nl`, `p_raw`, `tcp4`, `tcp46`,
   * `icm4` …). ss prints `tcp` for both families; netstat and Windows print `tcp6` for IPv6.
   */
  proto: string;
  /** Normalised: ESTABLISHED, CLOSE_WAIT, TIME_WAIT, LISTEN, SYN_SENT, UNCONN … (see states.ts). */
  state?: string;
  /** Receive and send queue in bytes; 0 when the tool prints none (Windows netstat, netstat's unix section). */
  recvQ: number;
  sendQ: number;
  /** Local and remote address as printed (`host:port`); BSD's `1.2.3.4.80` is rewritten to `1.2.3.4:80`. */
  local: string;
  localPort?: number;
  remote: string;
  remotePort?: number;
  /** Owning process: ss `users:(("java",pid=1,fd=2))` (the first one), netstat `PID/Program`, Windows PID. */
  process?: string;
  pid?: number;
  fd?: number;
  /** Socket inode: ss `ino:`, netstat -e `Inode`, the unix socket's inode. */
  inode?: number;
  /** Everything else the tool printed about the socket: ss `-e/-o/-i/-m` fields, netstat User/Timer, unix Type/Path. */
  info?: Record<string, string | number>;
  line: number;
  /** Last line of the row when detail lines (`ss -i`, Windows `-b`) follow it. */
  endLine?: number;
}

export type SocketRecord = SnapshotMeta | SocketRow | FdCount;
export type SocketOutput = SocketRecord | SkippedLine;
