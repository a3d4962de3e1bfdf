/**
 * Threads are started and never end (a thread leak). Its own evidence: the thread count growing across
 * jstack dumps (with the name group that grows and where its threads wait) and OutOfMemoryError: unable to
 * create (new) native thread, the OS refusing one more. It explains those errors and the requests that
 * failed while the JVM could not start threads. Heap OutOfMemoryErrors are memory-leak's or gc-pressure's.
 */
import type { EvidenceRef } from '../../model/evidence';
import { THREAD_COUNT_GROWTH } from '../../signatures/jvm/thread-count-growth';
import type { ThreadGroupGrowth } from '../../signatures/jvm/thread-groups';
import { JVM_OUT_OF_MEMORY } from '../../signatures/log/jvm-out-of-memory';
import { windowAt } from '../time';
import { clamp01, STRENGTH, type CauseRule, type Item, type Window } from '../types';
import { AFTER_MS, cite, isFailedRequest, n, spans } from './helpers';

interface State {
  /** From the first native-thread OutOfMemoryError to a few seconds after the last: the JVM could not start threads. */
  refused: Window[];
}

const nativeThread = (it: Item): boolean => it.sig === JVM_OUT_OF_MEMORY && it.occ.oom === 'native-thread';

/** `pool-N-thread-M` is Executors.defaultThreadFactory's name: one N per executor ever created. */
const EXECUTOR_NAME = /^pool-N-thread-M$/;
/** Where an executor's worker waits for a task: a thread idle there does no work, so one that stays is leaked. */
const IDLE_WORKER = 'java.util.concurrent.ThreadPoolExecutor.getTask';

function groupOf(items: readonly Item[]): ThreadGroupGrowth | null {
  for (const it of items) if (it.sig === THREAD_COUNT_GROWTH && it.finding.data.groups[0]) return it.finding.data.groups[0];
  return null;
}

function fixFor(g: ThreadGroupGrowth | null): string {
  if (g && (EXECUTOR_NAME.test(g.pattern) || g.waitFrame === IDLE_WORKER)) {
    return (
      `The "${g.pattern}" threads are idle workers of executors nobody shut down${g.pools ? ` (${g.pools.at(-1)} pools in the last dump)` : ''}: ` +
      'find the code that calls Executors.new…ThreadPool (or new ThreadPoolExecutor) per request or per call — the stack of the ' +
      'OutOfMemoryError names the caller under Thread.start — and create one bounded executor at startup instead, or shutdown() it in a finally block. ' +
      'Name pools with a ThreadFactory so the next dump says whose they are.'
    );
  }
  return (
    `Find the code that starts the ${g ? `"${g.pattern}" ` : ''}threads (the OutOfMemoryError's stack under Thread.start, or the threads' own frames${g?.appFrame ? `, here ${g.appFrame}` : ''}) ` +
    'and give them an end: reuse a bounded executor instead of new Thread per task, and give blocking calls timeouts so threads return.'
  );
}

