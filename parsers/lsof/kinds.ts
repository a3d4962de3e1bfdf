/**
 * What a descriptor is, from lsof's TYPE and NAME: a socket, a file, a pipe or an anonymous-inode
 * descriptor (eventfd, epoll, timerfd, inotify…) — and what it points at, so growth can be told apart
 * by kind and by target (a path, a path pattern, `pipe`, `[eventfd]`). Pure: rows in, keys out.
 */

export type FdKind = 'socket' | 'file' | 'pipe' | 'anon' | 'other';

/** Network and local sockets as Linux, macOS and BSD lsof type them. */
const SOCKET_TYPES = new Set([
  'IPv4', 'IPv6', 'sock', 'unix', 'inet', 'inet6', 'netlink', 'raw', 'raw6', 'pack', 'sctp', 'icmp', 'ax25', 'ipx', 'x.25',
  'ATALK', 'ndrv', 'systm', 'key', 'rte', 'VSOCK', 'socket',
]);
/** Things open() returns: regular files, directories, devices, links, POSIX shared memory. */
const FILE_TYPES = new Set(['REG', 'DIR', 'CHR', 'BLK', 'LINK', 'VREG', 'VDIR', 'VCHR', 'VBLK', 'PSXSHM', 'DOOR']);
const PIPE_TYPES = new Set(['FIFO', 'PIPE', 'pipe', 'VFIFO']);
/** Descriptors without a file behind them: eventfd, epoll, timerfd, signalfd, inotify, kqueue, fsevents. */
const ANON_TYPES = new Set(['a_inode', 'anon_inode', 'KQUEUE', 'FSEVENT', 'fsevents', 'PSXSEM', 'PSXMQ']);

export function fdKind(fdType: string | null | undefined): FdKind {
  const t = fdType ?? '';
  if (SOCKET_TYPES.has(t)) return 'socket';
  if (FILE_TYPES.has(t)) return 'file';
  if (PIPE_TYPES.has(t)) return 'pipe';
  if (ANON_TYPES.has(t)) return 'anon';
  return 'other';
}

/** How a kind reads in a sentence ("regular files", "pipes"). */
export const FD_KIND_LABEL: Record<FdKind, string> = {
  socket: 'sockets',
  file: 'files',
  pipe: 'pipes',
  anon: 'eventfd/epoll/timer descriptors',
  other: 'descriptors of unknown type',
};

/** lsof's notes after a path: ` (deleted)`, ` (stat: No such file or directory)`, ` (readlink: Permission denied)`. */
const PATH_NOTE = / \((?:deleted|stat: [^)]*|readlink: [^)]*|path inode=[^)]*)\)$/;

/**
 * What a non-socket descriptor points at: the path for files (lsof's ` (deleted)` and similar notes
 * dropped), `pipe` for pipes, the bracketed name for anonymous inodes (`[eventfd:12]` → `[eventfd]`,
 * `anon_inode:[eventpoll]` → `[eventpoll]`, `inotify`). Null for sockets.
 */
export function fdTarget(fdType: string | null | undefined, name: string | null | undefined): string | null {
  const kind = fdKind(fdType);
  const n = (name ?? '').trim();
  if (kind === 'socket') return null;
  if (kind === 'pipe') return 'pipe';
  if (kind === 'anon') {
    const m = /\[([a-z_]+)(?:[:\]])/i.exec(n);
    return m ? `[${m[1]}]` : n.replace(/^anon_inode:/, '') || (fdType ?? '');
  }
  return n.replace(PATH_NOTE, '') || (fdType ?? '');
}

/**
 * A path with its numbers (and hex ids of 8 or more characters, at least one a digit) as `*`: `/spool/upload-000123.part` →
 * `/spool/upload-*.part`, `/tmp/app/5f0c2e9a1b7d/x` → `/tmp/app/*\/x`. Files opened per request often
 * differ only there.
 */
export function pathPattern(path: string): string {
  return path.replace(/\b(?=[a-f]*\d)[0-9a-f]{8,}\b/gi, '*').replace(/\d+/g, '*').replace(/\*(?:[-_.:]?\*)+/g, '*');
}

/** `/var/lib/app/journal/acme.ndjson` → `/var/lib/app/journal/*`; targets that are not paths stay as they are. */
export function dirPattern(path: string): string {
  if (!path.startsWith('/')) return path;
  const i = path.lastIndexOf('/');
  return i > 0 ? `${path.slice(0, i)}/*` : path;
}

export interface Delta {
  key: string;
  first: number;
  last: number;
}

/** Count per key in the first and the last snapshot, biggest growth first (then the bigger count, then the key). */
export function deltasOf(first: Iterable<string>, last: Iterable<string>): Delta[] {
  const m = new Map<string, Delta>();
  for (const k of first) {
    const d = m.get(k) ?? { key: k, first: 0, last: 0 };
    d.first++;
    m.set(k, d);
  }
  for (const k of last) {
    const d = m.get(k) ?? { key: k, first: 0, last: 0 };
    d.last++;
    m.set(k, d);
  }
  return [...m.values()].sort((a, b) => b.last - b.first - (a.last - a.first) || b.last - a.last || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * A broader grouping names the leak only when it grows this much more than the most specific one: files
 * opened per request under distinct names (`req-1.tmp`, `req-2.tmp`) grow as a pattern, not one by one;
 * a leak on one path plus ordinary churn elsewhere in its directory stays named by that path.
 */
const BROADER_BY = 1.5;

const rise = (d: readonly Delta[]) => (d[0] ? d[0].last - d[0].first : 0);

/**
 * Growth of non-socket targets between two snapshots, at the most specific level that carries it: the
 * exact path, the path with its numbers as `*`, or the directory (`dir/*`). A broader level wins only
 * when its top target grew at least 1.5 times more than the best more specific one.
 */
export function targetDeltas(first: readonly string[], last: readonly string[]): Delta[] {
  const levels = [(t: string) => t, pathPattern, dirPattern];
  let best = deltasOf(first, last);
  for (const level of levels.slice(1)) {
    const d = deltasOf(first.map(level), last.map(level));
    if (rise(d) >= rise(best) * BROADER_BY && rise(d) > rise(best)) best = d;
  }
  return best;
}

/** Whether `target` (a path) falls under `key` as targetDeltas named it: the path itself, its pattern or its directory. */
export function targetMatches(key: string, target: string): boolean {
  return key === target || key === pathPattern(target) || key === dirPattern(target);
}
