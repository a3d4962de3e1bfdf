/**
 * One text line → the start of a record, or null when the line does not start one (no time stamp
 * and no access-log or logfmt shape). Reads the time stamp, then what the layout after it says:
 * PostgreSQL's `[pid] SEVERITY:  `, syslog's `host prog[pid]: `, zap's tab columns, Python's
 * ` - name - LEVEL - `, nginx's `[level] pid#tid: `, klog, Android, Redis, Go's `file.go:12: `,
 * and otherwise the first level token. Error text in the line is typed into `err`.
 */
import { epochToMs, parseIsoStamp } from '../time';
import { LEVELS } from '../types';
import { readAccessLine, readRequestBody } from './access';
import type { Clock } from './clock';
import { GENERIC_KINDS } from './fields';
import { httpFromKeys } from './http-keys';
import { levelOfLetter, levelOfSyslogSeverity, levelOfWord } from './levels';
import { scanLevel } from './level-scan';
import { parseLogfmt, startsLikeLogfmt, type LogfmtPair } from './logfmt';
import { capMessage, MAX_EXTRA_KEYS, shallow, type Start } from './model';
import { errorFromText, netErrorOf } from './net-error';
import { PG_FOLLOW_UPS, readPgLine } from './postgres';
import { readStamp, type Stamp } from './stamp';

