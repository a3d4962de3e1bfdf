/**
 * Counts over the FdRows of one snapshot, for the fd-leak signatures: which process holds how many
 * descriptors, of which type, to which peer, in which state. Per-thread rows (with a TID) repeat
 * their process's descriptors and are left out; `fds` counts numbered descriptors only (lsof also
 * lists cwd, txt and memory-mapped files, which do not count against the fd limit).
 */
import type { FdRow } from './model';

export interface ProcessFds {
  pid: number;
  command: string;
  /** Rows lsof listed for the process (without per-thread rows). */
  rows: number;
  /** Numbered descriptors (`12u`): what `ulimit -n` limits. */
  fds: number;
  byType: Record<string, number>;
}

export interface RemoteFds {
  /** The remote end as printed (`10.0.0.5:5432`, `ecs-999f:63327`). */
  remote: string;
  count: number;
  byState: Record<string, number>;
}

export interface FdSummary {
  rows: number;
  fds: number;
  /** Rows with a TID that were left out. */
  threadRows: number;
  /** Busiest first. */
  byProcess: ProcessFds[];
  /** Numbered descriptors per TYPE ('' shown as `(none)`). */
  byType: Record<string, number>;
  /** Numbered socket descriptors per remote end, busiest first. */
  byRemote: RemoteFds[];
  /** Numbered socket descriptors per TCP state (sockets without a state are not counted). */
  byState: Record<string, number>;
}

function inc(m: Record<string, number>, k: string, by = 1): void {
  m[k] = (m[k] ?? 0) + by;
}

export function summariseFds(rows: Iterable<FdRow>): FdSummary {
  const procs = new Map<string, ProcessFds>();
  const remotes = new Map<string, RemoteFds>();
  const s: FdSummary = { rows: 0, fds: 0, threadRows: 0, byProcess: [], byType: {}, byRemote: [], byState: {} };
  for (const r of rows) {
    if (r.tid !== undefined) {
      s.threadRows++;
      continue;
    }
    s.rows++;
    const key = `${r.pid}\u0000${r.command}`;
    let p = procs.get(key);
    if (!p) {
      p = { pid: r.pid, command: r.command, rows: 0, fds: 0, byType: {} };
      procs.set(key, p);
    }
    p.rows++;
    if (r.fdNum === undefined) continue;
    s.fds++;
    p.fds++;
    const type = r.fdType === '' ? '(none)' : r.fdType;
    inc(p.byType, type);
    inc(s.byType, type);
    if (r.state !== undefined) inc(s.byState, r.state);
    if (r.remote !== undefined) {
      let re = remotes.get(r.remote);
      if (!re) {
        re = { remote: r.remote, count: 0, byState: {} };
        remotes.set(r.remote, re);
      }
      re.count++;
      if (r.state !== undefined) inc(re.byState, r.state);
    }
  }
  s.byProcess = [...procs.values()].sort((a, b) => b.fds - a.fds || b.rows - a.rows || a.pid - b.pid);
  s.byRemote = [...remotes.values()].sort((a, b) => b.count - a.count || a.remote.localeCompare(b.remote));
  return s;
}