export const threadLeak: CauseRule<State> = {
  id: 'thread-leak',
  title: 'Threads are started and never end (thread leak)',
  fix:
    'Find which thread group grows (thread names across dumps) and the code that starts it; reuse one bounded executor instead of creating ' +
    'one per request, shut executors down when done, and give blocking calls timeouts. Raising ulimit -u or pids.max only delays the failure.',
  references: [
    'https://docs.oracle.com/en/java/javase/17/troubleshoot/troubleshooting-memory-leaks.html',
    'https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/concurrent/ExecutorService.html',
  ],

  candidates(ctx) {
    const growth = ctx.items(THREAD_COUNT_GROWTH);
    const ooms = ctx.items(JVM_OUT_OF_MEMORY).filter((it) => it.occ.oom === 'native-thread');
    const own: Item[] = [...growth, ...ooms];
    if (own.length === 0) return [];
    const refused = spans(ooms).map((w) => ({ from: w.from, to: w.to + AFTER_MS }));
    const windows = growth.length ? spans(growth).map((w) => ({ from: w.from, to: Infinity })) : refused;
    // Both together are the mechanism and its end; either alone is likelier than not.
    return [{ own, windows, prior: growth.length && ooms.length ? 0.7 : 0.55, state: { refused } }];
  },

  explains(c, it) {
    // Requests that failed while the OS refused threads: their handlers could not start the threads they needed.
    if (!isFailedRequest(it)) return null;
    const t = it.occ.lineTs ?? it.occ.ts;
    return windowAt(t, c.state.refused) ? { strength: STRENGTH.inside, reason: 'it failed while the JVM could not start threads' } : null;
  },

  conclude(_c, got) {
    const growth = got.of(THREAD_COUNT_GROWTH);
    const ooms = got.all.map((a) => a.item).filter(nativeThread);
    if (!growth.length && !ooms.length) return null;
    const reasoning: string[] = [];
    const evidence: EvidenceRef[] = [];
    const g = groupOf(growth);
    let conf = 0;
    if (growth.length) {
      const f = growth[0]!.finding;
      // Growth alone is also what threads stuck on slow work look like (a thread per connection blocked
      // downstream: incident-5-slow-reader's conn-reader-N); it is a leak once the growing threads are idle.
      conf = 0.4;
      reasoning.push(f.summary);
      if (g?.waitFrame === IDLE_WORKER) {
        conf += 0.05;
      } else if (g?.appFrame) {
        reasoning.push(
          `They sit in the program's own code (${g.appFrame}): threads that pile up on work that does not finish look the same until ` +
            'the OS refuses a thread; what holds them there may be the cause.',
        );
      }
      if (g?.pools && g.pools.at(-1)! > g.pools[0]!) {
        conf += 0.1;
        reasoning.push(
          `The "${g.pattern}" name is Executors' default thread factory: a new pool number is a new executor. ${g.pools[0]} → ${g.pools.at(-1)} pools ` +
            'means an executor is created again and again and its threads never end — none of them was shut down.',
        );
      }
      evidence.push(...f.evidence.slice(1, 3), f.evidence[0]!);
    }
    if (ooms.length) {
      conf = conf ? conf + 0.25 : 0.55;
      const kinds = [...new Set(ooms.map((o) => (o.sig === JVM_OUT_OF_MEMORY ? o.occ.kind : '')))].join(', ');
      reasoning.push(
        `The OS then refused new threads: ${n(ooms.length, 'OutOfMemoryError')} (${kinds}). That is not the heap: each Java thread is an OS thread, ` +
          'and the process hit its limit on them (ulimit -u, the cgroup pids.max, or memory for their stacks).',
      );
      evidence.unshift(...cite(ooms, 1, () => 'the OS refused a thread: its stack names the code that starts them'));
    }
    const failed = got.all.filter((a) => isFailedRequest(a.item));
    if (failed.length) {
      conf += 0.05;
      reasoning.push(`${n(failed.length, 'request failure')} came while the JVM could not start threads.`);
      evidence.push(...cite(failed.map((a) => a.item), 1));
    }
    if (!growth.length) {
      reasoning.push('No thread dumps show which threads pile up: take `jstack PID` a few times a minute apart and compare thread names.');
    }
    return {
      confidence: clamp01(conf),
      summary: g && !ooms.length && g.waitFrame !== IDLE_WORKER
        ? `"${g.pattern}" threads grew ${g.counts[0]} → ${g.counts.at(-1)} across the dumps: leaked, or stuck on work that does not finish.`
        : g
        ? `"${g.pattern}" threads keep being created and never end (${g.counts[0]} → ${g.counts.at(-1)})${ooms.length ? ' until the OS refuses a thread (OutOfMemoryError: unable to create native thread)' : ''}.`
        : 'Threads keep being created and never end until the OS refuses a thread (OutOfMemoryError: unable to create native thread).',
      reasoning,
      evidence: evidence.slice(0, 6),
      fix: fixFor(g),
    };
  },
};
