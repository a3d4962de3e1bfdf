/**
 * One JSON log object → the start of a record, whichever logger wrote it: time (`time`, zap's `ts`
 * in epoch seconds, `timestamp`, `@timestamp`, journald's `__REALTIME_TIMESTAMP` in µs), level
 * (labels of any case, Bunyan/pino numbers, journald/syslog `PRIORITY`, ECS `log.level`), message,
 * logger, pid, host, the error (`error`/`err` strings typed like text errors, Bunyan/pino error
 * objects, ECS `error.*`), zap's `stacktrace`, and HTTP request fields. Field picking only.
 */
import { addNumbers } from '../numeric-leaves';
import { normalizeErr } from '../pino/node-error';
import { epochToMs, parseIsoStamp, type ResolvedTime } from '../time';
import type { NumericLeaves, TimeContext } from '../types';
import { GENERIC_KINDS, type GenericLogFields } from '../textlog/fields';
import { httpFromKeys } from '../textlog/http-keys';
import { levelOfSyslogSeverity, levelOfWord } from '../textlog/levels';
import { attachError } from '../textlog/line';
import { capMessage, MAX_CONTINUATION, MAX_EXTRA_KEYS, shallow, type Start } from '../textlog/model';
import { errorFromText } from '../textlog/net-error';
import { isObj, type Family, type Obj } from './families';

const STACK_LINES = 20;

