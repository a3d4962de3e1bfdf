/**
 * Objects accumulate on the heap. Its own evidence: classes growing across heap histograms (the
 * application class holding them named), the live set after full collections rising in the GC log,
 * Eclipse MAT leak suspects; and OutOfMemoryError: Metaspace / Compressed class space, the same mechanism
 * for classes (a class-loader leak). It explains the GC pressure and heap OutOfMemoryErrors a filling
 * heap brings.
 */
import type { EvidenceRef } from '../../model/evidence';
import { HEAP_GROWTH, type GrownClass } from '../../signatures/jvm/heap-growth';
import { GC_LIVE_SET } from '../../signatures/jvm/gc-live-set';
import { GC_OVERHEAD } from '../../signatures/jvm/gc-overhead';
import { GC_PAUSE } from '../../signatures/jvm/gc-pause';
import { MAT_LEAK_SUSPECT } from '../../signatures/jvm/mat-leak-suspect';
import { JVM_OUT_OF_MEMORY } from '../../signatures/log/jvm-out-of-memory';
import { CLASS_KINDS, HEAP_KINDS } from '../../signatures/log/oom-kinds';
import { overlaps } from '../time';
import { clamp01, STRENGTH, type CauseRule, type Item, type Window } from '../types';
import { cite, n, spans } from './helpers';

interface State {
  windows: Window[];
  /** The growth is of live objects: live histograms, or the heap left by full collections. */
  live: boolean;
  /** Metaspace or compressed class space ran out: collections triggered for metadata are this leak's. */
  classes: boolean;
}

/** HotSpot's GC causes when metaspace reaches its threshold or its limit (gcCause.cpp). */
const METADATA_GC = /^Metadata GC/;

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
const count = (x: number) => x.toLocaleString('en-US');

function holderText(h: GrownClass): string {
  return `${h.className} (${count(h.firstInstances)} → ${count(h.lastInstances)} instances)`;
}

