/**
 * The messages of unified logging (after decorations and the `GC(n) ` id) that carry numbers:
 *   `Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(64M) 3.456ms`
 *   `Safepoint "G1CollectForAllocation", Time since last: … ns, …, Total: 1543533 ns`
 *   `Total time for which application threads were stopped: 0.0001234 seconds, Stopping threads took: …`
 *   `Concurrent Mark Cycle 12.810ms`
 * Numbers are taken from the end of the message, so no regex has to scan back and forth.
 */
import { parenGroups } from './brackets';
import { SIZE, sizeKb } from './sizes';

export interface PauseSummary {
  label: string;
  phase: string;
  cause?: string;
  pauseMs: number;
  heapBeforeKb?: number;
  heapAfterKb?: number;
  heapTotalKb?: number;
}

/** Parenthesised words that qualify a pause rather than naming its cause. */
const QUALIFIERS = new Set(['Normal', 'Concurrent Start', 'Prepare Mixed', 'Mixed', 'unload classes', 'process weakrefs', 'update refs']);
const HEAP_TOKEN = new RegExp(`^(${SIZE})->(${SIZE})\\((${SIZE})\\)$`);

/** `GC(12) rest` → 12 and `rest`; null without an id. */
export function splitGcId(message: string): { id: number; rest: string } | null {
  const m = /^GC\((\d{1,12})\) ?/.exec(message);
  return m ? { id: Number(m[1]), rest: message.slice(m[0].length) } : null;
}

/** A pause's phase from its printed name (`Young` + `(Concurrent Start)` → `Initial Mark`). */
export function pausePhase(name: string, groups: readonly string[]): string {
  if (name === 'Young') {
    if (groups.includes('Concurrent Start')) return 'Initial Mark';
    if (groups.includes('Mixed')) return 'Mixed';
  }
  return name;
}

/** `Pause …` with a trailing duration; null for the `gc,start` line that opens a pause, or other text. */
export function parsePauseSummary(message: string): PauseSummary | null {
  if (!message.startsWith('Pause ')) return null;
  const ms = /\s(\d+(?:[.,]\d+)?)ms$/.exec(message.length > 2000 ? '' : message);
  if (!ms) return null;
  let rest = message.slice(0, ms.index).trimEnd();
  const out: PauseSummary = { label: '', phase: '', pauseMs: Number(ms[1]!.replace(',', '.')) };
  const sp = rest.lastIndexOf(' ');
  const heap = HEAP_TOKEN.exec(rest.slice(sp + 1));
  if (heap) {
    out.heapBeforeKb = sizeKb(heap[1]!) ?? undefined;
    out.heapAfterKb = sizeKb(heap[2]!) ?? undefined;
    out.heapTotalKb = sizeKb(heap[3]!) ?? undefined;
    rest = rest.slice(0, sp).trimEnd();
  }
  Object.assign(out, describePause(rest));
  return out;
}

/** Label, phase and cause of `Pause Young (Normal) (G1 Evacuation Pause)`. */
export function describePause(label: string): { label: string; phase: string; cause?: string } {
  const body = label.slice('Pause '.length);
  const paren = body.indexOf(' (');
  const name = (paren < 0 ? body : body.slice(0, paren)).trim();
  const groups = paren < 0 ? [] : parenGroups(body.slice(paren + 1));
  const out: { label: string; phase: string; cause?: string } = { label, phase: pausePhase(name, groups) };
  const cause = [...groups].reverse().find((g) => !QUALIFIERS.has(g) && !/^Evacuation Failure/.test(g));
  if (cause) out.cause = cause;
  return out;
}

/** JDK 17+ `Safepoint "Op", …, Total: N ns` → the VM operation and its total time. */
export function parseSafepoint(message: string): { op: string; totalMs: number } | null {
  if (!message.startsWith('Safepoint "') || message.length > 2000) return null;
  const q = message.indexOf('"', 11);
  const total = /Total: (\d+) ns$/.exec(message);
  if (q < 0 || !total) return null;
  return { op: message.slice(11, q), totalMs: Number(total[1]) / 1e6 };
}

/** `Total time for which application threads were stopped: 0.0001234 seconds…` → ms. */
export function parseStoppedTime(message: string): number | null {
  const m = /^Total time for which application threads were stopped: (\d+(?:[.,]\d+)?) seconds/.exec(message);
  return m ? Number(m[1]!.replace(',', '.')) * 1000 : null;
}

/** `Concurrent Mark Cycle 12.810ms` (G1), `Concurrent Undo Cycle …`: the end of a concurrent cycle. */
export function parseCycleEnd(message: string): { name: string; durationMs?: number } | null {
  const m = /^(Concurrent (?:Mark |Undo )?Cycle) (\d+(?:[.,]\d+)?)ms$/.exec(message);
  if (m) return { name: m[1]!, durationMs: Number(m[2]!.replace(',', '.')) };
  // ZGC ends a cycle with `Garbage Collection (Warmup) 14M(22%)->8M(13%)`, without a duration.
  if (/^Garbage Collection \(/.test(message)) return { name: message.slice(0, 200) };
  return null;
}

export function isCycleStart(message: string): boolean {
  return /^Concurrent (?:Mark |Undo )?Cycle$/.test(message);
}
