/**
 * One JSON object per line, as logback/log4j2 JSON layouts and logstash encoders write them
 * (`@timestamp`/`time`/`timestamp`, `level`, `thread`/`thread_name`, `logger`/`logger_name`/`source`,
 * `message`, `stack_trace`). Pino lines (numeric `level`, `msg`) are not Java and are refused.
 * Invalid JSON (pasted logs lose escaping, lines get cut) is recovered key by key when a message
 * survives; otherwise the line is reported with the reason.
 */
import { epochToMs } from '../time';
import type { HeaderTime } from './header';
import { levelOfAnyCase } from './levels';
import { newStamp, readStamp } from './stamp';

export interface JsonLine {
  time: HeaderTime | null;
  /** Epoch milliseconds when the layout prints a number (`timeMillis`, `instant`). */
  epochMs?: number;
  level: number | null;
  pid?: number;
  thread?: string;
  logger?: string;
  message: string;
  /** Stack trace lines carried in the object (`stack_trace`, `thrown`). */
  stack?: string[];
  /** Why the line was not valid JSON, when it was recovered anyway. */
  recovered?: string;
}

export type JsonVerdict = { line: JsonLine } | { skip: string } | null;

const TIME_KEYS = ['@timestamp', 'timestamp', 'time', 'ts', 'date', 'datetime', 'log.time', 'timeMillis'];
const LEVEL_KEYS = ['level', 'log.level', 'severity', 'loglevel', 'levelname'];
const THREAD_KEYS = ['thread', 'thread_name', 'threadName', 'process.thread.name'];
const LOGGER_KEYS = ['logger', 'logger_name', 'loggerName', 'log.logger', 'source', 'category'];
const MESSAGE_KEYS = ['message', 'msg', 'short_message'];
const STACK_KEYS = ['stack_trace', 'stackTrace', 'error.stack_trace', 'exception', 'stacktrace'];

const st = newStamp();

function first(o: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
}

function timeOf(v: unknown, out: JsonLine): void {
  if (typeof v === 'number') {
    const ms = epochToMs(v);
    if (ms !== null) out.epochMs = ms;
  } else if (typeof v === 'string') {
    const t = v.trim();
    if (readStamp(t, 0, st)) out.time = { date: st.date, y: st.y, mo: st.mo, d: st.d, h: st.h, mi: st.mi, s: st.s, ms: st.ms, zone: st.zone };
    else if (/^\d{10,19}$/.test(t)) {
      const ms = epochToMs(Number(t));
      if (ms !== null) out.epochMs = ms;
    }
  } else if (v && typeof v === 'object') {
    // log4j2 JsonLayout `instant: {epochSecond, nanoOfSecond}`
    const o = v as Record<string, unknown>;
    if (typeof o.epochSecond === 'number') out.epochMs = o.epochSecond * 1000 + Math.floor(Number(o.nanoOfSecond ?? 0) / 1e6);
  }
}

function stackOf(v: unknown): string[] | undefined {
  if (typeof v === 'string') return v.split(/\r?\n/).filter((l) => l !== '');
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.stacktrace === 'string') return stackOf(o.stacktrace);
    if (typeof o.stack_trace === 'string') return stackOf(o.stack_trace);
    // log4j2 `thrown: {name, message, extendedStackTrace: [{class, method, file, line}]}`
    const name = typeof o.name === 'string' ? o.name : typeof o.exception_class === 'string' ? o.exception_class : undefined;
    if (name) {
      const lines = [o.message ? `${name}: ${String(o.message)}` : name];
      const frames = Array.isArray(o.extendedStackTrace) ? o.extendedStackTrace : [];
      for (const f of frames.slice(0, 500)) {
        const fr = f as Record<string, unknown>;
        lines.push(`\tat ${String(fr.class ?? '?')}.${String(fr.method ?? '?')}(${String(fr.file ?? 'Unknown Source')}${fr.line !== undefined ? `:${String(fr.line)}` : ''})`);
      }
      return lines;
    }
  }
  return undefined;
}

