import type { FindingDraft } from '../../model/finding';
import { plural } from '../findings-from-hits';
import { growth, isGrowing, seriesBy, snapEvidence, spanOccurrence, type Growth } from '../series';
import type { Signature } from '../types';
import { growingThreadGroups, type ThreadGroupGrowth } from './thread-groups';

export const THREAD_COUNT_GROWTH = 'thread-count-growth';

/** Thread pools grow and shrink by a handful with load; twenty more threads that stay is a trend. */
const MIN_DELTA = 20;

export interface ThreadCountGrowthData {
  counts: { ts: number | null; threads: number }[];
  growth: Growth;
  /** The name groups that grew (`pool-N-thread-M`…), largest first: what the threads are. */
  groups: ThreadGroupGrowth[];
}

/** A group counts when it carries a good part of the growth: ten threads more, and at least doubled. */
const GROUP_MIN_DELTA = 10;
const GROUP_MIN_RATIO = 2;

function groupText(g: ThreadGroupGrowth): string {
  const pools = g.pools ? ` in ${g.pools[0]} → ${g.pools.at(-1)} distinct pools` : '';
  const where = g.appFrame ?? g.waitFrame;
  return `"${g.pattern}" threads ${g.counts.join(' → ')}${pools}${where ? `, waiting in ${where}` : ''}`;
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
    const q = ctx.store.series;
    const threads = seriesBy(q.javaThreads(ctx.bundleId), (t) => `${t.host ?? ''}|${t.pid ?? ''}`);
    const stackGroups = q.groups(ctx.bundleId, 'jstack');
    for (const [key, dumps] of seriesBy(ctx.store.series.threadDumps(ctx.bundleId), (d) => `${d.host ?? ''}|${d.pid ?? ''}`)) {
      const g = growth(dumps.map((d) => ({ t: d.capturedAt, v: d.total })));
      if (!isGrowing(g, MIN_DELTA, 1.5)) continue;
      const groups = growingThreadGroups(threads.get(key) ?? [], stackGroups, GROUP_MIN_DELTA, GROUP_MIN_RATIO);
      const top = groups[0];
      out.push({
        signature: this.id,
        severity: 'medium',
        title: `Threads grew from ${g.first} to ${g.last}`,
        summary: `Thread count went ${dumps.map((d) => d.total).join(' → ')} across ${plural(dumps.length, 'dump')}${top ? `: ${groupText(top)}` : ''}.`,
        first: dumps[0]!.capturedAt,
        last: dumps.at(-1)!.capturedAt,
        count: g.last,
        data: { counts: dumps.map((d) => ({ ts: d.capturedAt, threads: d.total })), growth: g, groups },
        evidence: [
          snapEvidence(dumps[0]!, dumps[0]!.line, `${g.first} threads`),
          snapEvidence(dumps.at(-1)!, dumps.at(-1)!.line, `${g.last} threads`),
          ...(top ? [snapEvidence(top.sample, top.sample.threadLine, `one of ${top.counts.at(-1)} "${top.pattern}" threads`)] : []),
        ],
        occurrences: [spanOccurrence(dumps[0]!, dumps.at(-1)!, dumps.at(-1)!.line, dumps[0]!.pid, `${g.first} → ${g.last} threads`)],
      });
    }
    return out;
  },
};
