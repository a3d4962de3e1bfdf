/**
 * The first line of a pino-pretty record. pino-pretty (lib/pretty.js) builds it as
 *   [levelFirst LEVEL] [`[time]`] [LEVEL] [`(name/pid on hostname)`] [`<caller>`] `:` [` msg`]
 * e.g. `[1636045080852] INFO (23140 on host): request completed`, `[07:13:55.627] WARN (api/7): slow`,
 * `[2021-01-31 07:13:55.627 +0000] ERROR: boom`, `INFO [1522431328992] (42 on foo): hi`, `[] ERROR: x`.
 * The old `pino` CLI printed ISO times: `[2016-03-31T16:53:21.079Z] INFO (46316 on MBP): x`.
 * Parsed by hand (index scans, no backtracking regex).
 */
import { levelFromLabel } from './levels';

export interface PrettyHeader {
  /** Text between the brackets; null when there was no time column; '' for `[]`. */
  timeText: string | null;
  label: string;
  level: number | null;
  name?: string;
  pid?: number;
  hostname?: string;
  caller?: string;
  msg: string;
  /** True when the shape is specific to pino-pretty (a time column or a `(pid on host)` column). */
  strong: boolean;
}

const KNOWN = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'USERLVL']);

function isUpper(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

function isLabelChar(c: number): boolean {
  return isUpper(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

function skipSpaces(s: string, i: number): number {
  while (s.charCodeAt(i) === 0x20) i++;
  return i;
}

/** `name/pid on host`, `pid on host`, `pid`, `name`, `on host`. */
function parseMeta(meta: string, out: PrettyHeader): void {
  let left = meta;
  if (meta.startsWith('on ')) {
    out.hostname = meta.slice(3);
    left = '';
  } else {
    const on = meta.indexOf(' on ');
    if (on >= 0) {
      out.hostname = meta.slice(on + 4);
      left = meta.slice(0, on);
    }
  }
  if (!left) return;
  const slash = left.lastIndexOf('/');
  const pidText = slash >= 0 ? left.slice(slash + 1) : left;
  if (/^\d{1,10}$/.test(pidText)) {
    out.pid = Number(pidText);
    if (slash > 0) out.name = left.slice(0, slash);
  } else out.name = left;
}

export function parsePrettyHeader(s: string): PrettyHeader | null {
  if (s.length < 5) return null;
  let i = 0;
  let timeText: string | null = null;
  let label = '';

  const readTime = (): boolean => {
    const close = s.indexOf(']', i + 1);
    if (close < 0 || close - i > 64) return false;
    timeText = s.slice(i + 1, close);
    i = close + 1;
    if (s.charCodeAt(i) !== 0x20) return false;
    i = skipSpaces(s, i);
    return true;
  };
  const readLabel = (): boolean => {
    const start = i;
    if (!isUpper(s.charCodeAt(i))) return false;
    while (i < s.length && i - start <= 16 && isLabelChar(s.charCodeAt(i))) i++;
    if (i - start < 3 || i - start > 16) return false;
    label = s.slice(start, i);
    i = skipSpaces(s, i);
    return true;
  };

  if (s.charCodeAt(0) === 0x5b) {
    if (!readTime() || !readLabel()) return null;
  } else {
    if (!readLabel()) return null;
    if (s.charCodeAt(i) === 0x5b && !readTime()) return null; // levelFirst
  }
  if (timeText === null && !KNOWN.has(label)) return null;

  const out: PrettyHeader = { timeText, label, level: levelFromLabel(label), msg: '', strong: timeText !== null };
  if (s.charCodeAt(i) === 0x28) {
    const close = s.indexOf(')', i);
    if (close < 0 || close - i > 512) return null;
    parseMeta(s.slice(i + 1, close), out);
    out.strong = true;
    i = close + 1;
  }
  if (s.charCodeAt(i) === 0x20 && s.charCodeAt(i + 1) === 0x3c) {
    const close = s.indexOf('>', i);
    if (close < 0) return null;
    out.caller = s.slice(i + 2, close);
    i = close + 1;
  }
  if (s.charCodeAt(i) !== 0x3a) return null;
  i++;
  if (s.charCodeAt(i) === 0x20) i++;
  out.msg = s.slice(i);
  return out;
}
