/**
 * Read-side queries over snapshot tables, shaped for the signatures: series of counts over capture
 * time, per process, per peer, per connection, per stack group.
 */
import { parseJson } from './json';
import type { DB } from './open';

export interface SnapRef {
  sid: number;
  fileId: number;
  capturedAt: number | null;
  line: number;
  host: string | null;
  kind: string;
  /** The command a collector header says produced the snapshot. */
  command: string | null;
}

const SNAP_COLS = 's.id AS sid, s.file_id AS fileId, s.captured_at AS capturedAt, s.line AS line, s.host AS host, s.kind AS kind, s.command AS command';
const IN_BUNDLE = 'JOIN files fl ON fl.id = s.file_id WHERE fl.bundle_id = @bundle';
const ORDER = 'ORDER BY s.captured_at IS NULL, s.captured_at, fl.path, s.seq';

export interface FdCountPoint extends SnapRef {
  pid: number;
  command: string;
  count: number;
  /** Line of one row of this process in the snapshot (evidence). */
  rowLine: number;
}

export interface Breakdown {
  key: string;
  count: number;
  line: number;
}

/** One numbered descriptor as lsof listed it. */
export interface FdRowRef {
  type: string | null;
  name: string | null;
  remote: string | null;
  state: string | null;
  line: number;
}

export interface SocketStatePoint extends SnapRef {
  remote: string;
  state: string;
  count: number;
  rowLine: number;
  process: string | null;
}

export interface QueuePoint extends SnapRef {
  rowLine: number;
  proto: string | null;
  local: string;
  remote: string;
  state: string | null;
  recvQ: number;
  sendQ: number;
  pid: number | null;
  process: string | null;
}

export interface GroupPoint extends SnapRef {
  key: string;
  state: string | null;
  count: number;
  tags: string | null;
  frames: string | null;
  createdBy: string | null;
  waitMin: number | null;
  waitMax: number | null;
  groupLine: number | null;
}

/** One row of a top sample: a process, or under `top -H` a thread (`pid` is then its thread id and `tgid` its process). */
export interface TopTaskRow extends SnapRef {
  pid: number | null;
  command: string | null;
  cpu: number | null;
  state: string | null;
  isThread: number;
  taskLine: number | null;
  tgid: number | null;
}

export interface JavaThreadRow extends SnapRef {
  pid: number | null;
  name: string;
  state: string | null;
  tags: string | null;
  groupKey: string | null;
  topFrame: string | null;
  threadLine: number;
  /** Native thread id (jstack's nid): top -H's TID. */
  osId: number | null;
  /** CPU time the JVM printed for it (`cpu=…ms`, JDK 11+). */
  cpuMs: number | null;
}

export class SnapshotQueries {
  constructor(private readonly db: DB) {}

  /** Open descriptors per process per lsof snapshot (numeric fds only: `cwd`, `txt`, `mem` are not descriptors). */
  fdCounts(bundle: number): FdCountPoint[] {
    return this.db
      .prepare<{ bundle: number }, FdCountPoint>(
        `SELECT ${SNAP_COLS}, f.pid AS pid, MIN(f.command) AS command, COUNT(*) AS count, MIN(f.line) AS rowLine
         FROM fds f JOIN snapshots s ON s.id = f.snapshot_id ${IN_BUNDLE} AND f.fd GLOB '[0-9]*'
         GROUP BY s.id, f.pid ${ORDER}`,
      )
      .all({ bundle });
  }

  /** Counts users printed with `… | wc -l` next to the snapshots. */
  fdCountTranscripts(bundle: number): (SnapRef & { pid: number | null; command: string; count: number; rowLine: number; filter: string | null })[] {
    return this.db
      .prepare<{ bundle: number }, SnapRef & { pid: number | null; command: string; count: number; rowLine: number; filter: string | null }>(
        `SELECT ${SNAP_COLS}, c.pid AS pid, c.command AS command, c.count AS count, c.line AS rowLine, c.filter AS filter
         FROM fd_counts c JOIN snapshots s ON s.id = c.snapshot_id ${IN_BUNDLE} ${ORDER}`,
      )
      .all({ bundle });
  }

