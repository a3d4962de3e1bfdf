/**
 * Garbage collection stopped the JVM. Its own evidence: long stop-the-world pauses, GC overhead and
 * OutOfMemoryErrors. It explains a freeze seen from the application (a late housekeeper, a silent
 * log) when the GC log's pauses cover it, and what failed in the JVM during and right after them.
 */
import type { EvidenceRef } from '../../model/evidence';
import { formatMs } from '../../signatures/findings-from-hits';
import { GC_OVERHEAD } from '../../signatures/jvm/gc-overhead';
import { GC_ACTIVITY } from '../../signatures/jvm/gc-activity';
import { GC_PAUSE } from '../../signatures/jvm/gc-pause';
import { HEAP_GROWTH } from '../../signatures/jvm/heap-growth';
import { GC_LIVE_SET } from '../../signatures/jvm/gc-live-set';
import { HEAP_KINDS } from '../../signatures/log/oom-kinds';
import { HIKARI_STARVATION } from '../../signatures/log/hikari-starvation';
import { JVM_OUT_OF_MEMORY } from '../../signatures/log/jvm-out-of-memory';
import { LOG_SILENCE_GAP } from '../../signatures/log/log-silence-gap';
import { HIKARI_POOL_TIMEOUT } from '../../signatures/log/hikari-pool-timeout';
import { SLOW_RESPONSES } from '../../signatures/log/slow-responses';
import { clamp01, STRENGTH, type CauseRule, type Item, type Window } from '../types';
import { AFTER_MS, cite, n, spans, isFailedRequest } from './helpers';
import { mergeWindows, windowAt, windowBefore } from '../time';
import { HIKARI_POOL_SATURATED } from '../../signatures/log/hikari-pool-saturated';
import { POOL_WAITERS } from '../../signatures/jvm/pool-waiters';

/** Pauses covering at least half of a freeze explain it: the rest is the mutator crawling between collections. */
const COVER = 0.5;
/**
 * A stretch of GC pressure: a pause joins the stretch before it when pauses took at least this share of
 * the minute up to its end — the share and the window gc-overhead uses — or when the pause alone takes
 * that share of the time since the stretch ended (a job's first long pauses, before a minute has built
 * up). Pauses of one heavy job, seconds apart, are one stretch; a job a minute later starts another.
 */
const PRESSURE_SHARE = 0.2;
/** …over a minute, as gc-overhead measures it. */
const PRESSURE_WINDOW_MS = 60_000;
/** A stretch counts when it holds a pause users notice (gc-pause's threshold). */
const LONG_PAUSE_MS = 1000;

/** Stretches of GC pressure from every pause of the GC log (sorted by start). */
export function pressureWindows(pauses: readonly { from: number; to: number }[]): Window[] {
  const out: (Window & { long: boolean })[] = [];
  let j = 0;
  pauses.forEach((p, i) => {
    const since = p.to - PRESSURE_WINDOW_MS;
    while (j < i && pauses[j]!.to < since) j++;
    let paused = 0;
    for (let k = j; k <= i; k++) paused += Math.min(pauses[k]!.to, p.to) - Math.max(pauses[k]!.from, since);
    const long = p.to - p.from >= LONG_PAUSE_MS;
    const cur = out.at(-1);
    const local = cur ? (p.to - p.from) / Math.max(1, p.to - cur.to) : 0;
    if (cur && (paused >= PRESSURE_SHARE * PRESSURE_WINDOW_MS || local >= PRESSURE_SHARE)) {
      cur.to = Math.max(cur.to, p.to);
      cur.long ||= long;
    } else {
      out.push({ from: p.from, to: p.to, long });
    }
  });
  return out.filter((w) => w.long).map(({ from, to }) => ({ from, to }));
}

interface State {
  /** Every pause of the GC log, long or short, as spans. */
  pauses: Window[];
  windows: Window[];
}

/** Total pause time inside [from, to]. */
function pausedWithin(pauses: readonly Window[], from: number, to: number): number {
  let sum = 0;
  for (const p of pauses) sum += Math.max(0, Math.min(p.to, to) - Math.max(p.from, from));
  return sum;
}

