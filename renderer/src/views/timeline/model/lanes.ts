/**
 * What the lanes show: one lane per log file; snapshot files that only differ by the capture time in
 * their name (`ss-20261122T044135Z.txt`, `ss-20261122T044140Z.txt`…) share one lane, so a bundle of
 * fifty `ss` captures is one readable row. Findings get one row per signature; marks (snapshots,
 * findings, annotations) are placed on their lanes.
 */
import type { TimelineRow, TimelineSource } from '../../../../../engine/timeline/types';

export interface Lane {
  key: string;
  /** Path, or the shared pattern of a group (`snapshots/ss-*.txt`). */
  label: string;
  kind: string;
  fileIds: number[];
  paths: string[];
  events: number;
  errors: number;
  warnings: number;
  snapshots: number;
  metricPoints: number;
  first: number | null;
  last: number | null;
  /** True when the lane shows log events (and so gets a density strip). */
  hasEvents: boolean;
}

/** A capture time in a file name: 20261122T044135Z, 2026-11-22_04_51_23, 20261122-044135, 1700000000. */
const STAMP = /(?<!\d)\d{10,13}(?!\d)|\d{4}-?\d{2}-?\d{2}(?:[T_ -]?\d{2}[_:-]?\d{2}(?:[_:-]?\d{2})?(?:\.\d+)?Z?)?/;

/** `snapshots/ss-20261122T044135Z.txt` → `snapshots/ss-*.txt`; null when the name has no capture time. */
export function groupPattern(path: string): string | null {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  const base = path.slice(slash + 1);
  if (!STAMP.test(base)) return null;
  return dir + base.replace(STAMP, '*');
}

const minNull = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));
const maxNull = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

/** Log files first (in path order), then grouped captures by kind and pattern. Sources with nothing timed are left out. */
export function buildLanes(sources: readonly TimelineSource[]): Lane[] {
  const own: Lane[] = [];
  const groups = new Map<string, Lane>();
  const single = (s: TimelineSource): Lane => ({
    key: `f${s.fileId}`, label: s.path, kind: s.kind, fileIds: [s.fileId], paths: [s.path], events: s.events, errors: s.errors,
    warnings: s.warnings, snapshots: s.snapshots, metricPoints: s.metricPoints, first: s.first, last: s.last, hasEvents: s.events > 0,
  });
  for (const s of sources) {
    if (s.first === null && s.events === 0 && s.snapshots === 0 && s.metricPoints === 0) continue;
    const pattern = s.events === 0 ? groupPattern(s.path) : null;
    if (pattern === null) {
      own.push(single(s));
      continue;
    }
    const key = `g:${s.kind}:${pattern}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { ...single(s), key, label: pattern });
      continue;
    }
    g.fileIds.push(s.fileId);
    g.paths.push(s.path);
    g.snapshots += s.snapshots;
    g.metricPoints += s.metricPoints;
    g.first = minNull(g.first, s.first);
    g.last = maxNull(g.last, s.last);
  }
  // A "group" of one keeps its own name.
  const grouped = [...groups.values()].map((g) => (g.fileIds.length === 1 ? { ...g, key: `f${g.fileIds[0]}`, label: g.paths[0]! } : g));
  const byPath = (a: Lane, b: Lane) => a.label.localeCompare(b.label);
  const logs = own.filter((l) => l.hasEvents).sort(byPath);
  const rest = [...own.filter((l) => !l.hasEvents), ...grouped].sort((a, b) => a.kind.localeCompare(b.kind) || byPath(a, b));
  return [...logs, ...rest];
}

/** fileId → lane key. */
export function laneOfFile(lanes: readonly Lane[]): Map<number, string> {
  const m = new Map<number, string>();
  for (const l of lanes) for (const id of l.fileIds) m.set(id, l.key);
  return m;
}

/** Time extent of everything on the lanes (for "fit all"); null when nothing has a time. */
export function dataExtent(sources: readonly TimelineSource[], extra: readonly (number | null | undefined)[] = []): { from: number; to: number } | null {
  let from: number | null = null;
  let to: number | null = null;
  for (const s of sources) {
    from = minNull(from, s.first);
    to = maxNull(to, s.last);
  }
  for (const t of extra) {
    if (t === null || t === undefined || !Number.isFinite(t)) continue;
    from = minNull(from, t);
    to = maxNull(to, t);
  }
  return from === null || to === null ? null : { from, to: to + 1 };
}

const SEVERITY_RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
export const severityRank = (s: string | undefined): number => SEVERITY_RANK[s ?? ''] ?? 0;

export interface FindingRow {
  signature: string;
  /** The worst severity among its findings. */
  severity: string;
  items: TimelineRow[];
  first: number;
}

/** Finding rows of the timeline, one row per signature: worst severity first, then earliest. */
export function findingRows(rows: readonly TimelineRow[]): FindingRow[] {
  const m = new Map<string, FindingRow>();
  for (const r of rows) {
    if (r.type !== 'finding') continue;
    const sig = r.kind ?? 'finding';
    const cur = m.get(sig);
    if (!cur) m.set(sig, { signature: sig, severity: r.severity ?? 'info', items: [r], first: r.ts });
    else {
      cur.items.push(r);
      if (severityRank(r.severity) > severityRank(cur.severity)) cur.severity = r.severity ?? cur.severity;
      cur.first = Math.min(cur.first, r.ts);
    }
  }
  return [...m.values()].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.first - b.first || a.signature.localeCompare(b.signature));
}

/** Rows of a group that cover `ts` (± `slopMs`), worst severity first. */
export function rowsAt(items: readonly TimelineRow[], ts: number, slopMs: number): TimelineRow[] {
  return items
    .filter((r) => r.ts - slopMs <= ts && (r.tsEnd ?? r.ts) + slopMs >= ts)
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.ts - b.ts);
}

/** The id in a row ref (`finding:12` → 12), or null. */
export function refId(ref: string, type: string): number | null {
  const m = /^([a-z]+):(\d+)/.exec(ref);
  return m && m[1] === type ? Number(m[2]) : null;
}

/** The mark nearest to `ts` within `slopMs`, or null. */
export function nearestRow<T extends { ts: number }>(rows: readonly T[], ts: number, slopMs: number): T | null {
  let best: T | null = null;
  let bestD = Infinity;
  for (const r of rows) {
    const d = Math.abs(r.ts - ts);
    if (d <= slopMs && d < bestD) {
      best = r;
      bestD = d;
    }
  }
  return best;
}
