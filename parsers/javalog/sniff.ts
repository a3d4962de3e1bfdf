/**
 * Does the head of a file look like a Java application log? Counts header lines (time and level,
 * or level with thread/logger), JSON-layout lines and stack-trace lines; rejects the neighbours
 * that share pieces of the format: jstack dumps (`at` frames too), goroutine dumps, JVM GC logs,
 * pino JSON and CSV.
 */
import type { SniffInput, SniffResult } from '../types';
import { stripAnsi } from './ansi';
import { parseHeader } from './header';
import { looksLikeJsonLog, parseJsonLine } from './json-line';
import { causeOf, exceptionOf, isFrameLine } from './stack';

const JSTACK = /^(?:Full thread dump|"[^"]*"(?: #\d+)?(?: daemon)?(?: prio=\d+)? (?:os_prio|prio|tid|nid)=|\s+java\.lang\.Thread\.State: |JNI global refs|Found one Java-level deadlock)/;
const GOROUTINE = /^goroutine \d+ \[/;
const GC_LOG = /^\[\d+(?:\.\d+)?s\]\[|^\[[^\]]*\]\[(?:info|debug|warning|trace)\s*\]\[gc|: \[(?:GC|Full GC) \(|^\d{4}-\d\d-\d\dT[\d:.]+[+-]\d{4}: \d+\.\d+: \[|^\d+\.\d+: \[(?:GC|Full GC)/;
const PINO = /"level"\s*:\s*\d|"msg"\s*:/;
/** Go's standard `log` package (LstdFlags, often with Lmicroseconds): `2026/11/22 04:39:44.978106 msg`. */
const GO_STD_LOG = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d{6})? /;
/** pino-pretty: `[1604486775436] INFO (15596 on host): msg`, `[12:34:56.789] ERROR (42): msg`. */
const PINO_PRETTY = /^\[[^\]]+\] +(?:TRACE|DEBUG|INFO|WARN|ERROR|FATAL|USERLVL) *(?:\([^)]*\))?:/;

export function sniffJavaLog(input: SniffInput): SniffResult | null {
  let nonBlank = 0;
  let strong = 0;
  let weak = 0;
  let json = 0;
  let jsonBroken = 0;
  let pino = 0;
  let stack = 0;
  let jstack = 0;
  let goroutine = 0;
  let gc = 0;
  let commas = 0;
  let pinoPretty = 0;
  let goStd = 0;
  for (const raw of input.lines.slice(0, 200)) {
    const line = stripAnsi(raw);
    if (line.trim() === '') continue;
    nonBlank++;
    if (JSTACK.test(line)) jstack++;
    if (GOROUTINE.test(line)) goroutine++;
    if (GC_LOG.test(line)) gc++;
    if (PINO_PRETTY.test(line)) pinoPretty++;
    if (GO_STD_LOG.test(line)) goStd++;
    if ((line.match(/,/g)?.length ?? 0) >= 3 && !line.includes(' ')) commas++;
    const t = line.trimStart();
    if (t.startsWith('{')) {
      const v = parseJsonLine(t);
      if (v && 'line' in v) json++;
      else if (v && 'skip' in v) jsonBroken++;
      else if (PINO.test(t) || looksLikeJsonLog(t)) pino++;
      continue;
    }
    const h = parseHeader(line);
    if (h && h.foldBody === undefined) {
      const hasTime = h.time !== null;
      if ((hasTime && h.level !== null) || (h.level !== null && h.logger !== undefined) || (hasTime && h.time!.date && h.logger !== undefined)) strong++;
      else weak++;
      continue;
    }
    if (h?.foldBody !== undefined || isFrameLine(line) || causeOf(line) || exceptionOf(line)) stack++;
  }
  if (nonBlank === 0) return null;
  // A thread dump printed into an application log (kill -3 to stdout) does not make it a jstack file.
  if ((jstack > 0 && strong < jstack * 5) || goroutine > 0) return null;
  if (pinoPretty > 0 && pinoPretty * 2 >= strong) return null;
  if (gc >= Math.max(2, nonBlank * 0.3)) return null;
  if (commas >= nonBlank * 0.5) return null;
  // A Go service's log: the generic text-log parser reads it (and Go's error strings) better.
  if (goStd >= nonBlank * 0.6) return null;
  const jsonTotal = json + jsonBroken;
  if (jsonTotal > 0 && jsonTotal >= strong) {
    if (pino > json || json === 0) return null;
    const frac = (jsonTotal + stack) / nonBlank;
    if (frac < 0.3) return null;
    return {
      kind: 'java-log',
      confidence: Math.min(0.95, 0.5 + 0.45 * frac),
      reason: `${json} of ${nonBlank} lines are Java JSON-layout log objects${jsonBroken ? ` (${jsonBroken} invalid JSON)` : ''}`,
    };
  }
  if (strong > 0) {
    const frac = (strong + weak + stack) / nonBlank;
    const conf = Math.min(0.95, 0.35 + 0.6 * frac + (strong >= 3 ? 0.05 : 0));
    if (frac < 0.3 && strong < 3) return { kind: 'java-log', confidence: 0.2, reason: `only ${strong} of ${nonBlank} lines look like Java log headers` };
    return { kind: 'java-log', confidence: conf, reason: `${strong} of ${nonBlank} lines are Java log headers${stack ? `, ${stack} stack-trace lines` : ''}` };
  }
  if (stack >= 2 && stack >= nonBlank * 0.5) {
    return { kind: 'java-log', confidence: 0.55, reason: `${stack} of ${nonBlank} lines are a Java stack trace without log headers` };
  }
  return null;
}
