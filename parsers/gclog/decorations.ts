/**
 * Unified-logging decorations (JDK 9+): `[2026-11-22T02:55:30.123+0900][12.345s][info][gc,phases   ] msg`.
 * Any subset of time, utctime, uptime(millis|nanos), time(millis|nanos), hostname, pid, tid, level
 * and tags may be present, always in that order, each in brackets with no space between them.
 */
import { parseIsoStamp } from '../time';
import type { TimeContext, TimeQuality } from '../types';

export interface Decorated {
  ts: number | null;
  tq: TimeQuality;
  uptimeS?: number;
  level?: string;
  /** The tag set, e.g. `['gc', 'phases']`. */
  tags: string[];
  pid?: number;
  tid?: number;
  message: string;
}

const LEVELS = new Set(['trace', 'debug', 'info', 'warning', 'error']);
const MAX_DECORATIONS = 12;

/** Parses the decorations of a line, or null when it does not start with any. */
export function parseDecorations(ctx: TimeContext, text: string): Decorated | null {
  if (text.charCodeAt(0) !== 91 /* [ */) return null;
  const out: Decorated = { ts: null, tq: 'none', tags: [], message: '' };
  let pos = 0;
  let seen = 0;
  let ints = 0;
  let levelSeen = false;
  while (text.charCodeAt(pos) === 91 && seen < MAX_DECORATIONS) {
    const close = text.indexOf(']', pos + 1);
    if (close < 0 || close - pos > 80) break;
    const d = text.slice(pos + 1, close).trim();
    if (!classify(ctx, d, out, levelSeen, ints)) break;
    if (LEVELS.has(d)) levelSeen = true;
    if (/^\d+$/.test(d)) ints++;
    seen++;
    pos = close + 1;
    if (out.tags.length > 0) break; // tags are the last decoration
  }
  if (seen === 0) return null;
  // Decorations are followed by one space; a time-only or uptime-only set is still a unified line.
  if (out.ts === null && out.uptimeS === undefined && !levelSeen && out.tags.length === 0) return null;
  out.message = text.slice(text.charCodeAt(pos) === 32 ? pos + 1 : pos);
  return out;
}

function classify(ctx: TimeContext, d: string, out: Decorated, levelSeen: boolean, ints: number): boolean {
  if (d === '') return false;
  const c = d.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    if (/^\d{4}-\d{2}-\d{2}T/.test(d)) {
      const t = parseIsoStamp(ctx, d);
      if (!t) return false;
      if (out.ts === null) {
        out.ts = t.ts;
        out.tq = t.tq;
      }
      return true;
    }
    const up = /^(\d+(?:[.,]\d+)?)(s|ms|ns)$/.exec(d);
    if (up) {
      const n = Number(up[1]!.replace(',', '.'));
      if (up[2] === 's') out.uptimeS ??= n;
      else if (up[2] === 'ms') {
        // timemillis is epoch ms; uptimemillis is small.
        if (n > 1e11) {
          if (out.ts === null) {
            out.ts = Math.round(n);
            out.tq = 'explicit';
          }
        } else out.uptimeS ??= n / 1000;
      } else if (n > 1e17) {
        if (out.ts === null) {
          out.ts = Math.round(n / 1e6);
          out.tq = 'explicit';
        }
      } else out.uptimeS ??= n / 1e9;
      return true;
    }
    if (/^\d{1,10}$/.test(d)) {
      if (ints === 0) out.pid = Number(d);
      else out.tid = Number(d);
      return true;
    }
    return false;
  }
  if (LEVELS.has(d)) return !levelSeen;
  if (/^[a-z0-9_]+(?:,[a-z0-9_]+)*$/.test(d) && out.tags.length === 0) {
    const tags = d.split(',');
    // Without a level decoration only GC-ish tag sets are taken for tags (a hostname could look alike).
    if (levelSeen || tags.some((t) => t === 'gc' || t === 'safepoint' || t === 'classhisto')) {
      out.tags = tags;
      return true;
    }
  }
  // A hostname decoration, or the first word of a message in brackets: only before the level.
  return !levelSeen && /^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$/.test(d) && out.tags.length === 0;
}