  fdByType(sid: number, pid: number): Breakdown[] {
    return this.db
      .prepare<[number, number], Breakdown>(
        "SELECT fd_type AS key, COUNT(*) AS count, MIN(line) AS line FROM fds WHERE snapshot_id = ? AND pid = ? AND fd GLOB '[0-9]*' GROUP BY fd_type ORDER BY count DESC",
      )
      .all(sid, pid);
  }

  /** Numbered descriptors of one process in one lsof snapshot, in line order: their type, name, peer and state. */
  fdRows(sid: number, pid: number): FdRowRef[] {
    return this.db
      .prepare<[number, number], FdRowRef>(
        "SELECT fd_type AS type, name, remote, state, line FROM fds WHERE snapshot_id = ? AND pid = ? AND fd GLOB '[0-9]*' ORDER BY line",
      )
      .all(sid, pid);
  }

  fdByRemote(sid: number, pid: number): Breakdown[] {
    return this.db
      .prepare<[number, number], Breakdown>(
        `SELECT remote AS key, COUNT(*) AS count, MIN(line) AS line FROM fds WHERE snapshot_id = ? AND pid = ? AND remote IS NOT NULL AND remote <> ''
         GROUP BY remote ORDER BY count DESC`,
      )
      .all(sid, pid);
  }

  /** The soft open-files limit printed anywhere in the bundle (per pid when the snapshot says whose). */
  openFilesLimits(bundle: number): { pid: number | null; soft: number | null; hard: number | null; fileId: number; line: number }[] {
    return this.db
      .prepare<{ bundle: number }, { pid: number | null; soft: number | null; hard: number | null; fileId: number; line: number }>(
        `SELECT s.pid AS pid, l.soft AS soft, l.hard AS hard, s.file_id AS fileId, l.line AS line FROM limits l JOIN snapshots s ON s.id = l.snapshot_id
         ${IN_BUNDLE} AND (l.resource = 'nofile' OR l.name LIKE 'Max open files%' OR l.name LIKE 'open files%')`,
      )
      .all({ bundle });
  }

  /** Sockets per snapshot, remote peer and state, from ss/netstat and from lsof's TCP rows. */
  socketStates(bundle: number): SocketStatePoint[] {
    const fromSockets = this.db
      .prepare<{ bundle: number }, SocketStatePoint>(
        `SELECT ${SNAP_COLS}, so.remote AS remote, so.state AS state, COUNT(*) AS count, MIN(so.line) AS rowLine, MIN(so.process) AS process
         FROM sockets so JOIN snapshots s ON s.id = so.snapshot_id ${IN_BUNDLE} AND so.state IS NOT NULL
         GROUP BY s.id, so.remote, so.state ${ORDER}`,
      )
      .all({ bundle });
    const fromLsof = this.db
      .prepare<{ bundle: number }, SocketStatePoint>(
        `SELECT ${SNAP_COLS}, f.remote AS remote, f.state AS state, COUNT(*) AS count, MIN(f.line) AS rowLine, MIN(f.command) AS process
         FROM fds f JOIN snapshots s ON s.id = f.snapshot_id ${IN_BUNDLE} AND f.state IS NOT NULL AND f.remote IS NOT NULL
         GROUP BY s.id, f.remote, f.state ${ORDER}`,
      )
      .all({ bundle });
    return [...fromSockets, ...fromLsof];
  }

  /** Sockets with data queued, per snapshot. */
  queues(bundle: number): QueuePoint[] {
    return this.db
      .prepare<{ bundle: number }, QueuePoint>(
        `SELECT ${SNAP_COLS}, so.line AS rowLine, so.proto AS proto, so.local AS local, so.remote AS remote, so.state AS state,
           so.recv_q AS recvQ, so.send_q AS sendQ, so.pid AS pid, so.process AS process
         FROM sockets so JOIN snapshots s ON s.id = so.snapshot_id ${IN_BUNDLE} AND (so.recv_q > 0 OR so.send_q > 0) ${ORDER}`,
      )
      .all({ bundle });
  }

  /** Every capture of socket tables, so a connection missing from one is seen as gone. */
  socketSnapshots(bundle: number): SnapRef[] {
    return this.db
      .prepare<{ bundle: number }, SnapRef>(`SELECT ${SNAP_COLS} FROM snapshots s ${IN_BUNDLE} AND s.kind IN ('ss', 'netstat') ${ORDER}`)
      .all({ bundle });
  }

