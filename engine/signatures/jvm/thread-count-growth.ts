import type { FindingDraft } from '../../model/finding';
import { plural } from '../findings-from-hits';
import { growth, isGrowing, seriesBy, snapEvidence, spanOccurrence, type Growth } from '../series';
import type { Signature } from '../types';

export const THREAD_COUNT_GROWTH = 'thread-count-growth';

/** Thread pools grow and shrink by a handful with load; twenty more threads that stay is a trend. */
const MIN_DELTA = 20;

export interface ThreadCountGrowthData {
  counts: { ts: number | null; threads: number }[];
  growth: Growth;
}

export const threadCountGrowth: Signature<typeof THREAD_COUNT_GROWTH, ThreadCountGrowthData> = {
  id: THREAD_COUNT_GROWTH,
  title: 'The JVM keeps creating threads',
  severity: 'medium',
  explanation:
    'The number of threads rose across the thread dumps. Threads that are created and never finish — an executor created per ' +
    'request, a thread per connection that is never closed, blocked threads piling up — cost memory and end in "unable to create native thread".',
  fix: 'Compare the dumps by thread name pattern to see which pool grows; reuse bounded executors and give blocking calls timeouts.',
  references: ['https://docs.oracle.com/en/java/javase/17/troubleshoot/troubleshooting-memory-leaks.html'],
  detect(ctx) {
    const out: FindingDraft<ThreadCountGrowthData>[] = [];
    for (const [, dumps] of seriesBy(ctx.store.series.threadDumps(ctx.bundleId), (d) => `${d.host ?? ''}|${d.pid ?? ''}`)) {
      const g = growth(dumps.map((d) => ({ t: d.capturedAt, v: d.total })));
      if (!isGrowing(g, MIN_DELTA, 1.5)) continue;
      out.push({
        signature: this.id,
        severity: 'medium',
        title: `Threads grew from ${g.first} to ${g.last}`,
        summary: `Thread count went ${dumps.map((d) => d.total).join(' → ')} across ${plural(dumps.length, 'dump')}.`,
        first: dumps[0]!.capturedAt,
        last: dumps.at(-1)!.capturedAt,
        count: g.last,
        data: { counts: dumps.map((d) => ({ ts: d.capturedAt, threads: d.total })), growth: g },
        evidence: [snapEvidence(dumps[0]!, dumps[0]!.line, `${g.first} threads`), snapEvidence(dumps.at(-1)!, dumps.at(-1)!.line, `${g.last} threads`)],
        occurrences: [spanOccurrence(dumps[0]!, dumps.at(-1)!, dumps.at(-1)!.line, dumps[0]!.pid, `${g.first} → ${g.last} threads`)],
      });
    }
    return out;
  },
};
