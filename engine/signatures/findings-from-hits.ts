import type { EventRow } from '../store';
import type { EvidenceRef } from '../model/evidence';
import type { FindingDraft } from '../model/finding';
import type { Occurrence } from '../model/occurrence';
import { parseJson } from '../store/json';
import { errorChain } from './record-text';
import type { DetectContext, Signature } from './types';

/** Occurrences kept per finding: enough to attribute a long outage record by record, bounded in memory. */
export const MAX_OCCURRENCES = 20_000;

export function fieldsOf(e: EventRow): Record<string, unknown> {
  return parseJson<Record<string, unknown>>(e.fields, {});
}

export function evidenceOf(e: EventRow, note?: string): EvidenceRef {
  const ref: EvidenceRef = { fileId: e.file_id, line: e.line, ts: e.ts, ref: `event:${e.id}` };
  if (e.end_line !== e.line) ref.endLine = e.end_line;
  if (note) ref.note = note;
  return ref;
}

/** The process a record came from: its printed pid, else its file (one log file, one writer). */
export function processOf(e: Pick<EventRow, 'pid' | 'file_id'>): string {
  return e.pid !== null ? `pid:${e.pid}` : `file:${e.file_id}`;
}

/** A stored record as an occurrence: time, place, thread, process and its error's cause chain. */
export function eventOccurrence(e: EventRow, fields: Record<string, unknown> = fieldsOf(e)): Occurrence {
  const o: Occurrence = { ts: e.ts, fileId: e.file_id, line: e.line, ref: `event:${e.id}`, process: processOf(e) };
  if (e.end_line !== e.line) o.endLine = e.end_line;
  if (e.thread) o.thread = e.thread;
  const chain = errorChain(fields);
  if (chain.length) o.chain = chain;
  return o;
}

/** First, notable and last occurrences, without duplicates, at most `max`. */
export function pickEvidence(events: readonly EventRow[], notable: ReadonlyArray<[EventRow, string]> = [], max = 6): EvidenceRef[] {
  const chosen = new Map<number, EvidenceRef>();
  const add = (e: EventRow | undefined, note: string) => {
    if (e && !chosen.has(e.id) && chosen.size < max) chosen.set(e.id, evidenceOf(e, note));
  };
  add(events[0], 'first occurrence');
  for (const [e, note] of notable) add(e, note);
  for (const e of events.slice(1, 3)) add(e, 'occurrence');
  add(events.at(-1), 'last occurrence');
  return [...chosen.values()].sort(byTime);
}

/** Evidence order: by time, untimed references (limits, config) last. */
export function byTime(a: EvidenceRef, b: EvidenceRef): number {
  const ta = a.ts ?? Infinity;
  const tb = b.ts ?? Infinity;
  return ta === tb ? a.line - b.line : ta < tb ? -1 : 1;
}

export function timeRange(events: readonly EventRow[]): { first: number | null; last: number | null } {
  let first: number | null = null;
  let last: number | null = null;
  for (const e of events) {
    if (e.ts === null) continue;
    if (first === null || e.ts < first) first = e.ts;
    if (last === null || e.ts > last) last = e.ts;
  }
  return { first, last };
}

/**
 * The common shape: every matched record of the signature forms one finding, each record one
 * occurrence (`occ` adds the signature's typed fields to the record's time, place and cause chain).
 */
export function singleFinding<Id extends string, D extends object, O extends Occurrence>(
  sig: Signature<Id, D, O>,
  ctx: DetectContext,
  build: (events: EventRow[], count: number) => Pick<FindingDraft<D, O>, 'summary' | 'data'> & Partial<Pick<FindingDraft<D, O>, 'severity' | 'title' | 'evidence'>>,
  occ: (e: EventRow, base: Occurrence, fields: Record<string, unknown>) => O,
  events: EventRow[] = ctx.store.hits.events(ctx.bundleId, sig.id),
): FindingDraft<D, O>[] {
  if (events.length === 0) return [];
  const count = Math.max(events.length, ctx.store.hits.count(ctx.bundleId, sig.id));
  const b = build(events, count);
  return [
    {
      signature: sig.id,
      severity: b.severity ?? sig.severity,
      title: b.title ?? sig.title,
      summary: b.summary,
      ...timeRange(events),
      count,
      data: b.data,
      evidence: b.evidence ?? pickEvidence(events),
      occurrences: events.slice(0, MAX_OCCURRENCES).map((e) => {
        const fields = fieldsOf(e);
        return occ(e, eventOccurrence(e, fields), fields);
      }),
    },
  ];
}

/** For signatures whose occurrences are the records as they are. */
export const plainOccurrence = (_e: EventRow, base: Occurrence): Occurrence => base;

export function plural(n: number, word: string, pluralWord = word + 's'): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 59.5) return `${s.toFixed(s < 9.95 ? 1 : 0)} s`;
  // Whole seconds first, so 119.6 s reads "2 min", not "1 min 60 s".
  const total = Math.round(s);
  const m = Math.floor(total / 60);
  const rest = total - m * 60;
  if (m < 60) return rest ? `${m} min ${rest} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return `${h} h ${m - h * 60} min`;
}
