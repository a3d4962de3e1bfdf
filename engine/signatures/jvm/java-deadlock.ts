import type { DeadlockEdge } from '../../../parsers/jstack';
import type { FindingDraft } from '../../model/finding';
import { parseJson } from '../../store/json';
import { snapEvidence } from '../series';
import type { Signature } from '../types';

export const javaDeadlock: Signature = {
  id: 'java-deadlock',
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
    const out: FindingDraft[] = [];
    for (const r of rows) {
      const cycle = parseJson<DeadlockEdge[]>(r.cycle, []);
      const names = cycle.map((e) => e.name);
      const key = [...names].sort().join('|');
      const repeat = seen.has(key);
      seen.add(key);
      if (repeat) continue; // the same cycle in a later dump: still the same deadlock
      const inDumps = rows.filter((x) => [...parseJson<DeadlockEdge[]>(x.cycle, []).map((e) => e.name)].sort().join('|') === key).length;
      out.push({
        signature: this.id,
        severity: 'critical',
        title: `Deadlock between ${names.map((n) => `"${n}"`).join(', ')}`,
        summary:
          cycle.map((e) => `"${e.name}" waits for ${e.waitingFor.className ?? 'a lock'} ${e.waitingFor.id} held by "${e.heldBy}"`).join('; ') +
          (r.source === 'jvm' ? ' (reported by the JVM)' : ' (found in the lock graph)') + (inDumps > 1 ? `; present in ${inDumps} dumps` : '') + '.',
        first: r.capturedAt,
        last: r.capturedAt,
        count: cycle.length,
        data: { threads: names, cycle, source: r.source, dumps: inDumps },
        evidence: [snapEvidence(r, r.dlLine, `deadlock of ${names.length} threads`, r.dlLine + cycle.length * 3)],
      });
    }
    return out;
  },
};
