/** Thread dumps, goroutine dumps and heap histograms → threads, stack groups, deadlocks, heap classes. */
import { createHash } from 'node:crypto';
import { classifyGroup, groupGoroutines, type GoroutineDump } from '../../../parsers/goroutine';
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
  if (d.panic) w.facts.add(sid, d.panic.line, 'panic', d.panic.message + (d.panic.signal ? ` [${d.panic.signal}]` : ''));
  // SIGQUIT / GOTRACEBACK traces: the signal and each thread's registers block, for the SQL console.
  if (d.signal) w.facts.add(sid, d.signal.line, 'signal', d.signal.text);
  for (const r of d.registers ?? []) w.facts.add(sid, r.line, 'registers', JSON.stringify(r.values));
  const total = d.goroutines.length || d.aggregated.reduce((n, a) => n + a.count, 0);
  w.facts.add(sid, d.line, 'goroutines', String(d.total ?? total));
  return groups.reduce((n, g) => n + g.count, 0);
}

export function writeHistogram(w: SnapshotWriter, sid: number, h: HeapHistogram): number {
  for (const r of h.rows) w.heapClasses.add(sid, null, r.rank, r.className, r.instances, r.bytes, r.module ?? null);
  if (h.total) w.facts.add(sid, h.line, 'heap-total-bytes', String(h.total.bytes));
  return h.rows.length;
}

export function writeMatSuspect(w: SnapshotWriter, sid: number, s: MatSuspect): void {
  w.facts.add(sid, s.line, 'mat-suspect', JSON.stringify({ index: s.index, text: s.text, className: s.className, bytes: s.bytes, percent: s.percent, instances: s.instances }));
}