function fromObject(o: Record<string, unknown>): JsonLine | null {
  const lvRaw = first(o, LEVEL_KEYS);
  if (typeof lvRaw === 'number') return null; // pino/bunyan numeric levels
  const thread = first(o, THREAD_KEYS);
  const logger = first(o, LOGGER_KEYS);
  const msgRaw = o.message ?? o.short_message ?? (thread !== undefined || logger !== undefined ? o.msg : undefined);
  const level = typeof lvRaw === 'string' ? levelOfAnyCase(lvRaw) : null;
  if (typeof msgRaw !== 'string' && typeof msgRaw !== 'number') return null;
  // pino with string levels (`formatters.level`): `msg`, `hostname`, epoch `time`, no logger/thread
  if (o.message === undefined && o.hostname !== undefined && thread === undefined && logger === undefined) return null;
  if (level === null && thread === undefined && logger === undefined && o['@timestamp'] === undefined) return null;
  const out: JsonLine = { time: null, level, message: String(msgRaw) };
  timeOf(first(o, TIME_KEYS) ?? o.instant, out);
  if (typeof thread === 'string' || typeof thread === 'number') out.thread = String(thread);
  if (typeof logger === 'string') out.logger = logger;
  const pid = o.pid ?? o['process.pid'];
  if (typeof pid === 'number') out.pid = pid;
  const stack = stackOf(first(o, STACK_KEYS) ?? o.thrown);
  if (stack && stack.length) out.stack = stack;
  return out;
}

/** `"key": "value"` of a broken line; the value runs to the next `", "key":` or the closing `"}`. */
function looseString(text: string, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const m = new RegExp(`"${k.replace(/[.@]/g, (c) => '\\' + c)}"\\s*:\\s*"`).exec(text);
    if (!m) continue;
    const start = m.index + m[0].length;
    const next = /",\s*"[\w.@-]+"\s*:/g;
    next.lastIndex = start;
    const n = next.exec(text);
    if (n) return text.slice(start, n.index);
    const end = text.lastIndexOf('"}');
    if (end >= start) return text.slice(start, end);
    return undefined;
  }
  return undefined;
}

/** A line that is meant to be a JSON log object (so a parse failure is worth reporting). */
export function looksLikeJsonLog(text: string): boolean {
  const t = text.trimStart();
  return t.startsWith('{"') && /"(?:@timestamp|level|message|logger_name|thread_name|time|timestamp)"\s*:/.test(t.slice(0, 300));
}

/**
 * Parses a JSON log line. Returns `{line}` for a Java log object (possibly recovered), `{skip}` when
 * it is a broken JSON log line without a recoverable message, null when it is not a Java JSON line.
 */
export function parseJsonLine(text: string): JsonVerdict {
  const t = text.trim();
  if (t.charCodeAt(0) !== 123) return null;
  let obj: unknown;
  let err: string | null = null;
  try {
    obj = JSON.parse(t);
  } catch (e) {
    err = e instanceof Error ? e.message : String(e);
  }
  if (err === null) {
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return null;
    const line = fromObject(obj as Record<string, unknown>);
    return line ? { line } : null;
  }
  if (!looksLikeJsonLog(t) || /"level"\s*:\s*\d/.test(t)) return null; // not a Java JSON log, or pino/bunyan
  const reason = `invalid JSON (${err.replace(/\s+/g, ' ').slice(0, 120)})`;
  const message = looseString(t, MESSAGE_KEYS);
  if (message === undefined) return { skip: `${reason}; no message could be recovered` };
  const lv = looseString(t, LEVEL_KEYS);
  const line: JsonLine = { time: null, level: lv ? levelOfAnyCase(lv) : null, message, recovered: reason };
  const time = looseString(t, TIME_KEYS);
  if (time !== undefined) timeOf(time, line);
  const thread = looseString(t, THREAD_KEYS);
  if (thread !== undefined) line.thread = thread;
  const logger = looseString(t, LOGGER_KEYS);
  if (logger !== undefined) line.logger = logger;
  return { line };
}
