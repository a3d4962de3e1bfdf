import type { EvidenceRef } from '../../model/evidence';
import type { FindingDraft } from '../../model/finding';
import { JDK_FRAME } from '../../ingest/rows/dump-rows';
import { parseJson } from '../../store/json';
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
  /** The application frame that takes the lock (the first waiter's first frame outside the JDK): the code path behind the queue. */
  waiterCode?: string | null;
  /** The owner's first application frame: the code holding the lock. */
  ownerCode?: string | null;
}


function appFrame(frames: readonly string[]): string | null {
  return frames.find((f) => !JDK_FRAME.test(f)) ?? null;
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
    // Each thread's stack (by dump and header line), to name the code behind a waiter and an owner.
    let stackOf: ((sid: number, line: number) => string[]) | null = null;
    const stacks = () => {
      if (stackOf) return stackOf;
      const frames = new Map(q.groups(ctx.bundleId, 'jstack').map((g) => [`${g.sid}|${g.key}`, g.frames]));
      const keys = new Map(q.threadStacks(ctx.bundleId).map((t) => [`${t.sid}|${t.threadLine}`, `${t.sid}|${t.groupKey}`]));
      stackOf = (sid, line) => parseJson<string[]>(frames.get(keys.get(`${sid}|${line}`) ?? '') ?? null, []);
      return stackOf;
    };
    // The telling frames' lines of waiters and owners (jstack layout, written at ingest).
    const frameLines = new Map(
      q.factsOf(ctx.bundleId, ['lock-frames']).map((f) => [`${f.sid}|${f.factLine}`, parseJson<{ top: number; app: number | null }>(f.value, { top: 0, app: null })]),
    );
    for (const d of q.threadDumps(ctx.bundleId)) {
      for (const lock of q.contendedLocks(d.sid, MIN_BLOCKED)) {
        const owner = q.lockOwner(d.sid, lock.lock);
        const waiterCode = appFrame(stacks()(d.sid, lock.line));
        const ownerCode = owner ? appFrame(stacks()(d.sid, owner.line)) : null;
        out.push({
          signature: this.id,
          severity: lock.waiters >= 20 ? 'critical' : 'high',
          title: `${plural(lock.waiters, 'thread')} blocked on lock ${lock.lock}`,
          summary:
            `${plural(lock.waiters, 'thread')} wait for lock ${lock.lock}${waiterCode ? ` in ${waiterCode}` : ''}` +
            (owner
              ? `, held by "${owner.name}" (${owner.state ?? 'state unknown'}${owner.topFrame ? `, in ${owner.topFrame}` : ''}${ownerCode && ownerCode !== owner.topFrame ? ` called from ${ownerCode}` : ''}).`
              : '; its owner is not in the dump.'),
          first: d.capturedAt,
          last: d.capturedAt,
          count: lock.waiters,
          data: { lock: lock.lock, waiters: lock.waiters, owner: owner?.name ?? null, ownerState: owner?.state ?? null, ownerFrame: owner?.topFrame ?? null, waiterCode, ownerCode },
          evidence: evidenceOf(d, lock.line, owner, frameLines.get(`${d.sid}|${lock.line}`), owner ? frameLines.get(`${d.sid}|${owner.line}`) : undefined),
          occurrences: [spanOccurrence(d, d, owner?.line ?? lock.line, d.pid, `${lock.waiters} threads blocked`)],
        });
      }
    }
    return out;
  },
};

/**
 * The owner's telling frame (what it does) and its own code holding the lock, then the first waiter's
 * frame that takes the lock; the thread headers where the frames' lines are not known.
 */
function evidenceOf(
  d: Parameters<typeof snapEvidence>[0], waiterLine: number, owner: { name: string; line: number; state: string | null } | undefined,
  waiter: { top: number; app: number | null } | undefined, own: { top: number; app: number | null } | undefined,
): EvidenceRef[] {
  const out: EvidenceRef[] = [];
  if (owner && own) {
    out.push(snapEvidence(d, own.top, `owner "${owner.name}" (${owner.state ?? '?'}): what it is doing`));
    if (own.app !== null && own.app !== own.top) out.push(snapEvidence(d, own.app, 'the code holding the lock'));
  } else if (owner) out.push(snapEvidence(d, owner.line, `owner "${owner.name}"`));
  out.push(waiter ? snapEvidence(d, waiter.app ?? waiter.top, 'where the waiting threads take the lock', (waiter.app ?? waiter.top) + 1) : snapEvidence(d, waiterLine, 'first waiting thread'));
  return out;
}
