import type { FindingDraft } from '../../model/finding';
import { plural } from '../findings-from-hits';
import { seriesBy, snapEvidence, spanOccurrence } from '../series';
import type { Signature } from '../types';

export const HEAP_GROWTH = 'heap-growth';

/**
 * The histograms' total must gain this much: below, totals move with class loading, JIT and caches
 * warming up (a JDK 17 service's live heap is 4-5 MB at rest and wanders by a few MB).
 */
const MIN_TOTAL_BYTES = 4 * 1024 * 1024;
/** … and grow by half: caches and buffers breathe by less between histograms. */
const MIN_RATIO = 1.5;
/** A class that carries a twentieth of the total's growth is part of what accumulates; smaller ones ride along. */
const CLASS_SHARE = 0.05;

export interface GrownClass {
  className: string;
  firstBytes: number;
  lastBytes: number;
  firstInstances: number;
  lastInstances: number;
  /** Line of the class's row in the last histogram. */
  line: number;
}

export interface HeapGrowthData {
  classes: GrownClass[];
  /**
   * The application class whose instances accumulate with the growth: what a leak keeps (it holds the
   * byte[], String and map entries that weigh the most). Null when only JDK classes grew.
   */
  holder: GrownClass | null;
  histograms: number;
  live: boolean;
  firstTotal: number;
  lastTotal: number;
}

/** `jmap -histo:live` and `jcmd GC.class_histogram` (without -all) collect garbage first. */
export function isLiveHistogram(command: string | null): boolean {
  return command !== null && (/histo:live/.test(command) || (/GC\.class_histogram/.test(command) && !/-all/.test(command)));
}

/** JDK classes, arrays and VM pseudo-classes: what application objects are made of, not what keeps them. */
export function isJdkClass(name: string): boolean {
  return /^(?:java|javax|jdk|sun|com\.sun)\.|\[\]$|^\[|^<|^\*/.test(name);
}

function rising(values: number[]): boolean {
  return values.every((b, i) => i === 0 || b >= values[i - 1]!);
}

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
const count = (n: number) => n.toLocaleString('en-US');

export const heapGrowth: Signature<typeof HEAP_GROWTH, HeapGrowthData> = {
  id: HEAP_GROWTH,
  title: 'Classes keep growing across heap histograms',
  severity: 'high',
  explanation:
    'Comparing the heap histograms, some classes hold far more memory in the later ones. Live objects that only accumulate — a ' +
    'cache without bounds, listeners or sessions never removed, a queue nobody drains — are a memory leak: GC runs more and more ' +
    'often and longer, and the process ends in OutOfMemoryError.',
  fix: 'Find who references the growing class (a heap dump in Eclipse MAT: path to GC roots) and bound or release it.',
  references: ['https://docs.oracle.com/en/java/javase/17/troubleshoot/troubleshooting-memory-leaks.html', 'https://eclipse.dev/mat/'],
  detect(ctx) {
    const rows = ctx.store.series.heapClasses(ctx.bundleId);
    const snaps = [...new Map(rows.map((r) => [r.sid, r])).values()];
    if (snaps.length < 2) return [];
    // Without :live, a histogram counts garbage too: two of them differ by whatever was not yet
    // collected. Only live histograms, or a consistent rise over three or more, say "leak".
    const live = snaps.every((s) => isLiveHistogram(s.command));
    if (!live && snaps.length < 3) return [];
    const totals = new Map<number, number>();
    for (const r of rows) totals.set(r.sid, (totals.get(r.sid) ?? 0) + r.bytes);
    const first = snaps[0]!;
    const last = snaps.at(-1)!;
    const firstTotal = totals.get(first.sid) ?? 0;
    const lastTotal = totals.get(last.sid) ?? 0;
    const totalGrowth = lastTotal - firstTotal;
    if (totalGrowth < MIN_TOTAL_BYTES || lastTotal < firstTotal * MIN_RATIO) return [];
    if (!live && !rising(snaps.map((s) => totals.get(s.sid) ?? 0))) return [];
    const order = snaps.map((s) => s.sid);
    const byClass = seriesBy(rows, (r) => r.className);
    const all = [...byClass.entries()].map(([cls, list]) => {
      const at = (sid: number) => list.find((r) => r.sid === sid);
      const a = at(first.sid);
      const b = at(last.sid);
      const c: GrownClass = {
        className: cls, firstBytes: a?.bytes ?? 0, lastBytes: b?.bytes ?? 0, firstInstances: a?.instances ?? 0, lastInstances: b?.instances ?? 0, line: b?.rowLine ?? last.line,
      };
      return { c, bytes: order.map((sid) => at(sid)?.bytes ?? 0), instances: order.map((sid) => at(sid)?.instances ?? 0) };
    });
    // Rising throughout when the histograms count garbage too; live ones may dip and still have grown.
    const steady = (vs: number[]) => live || rising(vs);
    const grown = all
      .filter(({ c, bytes }) => c.lastBytes - c.firstBytes >= CLASS_SHARE * totalGrowth && c.lastBytes >= c.firstBytes * MIN_RATIO && steady(bytes))
      .sort((x, y) => y.c.lastBytes - y.c.firstBytes - (x.c.lastBytes - x.c.firstBytes));
    if (grown.length === 0) return [];
    // The holder: an application class whose instances multiplied with the heap, rising at every capture.
    const holder =
      all
        .filter(({ c, instances }) => !isJdkClass(c.className) && c.lastInstances >= Math.max(1, c.firstInstances) * MIN_RATIO && rising(instances))
        .sort((x, y) => y.c.lastInstances - y.c.firstInstances - (x.c.lastInstances - x.c.firstInstances))[0]?.c ?? null;
    const top = grown.slice(0, 5).map((g) => g.c);
    const say = (c: GrownClass) => `${c.className} ${count(c.firstInstances)} → ${count(c.lastInstances)} instances, ${mib(c.firstBytes)} → ${mib(c.lastBytes)}`;
    const finding: FindingDraft<HeapGrowthData> = {
      signature: this.id,
      severity: 'high',
      title: holder ? `${holder.className} accumulates on the heap` : `${plural(grown.length, 'class', 'classes')} grew between heap histograms`,
      summary:
        (holder ? `${holder.className} ${count(holder.firstInstances)} → ${count(holder.lastInstances)} instances, holding ` : '') +
        top.filter((c) => c !== holder).map(say).join('; ') +
        ` (heap ${mib(firstTotal)} → ${mib(lastTotal)} over ${plural(snaps.length, 'histogram')}${live ? '' : ', not :live: garbage included'}).`,
      first: first.capturedAt,
      last: last.capturedAt,
      count: grown.length,
      data: { classes: top, holder, histograms: snaps.length, live, firstTotal, lastTotal },
      evidence: [
        ...(holder ? [snapEvidence(last, holder.line, `${holder.className}: ${count(holder.lastInstances)} instances`)] : []),
        snapEvidence(last, top[0]!.line, `${top[0]!.className}: ${mib(top[0]!.lastBytes)}`),
        snapEvidence(first, first.line, `first histogram, ${mib(firstTotal)}`),
        snapEvidence(last, last.line, `last histogram, ${mib(lastTotal)}`),
      ],
      occurrences: [spanOccurrence(first, last, holder?.line ?? top[0]!.line, null, 'histograms compared')],
    };
    return [finding];
  },
};
