/**
 * Does the head look like a GC log? Unified-logging lines tagged `gc…`/`safepoint`, or JDK 6–8
 * records (`…: [GC (Allocation Failure) …`, `[Full GC`, G1 `[GC pause`, CMS phases, stopped-time
 * lines) and the `CommandLine flags:` header.
 */
import type { SniffInput, SniffResult, TimeContext } from '../types';
import { parseDecorations } from './decorations';
import { parseLegacyPrefix } from './legacy-prefix';

const NO_TIME: TimeContext = { localToUtc: (y, mo, d, h, mi, s, ms) => Date.UTC(y, mo - 1, d, h, mi, s, ms), referenceDay: null };
const LEGACY_RECORD = /^\[(?:GC\b|Full GC\b|CMS-concurrent-|Class Histogram\b)|^Total time for which application threads were stopped: /;
const UNIFIED_GC = /^(?:GC\(\d+\) |Using (?:G1|Parallel|Serial|Shenandoah|The Z Garbage Collector|Concurrent Mark Sweep|Epsilon)\b|Safepoint "|Total time for which application threads were stopped)/;

/** An application log line (upper-case level word near the start): GC output can be mixed into stdout logs. */
const APP_LOG = /^.{0,60}\b(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|SEVERE)\b/;

export function sniffGcLog(input: SniffInput): SniffResult | null {
  let unified = 0;
  let legacy = 0;
  let header = 0;
  let app = 0;
  let nonBlank = 0;
  for (const raw of input.lines) {
    const text = raw.slice(0, 2000);
    if (text.trim() !== '') nonBlank++;
    if (text.charCodeAt(0) === 91) {
      const d = parseDecorations(NO_TIME, text);
      if (d && (d.tags.some((t) => t === 'gc' || t === 'safepoint') || UNIFIED_GC.test(d.message))) {
        unified++;
        continue;
      }
    }
    const p = parseLegacyPrefix(NO_TIME, text);
    if (LEGACY_RECORD.test(p ? p.rest : text)) legacy++;
    else if (/^CommandLine flags: .*-XX:/.test(text)) header++;
    else if (APP_LOG.test(text)) app++;
  }
  // GC lines inside an application's log: the log parser should read the file.
  if (app > unified + legacy) {
    return unified + legacy > 0 ? { kind: 'gc-log', confidence: 0.25, reason: `${unified + legacy} GC lines among ${app} application log lines` } : null;
  }
  // A file of nothing but -Xlog lines tagged gc/safepoint is as sure as sniffing gets: say so, so that a
  // generic log sniffer that also reads `[time][level]` lines does not win the tie.
  if (unified >= 2) {
    const confidence = unified >= nonBlank * 0.8 ? 0.99 : 0.95;
    return { kind: 'gc-log', confidence, reason: `${unified} of ${nonBlank} lines are unified-logging GC lines (-Xlog:gc)` };
  }
  if (legacy >= 2) return { kind: 'gc-log', confidence: 0.95, reason: `${legacy} JDK 8-style GC records` };
  if (unified + legacy === 1) return { kind: 'gc-log', confidence: 0.7, reason: 'one GC log line' };
  if (header > 0) return { kind: 'gc-log', confidence: 0.6, reason: 'a JVM "CommandLine flags:" header' };
  return null;
}
