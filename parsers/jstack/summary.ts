/**
 * Counts for the overview and for growth across dumps (a thread leak shows as a total that keeps
 * rising from one dump to the next, usually in one stack group).
 */
import { THREAD_STATES, type ThreadDump, type ThreadState } from './model';

export type StateHistogram = Record<ThreadState | 'unknown', number>;

export function stateHistogram(dump: ThreadDump): StateHistogram {
  const h = Object.fromEntries([...THREAD_STATES, 'unknown'].map((s) => [s, 0])) as StateHistogram;
  for (const t of dump.threads) h[t.state ?? 'unknown']++;
  return h;
}

export interface ThreadCountPoint {
  /** Index into the `dumps` argument. */
  dump: number;
  line: number;
  total: number;
  byState: StateHistogram;
}

/** Thread totals per dump, in the order given (sort dumps by capture time first). */
export function threadCountSeries(dumps: readonly ThreadDump[]): ThreadCountPoint[] {
  return dumps.map((d, i) => ({ dump: i, line: d.line, total: d.threads.length, byState: stateHistogram(d) }));
}
