/**
 * Objects accumulate on the heap. Its own evidence: classes growing across heap histograms and Eclipse
 * MAT leak suspects. It explains the GC pressure and OutOfMemoryErrors that a filling heap brings.
 */
import { HEAP_GROWTH } from '../../signatures/jvm/heap-growth';
import { GC_OVERHEAD } from '../../signatures/jvm/gc-overhead';
import { GC_PAUSE } from '../../signatures/jvm/gc-pause';
import { MAT_LEAK_SUSPECT } from '../../signatures/jvm/mat-leak-suspect';
import { JVM_OUT_OF_MEMORY } from '../../signatures/log/jvm-out-of-memory';
import { overlaps } from '../time';
import { clamp01, STRENGTH, type CauseRule, type Item, type Window } from '../types';
import { spans } from './helpers';

export const memoryLeak: CauseRule<{ windows: Window[]; live: boolean }> = {
  id: 'memory-leak',
  title: 'Objects accumulate on the heap (memory leak)',
  fix: 'Find who keeps the growing objects alive (heap dump, path to GC roots in Eclipse MAT) and bound or release them: caches with limits, listeners and sessions removed.',
  references: ['https://docs.oracle.com/en/java/javase/17/troubleshoot/troubleshooting-memory-leaks.html', 'https://eclipse.dev/mat/'],

  candidates(ctx) {
    const own: Item[] = [...ctx.items(HEAP_GROWTH), ...ctx.items(MAT_LEAK_SUSPECT)];
    if (own.length === 0) return [];
    const windows = spans(ctx.items(HEAP_GROWTH)).map((w) => ({ from: w.from, to: Infinity }));
    const live = ctx.items(HEAP_GROWTH).some((g) => g.finding.data.live);
    return [{ own, windows, prior: live ? 0.65 : 0.5, state: { windows, live } }];
  },

  explains(c, it) {
    // A heap that keeps what the histograms show growing collects ever longer, then fails.
    if (!c.state.live) return null;
    if (it.sig !== GC_PAUSE && it.sig !== GC_OVERHEAD && it.sig !== JVM_OUT_OF_MEMORY) return null;
    return c.state.windows.some((w) => overlaps(it.occ, w)) ? { strength: STRENGTH.specific, reason: 'the heap fills with what the live histograms show growing' } : null;
  },

  conclude(_c, got) {
    const growth = got.of(HEAP_GROWTH);
    const mat = got.of(MAT_LEAK_SUSPECT);
    if (growth.length === 0 && mat.length === 0) return null;
    let conf = growth.length ? 0.6 : 0.55;
    const reasoning = [...growth, ...mat].slice(0, 3).map((f) => f.finding.summary);
    if (growth.length && mat.length) conf += 0.1;
    if (growth.length && !growth[0]!.finding.data.live) {
      conf = Math.min(conf, 0.45);
      reasoning.push('The histograms were taken without :live, so they include garbage; `jmap -histo:live PID` (or `jcmd PID GC.class_histogram`) would confirm.');
    }
    if (got.of(JVM_OUT_OF_MEMORY).length) {
      conf += 0.15;
      reasoning.push('The JVM then ran out of memory.');
    }
    if (got.of(GC_PAUSE).length || got.of(GC_OVERHEAD).length) reasoning.push('Garbage collection worked ever harder as it filled (see gc-pressure).');
    return {
      confidence: clamp01(conf),
      summary: 'Live objects keep accumulating; the heap fills and GC work grows until the JVM fails.',
      reasoning,
      evidence: [...growth, ...mat].flatMap((f) => f.finding.evidence).slice(0, 4),
    };
  },
};
