/**
 * The JVM's own deadlock report, printed after the threads:
 *
 *   Found one Java-level deadlock:
 *   =============================
 *   "main":
 *     waiting to lock monitor 0x00007fcefca13e00 (object 0x000000070fe20f58, a java.lang.Object),
 *     which is held by "Thread-0"
 *   "Thread-0":
 *     waiting for ownable synchronizer 0x00000007405ecc30, (a java.util.concurrent.locks.ReentrantLock$NonfairSync),
 *     which is held by "main"
 *
 *   Java stack information for the threads listed above:
 *   ===================================================
 *   "main":
 *   	at Test.main(Test.java:13)
 *   …
 *   Found 1 deadlock.
 *
 * One section per cycle (JDK 25 prints three sections for three cycles). Lines are fed one by one;
 * `take()` returns the finished cycle.
 */
import { normaliseLockId } from './lock-ref';
import type { Deadlock, DeadlockEdge, LockRef } from './model';

export const DEADLOCK_START = /^Found (?:one|a) Java-level deadlock:\s*$/;
export const DEADLOCK_END = /^Found (?:\d+|a total of \d+) deadlocks?\.\s*$/;

const NAME_LINE = /^"(.*)":\s*$/;
const MONITOR = /^\s+waiting to lock (?:monitor|Monitor@)\s*(0x[0-9a-fA-F]+|[0-9a-fA-F]+),?\s*\((?:object|Object@)\s*(0x[0-9a-fA-F]+|[0-9a-fA-F]+),\s*an? ([^()]+)\),?\s*$/;
const SYNC = /^\s+waiting for ownable synchronizer (0x[0-9a-fA-F]+|[0-9a-fA-F]+),?\s*\(an? ([^()]+)\),?\s*$/;
const HELD = /^\s+which is held by (?:"(.*)"|(\S+))/;

export type DeadlockLineResult = 'ok' | 'unknown';

export class DeadlockSection {
  private edges: DeadlockEdge[] = [];
  private pendingName: string | null = null;
  private pending: Omit<DeadlockEdge, 'heldBy' | 'name'> | null = null;
  private inStacks = false;

  constructor(readonly line: number) {}

  /** Feed one line after the `Found one Java-level deadlock:` line. */
  feed(text: string): DeadlockLineResult {
    if (text.trim() === '' || /^=+\s*$/.test(text)) return 'ok';
    if (/^Java stack information for the threads listed above:\s*$/.test(text)) {
      this.inStacks = true;
      return 'ok';
    }
    const name = NAME_LINE.exec(text);
    if (name) {
      if (!this.inStacks) this.pendingName = name[1]!;
      return 'ok';
    }
    if (this.inStacks) return /^\s+(?:at\s|-\s)/.test(text) ? 'ok' : 'unknown';
    const mon = MONITOR.exec(text);
    if (mon) {
      const id = normaliseLockId(mon[2]!);
      if (!id) return 'unknown';
      this.pending = { waitingFor: { id, className: mon[3]!.trim() }, monitor: mon[1]!.toLowerCase(), kind: 'monitor' };
      return 'ok';
    }
    const sync = SYNC.exec(text);
    if (sync) {
      const id = normaliseLockId(sync[1]!);
      if (!id) return 'unknown';
      this.pending = { waitingFor: { id, className: sync[2]!.trim() } as LockRef, kind: 'synchronizer' };
      return 'ok';
    }
    const held = HELD.exec(text);
    if (held && this.pending && this.pendingName !== null) {
      this.edges.push({ name: this.pendingName, ...this.pending, heldBy: held[1] ?? held[2]! });
      this.pending = null;
      this.pendingName = null;
      return 'ok';
    }
    return 'unknown';
  }

  /** The cycle read so far (null when the section held no complete edge). */
  take(): Deadlock | null {
    return this.edges.length ? { threads: this.edges, line: this.line, source: 'jvm' } : null;
  }
}
