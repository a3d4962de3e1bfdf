/**
 * Does the head of a file look like pino output? pino NDJSON has a `level` plus `msg` or `time`
 * (pino writes `{"level":` first); pino-pretty has `[time] LEVEL (pid on host): msg` headers.
 * Java JSON layouts (`"level":"DEBUG"`, `thread`/`logger`/`source`, `message` without `msg`) and
 * generic JSON without pino's keys must not score.
 */
import type { SniffInput, SniffResult } from '../types';
import { isBareError, isObj, type Obj } from './interpret';
import { stripAnsi, stripProcessPrefix } from './line-prefix';
import { PINO_LABELS } from './levels';
import { parsePrettyHeader, type PrettyHeader } from './pretty-header';

/** Keys of Java/logstash JSON layouts; pino never writes them itself. */
const JAVA_KEYS = ['thread', 'thread_name', 'logger', 'logger_name', 'loggerName', 'source', '@timestamp', 'stack_trace'];

/** pino's shape: `level` + `msg` (any level form), or a numeric / pino-label level + `time`. */
export function isPinoObject(o: Obj): boolean {
  const lv = o.level;
  if (lv === undefined) return false;
  // zap's production encoder: a label level and epoch seconds under `ts`; pino never writes `ts`.
  if (o.time === undefined && typeof o.ts === 'number' && typeof lv === 'string') return false;
  const numeric = typeof lv === 'number' && Number.isInteger(lv) && lv >= 0 && lv <= 100;
  const hasMsg = typeof o.msg === 'string' || typeof o.msg === 'number';
  if (hasMsg && (numeric || typeof lv === 'string')) return true;
  if (numeric && o.time !== undefined) return true;
  return typeof lv === 'string' && PINO_LABELS.has(lv) && o.time !== undefined && (o.pid !== undefined || o.hostname !== undefined);
}

/** A pino line cut short: pino always starts with `{"level":` followed by a number or a label. */
const BROKEN_PINO = /^\{"level":(?:\d|")/;
/** Time columns pino-pretty prints: epoch ms, `yyyy-mm-dd HH:MM:ss.l o`, ISO, `HH:MM:ss.l`. */
const PRETTY_TIME = /^(?:\d{10,13}|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?: ?[+-]\d{4}|Z)?|\d{2}:\d{2}:\d{2}(?:\.\d{3})?|)$/;

/** A pino-pretty body property line: 4 spaces (plus what a process-manager column left) and `key: `. */
const PRETTY_PROP = /^ {4,6}[\w.$-]{1,64}: /;

function strongPretty(h: PrettyHeader): boolean {
  if (h.level === null && h.label !== 'USERLVL') return false;
  const timeOk = h.timeText !== null && PRETTY_TIME.test(h.timeText);
  const metaOk = h.pid !== undefined || h.hostname !== undefined;
  return (timeOk && (metaOk || h.timeText !== '')) || (metaOk && h.timeText === null);
}

interface Tally {
  json: number;
  pinoMeta: number;
  broken: number;
  bareErr: number;
  otherJson: number;
  java: number;
  pretty: number;
  prettyWeak: number;
  other: number;
}

export function sniffPino(input: SniffInput): SniffResult | null {
  const n: Tally = { json: 0, pinoMeta: 0, broken: 0, bareErr: 0, otherJson: 0, java: 0, pretty: 0, prettyWeak: 0, other: 0 };
  let weakHeader = false;
  for (const raw of input.lines.slice(0, 200)) {
    let t = stripAnsi(raw);
    if (t.indexOf('|') > 0 && t.charCodeAt(0) !== 0x7b) {
      const p = stripProcessPrefix(t);
      // The column leaves one or two spaces before the log text; deeper means an indented line.
      if (p) t = /^ {0,2}\S/.test(p.rest) ? p.rest.trimStart() : p.rest;
    }
    // Blanks and indented lines (pino-pretty bodies, stack frames) count neither for nor against,
    // except that a `key: value` body under a bare `LEVEL: msg` header shows it is pino-pretty.
    if (t === '' || /^\s/.test(t)) {
      if (weakHeader && PRETTY_PROP.test(t)) {
        n.prettyWeak--;
        n.pretty++;
      }
      weakHeader = false;
      continue;
    }
    weakHeader = false;
    const s = t.trimStart();
    const brace = s.charCodeAt(0) === 0x7b ? 0 : s.indexOf('{"');
    if (brace >= 0 && brace <= 64) {
      const json = s.slice(brace);
      let o: unknown;
      try {
        o = JSON.parse(json);
      } catch {
        if (BROKEN_PINO.test(json)) n.broken++;
        else n.other++;
        continue;
      }
      if (!isObj(o)) n.other++;
      else if (isPinoObject(o)) {
        n.json++;
        if (o.pid !== undefined || o.hostname !== undefined || o.v === 1) n.pinoMeta++;
      } else if (isBareError(o)) n.bareErr++;
      else {
        n.otherJson++;
        if (JAVA_KEYS.some((k) => o[k] !== undefined)) n.java++;
      }
      continue;
    }
    if (s.startsWith('"level":')) {
      n.broken++;
      continue;
    }
    const h = parsePrettyHeader(s);
    if (h) {
      if (strongPretty(h)) n.pretty++;
      else {
        n.prettyWeak++;
        weakHeader = true;
      }
      continue;
    }
    n.other++;
  }
  return score(n);
}

function score(n: Tally): SniffResult | null {
  const strong = n.json + n.pretty;
  const evidence = n.json + n.pretty + 0.6 * n.broken + 0.8 * n.bareErr + 0.3 * n.prettyWeak;
  if (evidence === 0) return null;
  const against = n.otherJson + 0.3 * n.other;
  if (n.java > 0 && n.java >= n.json) return { kind: 'pino', confidence: 0.05, reason: `JSON lines with Java logging keys (${n.java} lines), not pino` };
  if (strong === 0 && n.broken === 0 && n.bareErr === 0) return { kind: 'pino', confidence: 0.15, reason: `only ${n.prettyWeak} lines shaped like a bare "LEVEL: message"` };
  const share = evidence / (evidence + against);
  let confidence = 0.25 + 0.7 * share;
  if (n.pinoMeta > 0 || n.pretty > 0) confidence += 0.05;
  if (strong === 0) confidence = Math.min(confidence, 0.6); // only broken lines or a bare error object
  confidence = Math.round(Math.min(0.97, confidence) * 100) / 100;
  const parts: string[] = [];
  if (n.json) parts.push(`${n.json} pino JSON lines`);
  if (n.pretty) parts.push(`${n.pretty} pino-pretty headers`);
  if (n.broken) parts.push(`${n.broken} truncated pino JSON lines`);
  if (n.bareErr) parts.push(`${n.bareErr} serialised Node errors`);
  const againstText = n.otherJson + n.other > 0 ? ` against ${n.otherJson + n.other} other lines` : '';
  return { kind: 'pino', confidence, reason: `${parts.join(', ')}${againstText}` };
}
