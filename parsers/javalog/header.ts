/**
 * Recognises the first line of a Java log record and splits it into time, level, pid, thread,
 * logger and message. One left-to-right scan covers the common layouts without per-layout regexes:
 *
 *   Spring Boot   `2021-01-31 07:13:55.627  WARN 30747 --- [l-1 housekeeper] c.z.h.p.HikariPool : msg`
 *                 (Boot 3: ISO with offset, `[app] [thread]`; Sleuth/Micrometer `%5p [app,traceId,spanId] pid ---`,
 *                 and `%5p [app,traceId,spanId] %t --- %logger : %m` with the thread unbracketed)
 *   tracing MDC   `[%t] [%X{traceId:-},%X{spanId:-}] %logger - %m`: the ids go to `traceId`/`spanId`
 *   logback/log4j `%d [%t] %-5p %c - %m`, `%d %p [%c] %m`, `%d %p [%c] [%t] - %m`, `%c [File.java:411] %m`,
 *                 `%c-%M:%L - %m`, `[%t] %d %p [%c(%L)] %m`, `%d[ %p] pid [] [%t] [%c.?:?] %m`, TAB-separated
 *   no time       `[thread] LEVEL logger - msg`, `LEVEL logger - msg`
 *   time only     `13:28:21,219 DEBUG logger - msg`, `12:20:46 [SEVERE] msg`, `[19:06:57 WARN] [logger]: msg`,
 *                 `[09:12:42] [thread/WARN]: …` (with a nested slf4j-simple line)
 *   others        Kafka `[%d] %p %m (%c)`, ZooKeeper `%d - %p [%t] - %m`, Hadoop/Spark `%p %c: %m`,
 *                 Tomcat `22-Nov-2026 … SEVERE [main] logger msg`, java.util.logging's two-line format,
 *                 Cloud Foundry `2018-…+01:00 [APP/PROC/WEB/0] [OUT] <app line>` (two clocks: the CF one wins)
 *
 * Returns null for anything that is not a header: stack frames, exception lines, prose.
 */
import { levelAt, levelOfAnyCase, levelOfWord } from './levels';
import { newStamp, readStamp, type Stamp } from './stamp';

export interface HeaderTime {
  date: boolean;
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  zone: string | undefined;
}

export interface Header {
  time: HeaderTime | null;
  level: number | null;
  pid?: number;
  thread?: string;
  logger?: string;
  message: string;
  /** Set when the line is a prefixed stack line (`12:20:46 [SEVERE]     at …`): it belongs to the previous record. */
  foldBody?: string;
  /** java.util.logging's first line: level and message are on the next line (`INFO: …`). */
  julPending?: boolean;
  /** From a tracing bracket (Sleuth `[app,trace,span]`, MDC `[trace,span]`); absent outside a request (`[app,,]`, `[,]`). */
  traceId?: string;
  spanId?: string;
}

const st: Stamp = newStamp();

const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isWs = (c: number) => c === 32 || c === 9;
const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** The value of the decimal digits `line[i, j)` (at most 10: exact), without a substring. */
function digitsValue(line: string, i: number, j: number): number {
  let v = 0;
  for (let k = i; k < j; k++) v = v * 10 + (line.charCodeAt(k) - 48);
  return v;
}

function copyTime(s: Stamp): HeaderTime {
  return { date: s.date, y: s.y, mo: s.mo, d: s.d, h: s.h, mi: s.mi, s: s.s, ms: s.ms, zone: s.zone };
}

/** `line.slice(a, b).trim()` with one allocation. */
function sliceTrim(line: string, a: number, b: number): string {
  while (a < b && isWs(line.charCodeAt(a))) a++;
  while (b > a && isWs(line.charCodeAt(b - 1))) b--;
  return line.slice(a, b);
}

