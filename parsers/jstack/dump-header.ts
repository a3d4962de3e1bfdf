/**
 * The lines that open a dump: the time stamp jstack prints above `Full thread dump …:`, the
 * `Full thread dump` line itself (with the JVM name, and on HP-UX a bracketed `date` in the
 * machine's locale), and the jcmd preamble (`12345:` pid line, runtime version line).
 */
import { parseCaptureHeader } from '../snapshot/header';
import { parseIsoStamp } from '../time';
import type { TimeContext } from '../types';

const FULL_DUMP = /^Full thread dump\b\s*(.*)$/;
const STAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?\s*$/;
const PID = /^(\d{1,10}):?\s*$/;
const VERSION = /^\d{1,2}(?:\.\d+){0,3}(?:[+_-][\w.+-]*)?\s*$/;
/** Inside HP-UX brackets, a Korean/Japanese-locale date: `화 3월 15 14:48:56 KST 2008` (decoded as cp1252). */
const NUMERIC_MONTH_DATE = /(\d{1,2})\S*\s+(\d{1,2})\s+(\d{1,2}:\d{2}:\d{2})\s+([A-Z]{1,5})\s+(\d{4})\s*$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function isFullDumpLine(line: string): boolean {
  return line.startsWith('Full thread dump');
}

/** `2026-01-20 17:29:40` — the tool's own stamp line (jstack, jcmd Thread.print, Thread.dump_to_file). */
export function parseToolStamp(ctx: TimeContext, line: string): number | null {
  if (!STAMP.test(line)) return null;
  return parseIsoStamp(ctx, line.trim())?.ts ?? null;
}

/** `12345:` — jcmd prints the target pid first. */
export function parsePidLine(line: string): number | null {
  const m = PID.exec(line);
  return m ? Number(m[1]) : null;
}

/** `21.0.3+9-LTS` — Thread.dump_to_file prints the runtime version above the threads. */
export function isVersionLine(line: string): boolean {
  return VERSION.test(line) && !PID.test(line);
}

export interface FullDumpLine {
  jvm?: string;
  /** A time printed inside the line itself (HP-UX JVMs), UTC ms. */
  capturedAt?: number;
}

/** `Full thread dump OpenJDK 64-Bit Server VM (11.0.6+10 mixed mode):`, HP `Full thread dump  [date] (JVM):`. */
export function parseFullDumpLine(ctx: TimeContext, line: string): FullDumpLine {
  const m = FULL_DUMP.exec(line);
  if (!m) return {};
  let rest = m[1]!.trim();
  if (rest.endsWith(':')) rest = rest.slice(0, -1).trimEnd();
  const out: FullDumpLine = {};
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close > 0) {
      const inside = rest.slice(1, close);
      const ts = bracketDate(ctx, inside);
      if (ts !== null) out.capturedAt = ts;
      rest = rest.slice(close + 1).trim();
      if (rest.startsWith('(') && rest.endsWith(')')) rest = rest.slice(1, -1);
    }
  }
  if (rest) out.jvm = rest;
  return out;
}

function bracketDate(ctx: TimeContext, text: string): number | null {
  if (text.length > 100) return null; // a `date` is short; do not run date regexes over junk
  const direct = parseCaptureHeader(ctx, text);
  if (direct) return direct.ts;
  const m = NUMERIC_MONTH_DATE.exec(text);
  if (!m) return null;
  const mon = MONTHS[Number(m[1]) - 1];
  if (!mon) return null;
  // Re-spelled in English so the shared `date` parser (and its zone table) applies.
  return parseCaptureHeader(ctx, `${mon} ${m[2]} ${m[3]} ${m[4]} ${m[5]}`)?.ts ?? null;
}
