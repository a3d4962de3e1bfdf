/**
 * Access logs: NCSA Common and Combined Log Format as Apache and nginx write them, with a virtual
 * host in front (`vhost_combined`) and timing after the user agent: nginx `$request_time` (seconds
 * with a dot, also as `rt=0.123` / `request_time=0.123`), Apache `%D` (microseconds, one trailing
 * integer). Records get pino-http's fields so `http-5xx-burst` and `slow-responses` read them.
 */
import { LEVELS } from '../types';
import type { Clock } from './clock';
import type { GenericLogFields } from './fields';
import { readStamp } from './stamp';

/** 3 or 4 space-separated tokens (`[vhost] host ident user`), then the bracketed CLF time. */
const HEAD = /^((?:\S{1,512} ){3,4})\[(?=\d{2}\/[A-Z][a-z]{2}\/\d{4}:)/;
/** `"request" status bytes` after the time. The request may hold `\"` escapes (Apache). */
const REQUEST = /^ "((?:[^"\\]|\\.){0,16384})" (\d{3}) (\d{1,15}|-)/;
const FLOAT = /^\d{1,9}\.\d{1,6}$/;
const INT = /^\d{1,12}$/;
const KV_TIME = /^(?:rt|request_time|rtime|req_time)=(\d{1,9}(?:\.\d{1,6})?)$/;

export interface AccessLine {
  ts: number | null;
  tq: 'explicit' | 'assumed' | 'none';
  level: number;
  fields: GenericLogFields;
}

/** Quoted strings and bare words of the tail after the byte count. */
function tailTokens(s: string): { text: string; quoted: boolean }[] {
  const out: { text: string; quoted: boolean }[] = [];
  let i = 0;
  const n = s.length;
  while (i < n && out.length < 40) {
    while (i < n && s.charCodeAt(i) === 0x20) i++;
    if (i >= n) break;
    if (s.charCodeAt(i) === 0x22) {
      let j = i + 1;
      while (j < n && s.charCodeAt(j) !== 0x22) j += s.charCodeAt(j) === 0x5c ? 2 : 1;
      out.push({ text: s.slice(i + 1, Math.min(j, n)), quoted: true });
      i = j + 1;
    } else {
      let j = i;
      while (j < n && s.charCodeAt(j) !== 0x20) j++;
      out.push({ text: s.slice(i, j), quoted: false });
      i = j;
    }
  }
  return out;
}

function responseTimeMs(tokens: { text: string; quoted: boolean }[], firstAfterUa: number): number | undefined {
  for (let k = firstAfterUa; k < tokens.length; k++) {
    const t = tokens[k]!.text;
    const kv = KV_TIME.exec(t);
    if (kv) return Math.round(Number(kv[1]) * 1000 * 1000) / 1000;
  }
  for (let k = firstAfterUa; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (!t.quoted && FLOAT.test(t.text)) return Math.round(Number(t.text) * 1000 * 1000) / 1000;
  }
  // Apache `%D`: a single integer right after the user agent, last on the line.
  const last = tokens[firstAfterUa];
  if (last && !last.quoted && INT.test(last.text) && firstAfterUa === tokens.length - 1) return Number(last.text) / 1000;
  return undefined;
}

