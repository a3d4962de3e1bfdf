import type { EvidenceRef } from '../../model/evidence';
import { formatMs, plural } from '../findings-from-hits';
import type { Signature } from '../types';
import { gcPauses, pauseOccurrence, type PauseOcc } from './gc-pauses';

export const GC_PAUSE = 'gc-pause';

/** A pause users notice: a second stops every request in flight for longer than most latency budgets. */
const LONG_MS = 1000;

export interface GcPauseData {
  maxPauseMs: number;
}

export const gcPause: Signature<typeof GC_PAUSE, GcPauseData, PauseOcc> = {
  id: GC_PAUSE,
  title: 'Long stop-the-world GC pauses',
  severity: 'high',
  explanation:
    'The JVM stopped every application thread for a second or more to collect garbage. Requests in flight stall for as long, ' +
    'timeouts fire, heartbeats are missed. Long pauses come from a heap too full (Full GCs, to-space exhausted), a heap too large ' +
    'for the collector, or the host swapping the heap.',
  fix: 'Look at heap occupancy after GC: if it stays high, find what grows (heap histograms); otherwise tune the collector (G1 pause target, heap size) and make sure the heap is never swapped.',
  references: ['https://docs.oracle.com/en/java/javase/17/gctuning/garbage-first-g1-garbage-collector1.html'],
  detect(ctx) {
    const long = gcPauses(ctx).filter((p) => p.pauseMs >= LONG_MS);
    if (long.length === 0) return [];
    const worst = long.reduce((a, b) => (b.pauseMs > a.pauseMs ? b : a));
    const evidence: EvidenceRef[] = [worst, ...long.filter((p) => p !== worst).slice(0, 3)].map((p) => ({
      fileId: p.fileId, line: p.endLine, ts: p.ts, ref: `event:${p.id}`, note: `${p.phase} pause ${formatMs(p.pauseMs)}`,
    }));
    return [
      {
        signature: this.id,
        severity: worst.pauseMs >= 5000 ? 'critical' : 'high',
        title: this.title,
        summary: `${plural(long.length, 'GC pause')} of a second or more; the longest ${formatMs(worst.pauseMs)} (${worst.phase}).`,
        first: long[0]!.ts,
        last: long.at(-1)!.ts,
        count: long.length,
        data: { maxPauseMs: worst.pauseMs },
        evidence,
        occurrences: long.map(pauseOccurrence),
      },
    ];
  },
};
