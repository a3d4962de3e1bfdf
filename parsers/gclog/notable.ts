/**
 * Lines worth a `GcInfo` of their own wherever they appear: the signs of a heap that cannot keep up
 * (evacuation failure, concurrent mode failure, promotion failure, GC overhead limit, OOM, last-ditch
 * full compactions, aborted marking).
 */
import type { GcInfoKind } from './model';

const NOTABLE: [RegExp, GcInfoKind][] = [
  [/to-space (?:exhausted|overflow)|Evacuation Failure/i, 'to-space-exhausted'],
  [/concurrent mode failure/i, 'concurrent-mode-failure'],
  [/promotion failed/i, 'promotion-failed'],
  [/GC overhead limit exceeded/i, 'gc-overhead-limit'],
  [/OutOfMemoryError/, 'out-of-memory'],
  [/^Attempting (?:maximum )?full compaction/, 'full-compaction'],
  [/Concurrent Mark Abort|concurrent-mark-abort/, 'concurrent-abort'],
];

/** Every notable kind a text mentions (a CMS record can hold several), in a stable order. */
export function notableKinds(text: string): GcInfoKind[] {
  const t = text.length > 8192 ? text.slice(0, 8192) : text;
  const out: GcInfoKind[] = [];
  for (const [re, kind] of NOTABLE) if (re.test(t)) out.push(kind);
  return out;
}

/** Collector names as `Using …` and JDK 8 `-XX:+Use…GC` flags spell them. */
export function collectorFromText(text: string): string | undefined {
  if (/\bUsing G1\b|-XX:\+UseG1GC\b/.test(text)) return 'G1';
  if (/\bUsing Parallel\b|-XX:\+UseParallel(?:Old)?GC\b/.test(text)) return 'Parallel';
  if (/\bUsing Serial\b|-XX:\+UseSerialGC\b/.test(text)) return 'Serial';
  if (/\bUsing Concurrent Mark Sweep\b|-XX:\+UseConcMarkSweepGC\b/.test(text)) return 'CMS';
  if (/\bUsing Shenandoah\b|-XX:\+UseShenandoahGC\b/.test(text)) return 'Shenandoah';
  if (/\bUsing The Z Garbage Collector\b|-XX:\+UseZGC\b/.test(text)) return 'ZGC';
  if (/\bUsing Epsilon\b|-XX:\+UseEpsilonGC\b/.test(text)) return 'Epsilon';
  return undefined;
}
