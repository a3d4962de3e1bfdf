/**
 * Density buckets → geometry: stacked histogram bars (errors at the bottom, where the eye looks) and
 * the cells of a lane strip (one colour per bucket: its worst level, shaded by how busy it is).
 */
import type { LevelClass, TimelineDensity } from '../../../../../engine/timeline/types';
import { xOf, type TimeWindow } from './scale';

export const LEVEL_CLASSES: readonly LevelClass[] = ['error', 'warn', 'other'];

export interface BarSegment {
  level: LevelClass;
  count: number;
  y: number;
  h: number;
}

export interface Bar {
  /** Bucket index in the density. */
  i: number;
  from: number;
  to: number;
  x: number;
  w: number;
  count: number;
  segments: BarSegment[];
}

/** Start and end (exclusive) of bucket `i`, clipped to the density's span. */
export function bucketRange(d: Pick<TimelineDensity, 'from' | 'to' | 'bucketMs'>, i: number): { from: number; to: number } {
  const from = d.from + i * d.bucketMs;
  return { from, to: Math.min(from + d.bucketMs, d.to) };
}

/** Bucket holding `ts`, or -1 outside the density. */
export function bucketAt(d: Pick<TimelineDensity, 'from' | 'to' | 'bucketMs' | 'counts'>, ts: number): number {
  if (ts < d.from || ts >= d.to || d.bucketMs <= 0) return -1;
  const i = Math.floor((ts - d.from) / d.bucketMs);
  return i < d.counts.length ? i : -1;
}

/** Bucket pixel span clipped to the plot, or null when it is off the plot. */
function bucketPx(d: TimelineDensity, i: number, w: TimeWindow, width: number, gap: number): { x: number; w: number; from: number; to: number } | null {
  const r = bucketRange(d, i);
  const x0 = Math.max(0, xOf(w, width, r.from));
  const x1 = Math.min(width, xOf(w, width, r.to));
  if (x1 <= 0 || x0 >= width || x1 <= x0) return null;
  const bw = x1 - x0;
  // A gap between bars only when there is room for it; narrow bars stay solid and at least 1 px wide.
  const g = bw > 3 * gap ? gap : 0;
  return { x: x0, w: Math.max(1, bw - g), ...r };
}

/**
 * Splits a bar of `total` px (standing on `base`) between levels by count, errors at the bottom.
 * A level with rows always gets at least `minSeg` px, taken back from the largest share, so one
 * error among thousands of lines is still seen.
 */
export function stackSegments(parts: readonly { level: LevelClass; count: number }[], total: number, base: number, minSeg: number): BarSegment[] {
  const present = parts.filter((p) => p.count > 0);
  const sum = present.reduce((a, p) => a + p.count, 0);
  if (sum === 0) return [];
  const hs = present.map((p) => (p.count / sum) * total);
  for (let k = 0; k < hs.length; k++) {
    if (hs[k]! < minSeg) {
      const need = minSeg - hs[k]!;
      hs[k] = minSeg;
      let big = 0;
      for (let j = 1; j < hs.length; j++) if (hs[j]! > hs[big]!) big = j;
      if (big !== k) hs[big] = Math.max(minSeg, hs[big]! - need);
    }
  }
  let y = base;
  return present.map((p, k) => {
    const h = hs[k]!;
    y -= h;
    return { level: p.level, count: p.count, y: Math.max(0, y), h: Math.min(h, h + y) };
  });
}

/** Largest bucket count (what the histogram's y scale tops at). */
export const maxCount = (d: Pick<TimelineDensity, 'counts'>): number => d.counts.reduce((m, c) => Math.max(m, c), 0);

/**
 * Stacked bars for a `height` px histogram; empty buckets are left out. A level with rows always
 * gets at least `minSegment` px so a single error among thousands of lines is still seen.
 */
export function histogramBars(d: TimelineDensity, w: TimeWindow, width: number, height: number, opts: { gap?: number; minSegment?: number; top?: number } = {}): Bar[] {
  const gap = opts.gap ?? 1;
  const minSeg = opts.minSegment ?? 2;
  const top = Math.max(1, opts.top ?? maxCount(d));
  const out: Bar[] = [];
  for (let i = 0; i < d.counts.length; i++) {
    const count = d.counts[i] ?? 0;
    if (count <= 0) continue;
    const px = bucketPx(d, i, w, width, gap);
    if (!px) continue;
    const total = Math.max(minSeg, (Math.min(count, top) / top) * height);
    const parts = LEVEL_CLASSES.map((level) => ({ level, count: d.byLevel[level][i] ?? 0 }));
    const segments = stackSegments(parts, total, height, minSeg);
    out.push({ i, from: px.from, to: px.to, x: px.x, w: px.w, count, segments });
  }
  return out;
}

export interface LaneCell {
  i: number;
  from: number;
  to: number;
  x: number;
  w: number;
  count: number;
  errors: number;
  warnings: number;
  /** The worst level present. */
  level: LevelClass;
  /** 0.25..1: how busy the bucket is against the busiest one (log scale, so quiet buckets stay visible). */
  intensity: number;
  /** The cell's height shared by level (errors at the bottom), like a histogram bar of fixed height. */
  segments: BarSegment[];
}

/** Cells of a lane's strip (`height` px standing on `base`): one per non-empty bucket. */
export function laneCells(d: TimelineDensity, w: TimeWindow, width: number, top = maxCount(d), height = 10, base = 15): LaneCell[] {
  const out: LaneCell[] = [];
  const denom = Math.log1p(Math.max(1, top));
  for (let i = 0; i < d.counts.length; i++) {
    const count = d.counts[i] ?? 0;
    if (count <= 0) continue;
    const px = bucketPx(d, i, w, width, 0);
    if (!px) continue;
    const errors = d.byLevel.error[i] ?? 0;
    const warnings = d.byLevel.warn[i] ?? 0;
    const level: LevelClass = errors > 0 ? 'error' : warnings > 0 ? 'warn' : 'other';
    const intensity = 0.25 + 0.75 * Math.min(1, Math.log1p(count) / denom);
    const parts = LEVEL_CLASSES.map((lv) => ({ level: lv, count: d.byLevel[lv][i] ?? 0 }));
    out.push({ i, from: px.from, to: px.to, x: px.x, w: px.w, count, errors, warnings, level, intensity, segments: stackSegments(parts, height, base, 2) });
  }
  return out;
}

/** Horizontal extent of a time range on the plot, at least `minW` px wide and clipped to the plot; null off the plot. */
export function rangePx(w: TimeWindow, width: number, from: number, to: number | undefined, minW = 3): { x: number; w: number } | null {
  const end = to ?? from;
  let x0 = xOf(w, width, from);
  let x1 = xOf(w, width, end);
  if (x1 - x0 < minW) {
    const mid = (x0 + x1) / 2;
    x0 = mid - minW / 2;
    x1 = mid + minW / 2;
  }
  if (x1 < 0 || x0 > width) return null;
  const cx0 = Math.max(0, x0);
  const cx1 = Math.min(width, x1);
  return { x: cx0, w: Math.max(1, cx1 - cx0) };
}

/** "120 events: 3 errors, 5 warnings" for a tooltip. */
export function countSummary(count: number, errors: number, warnings: number, noun = 'rows'): string {
  const parts: string[] = [];
  if (errors) parts.push(`${errors.toLocaleString('en-US')} error${errors === 1 ? '' : 's'}`);
  if (warnings) parts.push(`${warnings.toLocaleString('en-US')} warning${warnings === 1 ? '' : 's'}`);
  return `${count.toLocaleString('en-US')} ${noun}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
