/**
 * One pino log object → the parts of a LogRecord. Shared by the NDJSON path and pino-pretty (which
 * rebuilds the object from its header and indented properties), so both type records alike.
 * Field picking only: the NDJSON path must stay at one JSON.parse plus this per line.
 */
import { addNumbers } from '../numeric-leaves';
import { httpFromKeys } from '../textlog/http-keys';
import { epochToMs, parseIsoStamp, type ResolvedTime } from '../time';
import type { NumericLeaves, TimeContext, TimeQuality } from '../types';
import { PINO_KINDS, type NodeErrFields, type PinoFields } from './fields';
import { levelFromValue } from './levels';
import { exceptionOf, normalizeErr } from './node-error';

export type Obj = Record<string, unknown>;

export interface Interpreted {
  ts: number | null;
  tq: TimeQuality;
  level: number | null;
  pid?: number;
  logger?: string;
  message: string;
  kind: string | null;
  fields: PinoFields;
  /** Numbers among the untyped keys (see parsers/numeric-leaves.ts). */
  numbers?: NumericLeaves;
  /** Fields came from another line (LogRecord.fromContext). */
  fromContext?: true;
}

/** pino-http's and fastify's default messages (pino-http src/logger.js, fastify lib/logger.js). */
const HTTP_DONE = new Set(['request completed', 'request errored', 'request aborted']);
const HTTP_INCOMING = 'incoming request';

const MAX_MESSAGE = 64 * 1024;
const MAX_EXTRA_KEYS = 40;
const MAX_EXTRA_CHARS = 1000;

/** Keys every pino line may carry that have a home outside `extra`. */
const BASE_KEYS = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'name', 'v', 'reqId', 'req', 'res', 'responseTime']);
/** Error properties pino ≤ 6 spread onto the line itself for `logger.error(err)`. */
const TOP_ERR_KEYS = ['type', 'stack', 'code', 'errno', 'syscall', 'address', 'port'];

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.length < 20 && /^\d+(?:\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}

function idOf(v: unknown): string | number | undefined {
  if (typeof v === 'string') return v.slice(0, 200);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return undefined;
}

/** `time` as pino writes it: epoch ms (default), epoch s (`epochTime`/`unixTime`), ISO (`isoTime`). */
export function timeOfValue(ctx: TimeContext, v: unknown): ResolvedTime | null {
  if (typeof v === 'number') {
    const ms = epochToMs(v);
    return ms === null ? null : { ts: ms, tq: 'explicit' };
  }
  if (typeof v !== 'string' || v.length > 64) return null;
  if (/^\d{9,19}(?:\.\d+)?$/.test(v)) {
    const ms = epochToMs(Number(v));
    return ms === null ? null : { ts: ms, tq: 'explicit' };
  }
  const iso = parseIsoStamp(ctx, v);
  return iso ? { ts: iso.ts, tq: iso.tq } : null;
}

/** A serialised Node error with nothing else around it (fastify-ws#8 pasted only `err`). */
export function isBareError(o: Obj): boolean {
  return o.level === undefined && o.msg === undefined && typeof o.message === 'string' && typeof o.stack === 'string' &&
    (typeof o.type === 'string' || typeof o.name === 'string' || typeof o.code === 'string');
}

function errObjectOf(v: unknown): NodeErrFields | null {
  if (typeof v === 'string') return normalizeErr(v);
  if (!isObj(v)) return null;
  if (v.message === undefined && v.stack === undefined && v.type === undefined && v.code === undefined) return null;
  return normalizeErr(v);
}

function shallow(v: unknown): unknown {
  if (typeof v === 'string') return v.length > MAX_EXTRA_CHARS ? v.slice(0, MAX_EXTRA_CHARS) + '…' : v;
  if (v === null || typeof v !== 'object') return v;
  let s: string;
  try {
    s = JSON.stringify(v);
  } catch {
    return '[unserialisable]';
  }
  return s.length > MAX_EXTRA_CHARS ? s.slice(0, MAX_EXTRA_CHARS) + '…' : s;
}

/**
 * Remembers the method and URL of fastify's `incoming request` lines so the matching
 * `request completed` line (which carries only `reqId`) gets them too. Bounded.
 */
export class RequestTracker {
  private readonly open = new Map<string, { method?: string; url?: string }>();
  constructor(private readonly cap = 10_000) {}

  remember(key: string, v: { method?: string; url?: string }): void {
    if (this.open.size >= this.cap) {
      const oldest = this.open.keys().next();
      if (!oldest.done) this.open.delete(oldest.value);
    }
    this.open.set(key, v);
  }

  take(key: string): { method?: string; url?: string } | undefined {
    const v = this.open.get(key);
    if (v) this.open.delete(key);
    return v;
  }
}

export interface InterpretOptions {
  /** A time read outside the object (pino-pretty header, a process-manager column); used when the object has none. */
  time?: ResolvedTime | null;
  /** Level read outside the object (pino-pretty label). */
  level?: number | null;
  levelLabel?: string;
}

