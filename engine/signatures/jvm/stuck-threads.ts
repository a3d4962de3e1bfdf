import type { FindingDraft } from '../../model/finding';
import { plural } from '../findings-from-hits';
import { seriesBy, snapEvidence, spanOccurrence } from '../series';
import type { Signature } from '../types';

export const STUCK_THREADS = 'stuck-threads';

/** Two identical stacks can be a coincidence of timing; three in a row, apart in time, are not. */
const MIN_DUMPS = 3;

export interface StuckThreadsData {
  frame: string;
  threads: string[];
  dumps: number;
}
/** Threads that are legitimately parked in the same place forever. */
const IDLE_TAGS = /(^|,)(idle-pool-worker|gc|vm|io-wait|hikari-housekeeper)(,|$)/;

export const stuckThreads: Signature<typeof STUCK_THREADS, StuckThreadsData> = {
  id: STUCK_THREADS,
  title: 'Threads stuck in the same place across dumps',
  severity: 'high',
  explanation:
    'The same threads show the same stack, running or blocked, in every one of several thread dumps taken apart in time: they are ' +
    'not making progress — an endless loop, a call without a timeout, or a lock that never frees.',
  fix: 'Read the top frames of the stuck stack: add timeouts to the call it waits in, or fix the loop; dumps a few seconds apart confirm it.',
  references: ['https://docs.oracle.com/en/java/javase/17/troubleshoot/troubleshoot-process-hangs-and-loops.html'],
  detect(ctx) {
    const q = ctx.store.series;
    const dumps = q.threadDumps(ctx.bundleId);
    if (dumps.length < MIN_DUMPS) return [];
    const rows = q.threadStacks(ctx.bundleId).filter((r) => (r.state === 'RUNNABLE' || r.state === 'BLOCKED') && !IDLE_TAGS.test(r.tags ?? ''));
    const stuck: { name: string; rows: typeof rows }[] = [];
    for (const [name, list] of seriesBy(rows, (r) => `${r.host ?? ''}|${r.name}`)) {
      // Consecutive dumps with an identical stack.
      let run: typeof rows = [];
      let best: typeof rows = [];
      for (const r of list) {
        run = run.length && run.at(-1)!.groupKey === r.groupKey ? [...run, r] : [r];
        if (run.length > best.length) best = run;
      }
      if (new Set(best.map((r) => r.sid)).size >= MIN_DUMPS) stuck.push({ name: name.split('|')[1]!, rows: best });
    }
    if (stuck.length === 0) return [];
    const byFrame = seriesBy(stuck, (s) => s.rows[0]!.topFrame ?? '?');
    return [...byFrame.entries()].map(([frame, threads]): FindingDraft<StuckThreadsData> => {
      const sample = threads[0]!.rows;
      return {
        signature: this.id,
        severity: 'high',
        title: `${plural(threads.length, 'thread')} stuck in ${frame}`,
        summary: `${threads.map((t) => `"${t.name}"`).slice(0, 5).join(', ')}${threads.length > 5 ? ' …' : ''} had the same ${sample[0]!.state} stack in ${sample.length} consecutive dumps, at ${frame}.`,
        first: sample[0]!.capturedAt,
        last: sample.at(-1)!.capturedAt,
        count: threads.length,
        data: { frame, threads: threads.map((t) => t.name), dumps: sample.length },
        evidence: sample.slice(0, 4).map((r) => snapEvidence(r, r.threadLine, `"${threads[0]!.name}" ${r.state}`)),
        occurrences: [spanOccurrence(sample[0]!, sample.at(-1)!, sample.at(-1)!.threadLine, null, `${threads.length} threads stuck`)],
      };
    });
  },
};
