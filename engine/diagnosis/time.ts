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

/** A moment in a sentence: `13:15:48 UTC` (milliseconds when they matter: `13:15:48.354 UTC`); the episode gives the date. */
export function at(ts: number | null | undefined, ms = false): string {
  if (ts == null) return 'an unknown time';
  const s = new Date(ts).toISOString();
  return `${s.slice(11, ms ? 23 : 19)} UTC`;
}

/** A stretch in a sentence: `13:15:48–13:16:10 UTC`. */
export function span(from: number | null | undefined, to: number | null | undefined): string {
  if (from == null || to == null) return 'at an unknown time';
  return `${at(from).slice(0, -4)}–${at(to)}`;
}
