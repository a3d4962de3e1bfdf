/**
 * Two streams writing into one file without line buffering glue a log line onto the end of
 * another (`…request timed out after 30004ms.13:28:51,201  INFO com.zaxxer…`). We look for a
 * timestamp inside a non-header line and accept the split only when the text from there parses as a
 * header with a level; the line then ends one record and starts the next at the same line number,
 * with byte offsets split at the join.
 */
import { parseHeader, type Header } from './header';

const TIME_IN_LINE = /\d{2}:\d{2}:\d{2}[.,]\d{3}/g;
const DATE_BEFORE = /\d{4}[-/]\d{2}[-/]\d{2}[T ]$/;
/** Candidate times tried per line: keeps a line full of time-like text linear. */
const MAX_TRIES = 16;

export interface GluedSplit {
  /** Index of the glued header in the line. */
  at: number;
  header: Header;
}

export function findGluedHeader(text: string): GluedSplit | null {
  if (text.length < 20) return null;
  TIME_IN_LINE.lastIndex = 1;
  let tries = 0;
  for (let m = TIME_IN_LINE.exec(text); m && tries < MAX_TRIES; m = TIME_IN_LINE.exec(text), tries++) {
    let at = m.index;
    const before = text.slice(Math.max(0, at - 11), at);
    const d = DATE_BEFORE.exec(before);
    if (d) at -= d[0].length;
    if (at <= 0) continue;
    const prev = text.charCodeAt(at - 1);
    if (prev >= 48 && prev <= 57) continue;
    const header = parseHeader(text.slice(at));
    if (header && header.level !== null && header.time !== null) return { at, header };
  }
  return null;
}

/** Bytes of `part` (a prefix of `whole`) in the file's encoding, given the byte length of `whole`. */
export function prefixBytes(part: string, whole: string, wholeBytes: number): number {
  if (wholeBytes === whole.length) return part.length;
  if (utf8Length(whole) === wholeBytes) return utf8Length(part);
  if (wholeBytes === whole.length * 2) return part.length * 2;
  return Math.round((wholeBytes * part.length) / Math.max(1, whole.length));
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