/** Index of the `]` closing the `[` at i (nesting-aware, ZooKeeper threads hold brackets), or -1. */
function closeBracket(line: string, i: number): number {
  let depth = 0;
  const limit = Math.min(line.length, i + 320);
  for (let k = i; k < limit; k++) {
    const c = line.charCodeAt(k);
    if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return k;
  }
  return -1;
}

const JAVA_NAME = /^[A-Za-z_$][\w$]*(?:\.[\w$]+)*$/;
const DECORATION = /(?:\(\w*(?:\.java)?:?\d*\)|\.\?:\?|:\?|-[\w$<>]+:\d+|:\d+)$/;

/** `c.z.h.p.ProxyConnection(157)`, `…HikariPool.?:?`, `…HikariPool-logPoolState:403`, `Foo:12` → the class name. */
export function stripDecoration(token: string): string {
  if (token.length > 200) return token;
  const m = DECORATION.exec(token);
  if (!m) return token;
  const base = token.slice(0, m.index);
  return JAVA_NAME.test(base) ? base : token;
}

function isJavaName(s: string): boolean {
  return s.length > 0 && s.length <= 200 && JAVA_NAME.test(s);
}

/** Exception class names look like loggers; they start a message instead (`java.sql.SQLException: …`). */
function isExceptionType(name: string): boolean {
  return /(?:Exception|Error|Throwable)$/.test(name);
}

/** A bracketed group that names a logger rather than a thread: a dotted or capitalised class name. */
function loggerLike(group: string): string | null {
  if (group.includes(' ')) return null;
  const base = stripDecoration(group);
  if (!isJavaName(base)) return null;
  return base.includes('.') || isUpper(base.charCodeAt(0)) ? base : null;
}