/** A Common/Combined Log Format line, or null. */
export function readAccessLine(text: string, clock: Clock): AccessLine | null {
  const h = HEAD.exec(text);
  if (!h) return null;
  const stamp = readStamp(text.slice(h[0].length - 1), clock);
  if (!stamp || stamp.format !== 'clf') return null;
  const after = text.slice(h[0].length - 1 + stamp.end);
  const r = REQUEST.exec(after);
  if (!r) return null;
  const heads = h[1]!.trim().split(' ');
  const fields: GenericLogFields = { format: 'clf' };
  const remote = heads[heads.length - 3];
  if (remote && remote !== '-') fields.remoteAddress = remote;
  const req = r[1]!;
  const sp1 = req.indexOf(' ');
  if (sp1 > 0 && /^[A-Z]{3,12}$/.test(req.slice(0, sp1))) {
    fields.method = req.slice(0, sp1);
    const rest = req.slice(sp1 + 1);
    const sp2 = rest.lastIndexOf(' HTTP/');
    fields.url = (sp2 >= 0 ? rest.slice(0, sp2) : rest).slice(0, 2000);
  }
  const status = Number(r[2]);
  fields.statusCode = status;
  if (r[3] !== '-') fields.bytes = Number(r[3]);
  const tokens = tailTokens(after.slice(r[0].length));
  let afterUa = 0;
  if (tokens[0]?.quoted && tokens[1]?.quoted) {
    if (tokens[0].text !== '-') fields.referer = tokens[0].text.slice(0, 2000);
    if (tokens[1].text !== '-') fields.userAgent = tokens[1].text.slice(0, 1000);
    afterUa = 2;
  }
  const rt = responseTimeMs(tokens, afterUa);
  if (rt !== undefined) fields.responseTimeMs = rt;
  // pino-http's default levels: 5xx error, 4xx warn, else info.
  const level = status >= 500 ? LEVELS.ERROR : status >= 400 ? LEVELS.WARN : LEVELS.INFO;
  return { ts: stamp.ts, tq: stamp.tq, level, fields };
}

/** Go's time.Duration text (`21.146ms`, `1m29.640997s`, `350µs`) or a bare number of ms, in ms. */
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, 'µs': 0.001, 'μs': 0.001, ns: 0.000001 };
/** UNIT_MS for a unit just matched: a Map finds a new substring's entry without the slow path of an object key. */
const UNITS = new Map(Object.entries(UNIT_MS));
const DURATION_PART = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|μs|ns)/y;

export function durationMs(text: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  const re = DURATION_PART;
  let total = 0;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    pos = re.lastIndex;
  }
  return pos > 0 ? total : undefined;
}

/** `"GET /feed HTTP/1.1" 200`, behind an optional client address: the request line is quoted, so it cannot be prose. */
const QUOTED_REQUEST = /^(?:(\S+) )?"([A-Z]{3,12}) (\S{1,2000})(?: HTTP\/[\d.]+)?" (\d{3})(?=\s|$)/;
/**
 * A duration that says its unit, maybe after a key: `12 ms`, `0.012s`, `10000ms`, `duration=92ms` (one part: groups 1, 2),
 * Go's `1m29.640997s` (several: group 3). TIMED reads it at `lastIndex` (sticky).
 */
const TIMED_SOURCE = String.raw`(?:(?:duration|took|elapsed|latency)=)?(?:(\d{1,12}(?:\.\d{1,9})?) ?(h|ms|m|s|us|µs|μs|ns)|((?:\d{1,12}(?:\.\d{1,9})?(?:h|ms|m|s|us|µs|μs|ns)){2,6}))(?=\s|$)`;
const TIMED = new RegExp(TIMED_SOURCE, 'y');
/**
 * `GET /api/v1/users/26391 200 5067ms`, `GET /api/invoices/398913 200 109B 98ms`, `GET /api/stock/SKU-00998 status=200 duration=92ms`
 * (servlet filters' own formats): unquoted, so they only count with a timed tail. Groups: method, url, `status=`,
 * status; a duration right after it is matched too (TIMED's groups as 5 to 7), which saves a second regex call for
 * the usual line.
 */
const BARE_REQUEST = new RegExp(String.raw`^([A-Z]{3,12}) (\/\S{0,2000}) (status=)?(\d{3})(?=\s|$)(?: ${TIMED_SOURCE})?`);
/** A client address before the quoted request (`127.0.0.1:56790`, `[::1]:443`, `-`). */
const ADDRESS = /^(?:-|\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?|\[?[0-9a-fA-F]{0,4}(?::[0-9a-fA-F.]{0,15}){2,8}\]?(?::\d{1,5})?)$/;
/** At `lastIndex` (sticky, like TIMED: the tail is read where it starts, not sliced off). */
const BYTES = /(?:(\d{1,15})B?|-)(?=\s|$)/y;
const BARE_MS = /\d{1,12}(?:\.\d{1,9})?(?=\s|$)/y;

