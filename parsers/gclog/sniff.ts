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

export function sniffGcLog(input: SniffInput): SniffResult | null {
  let unified = 0;
  let legacy = 0;
  let header = 0;
  for (const raw of input.lines) {
    const text = raw.slice(0, 2000);
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
  }
  if (unified >= 2) return { kind: 'gc-log', confidence: 0.95, reason: `${unified} unified-logging GC lines (-Xlog:gc)` };
  if (legacy >= 2) return { kind: 'gc-log', confidence: 0.95, reason: `${legacy} JDK 8-style GC records` };
  if (unified + legacy === 1) return { kind: 'gc-log', confidence: 0.7, reason: 'one GC log line' };
  if (header > 0) return { kind: 'gc-log', confidence: 0.6, reason: 'a JVM "CommandLine flags:" header' };
  return null;
}
