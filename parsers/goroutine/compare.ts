/**
 * Several dumps of one process over time: the count of every group in each dump, so a signature
 * can see which stack keeps growing (leaked readLoops, subscription loops, blocked senders).
 */
import { groupGoroutines } from './group';
import type { GoFrame, GoroutineDump } from './model';

export interface GroupTrend {
  key: string;
  state: string;
  frames: GoFrame[];
  createdBy?: GoFrame;
  /** Count in each dump, in the order given; 0 where the group is absent. */
  counts: number[];
  first: number;
  last: number;
  /** last − first. */
  delta: number;
  max: number;
  /** Never shrinks from one dump to the next and ends higher than it started. */
  growing: boolean;
}

export interface DumpComparison {
  /** Goroutines per dump (debug=1 blocks count N each). */
  totals: number[];
  /** Biggest growth first. */
  trends: GroupTrend[];
}

export function compareDumps(dumps: readonly GoroutineDump[]): DumpComparison {
  const n = dumps.length;
  const trends = new Map<string, GroupTrend>();
  const totals: number[] = [];
  dumps.forEach((d, i) => {
    let total = 0;
    for (const g of groupGoroutines(d)) {
      total += g.count;
      let t = trends.get(g.key);
      if (!t) {
        t = { key: g.key, state: g.state, frames: g.frames, counts: new Array<number>(n).fill(0), first: 0, last: 0, delta: 0, max: 0, growing: false };
        if (g.createdBy) t.createdBy = g.createdBy;
        trends.set(g.key, t);
      }
      t.counts[i] = g.count;
    }
    totals.push(total);
  });
  for (const t of trends.values()) {
    t.first = t.counts[0] ?? 0;
    t.last = t.counts[n - 1] ?? 0;
    t.delta = t.last - t.first;
    t.max = Math.max(...t.counts);
    let mono = true;
    for (let i = 1; i < n; i++) if (t.counts[i]! < t.counts[i - 1]!) mono = false;
    t.growing = mono && t.delta > 0;
  }
  const list = [...trends.values()].sort((a, b) => b.delta - a.delta || b.last - a.last || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { totals, trends: list };
}