export function interpretObject(o: Obj, ctx: TimeContext, tracker: RequestTracker, opts: InterpretOptions = {}): Interpreted {
  if (isBareError(o)) {
    const err = normalizeErr(o)!;
    return { ts: null, tq: 'none', level: null, message: err.message, kind: PINO_KINDS.nodeError, fields: { err, exception: exceptionOf(err) } };
  }
  const fields: PinoFields = {};
  const used = new Set<string>();

  const t = timeOfValue(ctx, o.time) ?? (o.time === undefined ? timeOfValue(ctx, o.timestamp) : null) ?? opts.time ?? null;
  if (o.time === undefined && o.timestamp !== undefined && t) used.add('timestamp');

  let level: number | null = opts.level ?? null;
  if (o.level !== undefined) {
    const lv = levelFromValue(o.level);
    level = lv.level;
    if (lv.label) fields.levelLabel = lv.label;
  } else if (opts.levelLabel) fields.levelLabel = opts.levelLabel;

  const pid = num(o.pid);
  const hostname = typeof o.hostname === 'string' ? o.hostname : undefined;
  if (hostname) fields.hostname = hostname;
  const logger = typeof o.name === 'string' ? o.name : undefined;

  let message: string | undefined;
  const msg = o.msg;
  if (typeof msg === 'string') message = msg;
  else if (typeof msg === 'number' || typeof msg === 'boolean') message = String(msg);
  else if (msg === undefined && typeof o.message === 'string') {
    message = o.message; // messageKey: 'message'
    used.add('message');
  }

  // Errors: `err` (pino's serializer), `error` (a common alias), or pino ≤ 6 spreading err onto the line.
  let err: NodeErrFields | null = null;
  if (o.err !== undefined) {
    err = errObjectOf(o.err);
    if (err) used.add('err');
  }
  if (!err && o.error !== undefined) {
    err = errObjectOf(o.error);
    if (err) used.add('error');
  }
  if (!err && typeof o.type === 'string' && typeof o.stack === 'string') {
    err = normalizeErr({ ...pick(o, TOP_ERR_KEYS), message: typeof o.message === 'string' ? o.message : message ?? '' });
    for (const k of TOP_ERR_KEYS) used.add(k);
    if (typeof o.message === 'string') used.add('message');
  }
  if (!message) message = err?.message ?? message ?? '';
  if (message.length > MAX_MESSAGE) message = message.slice(0, MAX_MESSAGE) + '…';

  // HTTP: pino-http (`req`, `res`, `responseTime`), fastify (`reqId`, `req` on `incoming request`).
  const req = isObj(o.req) ? o.req : null;
  const res = isObj(o.res) ? o.res : null;
  const reqId = idOf(o.reqId) ?? (req ? idOf(req.id) : undefined);
  if (reqId !== undefined) fields.reqId = reqId;
  if (req) {
    if (typeof req.method === 'string') fields.method = req.method.toUpperCase();
    if (typeof req.url === 'string') fields.url = req.url.slice(0, 2000);
    if (typeof req.remoteAddress === 'string') fields.remoteAddress = req.remoteAddress;
    const rp = num(req.remotePort);
    if (rp !== undefined) fields.remotePort = rp;
    const headers = isObj(req.headers) ? req.headers : null;
    const host = headers?.host ?? req.hostname ?? req.host;
    if (typeof host === 'string') fields.host = host;
  }
  const statusCode = res ? num(res.statusCode) : undefined;
  const responseTime = num(o.responseTime);
  let kind: string | null = null;
  let fromContext = false;
  if (message === HTTP_INCOMING && req) {
    kind = PINO_KINDS.httpIncoming;
    if (reqId !== undefined && (fields.method || fields.url)) tracker.remember(`${pid ?? ''}|${reqId}`, { method: fields.method, url: fields.url });
  } else if (statusCode !== undefined || responseTime !== undefined || HTTP_DONE.has(message)) {
    kind = PINO_KINDS.httpRequest;
    if (statusCode !== undefined) fields.statusCode = statusCode;
    if (responseTime !== undefined) fields.responseTimeMs = responseTime;
    if (reqId !== undefined) {
      const seen = tracker.take(`${pid ?? ''}|${reqId}`);
      if (seen && !fields.method && seen.method) fields.method = seen.method;
      if (seen && !fields.url && seen.url) fields.url = seen.url;
      if (seen && (seen.method || seen.url)) fromContext = true;
    }
  }
  // A JSON logger with pino's shape but flat request keys (`method`, `status`, `duration_ms`: Go services, hand-rolled
  // loggers): the same HTTP request as json-log reads it.
  if (kind === null && !req && !res && httpFromKeys((k) => o[k], fields)) kind = PINO_KINDS.httpRequest;
  if (err) {
    fields.err = err;
    fields.exception = exceptionOf(err);
    kind ??= PINO_KINDS.nodeError;
  }

  let extra: Record<string, unknown> | undefined;
  let numbers: NumericLeaves | undefined;
  let n = 0;
  for (const k in o) {
    if (BASE_KEYS.has(k) || used.has(k) || k === '__proto__') continue;
    if (n++ >= MAX_EXTRA_KEYS) break;
    const v = o[k];
    (extra ??= {})[k] = shallow(v);
    if (typeof v === 'number' || (typeof v === 'object' && v !== null)) numbers = addNumbers(numbers, k, v);
  }
  if (extra) fields.extra = extra;

  const out: Interpreted = { ts: t?.ts ?? null, tq: t?.tq ?? 'none', level, message, kind, fields };
  if (numbers) out.numbers = numbers;
  if (pid !== undefined) out.pid = pid;
  if (logger !== undefined) out.logger = logger;
  if (fromContext) out.fromContext = true;
  return out;
}

function pick(o: Obj, keys: readonly string[]): Obj {
  const out: Obj = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
