/**
 * The time stamp a text log line starts with, in the layouts servers print: ISO 8601 (also
 * PostgreSQL `%m` with a zone name, Python's `,123`), Go's `2026/11/22 02:55:30.123456` (and
 * nginx's error log), syslog `Nov 22 02:55:30`, ctime `Sun Dec 04 04:47:44 2005` (Apache's error
 * log), access-log `22/Nov/2026:02:55:30 +0000`, `22-Nov-2026 02:55:30.123`, Redis, HDFS
 * `081109 203615`, Spark `17/06/09 20:10:40`, Android `03-17 16:13:38.811`, klog `I1122 …` and a
 * bare time of day. Optionally in square brackets. Every pattern is anchored and bounded.
 */
import { fractionToMs, ISO_STAMP, monthFromName, resolveTime, zoneOffsetMinutes, type ResolvedTime } from '../time';
import type { TimeQuality } from '../types';
import type { Clock } from './clock';
import { levelOfLetter } from './levels';
import { abbreviationOffset } from './zones';

export type StampFormat =
  | 'iso' | 'slash' | 'syslog' | 'ctime' | 'clf' | 'dmy' | 'redis' | 'hdfs' | 'yy-slash' | 'android' | 'klog' | 'time-of-day';

export interface Stamp {
  ts: number | null;
  tq: TimeQuality;
  /** Index just past the stamp (and its closing bracket). */
  end: number;
  format: StampFormat;
  /** klog's level letter, Redis' pid. */
  level?: number | null;
  pid?: number;
}

const SLASH = /^(\d{4})\/(\d{2})\/(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?/;
const YY_SLASH = /^(\d{2})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?![\d/])/;
const SYSLOG = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?: (\d{4})(?= ))?(?![\d:])/;
const CTIME = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?: ([A-Z]{2,5}))? (\d{4})\b/;
const CLF = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?: ([+-]\d{4}))?/;
const DMY = /^(\d{1,2})[- ]([A-Z][a-z]{2})[- ](\d{4})[ :](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?/;
const REDIS = /^(\d{1,9}):[XCSM] (\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?/;
const HDFS = /^(\d{2})(\d{2})(\d{2}) (\d{2})(\d{2})(\d{2}) /;
const ANDROID = /^(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3})(?= )/;
const KLOG = /^([IWEF])(\d{2})(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{6})\b/;
const TOD = /^(\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?=[\s\]|])/;
/** A zone name PostgreSQL or `date` prints after the time: ` CET`, ` KST`. */
const ZONE_NAME = /^ ([A-Z]{2,5})(?![\w])/;

function resolved(r: ResolvedTime | null): { ts: number | null; tq: TimeQuality } {
  return r ? { ts: r.ts, tq: r.tq } : { ts: null, tq: 'none' };
}

