import { formatMs } from '../findings-from-hits';
import type { Signature } from '../types';
import { gcPauses, pauseOccurrence, type PauseOcc } from './gc-pauses';

export const GC_OVERHEAD = 'gc-overhead';

export interface GcOverheadData {
  sharePercent: number;
  windowMs: number;
}

/** A minute: long enough to average over several collections, short enough to see one bad stretch. */
const WINDOW_MS = 60_000;
/** Share of wall time spent paused in a window that we call overhead: a fifth of the time stopped halves nothing but is
 * far above the few per cent a healthy heap costs, and HotSpot's own GC-overhead limit counts from 98%. */
const SHARE = 0.2;

export const gcOverhead: Signature<typeof GC_OVERHEAD, GcOverheadData, PauseOcc> = {
  id: GC_OVERHEAD,
  title: 'The JVM spends a large share of its time in GC',
  severity: 'high',
  explanation:
    'In some minute of the GC log, stop-the-world pauses added up to a fifth of the wall time or more. The collector runs back to ' +
    'back because little memory is freed each time: the live set nearly fills the heap. Throughput collapses before the ' +
    'OutOfMemoryError ("GC overhead limit exceeded") comes.',
  fix: 'Compare heap histograms over time to find what accumulates; size the heap for the live set; enable -XX:+HeapDumpOnOutOfMemoryError.',
  references: ['https://docs.oracle.com/en/java/javase/17/troubleshoot/troubleshooting-memory-leaks.html'],
  detect(ctx) {
    const pauses = gcPauses(ctx);
    let best = { share: 0, from: 0, to: 0, count: 0, i: 0 };
    // Sliding window over pause starts: sum of pauses starting within the next minute.
    let j = 0;
    let sum = 0;
    for (let i = 0; i < pauses.length; i++) {
      while (j < pauses.length && pauses[j]!.ts < pauses[i]!.ts + WINDOW_MS) sum += pauses[j++]!.pauseMs;
      const share = sum / WINDOW_MS;
      if (share > best.share) best = { share, from: pauses[i]!.ts, to: pauses[i]!.ts + WINDOW_MS, count: j - i, i };
      sum -= pauses[i]!.pauseMs;
    }
    if (best.share < SHARE) return [];
    const first = pauses[best.i]!;
    return [
      {
        signature: this.id,
        severity: best.share >= 0.5 ? 'critical' : 'high',
        title: this.title,
        summary: `${best.count} pauses took ${Math.round(best.share * 100)}% of the minute from ${new Date(best.from).toISOString()} (${formatMs(best.share * WINDOW_MS)} paused).`,
        first: best.from,
        last: best.to,
        count: best.count,
        data: { sharePercent: Math.round(best.share * 100), windowMs: WINDOW_MS },
        evidence: [{ fileId: first.fileId, line: first.endLine, ts: first.ts, ref: `event:${first.id}`, note: 'first pause of the busiest minute' }],
        occurrences: pauses.slice(best.i, best.i + best.count).map(pauseOccurrence),
      },
    ];
  },
};
