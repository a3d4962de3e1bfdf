import type { FindingDraft } from '../../model/finding';
import { plural } from '../findings-from-hits';
import { snapEvidence, spanOccurrence } from '../series';
import type { Signature } from '../types';

export const LOCK_CONTENTION = 'lock-contention';

/** Blocked threads on one lock worth reporting: two or three queue briefly on any busy monitor. */
const MIN_BLOCKED = 5;

export interface LockContentionData {
  lock: string;
  waiters: number;
  owner: string | null;
  ownerState: string | null;
  ownerFrame: string | null;
}

export const lockContention: Signature<typeof LOCK_CONTENTION, LockContentionData> = {
  id: LOCK_CONTENTION,
  title: 'Many threads blocked on one lock',
  severity: 'high',
  explanation:
    'Several threads wait to acquire the same monitor or lock while one thread holds it. Throughput collapses to what that one ' +
    'owner can do; if the owner is itself waiting (I/O, another lock), everyone behind it waits as long.',
  fix: "Look at what the owner does while holding the lock (its stack below): shrink the critical section, move I/O out of it, or split the lock.",
  references: ['https://docs.oracle.com/en/java/javase/17/troubleshoot/troubleshoot-process-hangs-and-loops.html'],
  detect(ctx) {
    const q = ctx.store.series;
    const out: FindingDraft<LockContentionData>[] = [];
    for (const d of q.threadDumps(ctx.bundleId)) {
      for (const lock of q.contendedLocks(d.sid, MIN_BLOCKED)) {
        const owner = q.lockOwner(d.sid, lock.lock);
        out.push({
          signature: this.id,
          severity: lock.waiters >= 20 ? 'critical' : 'high',
          title: `${plural(lock.waiters, 'thread')} blocked on lock ${lock.lock}`,
          summary:
            `${plural(lock.waiters, 'thread')} wait for lock ${lock.lock}` +
            (owner ? `, held by "${owner.name}" (${owner.state ?? 'state unknown'}${owner.topFrame ? `, in ${owner.topFrame}` : ''}).` : '; its owner is not in the dump.'),
          first: d.capturedAt,
          last: d.capturedAt,
          count: lock.waiters,
          data: { lock: lock.lock, waiters: lock.waiters, owner: owner?.name ?? null, ownerState: owner?.state ?? null, ownerFrame: owner?.topFrame ?? null },
          evidence: [
            ...(owner ? [snapEvidence(d, owner.line, `owner "${owner.name}"`)] : []),
            snapEvidence(d, lock.line, 'first waiting thread'),
          ],
          occurrences: [spanOccurrence(d, d, owner?.line ?? lock.line, d.pid, `${lock.waiters} threads blocked`)],
        });
      }
    }
    return out;
  },
};
