/** Thread dumps, goroutine dumps and heap histograms → threads, stack groups, deadlocks, heap classes. */
import { createHash } from 'node:crypto';
import { classifyGroup, groupGoroutines, type GoroutineDump } from '../../../parsers/goroutine';
import { contendedLocks } from '../../../parsers/goroutine/locks';
import type { HeapHistogram, MatSuspect } from '../../../parsers/jmap';
import { classifyThread, frameSymbol, groupThreads, stackKey, type ThreadDump } from '../../../parsers/jstack';
import type { SnapshotWriter } from '../../store/snapshots';

const hash = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 16);
/** Stored stacks are for display: the top frames are enough. */
const KEEP_FRAMES = 40;
const LOCK_SYNC = /(ReentrantLock|ReentrantReadWriteLock|Semaphore|StampedLock)\$?\w*Sync\b|\$(Nonfair|Fair)Sync$/;

/** jstack's `nid=0x2803` (hex, Linux) or `nid=30467` (decimal): the thread id top -H lists. */
export function nativeId(nid: string | undefined): number | null {
  if (!nid) return null;
  const n = /^0x[0-9a-f]+$/i.test(nid) ? parseInt(nid.slice(2), 16) : /^\d+$/.test(nid) ? Number(nid) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** JDK and JVM frames: the lock machinery and the I/O a thread is in, not the application's code. */
export const JDK_FRAME = /^(?:java|javax|jdk|sun|com\.sun)\./;

/**
 * The line of each frame of a thread in jstack's (HotSpot's) layout: the header, the
 * `java.lang.Thread.State:` line, then each `at …` frame followed by its `- locked …` lines. Null when
 * the dump did not print a state line (the layout is not known).
 */
function hotspotFrameLines(t: ThreadDump['threads'][number]): number[] | null {
  if (!t.state || t.stateInferred || t.headerMissing) return null;
  const out: number[] = [];
  let line = t.line + 2;
  for (const f of t.frames) {
    out.push(line);
    line += 1 + (f.locks?.length ?? 0);
  }
  return line - 1 <= t.endLine ? out : null;
}

export function writeThreadDump(w: SnapshotWriter, sid: number, d: ThreadDump): number {
  for (const t of d.threads) {
    const tags: string[] = classifyThread(t);
    const waiting = t.waitingToLock ?? t.parkingFor ?? t.waitingOn;
    // Contention means waiting to *acquire* something another thread holds: a monitor, or a lock's
    // synchronizer. Waiting on a condition (idle workers, Object.wait) is not contention.
    const held = [...t.locksHeld, ...t.ownableSynchronizers].map((l) => l.id);
    if (t.waitingToLock || (t.parkingFor && LOCK_SYNC.test(t.parkingFor.className ?? ''))) tags.push('lock-wait');
    w.threads.add(
      sid, t.line, t.name, t.state, hash(stackKey(t)), tags.length ? tags.join(',') : null, t.frames[0] ? frameSymbol(t.frames[0]) : null,
      waiting ? waiting.id : null, held.length ? JSON.stringify(held) : null, t.cpuMs ?? null, t.osId ?? nativeId(t.nid),
    );
  }
  for (const g of groupThreads(d)) {
    const tags = new Set(classifyThread(g.sample));
    w.stackGroups.add(
      sid, hash(g.key), g.state, g.count, tags.size ? [...tags].join(',') : null,
      JSON.stringify(g.frames.slice(0, KEEP_FRAMES).map((f) => f.text)), null, null, null, g.lines[0] ?? g.sample.line,
    );
  }
  // Where a lock waiter's or owner's telling frames are, for evidence (lock-contention cites them).
  if (d.format === 'hotspot') {
    for (const t of d.threads) {
      const waits = t.waitingToLock || (t.parkingFor && LOCK_SYNC.test(t.parkingFor.className ?? ''));
      if (!waits && t.locksHeld.length === 0 && t.ownableSynchronizers.length === 0) continue;
      const at = hotspotFrameLines(t);
      if (!at) continue;
      const app = t.frames.findIndex((f) => !JDK_FRAME.test(f.text));
      w.facts.add(sid, t.line, 'lock-frames', JSON.stringify({ top: at[0], app: app >= 0 ? at[app] : null }));
    }
  }
  for (const dl of d.deadlocks) w.deadlocks.add(sid, dl.line, dl.source, JSON.stringify(dl.threads));
  if (d.jvm) w.facts.add(sid, d.line, 'jvm', d.jvm);
  w.facts.add(sid, d.line, 'threads', String(d.threads.length));
  return d.threads.length;
}

export function writeGoroutineDump(w: SnapshotWriter, sid: number, d: GoroutineDump): number {
  const groups = groupGoroutines(d);
  const lineOf = new Map(d.goroutines.map((g) => [g.id, g.line]));
  for (const g of groups) {
    const tags = classifyGroup(g, d);
    w.stackGroups.add(
      sid, g.key, g.state, g.count, tags.length ? tags.join(',') : null,
      JSON.stringify(g.frames.slice(0, KEEP_FRAMES).map((f) => `${f.func} ${f.file}:${f.lineNo}`)),
      g.createdBy ? `${g.createdBy.func} ${g.createdBy.file}:${g.createdBy.lineNo}` : null,
      g.waitMinMinutes, g.waitMaxMinutes, lineOf.get(g.ids[0] ?? -1) ?? null,
    );
  }
  // Goroutines queued on one mutex and the goroutine holding it (parsers/goroutine/locks.ts): the
  // signatures need the frames' arguments, which the stored groups leave out.
  for (const l of contendedLocks(d)) w.facts.add(sid, l.line, 'lock-wait', JSON.stringify(l));
  if (d.panic) w.facts.add(sid, d.panic.line, 'panic', d.panic.message + (d.panic.signal ? ` [${d.panic.signal}]` : ''));
  // SIGQUIT / GOTRACEBACK traces: the signal and each thread's registers block, for the SQL console.
  if (d.signal) w.facts.add(sid, d.signal.line, 'signal', d.signal.text);
  for (const r of d.registers ?? []) w.facts.add(sid, r.line, 'registers', JSON.stringify(r.values));
  const total = d.goroutines.length || d.aggregated.reduce((n, a) => n + a.count, 0);
  w.facts.add(sid, d.line, 'goroutines', String(d.total ?? total));
  return groups.reduce((n, g) => n + g.count, 0);
}

export function writeHistogram(w: SnapshotWriter, sid: number, h: HeapHistogram): number {
  for (const r of h.rows) w.heapClasses.add(sid, r.line ?? null, r.rank, r.className, r.instances, r.bytes, r.module ?? null);
  if (h.total) w.facts.add(sid, h.line, 'heap-total-bytes', String(h.total.bytes));
  return h.rows.length;
}

export function writeMatSuspect(w: SnapshotWriter, sid: number, s: MatSuspect): void {
  w.facts.add(sid, s.line, 'mat-suspect', JSON.stringify({ index: s.index, text: s.text, className: s.className, bytes: s.bytes, percent: s.percent, instances: s.instances }));
}
