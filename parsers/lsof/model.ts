/**
 * Records of the lsof parser (also used for `ls -l /proc/PID/fd` listings). Rows stream one by one
 * after the `SnapshotMeta` of the snapshot they belong to.
 */
import type { SnapshotMeta, SkippedLine } from '../types';

/** One open descriptor (or memory-mapped file, cwd, txt …) of one process, as lsof lists it. */
export interface FdRow {
  type: 'fd';
  /** Process name as printed (lsof truncates it to 9 characters unless `+c`); '' when unknown (/proc listings). */
  command: string;
  /** 0 when the listing does not say (a bare `/proc/PID/fd` listing without its command line). */
  pid: number;
  /** Thread id: set on the per-thread rows of whole-system lsof (they repeat the process's fds). */
  tid?: number;
  /** TASKCMD column (thread name) of newer lsof. */
  taskCommand?: string;
  user?: string;
  /** FD column as printed: `12u`, `cwd`, `txt`, `mem`, `DEL`, `NOFD`, `7uW`. */
  fd: string;
  /** The number of a numeric fd (`12u` → 12). */
  fdNum?: number;
  /** Access mode of a numeric fd: `r`, `w`, `u` (or `-` / ` ` when lsof does not know). */
  mode?: string;
  /** TYPE column: REG DIR CHR FIFO IPv4 IPv6 unix sock netlink a_inode KQUEUE systm unknown …; '' when lsof printed none. */
  fdType: string;
  device?: string;
  sizeOff?: string;
  node?: string;
  /** `TCP` / `UDP` for IPv4/IPv6 rows (lsof's NODE column) and for `sock … protocol: TCP`. */
  protocol?: string;
  /** NAME column as printed, including any `(STATE)` suffix. */
  name: string;
  /** For sockets: local and remote side of `local->remote` (as printed: host names, service names). */
  local?: string;
  remote?: string;
  /** TCP state from the `(CLOSE_WAIT)` suffix, normalised (ESTABLISHED, CLOSE_WAIT, LISTEN …). */
  state?: string;
  line: number;
}

/**
 * A count from a shell transcript (`lsof -p 14204 | grep CLOSE_WAIT | wc -l` → 3493): the only
 * evidence some bundles have. Also emitted by the ss/netstat parsers for `ss … | wc -l`.
 */
export interface FdCount {
  type: 'fd-count';
  /** The command line as typed, without the prompt. */
  command: string;
  count: number;
  /** The grep patterns of the pipeline, joined with ` | ` (`-v` ones prefixed with `!`). */
  filter?: string;
  /** The pid of `lsof -p PID`, when the pipeline names one. */
  pid?: number;
  /** The tool that listed the rows (`lsof`, `ss`, `netstat`, `ls`). */
  tool?: string;
  line: number;
}

export type LsofRecord = SnapshotMeta | FdRow | FdCount;
export type LsofOutput = LsofRecord | SkippedLine;
