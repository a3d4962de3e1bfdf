import type { DeadlockEdge } from '../../../parsers/jstack';
import type { FindingDraft } from '../../model/finding';
import { parseJson } from '../../store/json';
import { snapEvidence, spanOccurrence } from '../series';
import type { DetectContext, Signature } from '../types';

export const JAVA_DEADLOCK = 'java-deadlock';

export interface JavaDeadlockData {
  threads: string[];
  /** Threads blocked, directly or through others, on locks the deadlocked threads hold: stuck as long as the deadlock. */
  blockedBehind: string[];
  cycle: DeadlockEdge[];
  source: string;
  dumps: number;
}

export const javaDeadlock: Signature<typeof JAVA_DEADLOCK, JavaDeadlockData> = {
  id: JAVA_DEADLOCK,
  title: 'Java threads deadlocked',
  severity: 'critical',
  explanation:
    'Threads wait for locks in a cycle: each holds a lock the next one needs, so none can ever proceed. Every request that needs ' +
    'any of those locks hangs too, and the pool of request threads drains. Only a restart frees them.',
  fix:
    'Make every code path acquire these locks in one global order, or hold one lock at a time (copy state out, then call out); use ' +
    'tryLock with a timeout where ordering cannot be guaranteed. The stacks in the dump show where each lock was taken.',
  references: ['https://docs.oracle.com/javase/tutorial/essential/concurrency/deadlock.html', 'https://docs.oracle.com/en/java/javase/17/troubleshoot/troubleshoot-process-hangs-and-loops.html'],
  detect(ctx) {
    const rows = ctx.store.series.deadlocks(ctx.bundleId);
    const seen = new Set<string>();
    const out: FindingDraft<JavaDeadlockData>[] = [];
    for (const r of rows) {
      const cycle = parseJson<DeadlockEdge[]>(r.cycle, []);
      const names = cycle.map((e) => e.name);
      const key = [...names].sort().join('|');
      const repeat = seen.has(key);
      seen.add(key);
      if (repeat) continue; // the same cycle in a later dump: still the same deadlock
      const all = rows.filter((x) => [...parseJson<DeadlockEdge[]>(x.cycle, []).map((e) => e.name)].sort().join('|') === key);
      const inDumps = all.length;
      const lastSeen = all.at(-1)!;
      out.push({
        signature: this.id,
        severity: 'critical',
        title: `Deadlock between ${names.map((n) => `"${n}"`).join(', ')}`,
        summary:
          cycle.map((e) => `"${e.name}" waits for ${e.waitingFor.className ?? 'a lock'} ${e.waitingFor.id} held by "${e.heldBy}"`).join('; ') +
          (r.source === 'jvm' ? ' (reported by the JVM)' : ' (found in the lock graph)') + (inDumps > 1 ? `; present in ${inDumps} dumps` : '') + '.',
        first: r.capturedAt,
        last: lastSeen.capturedAt,
        count: cycle.length,
        data: { threads: names, blockedBehind: blockedBehind(ctx, all.map((x) => x.sid), names), cycle, source: r.source, dumps: inDumps },
        evidence: [snapEvidence(r, r.dlLine, `deadlock of ${names.length} threads`, r.dlLine + cycle.length * 3)],
        // A deadlock never resolves by itself: it holds from the first dump that shows it to the last.
        occurrences: [{ ...spanOccurrence(r, lastSeen, lastSeen.dlLine, null, `deadlock of ${names.length} threads`), endLine: lastSeen.dlLine + cycle.length * 3 }],
      });
    }
    return out;
  },
};

/** Threads waiting, transitively, on locks held by the deadlocked ones, in any of the dumps that show the deadlock. */
function blockedBehind(ctx: DetectContext, sids: readonly number[], cycle: readonly string[]): string[] {
  const out = new Set<string>();
  for (const sid of sids) {
    const threads = ctx.store.series.threadLocks(sid);
    const stuck = new Set(cycle);
    for (let changed = true; changed; ) {
      changed = false;
      const held = new Set(threads.filter((t) => stuck.has(t.name)).flatMap((t) => t.locksHeld));
      for (const t of threads) {
        if (!stuck.has(t.name) && t.waitingOn && held.has(t.waitingOn)) {
          stuck.add(t.name);
          changed = true;
        }
      }
    }
    for (const n of stuck) if (!cycle.includes(n)) out.add(n);
  }
  return [...out];
}