/** Milliseconds of a duration that says its unit at `s[at]` (`12 ms`, `0.012s`, `duration=92ms`), else undefined. */
export function timedMs(s: string, at = 0): number | undefined {
  TIMED.lastIndex = at;
  const t = TIMED.exec(s);
  return t ? matchedMs(t, 1) : undefined;
}

/** The milliseconds of TIMED's groups, found from `g` on in a match. */
function matchedMs(m: RegExpExecArray, g: number): number | undefined {
  if (m[g + 2] !== undefined) return durationMs(m[g + 2]!);
  const unit = m[g + 1]!;
  return Number(m[g]) * (unit === 'ms' ? 1 : UNITS.get(unit)!);
}

/** After the status, which ends at `end`: `[bytes] [duration]`. True when the duration carried its unit. */
function readTail(body: string, end: number, fields: GenericLogFields): boolean {
  if (body.charCodeAt(end) !== 0x20) return false;
  let at = end + 1;
  let rt = timedMs(body, at);
  if (rt === undefined) {
    BYTES.lastIndex = at;
    const b = BYTES.exec(body);
    if (!b) return false;
    if (b[1] !== undefined) fields.bytes = Number(b[1]);
    at += b[0].length;
    if (body.charCodeAt(at) !== 0x20) return false;
    at++;
    rt = timedMs(body, at);
    if (rt === undefined) {
      // A bare number after the byte count: the Go middleware's milliseconds.
      BARE_MS.lastIndex = at;
      const ms = BARE_MS.exec(body);
      if (ms) fields.responseTimeMs = Number(ms[0]);
      return false;
    }
  }
  fields.responseTimeMs = rt;
  return true;
}

/** QUOTED_REQUEST's quote opens the text or follows its first word and a space. */
function mayBeQuoted(body: string): boolean {
  return body.charCodeAt(0) === 34 || body.charCodeAt(body.indexOf(' ') + 1) === 34;
}

/** `Number` of three ASCII digits. */
function threeDigits(s: string): number {
  return (s.charCodeAt(0) - 48) * 100 + (s.charCodeAt(1) - 48) * 10 + (s.charCodeAt(2) - 48);
}

/**
 * A request line written by an application's own middleware or filter after its logger's prefix:
 * `127.0.0.1:56790 "GET /feed HTTP/1.1" 200 886 21.146ms` (Go), `"POST /api/v1/invoices/21899/payments HTTP/1.1" 500 10000ms`
 * (a Java access filter), `GET /api/v1/users/26391 200 5067ms` (Spring) and the other unquoted forms above. The same
 * fields as an access log.
 * `needTime`: only when a duration with its unit follows (a logger's message is often prose about a request).
 * The unquoted form always needs it.
 */
export function readRequestBody(body: string, needTime = false): { fields: GenericLogFields; status: number } | null {
  let fields: GenericLogFields;
  let end: number;
  let timedOnly = needTime;
  const q = mayBeQuoted(body) ? QUOTED_REQUEST.exec(body) : null;
  if (q) {
    // In a logger's message a word before the quote is prose (`Calling "GET …"`), not a client.
    if (needTime && q[1] !== undefined && !ADDRESS.test(q[1])) return null;
    fields = { method: q[2]!, url: q[3]!, statusCode: Number(q[4]) };
    if (q[1] && q[1] !== '-') fields.remoteAddress = q[1];
    end = q[0].length;
  } else {
    const b = BARE_REQUEST.exec(body);
    if (!b) return null;
    fields = { method: b[1]!, url: b[2]!, statusCode: threeDigits(b[4]!) };
    end = b[1]!.length + b[2]!.length + (b[3] !== undefined ? 12 : 5);
    timedOnly = true;
    const rt = b[5] !== undefined || b[7] !== undefined ? matchedMs(b, 5) : undefined;
    if (rt !== undefined) {
      // the duration right after the status, which readTail would read
      if (fields.statusCode! < 100 || fields.statusCode! > 599) return null;
      fields.responseTimeMs = rt;
      return { fields, status: fields.statusCode! };
    }
  }
  const status = fields.statusCode!;
  if (status < 100 || status > 599) return null;
  const timed = readTail(body, end, fields);
  if (timedOnly && !timed) return null;
  return { fields, status };
}
