/**
 * What a full collection leaves is the live set: every full GC marks the whole heap, so the heap after
 * it is what the application still references (whatever triggered it: allocation failure, ergonomics,
 * System.gc(), `jmap -histo:live`). Across a run, that number tells a leak from a heavy working set:
 * - rising: each full GC leaves more than the one before, and none gets back to where the run began
 *   (objects only accumulate: a leak);
 * - returns: the live set rose with some work and a later full GC got it back down (a job's working set,
 *   a peak of load: pressure, not a leak);
 * - flat: full GCs all leave about the same (a heap too small for a steady load, or no problem at all).
 */
import type { EvidenceRef } from '../../model/evidence';
import type { Occurrence } from '../../model/occurrence';
import type { FindingDraft } from '../../model/finding';
import type { GcHeapPause } from '../../store/events';
import { plural } from '../findings-from-hits';
import { growth, isGrowing } from '../series';
import type { Signature } from '../types';

export const GC_LIVE_SET = 'gc-live-set';

/**
 * A live set that gained a quarter of the heap's maximum has taken a quarter of the room every
 * allocation burst had: collections come that much more often. Smaller moves are caches warming up and
 * class loading; the share is of the log's own heap maximum, so the test scales from 64 MB to 30 GB heaps.
 */
const RISE_SHARE = 0.25;
/** A full GC back within half that rise of the lowest live set before it: the load was let go. */
const RETURN_SHARE = 0.5;
/**
 * A full collection that frees under a tenth of the heap buys the application less than a tenth of a
 * heap of allocation before the next one: collections that free that little, back to back, mean the heap
 * is full of live objects.
 */
const LITTLE_SHARE = 0.1;

/** A first level, a last one and two between them at least: fewer full collections cannot show a climb from a jump. */
const MIN_FULLS = 4;

export type LiveSetVerdict = 'rising' | 'returns' | 'flat';

export interface GcLiveSetData {
  verdict: LiveSetVerdict;
  heapMaxKb: number;
  /** Heap after each full collection, in time order. */
  liveKb: { ts: number; kb: number; cause: string | null }[];
  firstKb: number;
  lastKb: number;
  lowestKb: number;
  peakKb: number;
  /** Full collections that freed under a tenth of the heap while the previous one had ended less than a pause ago. */
  backToBack: number;
}

export interface LiveSetOcc extends Occurrence {
  firstKb: number;
  lastKb: number;
}

const mb = (kb: number) => (kb >= 10 * 1024 ? `${Math.round(kb / 1024)} MB` : `${(kb / 1024).toFixed(1)} MB`);

/** The first full GC back near the lowest live set seen before a rise of `rise` above it, with the highest before it; null when none. */
function returned(live: readonly number[], rise: number): { high: number; back: number } | null {
  let low = Infinity;
  let high = -1;
  for (let i = 0; i < live.length; i++) {
    const v = live[i]!;
    if (high >= 0 && v <= low + RETURN_SHARE * rise) return { high, back: i };
    low = Math.min(low, v);
    if (v - low >= rise && (high < 0 || v > live[high]!)) high = i;
  }
  return null;
}

/** Full GCs freeing little that started less than their own length after the previous full GC ended. */
function backToBack(fulls: readonly GcHeapPause[], heapMaxKb: number): number {
  let n = 0;
  fulls.forEach((p, i) => {
    const prev = fulls[i - 1];
    if (!prev || p.beforeKb === null) return;
    const freed = p.beforeKb - p.afterKb;
    const gap = p.ts - (prev.ts + prev.pauseMs);
    if (freed < LITTLE_SHARE * heapMaxKb && gap < p.pauseMs) n++;
  });
  return n;
}

export function liveSetVerdict(live: readonly number[], heapMaxKb: number): LiveSetVerdict {
  const rise = RISE_SHARE * heapMaxKb;
  if (returned(live, rise)) return 'returns';
  const g = growth(live.map((v) => ({ t: null, v })));
  const lo = Math.min(...live);
  // A staircase, not a jump: some full GC left a level in the middle half between the first and the last (a
  // working set that appears at once fills the heap in one step; a leak is seen at every level it climbs through).
  const between = live.some((v) => v > g.first + 0.25 * g.delta && v < g.first + 0.75 * g.delta);
  if (live.length >= MIN_FULLS && between && isGrowing(g, rise)) return 'rising';
  return Math.max(...live) - lo >= rise ? 'returns' : 'flat';
}