/** MDC trace/correlation ids in their own brackets (`[e8df73a25e59414cbce13469d4f583eb]`, UUIDs): neither thread nor logger. */
const TRACE_ID = /^(?:[0-9a-f]{16,64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[,:][0-9a-f-]*)*$/i;

/**
 * Tracing ids in one bracket: Sleuth / Micrometer's `[app,traceId,spanId]` (Sleuth 2 adds `,exportable`) and
 * MDC patterns' `[%X{traceId:-},%X{spanId:-}]`. Outside a request the ids are empty: `[app,,]`, `[,,]`, `[,]`.
 * Hex ids only, so a thread name with commas is not taken for one.
 */
const TRACING = /^(?:[^\s,[\]]{1,100},|,(?=[0-9a-f]*,))?([0-9a-f]{16}|[0-9a-f]{32})?,([0-9a-f]{16})?(?:,(?:true|false)?)?$/;

/** TRACING's comma is not optional: without one the regex need not run (most brackets hold a thread). */
function mayBeTracing(t: string): boolean {
  return t.includes(',');
}

/** TRACE_ID starts with 16 hex digits (or a UUID's 8 and a dash): the regex need not run on a thread name. */
function mayBeTraceId(t: string): boolean {
  return t.length >= 16 && isHex(t.charCodeAt(0));
}

/** Cloud Foundry loggregator source (`APP/PROC/WEB/0`, `RTR/1`, `CELL/0`, `STG/0`). */
function isCfSource(t: string): boolean {
  return /^[A-Z]{2,5}(?:\/[A-Za-z0-9._-]+)+$/.test(t);
}

/** A frame, cause or `... N more` line carried behind a log prefix. */
function stackBody(text: string): boolean {
  const t = text.trimStart();
  return (
    (t.startsWith('at ') && /^at [\w$.<>/]+[.(]/.test(t)) ||
    t.startsWith('Caused by:') ||
    t.startsWith('Suppressed:') ||
    /^\.\.\. \d+ (?:more|common frames omitted)/.test(t)
  );
}

/** Location printed after the logger: `[HikariPool.java:411]`, `[Foo.java]`, `[:12]`. */
function isLocation(t: string): boolean {
  return /^[\w$]*(?:\.java)?:?\d*$/.test(t) && (t.includes('.java') || t.includes(':'));
}

/** Loggers of recent lines, most recent first; see `recentName`. */
const recentLoggers: string[] = [];
const RECENT_LOGGERS = 8;

/**
 * `line.slice(a, b)`, or the equal string a recent line gave. A log names few loggers, so most lines
 * get a string they share with earlier records: no new string, and the Map lookups of the Hikari
 * classifier find its hash already computed.
 */
function recentName(line: string, a: number, b: number): string {
  for (let k = 0; k < recentLoggers.length; k++) {
    const s = recentLoggers[k]!;
    // indexOf, not startsWith: V8's startsWith leaves its fast path when `s` is a slice of another line
    if (s.length === b - a && line.indexOf(s, a) === a) return s;
  }
  const s = line.slice(a, b);
  if (recentLoggers.length === RECENT_LOGGERS) recentLoggers.pop();
  recentLoggers.unshift(s);
  return s;
}

/** Index of the first character at or after i that is not a space (tabs included: a tab is not skipped). */
function skipSpaces(line: string, i: number): number {
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

/** From the space after a logger (sticky): the padding and the ` : ` after it. */
const PADDING = /[ \t]* : /y;

/**
 * Spring Boot's default layout, `2021-01-31 07:13:55.627  WARN 30747 --- [  thread] logger  : message`, read
 * straight through: most lines of a big Java log have it. Null as soon as the line strays from it
 * (a tab, no pid, a bracket holding a comma, an id or another bracket, no ` : `…); `parseHeader`'s
 * general scan then reads the line, and it reads the lines taken here the same way.
 */
function springBootLine(line: string): Header | null {
  if (!isDigit(line.charCodeAt(0)) || !readStamp(line, 0, st)) return null;
  let i = st.end;
  if (line.charCodeAt(i) !== 32) return null;
  // LEVEL, then the pid
  i = skipSpaces(line, i);
  let j = i;
  while (j - i <= 8 && isUpper(line.charCodeAt(j))) j++;
  const level = levelAt(line, i, j);
  if (level === null || line.charCodeAt(j) !== 32) return null;
  i = skipSpaces(line, j);
  j = i;
  while (isDigit(line.charCodeAt(j))) j++;
  if (j === i || j - i > 10 || line.charCodeAt(j) !== 32) return null;
  const pid = digitsValue(line, i, j);
  i = skipSpaces(line, j);
  if (line.charCodeAt(i) !== 45 || line.charCodeAt(i + 1) !== 45 || line.charCodeAt(i + 2) !== 45 || line.charCodeAt(i + 3) !== 32) return null; // `--- `
  // [thread]: no nested bracket, no comma (tracing ids), not an id of its own
  const open = skipSpaces(line, i + 4);
  if (line.charCodeAt(open) !== 91) return null;
  const limit = Math.min(line.length, open + 320);
  let close = open + 1;
  for (; close < limit; close++) {
    const c = line.charCodeAt(close);
    if (c === 93 /* ] */) break;
    if (c === 91 /* [ */ || c === 44 /* , */) return null;
  }
  if (close >= limit || line.charCodeAt(close + 1) !== 32) return null;
  const thread = sliceTrim(line, open + 1, close);
  if (thread === '' || mayBeTraceId(thread)) return null;
  // logger, up to ` : `
  i = skipSpaces(line, close + 1);
  const c = line.charCodeAt(i);
  if (c === 91 || c === 45 || c === 9 || i >= line.length) return null;
  // The logger, up to ` : `: usually a word padded with spaces (a regex skips them faster than a loop).
  const space = line.indexOf(' ', i);
  if (space < 0) return null;
  let sep: number;
  let end = space;
  PADDING.lastIndex = space;
  if (PADDING.test(line)) sep = PADDING.lastIndex - 3;
  else {
    sep = line.indexOf(' : ', space); // none starts before the first space
    if (sep < 0) return null;
    end = sep;
  }
  while (isWs(line.charCodeAt(end - 1))) end--;
  return { time: copyTime(st), level, message: line.slice(sep + 3), pid, thread, logger: recentName(line, i, end) };
}

/** Parses one line; `nested` stops a wrapped line from being unwrapped twice. */
export function parseHeader(line: string, nested = false): Header | null {
  const boot = springBootLine(line);
  if (boot) return boot;
  const n = line.length;
  let i = 0;
  while (i < n && isWs(line.charCodeAt(i))) i++;
  if (i >= n) return null;
  const first = line.charCodeAt(i);
  // Lines a header never starts with: frames (`at`), exceptions (`java.…`), `...`, JSON, prose in lower case.
  if (!(isDigit(first) || first === 91 || isUpper(first))) return null;
  if (first === 67 && (line.startsWith('Caused by', i) || line.startsWith('Suppressed:', i))) return null;

  let time: HeaderTime | null = null;
  let level: number | null = null;
  let pid: number | undefined;
  let thread: string | undefined;
  let logger: string | undefined;
  let julStamp = false;
  let tabSep = false;
  let springDashes = false;
  let cf = false;
  let msgStart = -1;
  let tokens = 0;
  let tokenEnd = i;
  let groups: string[] | null = null;
  let traced = false;
  let traceId: string | undefined;
  let spanId: string | undefined;

  for (let guard = 0; guard < 12; guard++) {
    while (i < n && isWs(line.charCodeAt(i))) {
      if (line.charCodeAt(i) === 9 && tokens > 0) tabSep = true;
      i++;
    }
    if (i >= n) break;
    const c = line.charCodeAt(i);
    if (traced && groups === null && thread === undefined && !springDashes && c !== 91 && !isDigit(c)) {
      // `[app,trace,span] %t --- %logger : %m`: the thread is bare (and may hold spaces) up to the dashes.
      // Not when a logger and its separator come first (`[trace,span] c.e.Foo - a --- b`).
      const d = line.indexOf(' --- ', i);
      if (d > i && d - i <= 120 && !line.slice(i, d).includes(' - ') && !line.slice(i, d).includes(' : ')) {
        thread = sliceTrim(line, i, d);
        springDashes = true;
        i = tokenEnd = d + 4;
        tokens++;
        continue;
      }
    }
    if (isDigit(c)) {
      if (time === null && tokens <= 2 && readStamp(line, i, st)) {
        time = copyTime(st);
        i = tokenEnd = st.end;
        tokens++;
        continue;
      }
      if (level !== null && pid === undefined && !springDashes) {
        let j = i;
        while (j < n && isDigit(line.charCodeAt(j))) j++;
        if (j - i <= 10 && (j === n || isWs(line.charCodeAt(j)))) {
          pid = digitsValue(line, i, j);
          i = tokenEnd = j;
          tokens++;
          continue;
        }
      }
      if (tokens === 0) {
        // log4j TTCC: milliseconds since start, then `[thread]`
        let j = i;
        while (j < n && isDigit(line.charCodeAt(j))) j++;
        if (line.charCodeAt(j) === 32 && line.charCodeAt(j + 1) === 91) {
          i = tokenEnd = j;
          tokens++;
          continue;
        }
      }
      break;
    }
    if (c === 91 /* [ */) {
      const close = closeBracket(line, i);
      if (close < 0) break;
      const t = sliceTrim(line, i + 1, close);
      let lv: number | null;
      let tm: RegExpExecArray | null;
      if (time === null && t.length > 0 && isDigit(t.charCodeAt(0)) && readStamp(t, 0, st)) {
        time = copyTime(st);
        const rest = t.slice(st.end).trim();
        if (rest && (lv = levelOfAnyCase(rest)) !== null && level === null) level = lv;
      } else if (level === null && t.length <= 8 && (lv = levelOfAnyCase(t)) !== null) {
        level = lv;
      } else if (level === null && t.lastIndexOf('/') > 0 && (lv = levelOfAnyCase(t.slice(t.lastIndexOf('/') + 1))) !== null) {
        thread = t.slice(0, t.lastIndexOf('/'));
        level = lv;
      } else if (time !== null && level === null && isCfSource(t)) {
        cf = true;
      } else if (cf && (t === 'OUT' || t === 'ERR')) {
        // Cloud Foundry stream tag
      } else if (!traced && tokens > 0 && mayBeTracing(t) && (tm = TRACING.exec(t)) !== null) {
        traced = true;
        traceId = tm[1];
        spanId = tm[2];
      } else if (t !== '' && !(mayBeTraceId(t) && TRACE_ID.test(t))) {
        (groups ??= []).push(t);
      }
      i = tokenEnd = close + 1;
      tokens++;
      const nc = line.charCodeAt(i);
      if ((nc === 58 /* : */ || nc === 44) /* , */ && !cf) {
        msgStart = i + 1;
        break;
      }
      continue;
    }
    if (c === 45 /* - */) {
      if (line.startsWith('---', i) && (level !== null || pid !== undefined)) {
        springDashes = true;
        i = tokenEnd = i + 3;
        tokens++;
        continue;
      }
      if (i + 1 === n || isWs(line.charCodeAt(i + 1))) {
        if (level === null && tokens > 0 && !cf) {
          i++; // ZooKeeper: `%d - %p [%t] - %m`
          continue;
        }
        if (tokens > 0) msgStart = i + 1;
      }
      break;
    }
    if ((isUpper(c) || isLower(c)) && level === null && !cf) {
      let j = i;
      while (j < n && j - i <= 8 && (isUpper(line.charCodeAt(j)) || isLower(line.charCodeAt(j)))) j++;
      const lv = levelAt(line, i, j);
      if (lv !== null) {
        const after = line.charCodeAt(j);
        if (j === n || isWs(after) || after === 93) {
          level = lv;
          i = tokenEnd = j;
          tokens++;
          continue;
        }
      }
      if (tokens === 0 && time === null && readStamp(line, i, st)) {
        time = copyTime(st);
        julStamp = true;
        i = tokenEnd = st.end;
        tokens++;
        continue;
      }
    }
    break;
  }

  if (tokens === 0) return null;

  // Cloud Foundry: the rest is the application's own line; its fields win, the CF clock (with zone) stays.
  if (cf) {
    const inner = nested ? null : parseHeader(line.slice(i), true);
    if (inner) return { ...inner, time: time ?? inner.time };
    return level === null && !nested ? { time, level: null, message: line.slice(i) } : null;
  }

  let message: string;
  if (msgStart >= 0) {
    message = line.slice(msgStart).trimStart();
  } else if (springDashes) {
    if (groups) thread = groups.length >= 2 ? groups[1] : groups[0];
    groups = null;
    const sep = line.indexOf(' : ', i);
    if (sep >= 0) {
      logger = sliceTrim(line, i, sep) || undefined;
      message = line.slice(sep + 3);
    } else if (isJavaName(line.slice(i).trim())) {
      logger = line.slice(i).trim(); // cut line: the logger is all there is
      message = '';
    } else message = line.slice(i);
  } else if (tabSep) {
    const parts = line.slice(i).split('\t');
    let k = 0;
    for (; k < parts.length; k++) {
      const p = parts[k]!.trim();
      if (p === '') continue;
      const lv = level === null ? levelOfWord(p) : null;
      if (lv !== null) level = lv;
      else if (logger === undefined && isJavaName(stripDecoration(p)) && p.includes('.') && k < parts.length - 1) {
        logger = stripDecoration(p);
        k++;
        break;
      } else if (thread === undefined && k < parts.length - 1) thread = p;
      else break;
    }
    message = parts.slice(k).join('\t');
  } else {
    // A logger token after the prefix, if it is followed by a separator (or is clearly a package name).
    message = line.slice(i);
    if (i < n) {
      let j = i;
      while (j < n && !isWs(line.charCodeAt(j))) j++;
      let tok = line.slice(i, j);
      const colon = tok.endsWith(':');
      if (colon) tok = tok.slice(0, -1);
      const base = stripDecoration(tok);
      if (isJavaName(base) && !isExceptionType(base)) {
        let k = j;
        while (k < n && isWs(line.charCodeAt(k))) k++;
        let located = false;
        if (line.charCodeAt(k) === 91) {
          const close = closeBracket(line, k);
          if (close > 0 && isLocation(line.slice(k + 1, close))) {
            located = true;
            k = close + 1;
            while (k < n && isWs(line.charCodeAt(k))) k++;
          }
        }
        let rest = -1;
        // `%c: %m` (Hadoop, Spark): a dotted or CamelCase class name, not a word like `Started:`
        if (colon) rest = base.includes('.') || /[a-z][A-Z]/.test(base) ? k : -1;
        else if (k >= n) rest = n;
        else if (line.charCodeAt(k) === 45 && (k + 1 === n || isWs(line.charCodeAt(k + 1)))) rest = k + 1;
        else if (line.charCodeAt(k) === 58 && (k + 1 === n || isWs(line.charCodeAt(k + 1)))) rest = k + 1;
        else if (located) rest = k;
        else if (/^[a-z][\w$]*\.[\w$]+\./.test(base)) rest = k; // `%c %m` with a package name
        if (rest >= 0) {
          logger = base;
          message = line.slice(rest).trimStart();
        }
      }
    }
  }

  // Bracket groups: a class-like one is the logger (unless one was found), the first other one the thread.
  if (groups) for (const g of groups) {
    const asLogger = logger === undefined ? loggerLike(g) : null;
    if (asLogger !== null) logger = asLogger;
    else if (thread === undefined) thread = g;
  }

  if (time === null) {
    if (level === null || (thread === undefined && logger === undefined)) return null;
  } else if (!time.date && level === null && thread === undefined && logger === undefined) {
    return null;
  }

  // Kafka `%p %m (%c)`: the logger closes the line.
  if (logger === undefined && message.endsWith(')')) {
    const open = message.lastIndexOf(' (');
    const cand = open >= 0 ? message.slice(open + 2, -1) : '';
    if (cand.includes('.') && isJavaName(cand) && !isExceptionType(cand)) logger = cand;
  }

  const header: Header = { time, level, message };
  if (pid !== undefined) header.pid = pid;
  if (thread !== undefined) header.thread = thread;
  if (logger !== undefined) header.logger = logger;
  if (julStamp && level === null) header.julPending = true;
  if (traceId !== undefined) header.traceId = traceId;
  if (spanId !== undefined) header.spanId = spanId;

  // `[09:12:42] [thread/WARN]: [thread] WARN logger - msg`: a wrapped line (slf4j-simple inside a console).
  if (!nested && logger === undefined && message.charCodeAt(0) === 91) {
    const inner = parseHeader(message, true);
    if (inner && inner.logger !== undefined) {
      header.level = inner.level ?? level;
      header.thread = inner.thread ?? thread;
      header.logger = inner.logger;
      header.message = inner.message;
      if (time === null) header.time = inner.time;
      if (inner.pid !== undefined) header.pid = inner.pid;
      if (inner.traceId !== undefined) header.traceId = inner.traceId;
      if (inner.spanId !== undefined) header.spanId = inner.spanId;
    }
  }

  if (logger === undefined && stackBody(header.message)) {
    header.foldBody = line.slice(tokenEnd).replace(/^ /, '');
    if (msgStart >= 0) header.foldBody = line.slice(msgStart).replace(/^ /, '');
  }
  return header;
}