export const memoryLeak: CauseRule<State> = {
  id: 'memory-leak',
  title: 'Objects accumulate on the heap (memory leak)',
  fix: 'Find who keeps the growing objects alive (heap dump, path to GC roots in Eclipse MAT) and bound or release them: caches with limits, listeners and sessions removed.',
  references: ['https://docs.oracle.com/en/java/javase/17/troubleshoot/troubleshooting-memory-leaks.html', 'https://eclipse.dev/mat/'],

  candidates(ctx) {
    const growth = ctx.items(HEAP_GROWTH);
    const rising = ctx.items(GC_LIVE_SET).filter((it) => it.finding.data.verdict === 'rising');
    const classes = ctx.items(JVM_OUT_OF_MEMORY).filter((it) => CLASS_KINDS.has(it.occ.oom));
    const own: Item[] = [...growth, ...rising, ...ctx.items(MAT_LEAK_SUSPECT), ...classes];
    if (own.length === 0) return [];
    const grows = [...growth, ...rising];
    const windows = grows.length ? spans(grows).map((w) => ({ from: w.from, to: Infinity })) : spans(own);
    const live = growth.some((g) => g.finding.data.live) || rising.length > 0;
    return [{ own, windows, prior: live ? 0.65 : 0.5, state: { windows, live, classes: classes.length > 0 } }];
  },

  explains(c, it) {
    // Classes that cannot be unloaded make the JVM collect for metadata, again and again as the limit nears.
    if (c.state.classes && (it.sig === GC_PAUSE || it.sig === GC_OVERHEAD) && METADATA_GC.test(it.occ.cause ?? '')) {
      return { strength: STRENGTH.specific, reason: 'the collection was for metadata, which the leaked class loaders keep' };
    }
    // A heap that keeps what the live histograms (or the GC log's live set) show growing collects ever longer, then fails.
    if (!c.state.live) return null;
    if (it.sig === JVM_OUT_OF_MEMORY && !HEAP_KINDS.has(it.occ.oom)) return null;
    if (it.sig !== GC_PAUSE && it.sig !== GC_OVERHEAD && it.sig !== JVM_OUT_OF_MEMORY) return null;
    return c.state.windows.some((w) => overlaps(it.occ, w)) ? { strength: STRENGTH.specific, reason: 'the heap fills with live objects that only accumulate' } : null;
  },

  conclude(_c, got, ctx) {
    const growth = got.of(HEAP_GROWTH);
    const rising = got.of(GC_LIVE_SET).filter((it) => it.finding.data.verdict === 'rising');
    const mat = got.of(MAT_LEAK_SUSPECT);
    const ooms = got.of(JVM_OUT_OF_MEMORY);
    const heapOoms = ooms.filter((o) => HEAP_KINDS.has(o.occ.oom));
    const classOoms = ooms.filter((o) => CLASS_KINDS.has(o.occ.oom));
    if (!growth.length && !rising.length && !mat.length && !classOoms.length) return null;
    const reasoning: string[] = [];
    const evidence: EvidenceRef[] = [];

    const g = growth[0]?.finding.data;
    const holder = g?.holder ?? null;
    let conf = growth.length || rising.length ? 0.6 : mat.length ? 0.55 : 0;
    if (g) {
      reasoning.push(growth[0]!.finding.summary);
      // The holder's row of the last histogram first: the line that names what leaks.
      evidence.push(growth[0]!.finding.evidence[0]!);
    }
    if (heapOoms.length) evidence.push(...cite(heapOoms, 1));
    if (rising.length) {
      const r = rising[0]!.finding;
      reasoning.push(
        `The GC log says the same without any histogram: ${r.summary.charAt(0).toLowerCase()}${r.summary.slice(1)} ` +
          'Every full collection marks the whole heap, so what it leaves is live; a live set that only climbs is a leak, not a peak of work.',
      );
      evidence.push(r.evidence[0]!, r.evidence.at(-1)!);
      if (growth.length) conf += 0.1;
    }
    if (mat.length) {
      conf += 0.1;
      reasoning.push(...mat.slice(0, 2).map((m) => m.finding.summary));
      evidence.push(...mat.slice(0, 2).flatMap((m) => m.finding.evidence));
    }
    if (g && !g.live && !rising.length) {
      conf = Math.min(conf, 0.45);
      reasoning.push('The histograms were taken without :live, so they include garbage; `jmap -histo:live PID` (or `jcmd PID GC.class_histogram`) would confirm.');
    }
    const fellBack = ctx.items(GC_LIVE_SET).find((it) => it.finding.data.verdict === 'returns');
    if (fellBack && !rising.length && !g?.live) {
      conf = Math.min(conf, 0.4);
      reasoning.push(`But ${fellBack.finding.summary.charAt(0).toLowerCase()}${fellBack.finding.summary.slice(1)}`);
    }
    if (heapOoms.length) {
      conf += 0.15;
      reasoning.push(`The JVM then ran out of heap: ${n(heapOoms.length, 'OutOfMemoryError')} (${[...new Set(heapOoms.map((o) => o.occ.kind))].join(', ')}).`);
    }
    if (got.of(GC_PAUSE).length || got.of(GC_OVERHEAD).length) {
      reasoning.push('Garbage collection worked ever harder as memory filled: its pauses and overhead are this leak\'s consequence, not a heap merely too small.');
    }
    // Classes piling up in metaspace: the same mechanism one level down (a class loader kept is every class it loaded kept).
    if (classOoms.length && !heapOoms.length) {
      reasoning.push(
        `${n(classOoms.length, 'OutOfMemoryError')} (${[...new Set(classOoms.map((o) => o.occ.kind))].join(', ')}): class metadata filled its space. ` +
          'Classes keep being loaded and never unloaded because something keeps their class loaders reachable (a redeployed webapp, a loader, proxy or script created per call and cached).',
      );
      evidence.unshift(...cite(classOoms, 1));
      return {
        confidence: clamp01(Math.max(conf, 0.6) + (growth.length ? 0.1 : 0)),
        summary: holder
          ? `${holderText(holder)} accumulate, each keeping the classes loaded in it: metaspace fills until OutOfMemoryError (a class-loader leak).`
          : 'Classes accumulate in metaspace (a class-loader leak) until the JVM cannot load more.',
        reasoning,
        evidence: evidence.slice(0, 6),
        fix:
          `Find which class loaders multiply (\`jcmd PID VM.classloader_stats\`, or a heap dump's class loader view)${holder ? ` — here ${holder.className}` : ''} ` +
          'and who keeps them reachable; reuse one loader per plugin or tenant and cache generated classes and proxies instead of creating them per call.',
      };
    }
    if (classOoms.length) reasoning.push(`Classes piled up too: ${n(classOoms.length, 'OutOfMemoryError')} (${classOoms[0]!.occ.kind}), a class-loader leak.`);
    const what = holder ? `${holder.className} objects` : g?.classes[0] ? `${g.classes[0].className} objects` : 'Live objects';
    return {
      confidence: clamp01(conf),
      summary: holder
        ? `${holderText(holder)} accumulate with everything they reference (heap ${mib(g!.firstTotal)} → ${mib(g!.lastTotal)}); the heap fills and GC works ever harder until the JVM fails.`
        : `${what} keep accumulating; the heap fills and GC work grows until the JVM fails.`,
      reasoning,
      evidence: [...evidence, ...(g ? growth[0]!.finding.evidence.slice(1, 2) : [])].slice(0, 6),
      ...(holder || g?.classes[0]
        ? {
            fix:
              `Find who keeps the ${holder?.className ?? g!.classes[0]!.className} instances alive (a heap dump: path to GC roots in Eclipse MAT, or the code ` +
              'that adds them to a collection, listener list or cache) and release them when done, or bound that collection.',
          }
        : {}),
    };
  },
};
