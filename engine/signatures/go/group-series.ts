/** Goroutine groups across dumps of one process: count per dump for each group key. */
import type { GroupPoint, SnapRef } from '../../store/snapshot-queries';
import { parseJson } from '../../store/json';
import { growth, seriesBy, type Growth } from '../series';

export interface GroupTrend {
  key: string;
  state: string | null;
  tags: string[];
  frames: string[];
  createdBy: string | null;
  /** Count in each dump of the series (0 when absent), in capture order. */
  counts: number[];
  dumps: (SnapRef & { pid: number | null })[];
  /** The group's rows where present (for evidence and wait times). */
  present: GroupPoint[];
  growth: Growth;
}

/**
 * Per group key across the dumps of one process. `keyOf` defaults to the exact stack; a coarser key
 * (state + application frame + creator) lines up dumps taken differently (pprof debug=2 vs SIGQUIT,
 * which adds runtime frames).
 */
export function groupTrends(
  points: readonly GroupPoint[],
  dumps: readonly (SnapRef & { pid: number | null })[],
  keyOf: (p: GroupPoint) => string = (p) => p.key,
): GroupTrend[] {
  const out: GroupTrend[] = [];
  for (const [series, ds] of seriesBy(dumps, (d) => `${d.host ?? ''}|${d.pid ?? ''}`)) {
    const ids = new Set(ds.map((d) => d.sid));
    const rows = points.filter((p) => ids.has(p.sid));
    for (const [key, list] of seriesBy(rows, keyOf)) {
      const counts = ds.map((d) => list.filter((p) => p.sid === d.sid).reduce((n, p) => n + p.count, 0));
      const first = list[0]!;
      out.push({
        key: `${series}|${key}`,
        state: first.state,
        tags: (first.tags ?? '').split(',').filter(Boolean),
        frames: parseJson<string[]>(first.frames, []),
        createdBy: first.createdBy,
        counts,
        dumps: ds,
        present: list,
        growth: growth(ds.map((d, i) => ({ t: d.capturedAt, v: counts[i]! }))),
      });
    }
  }
  return out;
}

/** State, application frame and creator: what a leaked goroutine keeps across dumps of any kind. */
export function leakKey(p: GroupPoint): string {
  const frames = parseJson<string[]>(p.frames, []);
  return `${p.state ?? ''}|${appFrame(frames).split(' ')[0]}|${(p.createdBy ?? '').split(' ')[0]}`;
}

/** The function a group is about: its first non-runtime frame. */
export function userFrame(frames: readonly string[]): string {
  return frames.find((f) => !/^(runtime|internal\/poll|syscall)\./.test(f)) ?? frames[0] ?? '?';
}

/**
 * Application code, not the standard library: `main.…` or an import path whose first element has a
 * dot (`github.com/…`). Stored frames are `func file:line`.
 */
export function isAppFrame(frame: string): boolean {
  const fn = frame.split(' ')[0] ?? '';
  if (fn.startsWith('main.')) return true;
  const first = fn.split('/')[0] ?? '';
  return first.includes('.') && fn.includes('/');
}

/** The first application frame of a stack (where a busy goroutine's loop lives), else the top frame. */
export function appFrame(frames: readonly string[]): string {
  return frames.find(isAppFrame) ?? frames[0] ?? '?';
}

/** Total goroutines per dump from the dumps' facts. */
export function totals(facts: readonly (SnapRef & { value: string | null })[]): Map<number, number> {
  return new Map(facts.map((f) => [f.sid, Number(f.value) || 0]));
}
