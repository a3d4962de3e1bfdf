/**
 * Reads the timestamp a Java log line starts with, by character codes (no regex: this runs once per
 * line of multi-million-line logs). Forms: ISO-8601 with `T` or space, `.`/`,` fractions and
 * optional zone (`Z`, `UTC`, `+0300`, `+05:30`, `, +05:30`), `yyyy/MM/dd`, Tomcat's `22-Nov-2026`,
 * Spark's `17/06/09`, time-only `13:28:21,219` / `12:20:46`, and java.util.logging's
 * `Nov 22, 2026 2:55:30 AM`.
 */
import { monthFromName } from '../time';

/** Wall-clock fields of a stamp; month 1-based; `date` false for time-only stamps. */
export interface Stamp {
  date: boolean;
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  /** The printed zone, in a form `zoneOffsetMinutes` reads (`Z`, `UTC`, `+05:30`, `+0300`). */
  zone: string | undefined;
  /** Index just after the stamp (and its zone). */
  end: number;
}

export function newStamp(): Stamp {
  return { date: false, y: 0, mo: 0, d: 0, h: 0, mi: 0, s: 0, ms: 0, zone: undefined, end: 0 };
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Two ASCII digits at i as a number, or -1. */
function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** `HH:mm:ss[.,fff]` at i into out (h, mi, s, ms, end); false when not a time. */
function readTime(s: string, i: number, out: Stamp): boolean {
  let h = d2(s, i);
  let p = i + 2;
  if (h < 0) {
    // one-digit hour (`2:55:30 AM`)
    const c = s.charCodeAt(i);
    if (!isDigit(c) || s.charCodeAt(i + 1) !== 58) return false;
    h = c - 48;
    p = i + 1;
  }
  if (s.charCodeAt(p) !== 58) return false;
  const mi = d2(s, p + 1);
  if (mi < 0 || mi > 59 || s.charCodeAt(p + 3) !== 58) return false;
  const sec = d2(s, p + 4);
  if (sec < 0 || sec > 60 || h > 24) return false;
  p += 6;
  let ms = 0;
  const sep = s.charCodeAt(p);
  if ((sep === 46 || sep === 44) && isDigit(s.charCodeAt(p + 1))) {
    let q = p + 1;
    let digits = 0;
    let v = 0;
    while (q < s.length && isDigit(s.charCodeAt(q))) {
      if (digits < 3) v = v * 10 + (s.charCodeAt(q) - 48);
      digits++;
      q++;
    }
    if (digits > 9) return false;
    for (let k = digits; k < 3; k++) v *= 10;
    ms = v;
    p = q;
  }
  if (isDigit(s.charCodeAt(p))) return false;
  out.h = h;
  out.mi = mi;
  out.s = sec;
  out.ms = ms;
  out.end = p;
  return true;
}

/** Zone after a date-time: `Z`, `UTC`/`GMT`[±hh:mm], `±hh[:]mm`, `±hh`, each after at most one space; or `, ±hh:mm`. */
function readZone(s: string, i: number, out: Stamp): void {
  out.zone = undefined;
  let p = i;
  if (s.charCodeAt(p) === 44 && s.charCodeAt(p + 1) === 32 && (s.charCodeAt(p + 2) === 43 || s.charCodeAt(p + 2) === 45)) p += 2;
  else if (s.charCodeAt(p) === 32) p++;
  const c = s.charCodeAt(p);
  if (c === 90 /* Z */ || c === 122 /* z */) {
    const n = s.charCodeAt(p + 1);
    if (!(n >= 65 && n <= 90) && !(n >= 97 && n <= 122)) {
      out.zone = 'Z';
      out.end = p + 1;
    }
    return;
  }
  if ((c === 85 && s.startsWith('UTC', p)) || (c === 71 && s.startsWith('GMT', p))) {
    const n = s.charCodeAt(p + 3);
    if ((n >= 65 && n <= 90) || (n >= 97 && n <= 122)) return;
    out.zone = s.slice(p, p + 3);
    out.end = p + 3;
    if (n === 43 || n === 45) readOffset(s, p + 3, out); // `GMT+08:00`
    return;
  }
  if (c === 43 || c === 45) readOffset(s, p, out);
}

function readOffset(s: string, p: number, out: Stamp): void {
  const hh = d2(s, p + 1);
  if (hh < 0 || hh > 14) return;
  let q = p + 3;
  let mm = '00';
  if (s.charCodeAt(q) === 58 && d2(s, q + 1) >= 0) {
    mm = s.slice(q + 1, q + 3);
    q += 3;
  } else if (d2(s, q) >= 0) {
    mm = s.slice(q, q + 2);
    q += 2;
  }
  if (isDigit(s.charCodeAt(q))) return;
  out.zone = `${s[p]}${s.slice(p + 1, p + 3)}:${mm}`;
  out.end = q;
}

/**
 * A stamp starting exactly at i (after any indentation the caller skipped). Returns false and
 * leaves `out` unspecified when the text there is not a stamp.
 */
export function readStamp(s: string, i: number, out: Stamp): boolean {
  const c0 = s.charCodeAt(i);
  if (!isDigit(c0)) return readJulStamp(s, i, out);
  out.zone = undefined;
  // yyyy-MM-dd / yyyy/MM/dd
  if (isDigit(s.charCodeAt(i + 1)) && isDigit(s.charCodeAt(i + 2)) && isDigit(s.charCodeAt(i + 3))) {
    const sep = s.charCodeAt(i + 4);
    if ((sep === 45 || sep === 47) && s.charCodeAt(i + 7) === sep) {
      const mo = d2(s, i + 5);
      const d = d2(s, i + 8);
      const t = s.charCodeAt(i + 10);
      if (mo < 1 || mo > 12 || d < 1 || d > 31 || (t !== 84 && t !== 32 && t !== 95)) return false;
      if (!readTime(s, i + 11, out)) return false;
      out.date = true;
      out.y = (c0 - 48) * 1000 + d2(s, i + 1) * 10 + (s.charCodeAt(i + 3) - 48);
      out.mo = mo;
      out.d = d;
      readZone(s, out.end, out);
      return true;
    }
    return false;
  }
  const a = d2(s, i);
  if (a < 0) return false;
  const sep = s.charCodeAt(i + 2);
  // HH:mm:ss — time only
  if (sep === 58) {
    if (!readTime(s, i, out)) return false;
    out.date = false;
    return true;
  }
  // dd-MMM-yyyy HH:mm:ss (Tomcat OneLineFormatter)
  if (sep === 45 && s.charCodeAt(i + 6) === 45) {
    const mo = monthFromName(s.slice(i + 3, i + 6));
    const y = Number(s.slice(i + 7, i + 11));
    if (!mo || !Number.isInteger(y) || y < 1900 || s.charCodeAt(i + 11) !== 32 || a < 1 || a > 31) return false;
    if (!readTime(s, i + 12, out)) return false;
    out.date = true;
    out.y = y;
    out.mo = mo;
    out.d = a;
    readZone(s, out.end, out);
    return true;
  }
  // yy/MM/dd HH:mm:ss (Spark, Hadoop tools)
  if (sep === 47 && s.charCodeAt(i + 5) === 47 && s.charCodeAt(i + 8) === 32) {
    const mo = d2(s, i + 3);
    const d = d2(s, i + 6);
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
    if (!readTime(s, i + 9, out)) return false;
    out.date = true;
    out.y = 2000 + a;
    out.mo = mo;
    out.d = d;
    return true;
  }
  return false;
}

/** `Nov 22, 2026 2:55:30 AM` (java.util.logging SimpleFormatter's first line). */
function readJulStamp(s: string, i: number, out: Stamp): boolean {
  const mo = monthFromName(s.slice(i, i + 3));
  if (!mo || s.charCodeAt(i + 3) !== 32) return false;
  let p = i + 4;
  let d = d2(s, p);
  if (d >= 0) p += 2;
  else if (isDigit(s.charCodeAt(p))) {
    d = s.charCodeAt(p) - 48;
    p += 1;
  } else return false;
  if (s.charCodeAt(p) !== 44 || s.charCodeAt(p + 1) !== 32) return false;
  const y = Number(s.slice(p + 2, p + 6));
  if (!Number.isInteger(y) || y < 1900 || s.charCodeAt(p + 6) !== 32) return false;
  if (!readTime(s, p + 7, out)) return false;
  p = out.end;
  if (s.charCodeAt(p) === 32 && (s.startsWith('AM', p + 1) || s.startsWith('PM', p + 1))) {
    const pm = s.charCodeAt(p + 1) === 80;
    if (pm && out.h < 12) out.h += 12;
    if (!pm && out.h === 12) out.h = 0;
    out.end = p + 3;
  }
  out.date = true;
  out.y = y;
  out.mo = mo;
  out.d = d;
  out.zone = undefined;
  return true;
}
