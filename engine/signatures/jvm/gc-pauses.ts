/** GC pauses as the three GC signatures see them. */
import type { Occurrence } from '../../model/occurrence';
import type { DetectContext } from '../types';

export interface Pause {
  id: number;
  fileId: number;
  ts: number;
  line: number;
  /** The record's last line: where unified logging prints the pause's duration (its first is `gc,start`). */
  endLine: number;
  pauseMs: number;
  phase: string;
  /** What triggered it, as printed: `G1 Evacuation Pause`, `Metadata GC Threshold`, `System.gc()`… */
  cause?: string | null;
}

/** A stop-the-world pause as the span it stopped the JVM. */
export interface PauseOcc extends Occurrence {
  end: number;
  pauseMs: number;
  phase: string;
  cause?: string;
}

export function pauseOccurrence(p: Pause): PauseOcc {
  const o: PauseOcc = { ts: p.ts, end: p.ts + p.pauseMs, lineTs: p.ts + p.pauseMs, fileId: p.fileId, line: p.endLine, ref: `event:${p.id}`, process: `file:${p.fileId}`, pauseMs: p.pauseMs, phase: p.phase };
  if (p.cause) o.cause = p.cause;
  return o;
}

export function gcPauses(ctx: DetectContext): Pause[] {
  return ctx.store.events.gcPauses(ctx.bundleId).map((p) => ({ ...p, pauseMs: Number(p.pauseMs) || 0 }));
}

/** Longest pause overlapping [from, to]; pauses are stamped at their start. */
export function longestPauseBetween(pauses: readonly Pause[], from: number, to: number): Pause | null {
  let best: Pause | null = null;
  for (const p of pauses) {
    if (p.ts > to || p.ts + p.pauseMs < from) continue;
    if (!best || p.pauseMs > best.pauseMs) best = p;
  }
  return best;
}
