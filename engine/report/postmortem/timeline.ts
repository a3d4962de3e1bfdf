/** The incident's timeline: findings (first occurrence), key evidence lines of the root causes, and every annotation. */
import { MARKER_LABELS } from '../../model/annotation';
import type { ResolvedEvidence } from '../../model/evidence';
import type { Finding } from '../../model/finding';
import type { RootCause } from '../../model/root-cause';
import type { PostmortemAnnotation } from './types';

export type TimelineKind = 'finding' | 'key-event' | 'annotation';

export interface TimelineRow {
  kind: TimelineKind;
  ts: number | null;
  tsEnd: number | null;
  /** Where the row comes from ("Finding (high)", "Evidence: process-starvation", "Annotation"). */
  source: string;
  /** What happened, as plain text. */
  event: string;
  /** A log line shown as code after the event, when there is one. */
  excerpt: string | null;
  /** The annotation's marker label (Detection, Diagnosis…), empty for other rows. */
  marker: string;
  /** `file:line` or an annotation's reference, empty when there is none. */
  evidence: string;
}

const KIND_ORDER: Record<TimelineKind, number> = { finding: 0, 'key-event': 1, annotation: 2 };
const MAX_EXCERPT = 200;

export function firstLine(text: string, max = MAX_EXCERPT): string {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const where = (e: { file: string; line: number }) => `${e.file}:${e.line}`;

/** The evidence of a finding's first occurrence: the earliest timed piece, else the first one. */
export function firstEvidence(f: Finding): ResolvedEvidence | undefined {
  const timed = f.evidence.filter((e) => e.ts != null);
  return timed.length ? timed.reduce((a, b) => (b.ts! < a.ts! ? b : a)) : f.evidence[0];
}

/** A signature with more findings than this (one per connection, per goroutine group…) gets one timeline row. */
export const MAX_ROWS_PER_SIGNATURE = 3;

/** Findings grouped by signature, in order of first appearance; each group sorted by first time. */
export function bySignature(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.signature, [...(groups.get(f.signature) ?? []), f]);
  return [...groups.values()].map((g) => [...g].sort((a, b) => (a.first ?? Infinity) - (b.first ?? Infinity)));
}

/**
 * Rows sorted by time (untimed annotations last). A key event whose line is already a finding's
 * first occurrence is not repeated; each evidence line appears once. A signature with many
 * findings is one row: its earliest, saying how many more there are.
 */
export function timelineRows(findings: readonly Finding[], causes: readonly RootCause[], annotations: readonly PostmortemAnnotation[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const seen = new Set<string>();
  // Context findings (severity info: what top or the GC log showed) are not events of the incident.
  for (const group of bySignature(findings.filter((f) => f.first !== null && f.severity !== 'info'))) {
    const shown = group.length > MAX_ROWS_PER_SIGNATURE ? group.slice(0, 1) : group;
    for (const f of shown) {
      const ev = firstEvidence(f);
      if (ev) seen.add(where(ev));
      const span = f.count > 1 && f.last !== null && f.last !== f.first ? `, ${f.count} times until ${clock(f.last)}` : f.count > 1 ? `, ${f.count} times` : '';
      const more = shown.length < group.length ? ` (and ${group.length - 1} more ${f.signature} findings, see Appendix A)` : '';
      rows.push({ kind: 'finding', ts: f.first, tsEnd: f.last, source: `Finding (${f.severity})`, event: `${f.title}${span}${more}`, excerpt: ev?.excerpt ? firstLine(ev.excerpt) : null, marker: '', evidence: ev ? where(ev) : '' });
    }
  }
  for (const c of causes) {
    for (const e of c.evidence) {
      if (e.ts == null || seen.has(where(e))) continue;
      seen.add(where(e));
      const note = e.note ? e.note.charAt(0).toUpperCase() + e.note.slice(1) : 'Evidence';
      rows.push({ kind: 'key-event', ts: e.ts, tsEnd: null, source: `Evidence: ${c.cause}`, event: note, excerpt: e.excerpt ? firstLine(e.excerpt) : null, marker: '', evidence: where(e) });
    }
  }
  for (const a of annotations) {
    const evidence = a.filePath ? `${a.filePath}${a.line !== null ? `:${a.line}` : ''}` : (a.ref ?? '');
    const until = a.tsEnd !== null ? ` (until ${clock(a.tsEnd)})` : '';
    rows.push({ kind: 'annotation', ts: a.ts, tsEnd: a.tsEnd, source: 'Annotation', event: `${a.text}${until}`, excerpt: null, marker: MARKER_LABELS[a.marker], evidence });
  }
  // Stable: equal times keep findings, then key events, then annotations, each in input order.
  return rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => (x.r.ts === null ? 1 : 0) - (y.r.ts === null ? 1 : 0) || (x.r.ts ?? 0) - (y.r.ts ?? 0) || KIND_ORDER[x.r.kind] - KIND_ORDER[y.r.kind] || x.i - y.i)
    .map((x) => x.r);
}

/** `04:18:21.476` (UTC); whole seconds drop the milliseconds. */
export function clock(ts: number): string {
  const iso = new Date(ts).toISOString();
  return iso.endsWith('.000Z') ? iso.slice(11, 19) : iso.slice(11, 23);
}

/** `2026-11-22 04:18:21.476` (UTC). */
export function stamp(ts: number): string {
  return `${new Date(ts).toISOString().slice(0, 10)} ${clock(ts)}`;
}