  deadlocks(bundle: number): (SnapRef & { dlLine: number; source: string; cycle: string })[] {
    return this.db
      .prepare<{ bundle: number }, SnapRef & { dlLine: number; source: string; cycle: string }>(
        `SELECT ${SNAP_COLS}, d.line AS dlLine, d.source AS source, d.cycle AS cycle FROM deadlocks d JOIN snapshots s ON s.id = d.snapshot_id ${IN_BUNDLE} ${ORDER}`,
      )
      .all({ bundle });
  }

  /** Threads per Java dump: total and per tag. */
  threadDumps(bundle: number): (SnapRef & { pid: number | null; total: number })[] {
    return this.db
      .prepare<{ bundle: number }, SnapRef & { pid: number | null; total: number }>(
        `SELECT ${SNAP_COLS}, s.pid AS pid, (SELECT COUNT(*) FROM threads t WHERE t.snapshot_id = s.id) AS total
         FROM snapshots s ${IN_BUNDLE} AND s.kind = 'jstack' ${ORDER}`,
      )
      .all({ bundle });
  }

  threadsTagged(sid: number, tag: string): { name: string; line: number; state: string | null; topFrame: string | null }[] {
    return this.db
      .prepare<[number, string], { name: string; line: number; state: string | null; topFrame: string | null }>(
        "SELECT name, line, state, top_frame AS topFrame FROM threads WHERE snapshot_id = ? AND (',' || tags || ',') LIKE '%,' || ? || ',%' ORDER BY line",
      )
      .all(sid, tag);
  }

  /** Monitors or locks with at least `min` threads blocked or parked on them. */
  contendedLocks(sid: number, min: number): { lock: string; waiters: number; line: number }[] {
    return this.db
      .prepare<[number, number], { lock: string; waiters: number; line: number }>(
        `SELECT waiting_on AS lock, COUNT(*) AS waiters, MIN(line) AS line FROM threads WHERE snapshot_id = ? AND waiting_on IS NOT NULL
           AND (',' || tags || ',') LIKE '%,lock-wait,%' GROUP BY waiting_on HAVING COUNT(*) >= ? ORDER BY waiters DESC`,
      )
      .all(sid, min);
  }

  /** Every thread of one dump with the lock it waits on and the locks it holds. */
  threadLocks(sid: number): { name: string; state: string | null; waitingOn: string | null; locksHeld: string[] }[] {
    return this.db
      .prepare<[number], { name: string; state: string | null; waitingOn: string | null; locksHeld: string | null }>(
        'SELECT name, state, waiting_on AS waitingOn, locks_held AS locksHeld FROM threads WHERE snapshot_id = ? ORDER BY line',
      )
      .all(sid)
      .map((t) => ({ ...t, locksHeld: parseJson<string[]>(t.locksHeld, []) }));
  }

  lockOwner(sid: number, lock: string): { name: string; state: string | null; topFrame: string | null; line: number } | undefined {
    return this.db
      .prepare<[number, string], { name: string; state: string | null; topFrame: string | null; line: number }>(
        `SELECT name, state, top_frame AS topFrame, line FROM threads WHERE snapshot_id = ? AND locks_held LIKE '%"' || ? || '"%' LIMIT 1`,
      )
      .get(sid, lock);
  }

  /** Threads (by name) with their stack hash and state per dump, for "same stack in every dump". */
  threadStacks(bundle: number): (SnapRef & { name: string; groupKey: string; state: string | null; tags: string | null; topFrame: string | null; threadLine: number })[] {
    return this.db
      .prepare<{ bundle: number }, SnapRef & { name: string; groupKey: string; state: string | null; tags: string | null; topFrame: string | null; threadLine: number }>(
        `SELECT ${SNAP_COLS}, t.name AS name, t.group_key AS groupKey, t.state AS state, t.tags AS tags, t.top_frame AS topFrame, t.line AS threadLine
         FROM threads t JOIN snapshots s ON s.id = t.snapshot_id ${IN_BUNDLE} ${ORDER}`,
      )
      .all({ bundle });
  }

