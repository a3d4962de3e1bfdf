/**
 * Is this a text log whose records start with a time stamp? At least ~60% of the head's lines
 * that are not continuation lines (frames, indented text, blank) must start a record. This is the
 * fallback for timestamped text, so confidence stays at most 0.6 (0.85 for a file that opens
 * with log lines) and below the Java parser's on the files that parser claims; GC logs and CSV tables (stamp, then a comma) are left to their
 * parsers.
 */
import { javaLogParser } from '../javalog';
import type { SniffInput, SniffResult, TimeContext } from '../types';
import { Clock } from './clock';
import { isContinuationShaped } from './continuation';
import { levelOfWord } from './levels';
import { readTextLine } from './line';
import { composePrefix, criPrefix, stripAnsi } from './wrappers';

/** Sniffing needs no real zone: any reference day lets yearless stamps parse. */
const SNIFF_TIME: TimeContext = {
  localToUtc: (y, mo, d, h, mi, s, ms) => Date.UTC(y, mo - 1, d, h, mi, s, ms),
  referenceDay: Date.UTC(2026, 0, 1),
};

/** JDK 8 `-XX:+PrintGCDateStamps` and JDK 9+ unified logging lines. */
const GC_LINE = /^\S{10,40}: \d{1,9}\.\d{3}: \[/;
/** Unified logging: `[time][uptime][info][gc,heap] …` — some bracket holds a gc/safepoint tag set. */
const GC_UNIFIED = /\]\[(?:gc|safepoint)[\],]/;
/** A stamp directly followed by a field separator: a CSV/TSV table, not a log. */
const CSV_AFTER_STAMP = /^(?:[,;]|\t-?\d)/;

const MIN_SHARE = 0.6;
const MAX_CONFIDENCE = 0.6;
/**
 * A file that opens with this many record lines in a row is a log, whatever follows: a Go service
 * log that ends in a panic and goroutine dump is still the service's log (the goroutine parser
 * takes files whose head is the dump), so it may score higher.
 */
const LOG_HEAD = 5;
const MAX_CONFIDENCE_LOG_HEAD = 0.85;

export function sniffTextLog(input: SniffInput): SniffResult | null {
  const clock = new Clock(SNIFF_TIME);
  let starts = 0;
  let own = 0; // lines in a per-line wrapper (compose/CRI) that are records of their own
  let other = 0;
  let gc = 0;
  let csv = 0;
  let wrapped = 0;
  const formats = new Map<string, number>();
  /** Record lines before the first line that is neither a record nor a continuation. */
  let headRun = 0;
  let headOpen = true;
  for (const raw of input.lines.slice(0, 200)) {
    let t = stripAnsi(raw);
    if (t.trim() === '') continue;
    let inWrapper = false;
    const cri = criPrefix(t, SNIFF_TIME);
    if (cri) {
      t = cri.rest;
      inWrapper = true;
    } else {
      const c = composePrefix(t);
      if (c && levelOfWord(c.service) === null) {
        t = c.rest;
        inWrapper = true;
      }
    }
    if (inWrapper) wrapped++;
    if (GC_LINE.test(t) || (t.charCodeAt(0) === 0x5b && GC_UNIFIED.test(t.slice(0, 160)))) {
      gc++;
      headOpen = false;
      continue;
    }
    let s;
    try {
      s = readTextLine(t, clock);
    } catch {
      s = null;
    }
    if (s) {
      const fmt = s.fields.format ?? 'text';
      if (fmt !== 'logfmt' && fmt !== 'clf' && CSV_AFTER_STAMP.test(afterStamp(t))) {
        csv++;
        headOpen = false;
        continue;
      }
      starts++;
      if (headOpen) headRun++;
      formats.set(fmt, (formats.get(fmt) ?? 0) + 1);
    } else if (isContinuationShaped(t)) {
      continue;
    } else if (inWrapper) own++;
    else {
      other++;
      headOpen = false;
    }
  }
  const counted = starts + own + other + gc + csv;
  if (starts === 0 && !(wrapped >= 3 && own >= 3)) return null;
  if (gc >= Math.max(2, counted * 0.3)) return { kind: 'text-log', confidence: 0.05, reason: `${gc} JVM GC log lines: a GC log, not an application log` };
  if (csv >= Math.max(2, counted * 0.3)) return { kind: 'text-log', confidence: 0.05, reason: `${csv} lines are a time stamp followed by separated values: a table` };
  const share = (starts + own) / Math.max(1, counted);
  const what = [...formats.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([f, n]) => `${f} ${n}`).join(', ');
  const reason = `${starts} of ${counted} record lines start with a time stamp${what ? ` (${what})` : ''}${own ? `, ${own} more in compose/CRI wrappers` : ''}`;
  if (share < MIN_SHARE || starts + own < 2) return { kind: 'text-log', confidence: 0.1, reason };
  const max = headRun >= LOG_HEAD ? MAX_CONFIDENCE_LOG_HEAD : MAX_CONFIDENCE;
  let confidence = 0.35 + (max - 0.35) * ((share - MIN_SHARE) / (1 - MIN_SHARE));
  // Timestamped text is also what the Java parser reads: its files are not ours at all.
  const java = javaLogParser.sniff(input);
  if (java && java.confidence >= 0.3) return { kind: 'text-log', confidence: 0.2, reason: `${reason}; the Java parser reads this file (${java.reason})` };
  confidence = Math.round(Math.max(0, confidence) * 100) / 100;
  return { kind: 'text-log', confidence, reason };
}

/** The text right after a leading stamp (for the CSV check). */
function afterStamp(t: string): string {
  const m = /^\[?[\d\-/T:.,+Z ]{8,40}?(?=[,;\t])/.exec(t);
  return m ? t.slice(m[0].length) : '';
}