/** `a.b.c` as a flat key (`"log.level"`) or a nested path (`{"log":{"level":…}}`). */
export function get(o: Obj, path: string): unknown {
  const flat = o[path];
  if (flat !== undefined) return flat;
  if (!path.includes('.')) return undefined;
  let cur: unknown = o;
  for (const part of path.split('.')) {
    if (!isObj(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function firstOf(o: Obj, keys: readonly string[]): { key: string; value: unknown } | null {
  for (const k of keys) {
    const v = get(o, k);
    if (v !== undefined && v !== null) return { key: k, value: v };
  }
  return null;
}

export function timeOf(ctx: TimeContext, v: unknown, key: string): ResolvedTime | null {
  if (key === '__REALTIME_TIMESTAMP') {
    const n = Number(v);
    return Number.isFinite(n) && n > 0 ? { ts: Math.round(n / 1000), tq: 'explicit' } : null;
  }
  if (typeof v === 'number') {
    const ms = epochToMs(v);
    return ms === null ? null : { ts: ms, tq: 'explicit' };
  }
  if (typeof v !== 'string' || v.length > 64) return null;
  if (/^\d{9,19}(?:\.\d+)?$/.test(v)) {
    const ms = epochToMs(Number(v));
    return ms === null ? null : { ts: ms, tq: 'explicit' };
  }
  const iso = parseIsoStamp(ctx, v.trim());
  return iso ? { ts: iso.ts, tq: iso.tq } : null;
}

const TIME_KEYS = ['time', 'ts', 'timestamp', '@timestamp', '__REALTIME_TIMESTAMP', 'date', 'datetime', 't', 'eventTime', 'asctime'];
const LEVEL_KEYS = ['level', 'log.level', 'lvl', 'severity', 'levelname', 'loglevel', 'error_severity', 'PRIORITY'];
const MSG_KEYS = ['msg', 'message', 'MESSAGE', 'event', 'short_message', '@message'];
const LOGGER_KEYS = ['logger', 'log.logger', 'name', 'SYSLOG_IDENTIFIER', 'component', 'logger_name', 'backend_type'];
const PID_KEYS = ['pid', '_PID', 'process.pid'];
const HOST_KEYS = ['hostname', '_HOSTNAME', 'host.hostname', 'host'];
const CALLER_KEYS = ['caller', 'source', 'log.origin.file.name', 'CODE_FILE'];
const ERR_KEYS = ['error', 'err', 'exception', 'exc_info', 'error.message'];
const STACK_KEYS = ['stacktrace', 'stack', 'error.stack_trace'];

/** Keys read into the record (left out of `extra`). */
const USED = new Set([
  ...TIME_KEYS, ...LEVEL_KEYS, ...MSG_KEYS, ...LOGGER_KEYS, ...PID_KEYS, ...HOST_KEYS, ...CALLER_KEYS, ...ERR_KEYS, ...STACK_KEYS,
  'v', 'log', 'error', 'ecs.version', 'ecs', '@version',
]);

function levelOf(v: unknown, key: string, fields: GenericLogFields): number | null {
  if (key === 'PRIORITY') return levelOfSyslogSeverity(Number(v));
  if (typeof v === 'number') return Number.isFinite(v) ? v : null; // Bunyan/pino scale
  if (typeof v !== 'string') return null;
  const lv = levelOfWord(v.trim());
  if (lv === null) fields.levelLabel = v.slice(0, 40);
  else if (/^(?:panic|dpanic|notice|critical|crit|alert|emerg|log)$/i.test(v.trim())) fields.levelLabel = v.trim();
  return lv;
}

function stackText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string').join('\n');
  return undefined;
}

function capStack(s: string): string {
  let idx = -1;
  for (let n = 0; n < STACK_LINES; n++) {
    idx = s.indexOf('\n', idx + 1);
    if (idx === -1) return s;
  }
  return s.slice(0, idx);
}

export function interpretObject(o: Obj, family: Family, ctx: TimeContext): Start {
  const fields: GenericLogFields = { format: family };
  const s: Start = { ts: null, tq: 'none', level: null, message: '', kind: null, fields };

  const t = firstOf(o, TIME_KEYS);
  if (t) {
    const r = timeOf(ctx, t.value, t.key);
    if (r) {
      s.ts = r.ts;
      s.tq = r.tq;
    }
  }
  const lv = firstOf(o, LEVEL_KEYS);
  if (lv) s.level = levelOf(lv.value, lv.key, fields);

  const m = firstOf(o, MSG_KEYS);
  if (m) {
    if (typeof m.value === 'string') s.message = capMessage(m.value);
    else if (Array.isArray(m.value) && m.value.every((x) => typeof x === 'number')) {
      s.message = capMessage(Buffer.from(m.value as number[]).toString('utf8')); // journald: non-UTF-8 MESSAGE as bytes
    } else if (typeof m.value === 'number' || typeof m.value === 'boolean') s.message = String(m.value);
  }

  const logger = firstOf(o, LOGGER_KEYS);
  if (logger && typeof logger.value === 'string' && !(family === 'ecs' && logger.key === 'name')) s.logger = logger.value.slice(0, 300);
  const pid = firstOf(o, PID_KEYS);
  if (pid) {
    const n = Number(pid.value);
    if (Number.isInteger(n) && n >= 0) s.pid = n;
  }
  const host = firstOf(o, HOST_KEYS);
  if (host && typeof host.value === 'string') fields.host = host.value.slice(0, 255);
  const caller = firstOf(o, CALLER_KEYS);
  if (caller && typeof caller.value === 'string') fields.caller = caller.value.slice(0, 300);
  if (typeof o.thread === 'string') s.thread = o.thread;

  // Errors: strings (Go, Python) are typed like text; objects (Bunyan/pino serializers, ECS) normalised.
  const e = firstOf(o, ERR_KEYS);
  let errText: string | undefined;
  if (e) {
    if (typeof e.value === 'string') errText = e.value;
    else if (isObj(e.value)) {
      const err = normalizeErr(e.value);
      if (err) {
        fields.err = err.code ? err : { ...err, ...pickCode(errorFromText(err.message)) };
        fields.exception = { type: err.type, message: err.message };
      }
    }
  } else if (isObj(o.error)) {
    const err = normalizeErr({ type: get(o, 'error.type'), message: get(o, 'error.message'), stack: get(o, 'error.stack_trace') });
    if (err) {
      fields.err = err;
      fields.exception = { type: err.type, message: err.message };
    }
  }
  if (httpFromKeys((k) => get(o, k) ?? (isObj(o.req) ? o.req[k] : undefined) ?? (isObj(o.res) ? o.res[k] : undefined), fields)) s.kind = GENERIC_KINDS.httpRequest;

  if (!fields.err) attachError(s, errText);
  else if (fields.err.code) s.kind ??= GENERIC_KINDS.netError;
  if (!s.message && fields.err) s.message = fields.err.message;
  // zap's `stacktrace` (Error level and above), a Node/Python stack: onto the error when there is one, else the
  // record's continuation, where the text and Java parsers put the stack lines a record carries.
  const stack = stackText(firstOf(o, STACK_KEYS)?.value);
  if (stack && fields.err) fields.err.stack ??= capStack(stack);
  else if (stack) s.carried = stack.split('\n', MAX_CONTINUATION);

  let n = 0;
  let numbers: NumericLeaves | undefined;
  for (const k in o) {
    if (USED.has(k) || k === '__proto__' || (family === 'journald' && k.startsWith('_'))) continue;
    if (n++ >= MAX_EXTRA_KEYS) break;
    const v = o[k];
    (fields.extra ??= {})[k] = shallow(v);
    if (typeof v === 'number' || (typeof v === 'object' && v !== null)) numbers = addNumbers(numbers, k, v);
  }
  if (numbers) s.numbers = numbers;
  return s;
}

function pickCode(e: { code?: string; syscall?: string; address?: string; port?: number }): object {
  const out: Record<string, unknown> = {};
  if (e.code) out.code = e.code;
  if (e.syscall) out.syscall = e.syscall;
  if (e.address) out.address = e.address;
  if (e.port !== undefined) out.port = e.port;
  return out;
}
