import type { FindingDraft } from '../../model/finding';
import { plural } from '../findings-from-hits';
import { snapEvidence, spanOccurrence } from '../series';
import type { Signature } from '../types';

export const POOL_WAITERS = 'pool-waiters';

/** One or two threads in getConnection are an ordinary moment of a busy pool; three is a queue. */
const MIN_WAITERS = 3;

export interface PoolWaitersData {
  waiters: number;
  threads: number;
  inDatabase: number;
  names: string[];
}

export const poolWaiters: Signature<typeof POOL_WAITERS, PoolWaitersData> = {
  id: POOL_WAITERS,
  title: 'Threads waiting for a pool connection',
  severity: 'high',
  explanation:
    'The thread dump shows request threads parked in HikariCP getConnection (ConcurrentBag.borrow): they are queueing for a ' +
    'database connection because every connection is in use. Whoever holds the connections — threads inside queries, or code that ' +
    'leaked them — is the next thing to look at.',
  fix:
    'In the same dump, look at the threads that hold connections (threads in JDBC socket reads are running queries). Slow queries: ' +
    'fix them; leaks: enable leakDetectionThreshold. Size the pool only after that.',
  references: ['https://github.com/brettwooldridge/HikariCP/wiki/About-Pool-Sizing'],
  detect(ctx) {
    const q = ctx.store.series;
    const out: FindingDraft<PoolWaitersData>[] = [];
    for (const d of q.threadDumps(ctx.bundleId)) {
      const waiters = q.threadsTagged(d.sid, 'hikari-waiter');
      if (waiters.length < MIN_WAITERS) continue;
      const inDb = q.threadsTagged(d.sid, 'db-wait');
      out.push({
        signature: this.id,
        severity: 'high',
        title: `${plural(waiters.length, 'thread')} waiting for a pool connection`,
        summary:
          `${plural(waiters.length, 'thread')} of ${d.total} wait in HikariCP getConnection` +
          (inDb.length ? `, while ${plural(inDb.length, 'thread')} ${inDb.length === 1 ? 'is' : 'are'} inside database calls (socket reads under a JDBC driver).` : '.'),
        first: d.capturedAt,
        last: d.capturedAt,
        count: waiters.length,
        data: { waiters: waiters.length, threads: d.total, inDatabase: inDb.length, names: waiters.slice(0, 20).map((w) => w.name) },
        evidence: [
          ...waiters.slice(0, 3).map((w) => snapEvidence(d, w.line, `"${w.name}" waits in getConnection`)),
          ...inDb.slice(0, 2).map((w) => snapEvidence(d, w.line, `"${w.name}" is in a database call`)),
        ],
        occurrences: [spanOccurrence(d, d, waiters[0]!.line, d.pid, `${waiters.length} threads in getConnection`)],
      });
    }
    return out;
  },
};
