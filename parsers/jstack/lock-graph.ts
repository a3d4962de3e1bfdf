/**
 * Who waits for whom. A thread waits for at most one lock and a lock has at most one owner, so the
 * waiter → owner graph has out-degree ≤ 1: cycles (deadlocks) are found by walking each chain once.
 *
 * Ownership comes from `- locked <X>` (monitors) and `Locked ownable synchronizers` (jstack -l:
 * ReentrantLock and friends). Waiting comes from `- waiting to lock <X>` (BLOCKED on a monitor) and
 * `- parking to wait for <X>` when X is an owned synchronizer. Parking on a ConditionObject or a
 * queue is waiting for a signal, not for an owner, and makes no edge.
 */
import { frameSymbol } from './frame';
import type { Deadlock, Frame, JavaThread, LockRef, ThreadDump, ThreadState } from './model';

export interface LockEdge {
  /** Indexes into `dump.threads` (names are not unique: a dump may hold two "DeadlockThread-A"). */
  waiter: number;
  owner: number;
  waiterName: string;
  ownerName: string;
  lock: LockRef;
  kind: 'monitor' | 'synchronizer';
}

export interface LockGraph {
  edges: LockEdge[];
  /** Lock id → index of the owning thread. */
  ownerOf: Map<string, number>;
  /** Each cycle as its edges, starting from the thread that appears first in the dump. */
  cycles: LockEdge[][];
}

/** Synchronizers whose parkers wait for an owner even when `jstack -l` was not used. */
const LOCK_SYNC = /(?:ReentrantLock|ReentrantReadWriteLock)\$(?:NonfairSync|FairSync|Sync)$/;

function ownersOf(dump: ThreadDump): Map<string, number> {
  const owner = new Map<string, number>();
  dump.threads.forEach((t, i) => {
    for (const l of t.locksHeld) if (!owner.has(l.id)) owner.set(l.id, i);
    for (const l of t.ownableSynchronizers) if (!owner.has(l.id)) owner.set(l.id, i);
  });
  return owner;
}

/** The lock a thread is stuck behind, if any, and of which kind. */
function waitOf(t: JavaThread): { lock: LockRef; kind: 'monitor' | 'synchronizer' } | null {
  if (t.waitingToLock) return { lock: t.waitingToLock, kind: 'monitor' };
  if (t.parkingFor) return { lock: t.parkingFor, kind: 'synchronizer' };
  return null;
}

export function lockGraph(dump: ThreadDump): LockGraph {
  const ownerOf = ownersOf(dump);
  const edges: LockEdge[] = [];
  const out = new Map<number, LockEdge>();
  dump.threads.forEach((t, i) => {
    const w = waitOf(t);
    if (!w) return;
    const o = ownerOf.get(w.lock.id);
    if (o === undefined || o === i) return;
    const edge: LockEdge = { waiter: i, owner: o, waiterName: t.name, ownerName: dump.threads[o]!.name, lock: w.lock, kind: w.kind };
    edges.push(edge);
    out.set(i, edge);
  });
  // Walk every chain once; colour 1 = on the current walk, 2 = done.
  const colour = new Map<number, 1 | 2>();
  const cycles: LockEdge[][] = [];
  for (const start of out.keys()) {
    if (colour.has(start)) continue;
    const path: number[] = [];
    let at: number | undefined = start;
    while (at !== undefined && !colour.has(at)) {
      colour.set(at, 1);
      path.push(at);
      at = out.get(at)?.owner;
    }
    if (at !== undefined && colour.get(at) === 1) {
      const cycle = path.slice(path.indexOf(at)).map((i) => out.get(i)!);
      const first = cycle.reduce((m, e, k) => (e.waiter < cycle[m]!.waiter ? k : m), 0);
      cycles.push([...cycle.slice(first), ...cycle.slice(0, first)]);
    }
    for (const i of path) colour.set(i, 2);
  }
  return { edges, ownerOf, cycles };
}

/** Cycles of the lock graph as `Deadlock` records (`source: 'lock-graph'`). */
export function graphDeadlocks(dump: ThreadDump, graph: LockGraph = lockGraph(dump)): Deadlock[] {
  return graph.cycles.map((cycle) => ({
    threads: cycle.map((e) => ({ name: e.waiterName, waitingFor: e.lock, heldBy: e.ownerName, kind: e.kind })),
    line: Math.min(...cycle.map((e) => dump.threads[e.waiter]!.line)),
    source: 'lock-graph' as const,
  }));
}

function lockSet(d: Deadlock): string {
  return d.threads.map((t) => t.waitingFor.id).sort().join(',');
}

/** The JVM's cycles plus those only the lock graph shows (same set of locks = same cycle). */
export function mergeDeadlocks(jvm: readonly Deadlock[], graph: readonly Deadlock[]): Deadlock[] {
  const seen = new Set(jvm.map(lockSet));
  return [...jvm, ...graph.filter((d) => !seen.has(lockSet(d)))];
}

export interface ContendedLock {
  lock: LockRef;
  kind: 'monitor' | 'synchronizer';
  /** Names and indexes of the threads waiting for it, in dump order. */
  waiters: string[];
  waiterIndexes: number[];
  /** The owner and what it is doing; absent when no thread in the dump claims the lock. */
  owner?: { name: string; index: number; state: ThreadState | null; topFrame?: Frame; doing?: string; line: number };
  /** Line of the first waiter (evidence). */
  line: number;
}

/**
 * Locks with at least `minWaiters` threads blocked on them (monitor entry, or parked on an owned
 * lock synchronizer), most contended first.
 */
export function contention(dump: ThreadDump, minWaiters = 2): ContendedLock[] {
  const ownerOf = ownersOf(dump);
  const byLock = new Map<string, ContendedLock>();
  dump.threads.forEach((t, i) => {
    const w = waitOf(t);
    if (!w) return;
    const o = ownerOf.get(w.lock.id);
    if (w.kind === 'synchronizer' && o === undefined && !LOCK_SYNC.test(w.lock.className ?? '')) return;
    if (o === i) return;
    let c = byLock.get(w.lock.id);
    if (!c) {
      c = { lock: w.lock, kind: w.kind, waiters: [], waiterIndexes: [], line: t.line };
      if (o !== undefined) {
        const ot = dump.threads[o]!;
        const top = ot.frames[0];
        c.owner = { name: ot.name, index: o, state: ot.state, line: ot.line };
        if (top) {
          c.owner.topFrame = top;
          c.owner.doing = frameSymbol(top);
        }
      }
      byLock.set(w.lock.id, c);
    }
    c.waiters.push(t.name);
    c.waiterIndexes.push(i);
  });
  return [...byLock.values()]
    .filter((c) => c.waiters.length >= minWaiters)
    .sort((a, b) => b.waiters.length - a.waiters.length || a.line - b.line);
}
