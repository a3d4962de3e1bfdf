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
export function durationMs(text: string): number | undefined {
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, 'µs': 0.001, 'μs': 0.001, ns: 0.000001 };
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|μs|ns)/y;
  let total = 0;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return undefined;
    total += Number(m[1]) * unit[m[2]!]!;
    pos = re.lastIndex;
  }
  return pos > 0 ? total : undefined;
}

const REQUEST_BODY = /^(?:(\S+) )?"([A-Z]{3,12}) (\S{1,2000})(?: HTTP\/[\d.]+)?" (\d{3})(?: (\d+|-))?(?: ([\dhmsuµμn.]+))?(?:\s|$)/;

/**
 * A request line written by an application's own middleware after its logger's prefix
 * (`127.0.0.1:56790 "GET /feed HTTP/1.1" 200 886 21.146ms`): the same fields as an access log.
 */
export function readRequestBody(body: string): { fields: GenericLogFields; status: number } | null {
  const m = REQUEST_BODY.exec(body);
  if (!m) return null;
  const status = Number(m[4]);
  if (status < 100 || status > 599) return null;
  const fields: GenericLogFields = { method: m[2]!, url: m[3]!, statusCode: status };
  if (m[1] && m[1] !== '-') fields.remoteAddress = m[1];
  if (m[5] && m[5] !== '-') fields.bytes = Number(m[5]);
  const rt = m[6] ? durationMs(m[6]) : undefined;
  if (rt !== undefined) fields.responseTimeMs = rt;
  return { fields, status };
}
