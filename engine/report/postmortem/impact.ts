/** When the incident hurt, and when it was first seen: both from the findings and the team's markers. */
import { SEVERITY_ORDER, type Finding } from '../../model/finding';
import type { PostmortemAnnotation } from './types';

export interface ImpactWindow {
  start: number;
  end: number;
  /** The high/critical findings that set the bounds, and the detection/repair annotations that widened them. */
  findings: Finding[];
  annotations: PostmortemAnnotation[];
}

const isHigh = (f: Finding) => SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER.high;

/**
 * From the first to the last high or critical finding, widened by annotations marked detection or
 * repair (a repair usually ends the impact; a detection can come before the logs show anything).
 * Null when nothing bounds it.
 */
export function impactWindow(findings: readonly Finding[], annotations: readonly PostmortemAnnotation[]): ImpactWindow | null {
  const bounding = findings.filter((f) => isHigh(f) && f.first !== null);
  const fromFindings = bounding.flatMap((f) => [f.first!, f.last ?? f.first!]);
  let start = fromFindings.length ? Math.min(...fromFindings) : Infinity;
  let end = fromFindings.length ? Math.max(...fromFindings) : -Infinity;
  const widening: PostmortemAnnotation[] = [];
  for (const a of annotations) {
    if ((a.marker !== 'detection' && a.marker !== 'repair') || a.ts === null) continue;
    const last = a.tsEnd ?? a.ts;
    if (a.ts >= start && last <= end) continue; // inside already: it does not move the bounds
    start = Math.min(start, a.ts);
    end = Math.max(end, last);
    widening.push(a);
  }
  return Number.isFinite(start) ? { start, end, findings: bounding, annotations: widening } : null;
}

export interface Detection {
  /** The earliest finding that signals trouble (medium or worse; any finding when there is none). */
  firstSignal: Finding | null;
  /** The earliest annotation marked `detection`: when the team noticed. */
  detected: PostmortemAnnotation | null;
}

export function detection(findings: readonly Finding[], annotations: readonly PostmortemAnnotation[]): Detection {
  const timed = findings.filter((f) => f.first !== null);
  const signals = timed.filter((f) => SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER.medium);
  const pool = signals.length ? signals : timed;
  // Earliest first; at the same instant the more severe one.
  const firstSignal = [...pool].sort((a, b) => a.first! - b.first! || SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity])[0] ?? null;
  const detected = annotations.filter((a) => a.marker === 'detection' && a.ts !== null).sort((a, b) => a.ts! - b.ts! || a.id - b.id)[0] ?? null;
  return { firstSignal, detected };
}
