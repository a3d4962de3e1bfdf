/**
 * Threads deadlocked. Its own evidence: the cycle in the thread dumps. It explains what the deadlocked
 * threads and the threads stuck behind them hold: connections reported as "leaked" by the pool, the
 * pool that drains because of them, and the requests that then time out.
 */
import type { EvidenceRef } from '../../model/evidence';
import { GO_LOCK_CONTENTION } from '../../signatures/go/lock-contention';
import { JAVA_DEADLOCK } from '../../signatures/jvm/java-deadlock';
import { LOCK_CONTENTION } from '../../signatures/jvm/lock-contention';
import { POOL_WAITERS } from '../../signatures/jvm/pool-waiters';
import { STUCK_THREADS } from '../../signatures/jvm/stuck-threads';
import { HIKARI_LEAK } from '../../signatures/log/hikari-leak';
import { HIKARI_POOL_SATURATED } from '../../signatures/log/hikari-pool-saturated';
import { HIKARI_POOL_TIMEOUT } from '../../signatures/log/hikari-pool-timeout';
import { overlaps, windowAt } from '../time';
import { LOG_SILENCE_GAP } from '../../signatures/log/log-silence-gap';
import { clamp01, STRENGTH, type CauseRule, type ItemOf, type Window } from '../types';
import { cite, n, isFailedRequest } from './helpers';

interface State {
  /** Deadlocked threads and the threads stuck behind them. */
  stuck: Set<string>;
  cycles: string[][];
  /** From the last dump without the deadlock (or the first leak it explains) to the end of the bundle. */
  windows: Window[];
}

