/** Growth of a value across snapshots, and evidence pointing at snapshot rows. */
import type { EvidenceRef } from '../model/evidence';
import type { Occurrence } from '../model/occurrence';
import type { SnapRef } from '../store/snapshot-queries';
import { mannKendall } from './stats';

export interface Point {
  t: number | null;
  v: number;
}

export interface Growth {
  first: number;
  last: number;
  max: number;
  delta: number;
  /** Never decreased from one snapshot to the next. */
  monotonic: boolean;
  /** Units per minute by least squares, when the snapshots have capture times. */
  slopePerMin: number | null;
  points: number;
  /** One-sided Mann–Kendall p-value of "no upward trend" over the points (1 when fewer than 3). */
  trendP: number;
}

export function growth(points: readonly Point[]): Growth {
  const vs = points.map((p) => p.v);
  let monotonic = true;
  for (let i = 1; i < vs.length; i++) if (vs[i]! < vs[i - 1]!) monotonic = false;
  const timed = points.filter((p): p is { t: number; v: number } => p.t !== null);
  let slope: number | null = null;
  if (timed.length >= 2) {
    const xs = timed.map((p) => p.t / 60_000);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = timed.reduce((a, p) => a + p.v, 0) / timed.length;
    let num = 0;
    let den = 0;
    timed.forEach((p, i) => {
      num += (xs[i]! - mx) * (p.v - my);
      den += (xs[i]! - mx) ** 2;
    });
    slope = den > 0 ? num / den : null;
  }
  const trendP = vs.length >= 3 ? mannKendall(vs).p : 1;
  return { first: vs[0] ?? 0, last: vs.at(-1) ?? 0, max: Math.max(0, ...vs), delta: (vs.at(-1) ?? 0) - (vs[0] ?? 0), monotonic, slopePerMin: slope, points: vs.length, trendP };
}

/** A trend this improbable without an upward drift (one-sided Mann–Kendall) counts as rising. */
const TREND_P = 0.05;
/** Growth that gave back more than half of its rise by the last point drained: a pile-up that cleared, not a leak. */
const KEPT_SHARE = 0.5;

/**
 * Growth, not a pile-up that drains: at least three points; rising throughout (no step down) or with
 * a significant upward trend; the last point at least `minDelta` and `minRatio` times above the first;
 * and still holding at least half of its peak's rise at the end.
 */
export function isGrowing(g: Growth, minDelta: number, minRatio = 1.3): boolean {
  if (g.points < 3 || g.delta < minDelta || g.last < g.first * minRatio) return false;
  if (!g.monotonic && g.trendP >= TREND_P) return false;
  return g.last - g.first >= KEPT_SHARE * (g.max - g.first);
}

/** The rise drained: it went up and came most of the way back down (see isGrowing). */
export function drained(g: Growth): boolean {
  return g.max - g.first > 0 && g.last - g.first < KEPT_SHARE * (g.max - g.first);
}

export function snapEvidence(s: SnapRef, line: number, note: string, endLine?: number): EvidenceRef {
  const e: EvidenceRef = { fileId: s.fileId, line, ts: s.capturedAt, ref: `snapshot:${s.sid}`, note };
  if (endLine && endLine !== line) e.endLine = endLine;
  return e;
}

/**
 * What snapshots saw from the first to the last capture, as one occurrence: a span in time pointing
 * at the last snapshot's row (the state reached).
 */
export function spanOccurrence(first: SnapRef, last: SnapRef, line: number, pid?: number | null, note?: string): Occurrence {
  const o: Occurrence = { ts: first.capturedAt, end: last.capturedAt, lineTs: last.capturedAt, fileId: last.fileId, line, ref: `snapshot:${last.sid}` };
  if (pid !== undefined && pid !== null) o.process = `pid:${pid}`;
  if (note) o.note = note;
  return o;
}

/** Group rows into series by a key, keeping snapshot order. */
export function seriesBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
