/** GC pauses as the three GC signatures see them. */
import type { DetectContext } from '../types';

export interface Pause {
  id: number;
  fileId: number;
  ts: number;
  line: number;
  pauseMs: number;
  phase: string;
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