export const gcLiveSet: Signature<typeof GC_LIVE_SET, GcLiveSetData, LiveSetOcc> = {
  id: GC_LIVE_SET,
  title: 'Live set after full collections',
  severity: 'info',
  explanation:
    'Every full collection marks the whole heap, so the heap it leaves is what the application still references: the live set. When that ' +
    'keeps rising from one full GC to the next and never gets back, objects accumulate (a memory leak); when it rises with some work and ' +
    'falls back after, the heap was too small for that work (GC pressure), not leaking.',
  fix: 'Rising: compare live heap histograms (`jmap -histo:live`) taken minutes apart to see which class grows. Falling back: size the heap for the peak or make the work stream.',
  references: ['https://docs.oracle.com/en/java/javase/17/troubleshoot/troubleshooting-memory-leaks.html', 'https://docs.oracle.com/en/java/javase/17/gctuning/'],
  detect(ctx) {
    const all = ctx.store.events.gcHeapPauses(ctx.bundleId).map((p) => ({ ...p, pauseMs: Number(p.pauseMs) || 0, afterKb: Number(p.afterKb) }));
    const maxByFile = ctx.store.events.gcHeapMaxKb(ctx.bundleId);
    const out: FindingDraft<GcLiveSetData, LiveSetOcc>[] = [];
    for (const fileId of new Set(all.map((p) => p.fileId))) {
      const pauses = all.filter((p) => p.fileId === fileId);
      const fulls = pauses.filter((p) => p.phase === 'Full');
      if (fulls.length < 2) continue;
      // The log's own maximum; without its start-up lines, the largest heap a pause reported.
      const heapMaxKb = maxByFile.get(fileId) ?? Math.max(...pauses.map((p) => Number(p.totalKb) || p.afterKb));
      const live = fulls.map((p) => p.afterKb);
      const verdict = liveSetVerdict(live, heapMaxKb);
      const first = fulls[0]!;
      const last = fulls.at(-1)!;
      const peak = fulls.reduce((a, b) => (b.afterKb > a.afterKb ? b : a));
      const lowest = fulls.reduce((a, b) => (b.afterKb < a.afterKb ? b : a));
      const btb = backToBack(fulls, heapMaxKb);
      const ret = returned(live, RISE_SHARE * heapMaxKb);
      // The pause from its gc,start line to its summary (unified logging prints the heap numbers on the last lines).
      const ev = (p: GcHeapPause, note: string): EvidenceRef => {
        const heap = `${p.phase} (${p.cause ?? '?'}) ${p.beforeKb === null ? '' : `${mb(p.beforeKb)} → `}${mb(p.afterKb)}`;
        const e: EvidenceRef = { fileId, line: p.line, ts: p.ts, ref: `event:${p.id}`, note: `${heap}: ${note}` };
        if (p.endLine !== p.line) e.endLine = p.endLine;
        return e;
      };
      const rising = verdict === 'rising';
      const summary = rising
        ? `After ${plural(fulls.length, 'full collection')} the heap held ${mb(first.afterKb)} → ${mb(last.afterKb)} of ${mb(heapMaxKb)}: ` +
          `the live set rose and never fell back${btb ? `; ${plural(btb, 'full collection')} back to back freed under a tenth of the heap each` : ''}.`
        : verdict === 'returns'
          ? `The live set after full collections rose to ${mb(peak.afterKb)} of ${mb(heapMaxKb)} and fell back to ${mb(lowest.afterKb)}: ` +
            `the heap filled with work in progress that was let go, not with objects that accumulate.`
          : `${plural(fulls.length, 'full collection')} left ${mb(lowest.afterKb)}–${mb(peak.afterKb)} of ${mb(heapMaxKb)}: the live set stayed flat.`;
      out.push({
        signature: this.id,
        severity: rising ? 'high' : 'info',
        title: rising ? 'The live set after full collections kept rising' : verdict === 'returns' ? 'The live set after full collections fell back' : 'The live set after full collections stayed flat',
        summary,
        first: first.ts,
        last: last.ts,
        count: fulls.length,
        data: {
          verdict, heapMaxKb, liveKb: fulls.slice(-200).map((p) => ({ ts: p.ts, kb: p.afterKb, cause: p.cause })),
          firstKb: first.afterKb, lastKb: last.afterKb, lowestKb: lowest.afterKb, peakKb: peak.afterKb, backToBack: btb,
        },
        evidence: rising
          ? [ev(first, `live set ${mb(first.afterKb)}`), ev(fulls[Math.floor(fulls.length / 2)]!, 'half way'), ev(last, `live set ${mb(last.afterKb)}`)]
          : ret
            ? [ev(fulls[ret.high]!, `live set ${mb(fulls[ret.high]!.afterKb)}`), ev(fulls[ret.back]!, `fell back to ${mb(fulls[ret.back]!.afterKb)}`)]
            : [ev(peak, `highest live set, ${mb(peak.afterKb)}`), ev(lowest, `lowest, ${mb(lowest.afterKb)}`)],
        occurrences: [
          {
            ts: first.ts, end: last.ts + last.pauseMs, lineTs: last.ts + last.pauseMs, fileId, line: last.endLine, ref: `event:${last.id}`,
            process: `file:${fileId}`, firstKb: first.afterKb, lastKb: last.afterKb,
          },
        ],
      });
    }
    return out;
  },
};
