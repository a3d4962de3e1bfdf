/** Annotations panel logic: typed UTC times, order, filter and wording (pure). */
import type { Annotation, Marker } from '../../../../engine/model/annotation';
import { MARKERS } from '../../../../engine/model/annotation';
import { duration } from '../overview/time';

export type Parsed = { ok: true; ts: number } | { ok: false; error: string };

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

function offsetMs(zone: string | undefined): number {
  if (!zone || /^(z|utc|gmt)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, zone: string | undefined): Parsed {
  if (mo < 1 || mo > 12) return { ok: false, error: `there is no month ${mo}` };
  if (h > 23 || mi > 59 || s > 59) return { ok: false, error: 'hours go to 23, minutes and seconds to 59' };
  const ts = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (new Date(ts).getUTCDate() !== d) return { ok: false, error: `${y}-${String(mo).padStart(2, '0')} has no day ${d}` };
  return { ok: true, ts: ts - offsetMs(zone) };
}

/**
 * A time the user typed, read as UTC: `2026-11-22 04:18:21` (seconds and milliseconds optional, `T`
 * allowed, a trailing `Z`/`UTC` or an offset like `+09:00` converted). A time alone (`04:18:21`) is on
 * `day` (UTC ms of any moment of that day), when given.
 */
export function parseUtc(text: string, day?: number | null): Parsed {
  const t = text.trim();
  if (!t) return { ok: false, error: 'enter a time' };
  let m = DATE_TIME.exec(t);
  if (m) {
    const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
    return build(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), ms, m[8]);
  }
  m = TIME_ONLY.exec(t);
  if (m) {
    if (day === null || day === undefined) return { ok: false, error: 'add the date: YYYY-MM-DD HH:MM:SS' };
    const d = new Date(day);
    const ms = m[4] ? Number(m[4].padEnd(3, '0')) : 0;
    return build(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), Number(m[1]), Number(m[2]), Number(m[3] ?? 0), ms, m[5]);
  }
  return { ok: false, error: 'write it as YYYY-MM-DD HH:MM:SS (UTC)' };
}

/** The input form of a time: `2026-11-22 04:18:21`, with milliseconds only when there are some. */
export function formatUtcInput(ts: number): string {
  const iso = new Date(ts).toISOString();
  const ms = iso.slice(20, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms !== '000' ? `.${ms}` : ''}`;
}

export type When = { ok: true; ts: number; tsEnd: number | null } | { ok: false; field: 'start' | 'end'; error: string };

/** A point or a range from the two fields; the end may be a time alone on the start's day. */
export function parseWhen(start: string, end: string, day?: number | null): When {
  const a = parseUtc(start, day);
  if (!a.ok) return { ok: false, field: 'start', error: start.trim() ? a.error : 'enter when it happened (UTC)' };
  if (!end.trim()) return { ok: true, ts: a.ts, tsEnd: null };
  const b = parseUtc(end, a.ts);
  if (!b.ok) return { ok: false, field: 'end', error: b.error };
  if (b.ts < a.ts) return { ok: false, field: 'end', error: 'the range ends before it starts' };
  return { ok: true, ts: a.ts, tsEnd: b.ts === a.ts ? null : b.ts };
}

/** By time (a range by its start), notes without a time last, then in the order they were added. */
export function sortAnnotations(list: readonly Annotation[]): Annotation[] {
  return [...list].sort((a, b) => {
    if (a.ts === null || b.ts === null) return a.ts === b.ts ? a.id - b.id : a.ts === null ? 1 : -1;
    return a.ts - b.ts || (a.tsEnd ?? a.ts) - (b.tsEnd ?? b.ts) || a.id - b.id;
  });
}

export function parseMarker(v: string | null | undefined): Marker | null {
  return v && (MARKERS as readonly string[]).includes(v) ? (v as Marker) : null;
}

export function filterByMarker(list: readonly Annotation[], marker: Marker | null): Annotation[] {
  return marker ? list.filter((a) => a.marker === marker) : [...list];
}

export function markerCounts(list: readonly Annotation[]): Record<Marker, number> {
  const c = Object.fromEntries(MARKERS.map((m) => [m, 0])) as Record<Marker, number>;
  for (const a of list) c[a.marker] = (c[a.marker] ?? 0) + 1;
  return c;
}

/** "2026-11-22 04:18:21 UTC", or a range "2026-11-22 04:18:21 → 04:25:00 UTC (6 min 39 s)". */
export function describeWhen(a: Pick<Annotation, 'ts' | 'tsEnd'>): string {
  if (a.ts === null) return 'no time';
  const start = formatUtcInput(a.ts);
  if (a.tsEnd === null || a.tsEnd === a.ts) return `${start} UTC`;
  const end = formatUtcInput(a.tsEnd);
  const sameDay = end.slice(0, 10) === start.slice(0, 10);
  return `${start} → ${sameDay ? end.slice(11) : end} UTC (${duration(a.tsEnd - a.ts)})`;
}
