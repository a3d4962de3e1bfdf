/** Goroutine groups across dumps of one process: count per dump for each group key. */
import { storedFunc, storedUserFrame } from '../../../parsers/goroutine';
import { oneDumpPerInstant, withCreators } from '../../store/goroutine-captures';
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
 * Per group key across the dumps of one process, one dump per instant (store/goroutine-captures.ts: a
 * debug=1 and a debug=2 dump taken together are one point). `keyOf` defaults to the exact stack;
 * `leakKey` (top user frame + creator) lines up dumps taken differently (debug=1 hides the runtime's
 * frames and prints no creator, a SIGQUIT trace adds runtime frames). A group that printed no creator
 * (debug=1) takes the one the other dumps of its process print for its top user frame, when they
 * agree on one.
 */
export function groupTrends(
  points: readonly GroupPoint[],
  dumps: readonly (SnapRef & { pid: number | null })[],
  keyOf: (p: GroupPoint) => string = (p) => p.key,
): GroupTrend[] {
  const out: GroupTrend[] = [];
  for (const [series, all] of seriesBy(dumps, (d) => `${d.host ?? ''}|${d.pid ?? ''}`)) {
    const allIds = new Set(all.map((d) => d.sid));
    const ds = oneDumpPerInstant(all, points.filter((p) => allIds.has(p.sid)));
    const ids = new Set(ds.map((d) => d.sid));
    const rows = withCreators(points.filter((p) => ids.has(p.sid)));
    for (const [key, list] of seriesBy(rows, keyOf)) {
      const counts = ds.map((d) => list.filter((p) => p.sid === d.sid).reduce((n, p) => n + p.count, 0));
      const first = list[0]!;
      // debug=1 prints no state: name the group by the last state a dump printed for it.
      const stated = list.filter((p) => p.state && p.state !== 'unknown').at(-1) ?? first;
      out.push({
        key: `${series}|${key}`,
        state: stated.state,
        tags: (first.tags ?? '').split(',').filter(Boolean),
        frames: parseJson<string[]>(stated.frames, []),
        createdBy: list.find((p) => p.createdBy)?.createdBy ?? null,
        counts,
        dumps: ds,
        present: list,
        growth: growth(ds.map((d, i) => ({ t: d.capturedAt, v: counts[i]! }))),
      });
    }
  }
  return out;
}

/** Top user frame and creator: what a leaked goroutine keeps across dumps of any kind. */
export function leakKey(p: Pick<GroupPoint, 'frames' | 'createdBy'>): string {
  const frames = parseJson<string[]>(p.frames, []);
  return `${storedFunc(storedUserFrame(frames))}|${storedFunc(p.createdBy)}`;
}

/**
 * The frame a group is about, as stored (`func file:line`): its top user frame, the first outside the
 * runtime and the standard library, else the function the goroutine was started in
 * (parsers/goroutine/user-frame.ts).
 */
export function userFrame(frames: readonly string[]): string {
  return storedUserFrame(frames);
}

/** Where a busy goroutine's loop lives: its top user frame. */
export function appFrame(frames: readonly string[]): string {
  return storedUserFrame(frames);
}

/** Total goroutines per dump from the dumps' facts. */
export function totals(facts: readonly (SnapRef & { value: string | null })[]): Map<number, number> {
  return new Map(facts.map((f) => [f.sid, Number(f.value) || 0]));
}