export const deadlock: CauseRule<State> = {
  id: 'deadlock',
  title: 'Threads deadlocked on each other’s locks',
  fix:
    'Acquire these locks in one global order everywhere, or never hold one while taking another (copy state out, then call); use ' +
    'tryLock with a timeout where order cannot be guaranteed. Never hold a pooled connection while waiting for a lock. Restarting ' +
    'frees the threads but not the bug.',
  references: ['https://docs.oracle.com/javase/tutorial/essential/concurrency/deadlock.html'],

  candidates(ctx) {
    // Go: goroutines whose lock's holder waits, through other locks, for that one again (go-lock-contention marks the cycle).
    const goCycles = goCyclesOf(ctx.items(GO_LOCK_CONTENTION));
    const own = [...ctx.items(JAVA_DEADLOCK), ...goCycles];
    if (own.length === 0) return [];
    const stuck = new Set<string>();
    for (const it of ctx.items(JAVA_DEADLOCK)) for (const t of [...it.finding.data.threads, ...it.finding.data.blockedBehind]) stuck.add(t);
    // A deadlock never resolves by itself. It began before the first dump that shows it: the leak
    // warnings of its threads say when; it lasts as long as the bundle.
    const held = ctx.items(HIKARI_LEAK).filter((l) => l.occ.thread && stuck.has(l.occ.thread) && l.occ.ts !== null);
    const seen = own.map((it) => it.occ.ts).filter((t): t is number => t !== null);
    const from = Math.min(...seen, ...held.map((l) => l.occ.ts!));
    const windows = Number.isFinite(from) ? [{ from, to: Infinity }] : [];
    return [{ own, windows, prior: 0.9, state: { stuck, cycles: ctx.items(JAVA_DEADLOCK).map((it) => it.finding.data.threads), windows } }];
  },

  explains(c, it) {
    const { stuck, windows } = c.state;
    if (it.sig === HIKARI_LEAK) {
      const t = it.occ.thread;
      if (t && stuck.has(t)) return { strength: STRENGTH.named, reason: `its borrowing thread "${t}" is stuck in the deadlock` };
      return null;
    }
    if (it.sig === STUCK_THREADS) {
      const names = (it as ItemOf<typeof STUCK_THREADS>).finding.data.threads;
      if (names.some((x) => stuck.has(x))) return { strength: STRENGTH.named, reason: 'those threads are stuck in the deadlock' };
      return null;
    }
    if (it.sig === LOCK_CONTENTION) {
      const owner = (it as ItemOf<typeof LOCK_CONTENTION>).finding.data.owner;
      if (owner && stuck.has(owner)) return { strength: STRENGTH.named, reason: `the lock's owner "${owner}" is stuck in the deadlock` };
      return null;
    }
    // A log gone quiet while threads are deadlocked: its writers were stuck, not frozen by the host.
    if (it.sig === LOG_SILENCE_GAP) return windows.some((w) => overlaps(it.occ, w)) ? { strength: STRENGTH.specific, reason: 'its threads were stuck behind the deadlock' } : null;
    const t = it.occ.lineTs ?? it.occ.ts;
    if (!windowAt(t, windows)) return null;
    // Connections held by stuck threads are never returned: the pool drains and waiters time out.
    if (it.sig === HIKARI_POOL_SATURATED || it.sig === HIKARI_POOL_TIMEOUT || it.sig === POOL_WAITERS) {
      return { strength: STRENGTH.specific, reason: 'the deadlocked threads hold pooled connections they will never return' };
    }
    if (isFailedRequest(it)) return { strength: STRENGTH.inside, reason: 'it happened while threads were deadlocked' };
    return null;
  },

  conclude(c, got) {
    const cycles = [...got.of(JAVA_DEADLOCK), ...goCyclesOf(got.of(GO_LOCK_CONTENTION))];
    if (cycles.length === 0) return null;
    const reasoning = cycles.slice(0, 3).map((f) => f.finding.summary);
    const evidence: EvidenceRef[] = cite(cycles, 3, () => 'the deadlock cycle');
    const leaks = got.of(HIKARI_LEAK);
    if (leaks.length) {
      const threads = [...new Set(leaks.map((l) => l.occ.thread))].filter(Boolean);
      reasoning.push(
        `HikariCP reported ${n(leaks.length, 'connection')} as leaked, borrowed by ${threads.slice(0, 4).map((t) => `"${t}"`).join(', ')}` +
          `${threads.length > 4 ? ' …' : ''}: those threads are in the deadlock or blocked behind it, so their connections are held, not leaked.`,
      );
      evidence.push(...cite(leaks, 2, () => 'held by a deadlocked thread'));
    }
    const pool = [...got.of(HIKARI_POOL_SATURATED), ...got.of(POOL_WAITERS)];
    const timeouts = got.of(HIKARI_POOL_TIMEOUT);
    if (pool.length || timeouts.length) {
      reasoning.push(
        `With those connections never coming back the pool drained: ${pool.length ? `${n(pool.length, 'observation')} of a full pool with threads waiting` : ''}` +
          `${pool.length && timeouts.length ? ', ' : ''}${timeouts.length ? `${n(timeouts.length, 'request')} timed out waiting for a connection` : ''}. A bigger pool would only drain later.`,
      );
      evidence.push(...cite([...pool, ...timeouts], 2));
    }
    const blocked = [...c.state.stuck].filter((t) => !c.state.cycles.some((cy) => cy.includes(t)));
    if (blocked.length) reasoning.push(`${n(blocked.length, 'more thread')} ${blocked.length === 1 ? 'is' : 'are'} blocked behind the deadlocked ones.`);
    return {
      confidence: clamp01(0.9 + (leaks.length || timeouts.length ? 0.05 : 0)),
      summary: `${n(cycles.length, 'deadlock cycle')} in the thread dumps: those threads, and what they hold, can never proceed.`,
      reasoning,
      evidence,
    };
  },
};

/** Go lock queues whose holder waits for the same lock again through other locks, and that never drained. */
function goCyclesOf(items: readonly ItemOf<typeof GO_LOCK_CONTENTION>[]): ItemOf<typeof GO_LOCK_CONTENTION>[] {
  return items.filter((it) => it.finding.data.cycle && !it.finding.data.drained);
}
