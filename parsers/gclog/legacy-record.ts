/**
 * One JDK 6–8 GC record (its lines joined, time prefix removed) → what it says:
 *   `[GC (Allocation Failure) [PSYoungGen: 1024K->512K(2048K)] 1024K->600K(4096K), 0.0123456 secs]`
 *   `[GC pause (G1 Evacuation Pause) (young), 0.0096173 secs] … [Eden: … Heap: 51.0M(1024.0M)->7888.0K(1024.0M)]`
 *   `[GC remark … , 0.0195860 secs]`, `[GC cleanup 135M->135M(1024M), 0.0013005 secs]`
 *   `[GC (CMS Initial Mark) [1 CMS-initial-mark: …] 8430222K(19713280K), 0.1652645 secs]`
 *   `[Full GC (Ergonomics) [PSYoungGen: …] [ParOldGen: …] 3K->2K(9K), [Metaspace: …], 0.0123 secs]`
 *   `[GC concurrent-mark-end, 0.0134409 secs]`, `[CMS-concurrent-mark: 4.008/4.072 secs]`
 */
import { outerBracket, parenGroups } from './brackets';
import { heapTransition, SIZE, sizeKb, secondsToMs } from './sizes';

export type LegacyGc =
  | {
      kind: 'pause';
      label: string;
      phase: string;
      cause?: string;
      collector?: string;
      pauseMs: number;
      heapBeforeKb?: number;
      heapAfterKb?: number;
      heapTotalKb?: number;
    }
  | { kind: 'incomplete'; label: string; collector?: string }
  | { kind: 'concurrent'; name: string; start: boolean; abort: boolean; durationMs?: number };

const CONCURRENT = /^\[(?:GC concurrent-|CMS-concurrent-)([a-z-]{1,60})(?:, (\d+[.,]\d+) secs|: (\d+[.,]\d+)\/(\d+[.,]\d+) secs)?\]/;
const HEAD = /^(Full GC|GC pause|GC remark|GC cleanup|GC)(?![\w-])/;
const QUALIFIERS = new Set(['young', 'mixed', 'initial-mark', 'to-space exhausted', 'to-space overflow']);
const CMS_MARK = new RegExp(`(${SIZE})\\((${SIZE})\\),\\s*\\d+[.,]\\d+ secs$`);

function concurrent(rest: string): LegacyGc | null {
  const m = CONCURRENT.exec(rest);
  if (!m) return null;
  let name = m[1]!;
  const start = name.endsWith('-start');
  const abort = name.endsWith('-abort');
  name = name.replace(/-(?:start|end)$/, '');
  const secs = m[4] ?? m[2];
  const out: LegacyGc = { kind: 'concurrent', name, start, abort };
  if (secs) out.durationMs = secondsToMs(secs);
  return out;
}

function collectorOf(head: string, rest: string): string | undefined {
  if (head === 'GC pause' || head === 'GC remark' || head === 'GC cleanup') return 'G1';
  if (/\[(?:PSYoungGen|ParOldGen|PSOldGen|PSPermGen)\b/.test(rest)) return 'Parallel';
  if (/\[(?:DefNew|Tenured)\b/.test(rest)) return 'Serial';
  const cms = /CMS-(?:initial-mark|remark)|\[CMS\b/.test(rest);
  const parNew = /\[ParNew\b/.test(rest);
  if (head === 'Full GC') return cms ? 'CMS' : parNew ? 'ParNew' : undefined;
  return parNew ? 'ParNew' : cms ? 'CMS' : undefined;
}

function phaseOf(head: string, groups: readonly string[]): string {
  switch (head) {
    case 'Full GC':
      return 'Full';
    case 'GC remark':
      return 'Remark';
    case 'GC cleanup':
      return 'Cleanup';
    case 'GC pause':
      return groups.includes('mixed') ? 'Mixed' : groups.includes('initial-mark') ? 'Initial Mark' : 'Young';
    default:
      return groups[0] === 'CMS Initial Mark' ? 'Initial Mark' : groups[0] === 'CMS Final Remark' ? 'Remark' : 'Young';
  }
}

/** Parses a record's text (from its first `[`); null when it is not a GC record. */
export function parseLegacyGc(rest: string): LegacyGc | null {
  const text = rest.length > 16384 ? rest.slice(0, 16384) : rest;
  const conc = concurrent(text);
  if (conc) return conc;
  const outer = outerBracket(text);
  if (!outer) return null;
  const t = outer.text.trim();
  const head = HEAD.exec(t);
  if (!head) return null;
  const groups = parenGroups(t.slice(head[1]!.length).trimStart());
  const label = [head[1]!, ...groups.map((g) => `(${g})`)].join(' ');
  const collector = collectorOf(head[1]!, text);
  const secs = /(\d+[.,]\d+) secs$/.exec(t.replace(/[\s,]+$/, ''));
  if (!secs) {
    const inc: LegacyGc = { kind: 'incomplete', label };
    if (collector) inc.collector = collector;
    return inc;
  }
  const out: Extract<LegacyGc, { kind: 'pause' }> = { kind: 'pause', label, phase: phaseOf(head[1]!, groups), pauseMs: secondsToMs(secs[1]!) };
  const cause = groups.find((g) => !QUALIFIERS.has(g));
  if (cause) out.cause = cause;
  if (collector) out.collector = collector;
  // A young ParNew record that falls back to a CMS old-generation collection (`[CMS5081.144: …
  // (concurrent mode failure)`) stops the world for a full collection.
  if (head[1] === 'GC' && out.phase === 'Young' && /\[CMS[\d:]/.test(text)) {
    out.phase = 'Full';
    out.collector = 'CMS';
  }
  const g1Heap = text.indexOf('Heap: ');
  const heap = g1Heap >= 0 ? heapTransition(text.slice(g1Heap + 6, g1Heap + 200)) : heapTransition(t);
  if (heap) {
    out.heapBeforeKb = heap.before;
    out.heapAfterKb = heap.after;
    out.heapTotalKb = heap.total;
  } else {
    const mark = CMS_MARK.exec(t.replace(/[\s,]+$/, ''));
    if (mark) {
      out.heapBeforeKb = sizeKb(mark[1]!) ?? undefined;
      out.heapTotalKb = sizeKb(mark[2]!) ?? undefined;
    }
  }
  return out;
}
