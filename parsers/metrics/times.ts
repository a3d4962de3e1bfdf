/**
 * Time cells: ISO strings (`2017-08-15T18:30:00.000Z`, `2019-01-15T14:10:00+02:00`), `2026-11-22 02:55:30`,
 * `2026/11/22 02:55:30`, a bare date, and epoch seconds / ms / µs / ns. The whole cell must be a time.
 */
import { epochToMs, parseIsoStamp, resolveTime, type ResolvedTime } from '../time';
import type { TimeContext } from '../types';

/** Epochs between 2000-01-01 and 2100-01-01 only: other numbers are values, not times. */
const MIN_MS = Date.UTC(2000, 0, 1);
const MAX_MS = Date.UTC(2100, 0, 1);

export function parseTimeCell(ctx: TimeContext, raw: string): ResolvedTime | null {
  const s = raw.trim();
  if (s.length < 8 || s.length > 40) return null;
  if (/^\d{9,19}(?:\.\d{1,9})?$/.test(s)) {
    const ms = epochToMs(Number(s));
    return ms !== null && ms >= MIN_MS && ms < MAX_MS ? { ts: ms, tq: 'explicit' } : null;
  }
  const iso = s.replace(/^(\d{4})\/(\d{2})\/(\d{2})/, '$1-$2-$3');
  const t = parseIsoStamp(ctx, iso);
  if (t) return t.length === iso.length ? { ts: t.ts, tq: t.tq } : null;
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return d ? resolveTime(ctx, +d[1]!, +d[2]!, +d[3]!, 0, 0, 0, 0) : null;
}