const SYSLOG_TAIL = /^([\w.:-]{1,255}) ([^\s:[\]]{1,128})(?:\[(\d{1,10})\])?: ?/;
const PRIORITY = /^<(\d{1,3})>(1 )?/;
const GO_CALLER = /^([\w./-]{1,200}\.go:\d{1,7}): /;
const NGINX_PID = /^(\d{1,10})#(\d{1,10}): (?:\*\d{1,20} )?/;
const APACHE_PID = /\[pid (\d{1,10})(?::tid (\d{1,20}))?\] ?/;
const BRACKET_PID = /^\[(\d{1,10})\]:? /;
const KLOG_TAIL = /^ {1,10}(\d{1,10}) ([^\s\]]{1,200}:\d{1,7})\] ?/;
const ANDROID_TAIL = /^ {1,6}(\d{1,7}) {1,6}(\d{1,7}) ([VDIWEFA]) ([^:]{0,100}?) ?: ?/;
const PYTHON = /^- ([^\s]{1,200}) - ([A-Z]{3,8}) - /;
const REDIS_LEVEL: Record<string, number> = { '.': 20, '-': 20, '*': 30, '#': 40 };
/** Tokens that may stand before a level without being message text: numbers, `[…]`, `-`, `|`. */
const PREFIX_ONLY = /^(?:(?:\[[^\]]{0,100}\]|\(?\d{1,10}\)?|\d{1,10}#\d{1,10}:?|-|\|)[ \t]+){1,5}$/;
const ACCESS_HINT = / \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:/;

const TIME_KEYS = new Set(['time', 'ts', 't', 'timestamp']);
const LEVEL_KEYS = new Set(['level', 'lvl', 'severity', 'loglevel']);
const MSG_KEYS = new Set(['msg', 'message']);
const ERR_KEYS = new Set(['error', 'err']);
const CALLER_KEYS = new Set(['caller', 'source']);

/** Puts a typed `err` on the start when the error text (or, without one, the message) names a system error. */
export function attachError(s: Start, errText: string | undefined): void {
  if (errText !== undefined && errText !== '') {
    const err = errorFromText(errText);
    s.fields.err = err;
    s.fields.exception = { type: err.type, message: err.message };
    if (err.code) s.kind ??= GENERIC_KINDS.netError;
    return;
  }
  const net = netErrorOf(s.message);
  if (net) {
    s.fields.err = net;
    s.fields.exception = { type: net.type, message: net.message };
    s.kind ??= GENERIC_KINDS.netError;
  }
}

function fromLogfmt(pairs: LogfmtPair[], clock: Clock, base: Start | null): Start | null {
  let tsSet = false;
  const s: Start = base ?? { ts: null, tq: 'none', level: null, message: '', kind: null, fields: {} };
  s.fields.format = base ? s.fields.format : 'logfmt';
  let msg: string | undefined;
  let errText: string | undefined;
  let hasLevel = false;
  let extra: Record<string, unknown> | undefined;
  let nExtra = 0;
  for (const { key, value } of pairs) {
    if (TIME_KEYS.has(key) && !tsSet) {
      const t = /^\d{9,19}(?:\.\d+)?$/.test(value) ? { ts: epochToMs(Number(value)), tq: 'explicit' as const } : parseIsoStamp(clock.ctx, value);
      if (t && t.ts !== null) {
        if (!base) {
          s.ts = t.ts;
          s.tq = t.tq;
        }
        tsSet = true;
        continue;
      }
    }
    if (LEVEL_KEYS.has(key) && !hasLevel) {
      const lv = levelOfWord(value);
      if (lv !== null) {
        s.level = lv;
        if (/^(?:panic|dpanic|notice|crit|critical)$/i.test(value)) s.fields.levelLabel = value;
        hasLevel = true;
        continue;
      }
    }
    if (MSG_KEYS.has(key) && msg === undefined) msg = value;
    else if (ERR_KEYS.has(key) && errText === undefined) errText = value;
    else if (CALLER_KEYS.has(key) && s.fields.caller === undefined) s.fields.caller = value.slice(0, 300);
    else if (key === 'pid' && /^\d{1,10}$/.test(value)) s.pid = Number(value);
    else if ((key === 'logger' || key === 'component' || key === 'module') && s.logger === undefined) s.logger = value.slice(0, 300);
    else if (nExtra++ < MAX_EXTRA_KEYS && key !== '__proto__') (extra ??= {})[key] = shallow(value);
  }
  if (!base && !tsSet && !(hasLevel && msg !== undefined)) return null;
  if (msg !== undefined) s.message = capMessage(msg);
  else if (!base) s.message = '';
  if (extra) s.fields.extra = { ...(s.fields.extra ?? {}), ...extra };
  const all = new Map<string, string>();
  for (const p of pairs) if (!all.has(p.key)) all.set(p.key, p.value);
  if (httpFromKeys((k) => all.get(k), s.fields)) s.kind = GENERIC_KINDS.httpRequest;
  attachError(s, errText);
  return s;
}

/** The message part of a line: a logfmt body (dockerd in syslog) or a level scan. */
function interpretBody(s: Start, body: string, clock: Clock): void {
  if (startsLikeLogfmt(body)) {
    const lf = parseLogfmt(body);
    if (lf.pairs.length >= 2 && lf.bare === 0) {
      fromLogfmt(lf.pairs, clock, s);
      return;
    }
  }
  const req = readRequestBody(body);
  if (req) {
    Object.assign(s.fields, req.fields);
    s.kind = GENERIC_KINDS.httpRequest;
    // pino-http's default levels: 5xx error, 4xx warn, else info.
    if (s.level === null) s.level = req.status >= 500 ? LEVELS.ERROR : req.status >= 400 ? LEVELS.WARN : LEVELS.INFO;
    s.message = capMessage(body);
    return;
  }
  const caller = GO_CALLER.exec(body);
  if (caller) {
    s.fields.caller = caller[1]!;
    body = body.slice(caller[0].length);
  }
  const hit = scanLevel(body);
  if (hit && hit.tokenAt <= 80) {
    if (s.level === null) s.level = hit.level;
    if (hit.label) s.fields.levelLabel = hit.label;
    // What stood before the level (a pid, `[thread]`, a `-` separator) is not message text; words are.
    s.message = capMessage(hit.tokenAt === 0 || PREFIX_ONLY.test(body.slice(0, hit.tokenAt)) ? body.slice(hit.messageAt) : body);
  } else s.message = capMessage(body);
  attachError(s, undefined);
}

function startOf(st: { ts: number | null; tq: Start['tq'] }, format: string): Start {
  return { ts: st.ts, tq: st.tq, level: null, message: '', kind: null, fields: { format } };
}

/** zap's console encoder: `TIME\tLEVEL\tcaller\tmessage\t{"key": "value"}`. */
function zapConsole(stamp: Stamp, rest: string): Start | null {
  const cols = rest.slice(1).split('\t');
  const lv = levelOfWord(cols[0] ?? '');
  if (lv === null || cols.length < 2) return null;
  const s = startOf(stamp, 'zap-console');
  s.level = lv;
  if (/^(?:DPANIC|PANIC)$/.test(cols[0]!)) s.fields.levelLabel = cols[0]!;
  let i = 1;
  if (cols.length > 2 && /^[\w./-]{1,300}:\d{1,7}$/.test(cols[1]!)) s.fields.caller = cols[i++]!;
  let errText: string | undefined;
  const last = cols[cols.length - 1]!;
  let msgCols = cols.slice(i);
  if (msgCols.length > 1 && last.startsWith('{') && last.endsWith('}')) {
    try {
      const o = JSON.parse(last) as Record<string, unknown>;
      msgCols = msgCols.slice(0, -1);
      const extra: Record<string, unknown> = {};
      let n = 0;
      for (const k of Object.keys(o)) {
        if ((k === 'error' || k === 'err') && typeof o[k] === 'string' && errText === undefined) errText = o[k] as string;
        else if (n++ < MAX_EXTRA_KEYS && k !== '__proto__') extra[k] = shallow(o[k]);
      }
      if (n > 0) s.fields.extra = extra;
      if (httpFromKeys((k) => o[k], s.fields)) s.kind = GENERIC_KINDS.httpRequest;
    } catch {
      // not JSON after all: part of the message
    }
  }
  s.message = capMessage(msgCols.join('\t'));
  attachError(s, errText);
  return s;
}

/** The start of a record in `text` (wrappers and colours already removed), or null. */
export function readTextLine(text: string, clock: Clock): Start | null {
  if (text === '') return null;
  const c0 = text.charCodeAt(0);
  if (c0 === 0x20 || c0 === 0x09) return null;

  // Access logs start with the client address; the time is in brackets further on.
  if (c0 !== 0x5b && text.length < 20000 && ACCESS_HINT.test(text.slice(0, 700))) {
    const a = readAccessLine(text, clock);
    if (a) {
      const f = a.fields;
      return { ts: a.ts, tq: a.tq, level: a.level, message: capMessage(text), kind: GENERIC_KINDS.httpRequest, fields: f };
    }
  }

  if (startsLikeLogfmt(text)) {
    const lf = parseLogfmt(text);
    if (lf.pairs.length >= 2 && lf.bare <= 1) {
      const s = fromLogfmt(lf.pairs, clock, null);
      if (s) return s;
    }
  }

  let t = text;
  let priLevel: number | null = null;
  if (c0 === 0x3c /* < */) {
    const p = PRIORITY.exec(t);
    if (p) {
      priLevel = levelOfSyslogSeverity(Number(p[1]) & 7);
      t = t.slice(p[0].length);
    }
  }
  const stamp = readStamp(t, clock);
  if (!stamp) return null;
  const raw = t.slice(stamp.end);
  const rest = raw.replace(/^[ \t]+/, '');

  switch (stamp.format) {
    case 'klog': {
      const s = startOf(stamp, 'klog');
      s.level = stamp.level ?? null;
      const m = KLOG_TAIL.exec(raw);
      if (m) {
        s.thread = m[1]!;
        s.fields.caller = m[2]!;
        s.message = capMessage(raw.slice(m[0].length));
      } else s.message = capMessage(rest);
      attachError(s, undefined);
      return s;
    }
    case 'android': {
      const m = ANDROID_TAIL.exec(raw);
      const s = startOf(stamp, 'android');
      if (m) {
        s.pid = Number(m[1]);
        s.thread = m[2]!;
        s.level = levelOfLetter(m[3]!);
        if (m[4]) s.logger = m[4].trim();
        s.message = capMessage(raw.slice(m[0].length));
      } else s.message = capMessage(rest);
      attachError(s, undefined);
      return s;
    }
    case 'redis': {
      const s = startOf(stamp, 'redis');
      if (stamp.pid !== undefined) s.pid = stamp.pid;
      const sym = rest.charAt(0);
      if (REDIS_LEVEL[sym] !== undefined && rest.charAt(1) === ' ') {
        s.level = REDIS_LEVEL[sym]!;
        s.message = capMessage(rest.slice(2));
      } else s.message = capMessage(rest);
      attachError(s, undefined);
      return s;
    }
    default:
      break;
  }

  if (stamp.format === 'iso' && raw.charCodeAt(0) === 0x09) {
    const z = zapConsole(stamp, raw);
    if (z) return z;
  }

  if (stamp.format === 'iso' || stamp.format === 'dmy') {
    const pg = readPgLine(rest);
    if (pg) {
      const s = startOf(stamp, 'postgres');
      s.level = pg.level;
      if (pg.pid !== undefined) s.pid = pg.pid;
      s.logger = 'postgres';
      s.message = capMessage(pg.message);
      s.kind = pg.kind;
      s.fields.pg = { severity: pg.severity };
      if (pg.user) s.fields.pg.user = pg.user;
      if (pg.db) s.fields.pg.db = pg.db;
      if (pg.conn) s.fields.pg.conn = pg.conn;
      if (!/^(?:LOG|INFO|WARNING|ERROR|FATAL|PANIC)$/.test(pg.severity)) s.fields.levelLabel = pg.severity;
      if (PG_FOLLOW_UPS.has(pg.severity)) s.pgFollowUp = pg.severity;
      return s;
    }
    const py = PYTHON.exec(rest);
    if (py) {
      const lv = levelOfWord(py[2]!);
      if (lv !== null) {
        const s = startOf(stamp, 'python');
        s.level = lv;
        if (py[2] === 'CRITICAL') s.fields.levelLabel = 'CRITICAL';
        s.logger = py[1]!;
        s.message = capMessage(rest.slice(py[0].length));
        attachError(s, undefined);
        return s;
      }
    }
  }

  const s = startOf(stamp, stamp.format === 'slash' ? 'go-log' : stamp.format);
  if (priLevel !== null) s.level = priLevel;
  let body = rest;

  // syslog `host prog[pid]: msg` (also after ISO stamps: rsyslog high-precision, journalctl -o short-iso).
  if (stamp.format === 'syslog' || stamp.format === 'iso') {
    const m = SYSLOG_TAIL.exec(rest);
    if (m && levelOfWord(m[1]!) === null && (stamp.format === 'syslog' || m[3] !== undefined || /^[a-z]/.test(m[2]!))) {
      s.fields.format = stamp.format === 'syslog' ? 'syslog' : 'syslog-iso';
      s.fields.host = m[1]!;
      s.logger = m[2]!;
      if (m[3]) s.pid = Number(m[3]);
      body = rest.slice(m[0].length);
      interpretBody(s, body, clock);
      return s;
    }
  }

  if (stamp.format === 'slash') {
    // nginx error log: `[error] 1234#1234: *5 connect() failed …`
    const hit = scanLevel(body);
    if (hit && hit.tokenAt === 0 && body.charCodeAt(0) === 0x5b) {
      const np = NGINX_PID.exec(body.slice(hit.messageAt));
      if (np) {
        s.fields.format = 'nginx-error';
        s.level = hit.level;
        if (hit.label) s.fields.levelLabel = hit.label;
        s.pid = Number(np[1]);
        s.thread = np[2]!;
        s.message = capMessage(body.slice(hit.messageAt + np[0].length));
        attachError(s, undefined);
        return s;
      }
    }
  }

  if (stamp.format === 'ctime') {
    const ap = APACHE_PID.exec(body.slice(0, 200));
    if (ap) s.pid = Number(ap[1]);
    const hit = scanLevel(body);
    if (hit && hit.tokenAt === 0) {
      s.fields.format = 'apache-error';
      s.level = hit.level;
      if (hit.label) s.fields.levelLabel = hit.label;
      let msg = body.slice(hit.messageAt);
      if (ap && msg.startsWith(ap[0].trimEnd())) msg = msg.slice(ap[0].length).trimStart();
      s.message = capMessage(msg);
      attachError(s, undefined);
      return s;
    }
  }

  const bp = BRACKET_PID.exec(body);
  if (bp) s.pid = Number(bp[1]);
  interpretBody(s, body, clock);
  return s;
}