  /** Java threads of every dump with their native id (top -H's TID), CPU time and stack group, in capture order. */
  javaThreads(bundle: number): JavaThreadRow[] {
    return this.db
      .prepare<{ bundle: number }, JavaThreadRow>(
        `SELECT ${SNAP_COLS}, s.pid AS pid, t.name AS name, t.state AS state, t.tags AS tags, t.group_key AS groupKey, t.top_frame AS topFrame,
           t.line AS threadLine, t.os_id AS osId, t.cpu_ms AS cpuMs
         FROM threads t JOIN snapshots s ON s.id = t.snapshot_id ${IN_BUNDLE} AND s.kind = 'jstack' ${ORDER}, t.line`,
      )
      .all({ bundle });
  }

  /** Stack groups of one snapshot kind across its dumps. */
  groups(bundle: number, kind: 'goroutine' | 'jstack'): GroupPoint[] {
    return this.db
      .prepare<{ bundle: number; kind: string }, GroupPoint>(
        `SELECT ${SNAP_COLS}, g.key AS key, g.state AS state, g.count AS count, g.tags AS tags, g.frames AS frames, g.created_by AS createdBy,
           g.wait_min AS waitMin, g.wait_max AS waitMax, g.line AS groupLine
         FROM stack_groups g JOIN snapshots s ON s.id = g.snapshot_id ${IN_BUNDLE} AND s.kind = @kind ${ORDER}`,
      )
      .all({ bundle, kind });
  }

  dumps(bundle: number, kind: string): (SnapRef & { pid: number | null; path: string; endLine: number | null })[] {
    return this.db
      .prepare<{ bundle: number; kind: string }, SnapRef & { pid: number | null; path: string; endLine: number | null }>(
        `SELECT ${SNAP_COLS}, s.pid AS pid, fl.path AS path, s.end_line AS endLine FROM snapshots s ${IN_BUNDLE} AND s.kind = @kind ${ORDER}`,
      )
      .all({ bundle, kind });
  }

  heapClasses(bundle: number): (SnapRef & { className: string; bytes: number; instances: number; rowLine: number })[] {
    return this.db
      .prepare<{ bundle: number }, SnapRef & { className: string; bytes: number; instances: number; rowLine: number }>(
        `SELECT ${SNAP_COLS}, h.class_name AS className, h.bytes AS bytes, h.instances AS instances, h.line AS rowLine
         FROM heap_classes h JOIN snapshots s ON s.id = h.snapshot_id ${IN_BUNDLE} ${ORDER}`,
      )
      .all({ bundle });
  }

  /** Facts of several names at once, with the snapshot's process: one row per fact, in capture order. */
  factsOf(bundle: number, names: readonly string[]): (SnapRef & { pid: number | null; name: string; factLine: number | null; value: string | null })[] {
    return this.db
      .prepare<{ bundle: number; names: string }, SnapRef & { pid: number | null; name: string; factLine: number | null; value: string | null }>(
        `SELECT ${SNAP_COLS}, s.pid AS pid, x.name AS name, x.line AS factLine, x.value AS value FROM snapshot_facts x JOIN snapshots s ON s.id = x.snapshot_id
         ${IN_BUNDLE} AND x.name IN (SELECT value FROM json_each(@names)) ${ORDER}, x.line`,
      )
      .all({ bundle, names: JSON.stringify(names) });
  }

  facts(bundle: number, name: string): (SnapRef & { factLine: number | null; value: string | null })[] {
    return this.db
      .prepare<{ bundle: number; name: string }, SnapRef & { factLine: number | null; value: string | null }>(
        `SELECT ${SNAP_COLS}, x.line AS factLine, x.value AS value FROM snapshot_facts x JOIN snapshots s ON s.id = x.snapshot_id
         ${IN_BUNDLE} AND x.name = @name ${ORDER}`,
      )
      .all({ bundle, name });
  }

  topTasks(bundle: number): TopTaskRow[] {
    return this.db
      .prepare<{ bundle: number }, TopTaskRow>(
        `SELECT ${SNAP_COLS}, t.pid AS pid, t.command AS command, t.cpu AS cpu, t.state AS state, t.is_thread AS isThread, t.line AS taskLine, t.tgid AS tgid
         FROM top_tasks t JOIN snapshots s ON s.id = t.snapshot_id ${IN_BUNDLE} ${ORDER}`,
      )
      .all({ bundle });
  }
}
