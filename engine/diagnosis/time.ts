/** Time relations between items and a cause's windows. */
import { endOf, type Occurrence } from '../model/occurrence';
import type { Window } from './types';

/** The window containing t (with `slack` ms of tolerance on both ends), or null. */
export function windowAt(t: number | null, windows: readonly Window[], slack = 0): Window | null {
  if (t === null) return null;
  return windows.find((w) => t >= w.from - slack && t <= w.to + slack) ?? null;
}

/** The window that ended at most `within` ms before t (t after its end), or null. */
export function windowBefore(t: number | null, windows: readonly Window[], within: number): Window | null {
  if (t === null) return null;
  let best: Window | null = null;
  for (const w of windows) if (t > w.to && t - w.to <= within && (!best || w.to > best.to)) best = w;
  return best;
}

/** Does the occurrence's own span overlap the window? */
export function overlaps(o: Occurrence, w: Window): boolean {
  const a = o.ts;
  const b = endOf(o);
  return a !== null && b !== null && a <= w.to && b >= w.from;
}

/** Merges overlapping or touching windows (within `join` ms), in time order. */
export function mergeWindows(ws: readonly Window[], join = 0): Window[] {
  const sorted = [...ws].sort((a, b) => a.from - b.from);
  const out: Window[] = [];
  for (const w of sorted) {
    const last = out.at(-1);
    if (last && w.from <= last.to + join) last.to = Math.max(last.to, w.to);
    else out.push({ ...w });
  }
  return out;
}

export const iso = (ts: number | null | undefined): string => (ts == null ? '?' : new Date(ts).toISOString().replace('.000Z', 'Z'));
