/** Growth of a value across snapshots, and evidence pointing at snapshot rows. */
import type { EvidenceRef } from '../model/evidence';
import type { SnapRef } from '../store/snapshot-queries';

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
  return { first: vs[0] ?? 0, last: vs.at(-1) ?? 0, max: Math.max(0, ...vs), delta: (vs.at(-1) ?? 0) - (vs[0] ?? 0), monotonic, slopePerMin: slope, points: vs.length };
}

/** Mostly rising: the last is well above the first and at most one step went down. */
export function isGrowing(g: Growth, minDelta: number, minRatio = 1.3): boolean {
  return g.points >= 3 && g.delta >= minDelta && g.last >= g.first * minRatio;
}

export function snapEvidence(s: SnapRef, line: number, note: string, endLine?: number): EvidenceRef {
  const e: EvidenceRef = { fileId: s.fileId, line, ts: s.capturedAt, ref: `snapshot:${s.sid}`, note };
  if (endLine && endLine !== line) e.endLine = endLine;
  return e;
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
