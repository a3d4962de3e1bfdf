/**
 * Min/max decimation: split the time span into buckets and keep each bucket's lowest and highest
 * point (plus the first and last), so spikes survive any zoom — an average would hide them.
 */
import type { SeriesPoint } from './series-types';

export function downsample(points: readonly SeriesPoint[], maxPoints: number): SeriesPoint[] {
  const max = Math.max(4, Math.floor(maxPoints)); // first, last, one low and one high
  if (points.length <= max) return [...points];
  const first = points[0]!;
  const last = points.at(-1)!;
  const buckets = Math.max(1, Math.floor((max - 2) / 2));
  const span = last.ts - first.ts;
  const lo = new Array<number>(buckets).fill(-1);
  const hi = new Array<number>(buckets).fill(-1);
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const b = span > 0 ? Math.min(buckets - 1, Math.floor(((p.ts - first.ts) / span) * buckets)) : Math.floor(((i - 1) / (points.length - 2)) * buckets);
    if (lo[b] === -1 || p.value < points[lo[b]!]!.value) lo[b] = i;
    if (hi[b] === -1 || p.value > points[hi[b]!]!.value) hi[b] = i;
  }
  const keep: number[] = [0];
  for (let b = 0; b < buckets; b++) {
    const pair = [lo[b]!, hi[b]!].filter((i) => i >= 0).sort((x, y) => x - y);
    for (const i of new Set(pair)) keep.push(i);
  }
  keep.push(points.length - 1);
  return keep.map((i) => points[i]!);
}
