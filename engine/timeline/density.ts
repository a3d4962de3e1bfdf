/**
 * Counting a window into histogram buckets. Whole slots of the precomputed resolutions cover all but
 * two sub-second slivers, which are counted from the events: the cost depends on the number of
 * buckets, not on the number of events. Text filters cannot be precomputed and count event by event.
 */
import type { EventPredicate, Partition, TimelineQueries } from '../store/timeline-queries';
import { coverRange, levelClass, resolutionFor, type BucketGrid } from './buckets';

export class Tally {
  readonly counts: number[];
  readonly byLevel: [number[], number[], number[]];
  total = 0;

  constructor(readonly grid: BucketGrid) {
    this.counts = new Array<number>(grid.count).fill(0);
    this.byLevel = [0, 1, 2].map(() => new Array<number>(grid.count).fill(0)) as [number[], number[], number[]];
  }

  /** Adds `n` rows at time `t` (inside the window) of the given level. */
  add(t: number, level: number | null | undefined, n = 1): void {
    const b = Math.floor((t - this.grid.base) / this.grid.bucketMs);
    this.counts[b]! += n;
    this.byLevel[levelClass(level)][b]! += n;
    this.total += n;
  }
}

/** Counts the partitions' events in [from, to) into `tally`; says whether the slots could be used. */
export function countEvents(q: TimelineQueries, parts: readonly Partition[], p: EventPredicate, from: number, to: number, tally: Tally): 'summary' | 'scan' {
  if (p.like !== null || p.eventIds !== null) {
    for (const [ts, level] of q.eventLevels(parts, from, to, p)) tally.add(ts, level);
    return 'scan';
  }
  for (const piece of coverRange(from, to, resolutionFor(tally.grid.bucketMs))) {
    if (piece.res === 0) {
      for (const [ts, level] of q.eventLevels(parts, piece.from, piece.to, p)) tally.add(ts, level);
    } else {
      for (const r of q.slotCounts(piece.res, parts, p.kinds, piece.from, piece.to)) tally.add(r[0] as number, r[1] as number, r[2] as number);
    }
  }
  return 'summary';
}

/** Events of the partitions in [from, to) regardless of kind (the denominator for choosing a plan). */
export function countAll(q: TimelineQueries, parts: readonly Partition[], from: number, to: number): number {
  let n = 0;
  for (const piece of coverRange(from, to, 86_400_000)) {
    if (piece.res === 0) n += q.eventLevels(parts, piece.from, piece.to, { kinds: null, like: null, eventIds: null }).length;
    else for (const r of q.slotCounts(piece.res, parts, null, piece.from, piece.to)) n += r[2] as number;
  }
  return n;
}
