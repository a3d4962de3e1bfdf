import type { FindingDraft } from '../../model/finding';
import { plural } from '../findings-from-hits';
import { seriesBy, snapEvidence, spanOccurrence } from '../series';
import type { Signature } from '../types';

export const HEAP_GROWTH = 'heap-growth';

/** A class must gain this much to matter: below 10 MiB, growth is noise next to any real heap. */
const MIN_BYTES = 10 * 1024 * 1024;
/** … and grow by half: caches and buffers breathe by less between histograms. */
const MIN_RATIO = 1.5;

export interface HeapGrowthData {
  classes: { className: string; firstBytes: number; lastBytes: number }[];
  histograms: number;
  live: boolean;
}

/** `jmap -histo:live` and `jcmd GC.class_histogram` (without -all) collect garbage first. */
export function isLiveHistogram(command: string | null): boolean {
  return command !== null && (/histo:live/.test(command) || (/GC\.class_histogram/.test(command) && !/-all/.test(command)));
}

function rising(list: { sid: number; bytes: number }[], order: number[]): boolean {
  const bytes = order.map((sid) => list.find((r) => r.sid === sid)?.bytes ?? 0);
  return bytes.every((b, i) => i === 0 || b >= bytes[i - 1]!);
}

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;

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
    const first = snaps[0]!;
    const last = snaps.at(-1)!;
    const byClass = seriesBy(rows, (r) => r.className);
    const grown = [...byClass.entries()]
      .map(([cls, list]) => {
        const a = list.find((r) => r.sid === first.sid)?.bytes ?? 0;
        const b = list.find((r) => r.sid === last.sid)?.bytes ?? 0;
        return { cls, a, b, steps: list.length };
      })
      .filter((c) => c.b - c.a >= MIN_BYTES && c.b >= c.a * MIN_RATIO)
      .filter((c) => live || rising(byClass.get(c.cls)!, snaps.map((s) => s.sid)))
      .sort((x, y) => y.b - y.a - (x.b - x.a));
    if (grown.length === 0) return [];
    const top = grown.slice(0, 5);
    const finding: FindingDraft<HeapGrowthData> = {
      signature: this.id,
      severity: 'high',
      title: `${plural(grown.length, 'class', 'classes')} grew between heap histograms`,
      summary: top.map((c) => `${c.cls} ${mib(c.a)} → ${mib(c.b)}`).join('; ') + ` (over ${plural(snaps.length, 'histogram')}${live ? '' : ', not :live: garbage included'}).`,
      first: first.capturedAt,
      last: last.capturedAt,
      count: grown.length,
      data: { classes: top.map((c) => ({ className: c.cls, firstBytes: c.a, lastBytes: c.b })), histograms: snaps.length, live },
      evidence: [snapEvidence(first, first.line, 'first histogram'), snapEvidence(last, last.line, 'last histogram')],
      occurrences: [spanOccurrence(first, last, last.line, null, 'histograms compared')],
    };
    return [finding];
  },
};
