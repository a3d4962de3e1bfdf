/**
 * Time-stamp helpers shared by every parser. Parsers hand the wall-clock fields they read to
 * `resolveTime`; a printed zone wins, otherwise the engine's assumed zone applies.
 */
import type { TimeContext, TimeQuality } from './types';

/** Milliseconds from a fraction of a second of any precision ("5" → 500, "123456" → 123). */
export function fractionToMs(frac: string | undefined): number {
  if (!frac) return 0;
  return Math.floor(Number((frac + '000').slice(0, 3)));
}

/**
 * Minutes east of UTC for a printed zone: `Z`, `UTC`, `GMT`, `+0300`, `+03:00`, `+03`, `-05:30`.
 * Returns null when the text is not a zone we can trust.
 */
export function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (!zone) return null;
  const z = zone.trim();
  if (z === 'Z' || z === 'UTC' || z === 'GMT' || z === 'z') return 0;
  const m = /^(?:UTC|GMT)?([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (!m) return null;
  const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (mins > 14 * 60) return null;
  return m[1] === '-' ? -mins : mins;
}

export interface ResolvedTime {
  ts: number;
  tq: TimeQuality;
}

/** Wall-clock fields (month 1-based) plus an optional printed zone → UTC ms. */
export function resolveTime(
  ctx: TimeContext,
  y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number,
  zone?: string,
): ResolvedTime | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const off = zoneOffsetMinutes(zone);
  if (off !== null) return { ts: Date.UTC(y, mo - 1, d, h, mi, s, ms) - off * 60_000, tq: 'explicit' };
  return { ts: ctx.localToUtc(y, mo, d, h, mi, s, ms), tq: 'assumed' };
}

/**
 * A time of day without a date: placed on the context's reference day. Returns null when the
 * engine has no reference day. Day roll-over is the caller's business (it sees the sequence).
 */
export function resolveTimeOfDay(ctx: TimeContext, h: number, mi: number, s: number, ms: number): ResolvedTime | null {
  if (ctx.referenceDay === null || h > 23 || mi > 59 || s > 60) return null;
  return { ts: ctx.referenceDay + ((h * 60 + mi) * 60 + s) * 1000 + ms, tq: 'assumed' };
}

/** Epoch numbers as loggers print them: seconds, milliseconds, microseconds or nanoseconds. */
export function epochToMs(n: number): number | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  if (n < 1e11) return Math.round(n * 1000); // seconds (until year 5138)
  if (n < 1e14) return Math.round(n); // milliseconds
  if (n < 1e17) return Math.round(n / 1000); // microseconds
  return Math.round(n / 1e6); // nanoseconds
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** `Nov` / `November` → 11, or null. */
export function monthFromName(name: string): number | null {
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? null;
}

/**
 * A leading ISO-8601-like stamp: `2026-11-22 02:55:30.123`, `2026-11-22T02:55:30,123+09:00`,
 * `2024-02-27 13:57:51,819UTC`, `2016-09-26T04:12:25.316+0300`, `…Z`.
 * Groups: 1 y, 2 mo, 3 d, 4 h, 5 mi, 6 s, 7 fraction, 8 zone.
 */
export const ISO_STAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?:\s?(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?(?!\d)))?/;

/** Parse an ISO-like stamp anywhere it starts the string; null if it does not. */
export function parseIsoStamp(ctx: TimeContext, text: string): (ResolvedTime & { length: number }) | null {
  const m = ISO_STAMP.exec(text);
  if (!m) return null;
  const r = resolveTime(ctx, +m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, fractionToMs(m[7]), m[8]);
  return r ? { ...r, length: m[0].length } : null;
}
