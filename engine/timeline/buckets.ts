/**
 * Histogram geometry: bucket widths on round values, and how a time range splits into whole slots
 * of the precomputed resolutions (coarsest first) plus the sub-second slivers counted from events.
 */

/** Slot widths of `timeline_counts`, finest first; each divides every coarser one. */
export const RESOLUTIONS = [1_000, 10_000, 60_000, 600_000, 3_600_000, 86_400_000] as const;

const S = 1_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

/** Round bucket widths. Each one ≥ 1 s is a multiple of a resolution, so whole slots never straddle a bucket edge. */
const NICE = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  S, 2 * S, 5 * S, 10 * S, 20 * S, 30 * S,
  M, 2 * M, 5 * M, 10 * M, 20 * M, 30 * M,
  H, 2 * H, 3 * H, 6 * H, 12 * H,
  D, 2 * D, 7 * D, 14 * D, 28 * D,
];

export interface BucketGrid {
  /** Start of bucket 0: the window start rounded down to a multiple of `bucketMs`. */
  base: number;
  bucketMs: number;
  count: number;
}

export const floorTo = (t: number, r: number): number => Math.floor(t / r) * r + 0; // + 0: never -0
export const ceilTo = (t: number, r: number): number => Math.ceil(t / r) * r + 0;

/** The narrowest round bucket width that covers [from, to) in at most `wanted` buckets. */
export function bucketGrid(from: number, to: number, wanted: number): BucketGrid {
  const n = Math.max(1, Math.floor(wanted));
  const fits = (b: number): BucketGrid | null => {
    const base = floorTo(from, b);
    const count = Math.max(1, Math.ceil((to - base) / b));
    return count <= n ? { base, bucketMs: b, count } : null;
  };
  for (const b of NICE) {
    const g = fits(b);
    if (g) return g;
  }
  // Beyond four weeks a bucket: whole weeks.
  for (let weeks = Math.ceil((to - from) / n / (7 * D)); ; weeks++) {
    const g = fits(weeks * 7 * D);
    if (g) return g;
  }
}

/** The coarsest resolution that divides `bucketMs`, or null when buckets are finer than a second. */
export function resolutionFor(bucketMs: number): number | null {
  for (let i = RESOLUTIONS.length - 1; i >= 0; i--) {
    const r = RESOLUTIONS[i]!;
    if (bucketMs % r === 0) return r;
  }
  return null;
}

export interface Piece {
  /** Slot width to read, or 0: count these events one by one. */
  res: number;
  from: number;
  to: number;
}

/**
 * Splits [from, to) into runs of whole slots, coarsest first, down to `maxRes`: at most two runs per
 * resolution and two sub-second pieces, so counting any range reads few slots and few events.
 */
export function coverRange(from: number, to: number, maxRes: number | null): Piece[] {
  const out: Piece[] = [];
  const top = maxRes === null ? -1 : RESOLUTIONS.indexOf(maxRes as (typeof RESOLUTIONS)[number]);
  if (maxRes !== null && top < 0) throw new RangeError(`not a resolution: ${maxRes}`);
  const split = (a: number, b: number, i: number): void => {
    if (a >= b) return;
    if (i < 0) {
      out.push({ res: 0, from: a, to: b });
      return;
    }
    const r = RESOLUTIONS[i]!;
    const a2 = ceilTo(a, r);
    const b2 = floorTo(b, r);
    if (a2 >= b2) return split(a, b, i - 1);
    split(a, a2, i - 1);
    out.push({ res: r, from: a2, to: b2 });
    split(b2, b, i - 1);
  };
  split(from, to, top);
  return out;
}

export type LevelClassIndex = 0 | 1 | 2;

/** error (≥ 50), warn (40..49), other (below, or no level). */
export function levelClass(level: number | null | undefined): LevelClassIndex {
  if (level === null || level === undefined) return 2;
  return level >= 50 ? 0 : level >= 40 ? 1 : 2;
}