function zoned(clock: Clock, y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, zone: string | undefined) {
  if (zone !== undefined && zoneOffsetMinutes(zone) === null) {
    const off = abbreviationOffset(zone);
    if (off !== null) {
      const r = resolveTime(clock.ctx, y, mo, d, h, mi, s, ms, 'Z');
      return r ? { ts: r.ts - off * 60_000, tq: 'explicit' as const } : { ts: null, tq: 'none' as const };
    }
    zone = undefined;
  }
  return resolved(resolveTime(clock.ctx, y, mo, d, h, mi, s, ms, zone));
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** The stamp at the very start of `text` (no leading spaces), or null. */
export function readStamp(text: string, clock: Clock): Stamp | null {
  const c0 = text.charCodeAt(0);
  if (c0 === 0x5b /* [ */) {
    const inner = readBare(text.slice(1, 80), clock);
    if (!inner) return null;
    const close = inner.end + 1;
    if (text.charCodeAt(close) !== 0x5d) return null;
    return { ...inner, end: close + 1 };
  }
  return readBare(text, clock);
}

function readBare(text: string, clock: Clock): Stamp | null {
  const c0 = text.charCodeAt(0);
  let m: RegExpExecArray | null;
  if (isDigit(c0)) {
    if (isDigit(text.charCodeAt(3)) && (m = ISO_STAMP.exec(text))) {
      let zone = m[8];
      let end = m[0].length;
      if (zone === undefined) {
        const z = ZONE_NAME.exec(text.slice(end, end + 7));
        if (z && abbreviationOffset(z[1]!) !== null) {
          zone = z[1]!;
          end += z[0].length;
        }
      }
      const t = zoned(clock, +m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, fractionToMs(m[7]), zone);
      return { ...t, end, format: 'iso' };
    }
    if ((m = SLASH.exec(text))) {
      return { ...resolved(resolveTime(clock.ctx, +m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, fractionToMs(m[7]))), end: m[0].length, format: 'slash' };
    }
    if ((m = CLF.exec(text))) {
      const mo = monthFromName(m[2]!);
      if (mo === null) return null;
      return { ...zoned(clock, +m[3]!, mo, +m[1]!, +m[4]!, +m[5]!, +m[6]!, fractionToMs(m[7]), m[8]), end: m[0].length, format: 'clf' };
    }
    if ((m = REDIS.exec(text))) {
      const mo = monthFromName(m[3]!);
      if (mo === null) return null;
      const t = resolved(resolveTime(clock.ctx, +m[4]!, mo, +m[2]!, +m[5]!, +m[6]!, +m[7]!, fractionToMs(m[8])));
      return { ...t, end: m[0].length, format: 'redis', pid: Number(m[1]) };
    }
    if ((m = DMY.exec(text))) {
      const mo = monthFromName(m[2]!);
      if (mo === null) return null;
      return { ...resolved(resolveTime(clock.ctx, +m[3]!, mo, +m[1]!, +m[4]!, +m[5]!, +m[6]!, fractionToMs(m[7]))), end: m[0].length, format: 'dmy' };
    }
    if ((m = YY_SLASH.exec(text))) {
      return { ...resolved(resolveTime(clock.ctx, 2000 + +m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, fractionToMs(m[7]))), end: m[0].length, format: 'yy-slash' };
    }
    if ((m = ANDROID.exec(text))) {
      return { ...resolved(clock.yearless(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!)), end: m[0].length, format: 'android' };
    }
    if ((m = HDFS.exec(text))) {
      const mo = +m[2]!;
      const d = +m[3]!;
      if (mo < 1 || mo > 12 || d < 1 || d > 31 || +m[4]! > 23) return null;
      return { ...resolved(resolveTime(clock.ctx, 2000 + +m[1]!, mo, d, +m[4]!, +m[5]!, +m[6]!, 0)), end: m[0].length - 1, format: 'hdfs' };
    }
    if ((m = TOD.exec(text))) {
      return { ...resolved(clock.timeOfDay(+m[1]!, +m[2]!, +m[3]!, fractionToMs(m[4]))), end: m[0].length, format: 'time-of-day' };
    }
    return null;
  }
  if (c0 >= 0x41 && c0 <= 0x5a) {
    if ((m = KLOG.exec(text))) {
      const t = resolved(clock.yearless(+m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, fractionToMs(m[7])));
      return { ...t, end: m[0].length, format: 'klog', level: levelOfLetter(m[1]!) };
    }
    if ((m = SYSLOG.exec(text))) {
      const mo = monthFromName(m[1]!);
      if (mo === null) return null;
      const ms = fractionToMs(m[6]);
      const t = m[7] ? resolved(resolveTime(clock.ctx, +m[7], mo, +m[2]!, +m[3]!, +m[4]!, +m[5]!, ms)) : resolved(clock.yearless(mo, +m[2]!, +m[3]!, +m[4]!, +m[5]!, ms));
      return { ...t, end: m[0].length, format: 'syslog' };
    }
    if ((m = CTIME.exec(text))) {
      const mo = monthFromName(m[1]!);
      if (mo === null) return null;
      // Groups: 1 month, 2 day, 3-5 time, 6 fraction, 7 zone (`date` prints one), 8 year.
      return { ...zoned(clock, +m[8]!, mo, +m[2]!, +m[3]!, +m[4]!, +m[5]!, fractionToMs(m[6]), m[7]), end: m[0].length, format: 'ctime' };
    }
  }
  return null;
}