export const gcPressure: CauseRule<State> = {
  id: 'gc-pressure',
  title: 'The JVM spent its time collecting garbage (heap exhausted or pauses too long)',
  fix:
    'Size the heap for the live set plus the peaks of its heaviest work (or make that work stream instead of materialising everything); ' +
    'compare heap histograms over time to tell a leak from a peak; keep GC logging on (-Xlog:gc*) and -XX:+HeapDumpOnOutOfMemoryError; ' +
    'make sure the heap is never swapped.',
  references: ['https://docs.oracle.com/en/java/javase/17/gctuning/', 'https://docs.oracle.com/en/java/javase/17/troubleshoot/troubleshooting-memory-leaks.html'],

  candidates(ctx) {
    // Only a full heap is GC's: metaspace, native threads and direct buffers run out elsewhere.
    const oom = ctx.items(JVM_OUT_OF_MEMORY).filter((it) => HEAP_KINDS.has(it.occ.oom));
    const own: Item[] = [...ctx.items(GC_PAUSE), ...ctx.items(GC_OVERHEAD), ...oom];
    if (own.length === 0) return [];
    const pauses = ctx.items(GC_ACTIVITY).map((p) => ({ from: p.occ.ts!, to: p.occ.end })).sort((a, b) => a.from - b.from);
    const windows = mergeWindows([...pressureWindows(pauses), ...spans(own)]);
    return [{ own, windows, prior: ctx.items(GC_OVERHEAD).length || oom.length ? 0.7 : 0.55, state: { pauses, windows } }];
  },

  explains(c, it) {
    const o = it.occ;
    if ((it.sig === LOG_SILENCE_GAP || it.sig === HIKARI_STARVATION) && o.ts !== null && o.end != null) {
      // Both spans are the stretch certainly frozen (for a housekeeper warning, its delta less its period).
      const stopped = Math.max(1, o.end - o.ts);
      const paused = pausedWithin(c.state.pauses, o.ts, o.end);
      if (paused >= stopped * COVER) return { strength: STRENGTH.specific, reason: `GC pauses cover ${formatMs(paused)} of the ${formatMs(stopped)} freeze` };
      return null;
    }
    if (it.sig === JVM_OUT_OF_MEMORY) return HEAP_KINDS.has(it.occ.oom) ? { strength: STRENGTH.inside, reason: 'the heap ran out' } : null;
    // A pool full when a long pause ends: the threads it stopped all want a connection at once.
    if (it.sig === HIKARI_POOL_SATURATED || it.sig === POOL_WAITERS) {
      const t = o.lineTs ?? o.ts;
      if (windowAt(t, c.state.windows) || windowBefore(t, c.state.windows, AFTER_MS)) {
        return { strength: STRENGTH.specific, reason: 'the pool was full as a long GC pause ended, with the threads it had stopped' };
      }
    }
    // A pool timeout that woke late because a pause stopped its thread at its deadline.
    if (it.sig === HIKARI_POOL_TIMEOUT && (it.occ.overshootMs ?? 0) > 0 && o.ts !== null) {
      const late = it.occ.overshootMs!;
      const paused = pausedWithin(c.state.pauses, o.ts - late, o.ts);
      if (paused >= late * COVER) return { strength: STRENGTH.specific, reason: `GC pauses cover ${formatMs(paused)} of the ${formatMs(late)} it woke late` };
    }
    // Requests that waited or ran through a long pause.
    if (it.sig === HIKARI_POOL_TIMEOUT || isFailedRequest(it)) {
      const t = o.lineTs ?? o.ts;
      if (windowAt(t, c.state.windows)) return { strength: STRENGTH.inside, reason: 'it happened during long GC pauses' };
      if (windowBefore(t, c.state.windows, AFTER_MS)) return { strength: STRENGTH.after, reason: 'it surfaced right after a long GC pause' };
    }
    return null;
  },

  conclude(c, got, ctx) {
    const oom = got.of(JVM_OUT_OF_MEMORY);
    const overhead = got.of(GC_OVERHEAD);
    const long = got.of(GC_PAUSE);
    if (!oom.length && !overhead.length && !long.length) return null;
    const reasoning: string[] = [];
    const evidence: EvidenceRef[] = [];
    let conf = 0;
    if (oom.length) {
      conf = 0.7;
      reasoning.push(`${n(oom.length, 'OutOfMemoryError')} (${[...new Set(oom.map((o) => o.occ.kind))].join(', ')}).`);
      evidence.push(...cite(oom, 2));
    }
    // The share of this episode's pressure stretches the JVM spent paused: overhead measured here, not only in the bundle's busiest minute.
    const stretches = c.state.windows.filter((w) => w.to >= got.window.from && w.from <= got.window.to);
    const span = stretches.reduce((n, w) => n + (w.to - w.from), 0);
    const paused = stretches.reduce((n, w) => n + pausedWithin(c.state.pauses, w.from, w.to), 0);
    const share = span > 0 ? paused / span : 0;
    if (overhead.length || share >= PRESSURE_SHARE) {
      conf = Math.max(conf, 0.6) + (share >= 0.5 || overhead.some((o) => o.finding.data.sharePercent >= 50) ? 0.1 : 0);
      reasoning.push(
        `The JVM spent ${Math.round(share * 100)}% of ${formatMs(span)} stopped in GC pauses (${formatMs(paused)})` +
          `${share >= 0.5 ? ': more than half the time, the application barely ran' : ''}.`,
      );
      if (overhead.length) evidence.push(...cite(overhead, 1, () => 'first pause of the busiest minute'));
    }
    if (long.length) {
      const worst = long.reduce((a, b) => (b.occ.pauseMs > a.occ.pauseMs ? b : a));
      conf = Math.max(conf, 0.45) + (oom.length || overhead.length ? 0.05 : 0);
      reasoning.push(`${n(long.length, 'stop-the-world pause')} of a second or more, the longest ${formatMs(worst.occ.pauseMs)} (${worst.occ.phase}): every thread stood still meanwhile.`);
      evidence.push(...cite([worst, ...long.filter((p) => p !== worst)], 3, (p) => `${(p as typeof worst).occ.phase} pause ${formatMs((p as typeof worst).occ.pauseMs)}`));
    }
    const freezes = [...got.of(LOG_SILENCE_GAP), ...got.of(HIKARI_STARVATION)];
    if (freezes.length) {
      conf += 0.2;
      reasoning.push(
        `The application froze at the same moments: ${n(freezes.length, 'freeze')} seen from the application ` +
          `(${[...new Set(freezes.map((f) => f.finding.title))].join('; ')}) fall inside these pauses. The host did run the JVM; the JVM was collecting garbage.`,
      );
      evidence.push(...cite(freezes, 2, () => 'freeze covered by GC pauses'));
    }
    const symptoms = [...got.of(HIKARI_POOL_TIMEOUT), ...got.of(SLOW_RESPONSES)];
    if (symptoms.length) {
      conf += 0.05;
      reasoning.push(`${n(symptoms.length, 'request')} timed out or ran slow during or right after the pauses.`);
      evidence.push(...cite(symptoms, 1));
    }
    if (ctx.has(HEAP_GROWTH)) reasoning.push('Heap histograms show what accumulates (see memory-leak).');
    // What full collections left tells a heap too small for its work from one filling with a leak.
    const live = ctx.items(GC_LIVE_SET)[0]?.finding;
    if (live && live.data.verdict !== 'rising') reasoning.push(`${live.summary} The heap was too small for the work at those moments; it did not leak.`);
    return {
      confidence: clamp01(conf),
      summary: freezes.length
        ? 'Garbage collection stopped the JVM: its pauses are the freezes the application logs show.'
        : 'Garbage collection stopped or starved the application: the heap was (nearly) full.',
      reasoning,
      evidence,
    };
  },
};
