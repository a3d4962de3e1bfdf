/**
 * JDK 6–8 GC log line prefixes: `-XX:+PrintGCDateStamps` (`2016-12-19T16:31:46.725+0100: `) and/or
 * `-XX:+PrintGCTimeStamps` (`1.595: `, `1,595: ` in some locales).
 */
import { parseIsoStamp } from '../time';
import type { TimeContext, TimeQuality } from '../types';

export interface LegacyStamp {
  ts: number | null;
  tq: TimeQuality;
  uptimeS?: number;
  /** The line after the prefix. */
  rest: string;
}

const DATE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[.,]\d{1,9}(?:Z|[+-]\d{2}:?\d{2})?): /;
const UPTIME = /^(\d{1,12}[.,]\d{1,9}): /;

/** The prefix of a line, or null when the line has none. */
export function parseLegacyPrefix(ctx: TimeContext, text: string): LegacyStamp | null {
  let rest = text;
  const out: LegacyStamp = { ts: null, tq: 'none', rest };
  const d = DATE.exec(rest);
  if (d) {
    const t = parseIsoStamp(ctx, d[1]!);
    if (!t) return null;
    out.ts = t.ts;
    out.tq = t.tq;
    rest = rest.slice(d[0].length);
  }
  const u = UPTIME.exec(rest);
  if (u) {
    out.uptimeS = Number(u[1]!.replace(',', '.'));
    rest = rest.slice(u[0].length);
  }
  if (!d && !u) return null;
  out.rest = rest;
  return out;
}
