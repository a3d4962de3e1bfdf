/**
 * The streaming Java log parser: header lines start records, everything else (stack frames,
 * `Caused by:`, exception lines, wrapped message lines, blank lines inside a trace) folds into the
 * record above it. Lines before the first header form records of their own without a time. Blank
 * lines between records are reported as skipped, so every line is either in a record or skipped.
 */
import { classifyHikari } from '../hikari/classify';
import type { ExceptionInfo } from '../hikari/kinds';
import { resolveTime, resolveTimeOfDay } from '../time';
import type { LineSink, LogRecord, ParseContext, SkippedLine, TimeQuality } from '../types';
import { stripAnsi } from './ansi';
import { findGluedHeader, prefixBytes } from './glued';
import { parseHeader, type Header, type HeaderTime } from './header';
import { classifyJdbc } from './jdbc';
import { parseJsonLine, type JsonLine } from './json-line';
import { levelOfWord } from './levels';
import { classifyRequest } from './request';
import { causeOf, exceptionOf, isFrameLine, isTopLevelException } from './stack';

/** Continuation lines kept per record; later `Caused by:` lines are still kept (up to MAX_LATE_CAUSES). */
export const MAX_CONTINUATION = 200;
const MAX_LATE_CAUSES = 10;
const MAX_CAUSES = 10;
const DAY_MS = 86_400_000;
const HALF_DAY_MS = DAY_MS / 2;

interface Building {
  ts: number | null;
  tq: TimeQuality;
  level: number | null;
  pid: number | undefined;
  thread: string | undefined;
  logger: string | undefined;
  message: string;
  cont: string[];
  lateCauses: number;
  omitted: number;
  line: number;
  endLine: number;
  offset: number;
  endByte: number;
  exception: ExceptionInfo | null;
  causes: ExceptionInfo[] | null;
  headerless: boolean;
  hasFrames: boolean;
  needMessage: boolean;
  julPending: boolean;
  jsonRecovered: string | undefined;
  traceId: string | undefined;
  spanId: string | undefined;
}

/** A record's first line; the optional parts are set on it before `start`. */
function newRecord(ts: number | null, tq: TimeQuality, level: number | null, message: string, lineNo: number, offset: number, byteLength: number): Building {
  return {
    ts,
    tq,
    level,
    pid: undefined,
    thread: undefined,
    logger: undefined,
    message,
    cont: [],
    lateCauses: 0,
    omitted: 0,
    line: lineNo,
    endLine: lineNo,
    offset,
    endByte: offset + byteLength,
    exception: null,
    causes: null,
    headerless: false,
    hasFrames: false,
    needMessage: false,
    julPending: false,
    jsonRecovered: undefined,
    traceId: undefined,
    spanId: undefined,
  };
}

/** A record of a line without a header: no time, no level. */
function headerless(message: string, lineNo: number, offset: number, byteLength: number): Building {
  const rec = newRecord(null, 'none', null, message, lineNo, offset, byteLength);
  rec.headerless = true;
  return rec;
}

/** Reused for every classification call: the classifier only reads it. */
const HINT: { logger?: string } = {};

const JUL_SECOND_LINE = /^(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): ?(.*)$/;

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 12 && c !== 11) return false;
  }
  return true;
}

/** `message.trim() === ''`, without trimming a message that starts with a printable ASCII character. */
function isEmptyMessage(message: string): boolean {
  const c = message.charCodeAt(0);
  return !(c > 32 && c < 127) && message.trim() === '';
}

function isTailSeparator(text: string): boolean {
  return text.startsWith('==> ') && text.endsWith(' <==');
}

function firstChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return c;
  }
  return -1;
}

export class JavaLogSink implements LineSink {
  private cur: Building | null = null;
  private blanks: { line: number; offset: number }[] = [];
  private lastTod: number | null = null;
  private dayOffset = 0;
  private hourKey = -1;
  private hourZone: string | undefined = undefined;
  private hourBase: { ts: number; tq: TimeQuality } | null = null;
  private configPool: string | undefined = undefined;
  /** What `resolve` returns, reused: its callers read it at once. */
  private readonly resolved: { ts: number; tq: TimeQuality } = { ts: 0, tq: 'none' };

  constructor(
    private readonly ctx: ParseContext,
    private readonly emit: (record: LogRecord | SkippedLine) => void,
  ) {}

  line(text: string, lineNo: number, offset: number, byteLength: number): void {
    try {
      this.handle(text, lineNo, offset, byteLength);
    } catch (e) {
      // Never reached on purpose: a parser bug must cost one line, not the file.
      this.skip(lineNo, offset, `parser error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  end(): void {
    this.flush();
  }

  // --- line handling -----------------------------------------------------------------------------

  private handle(raw: string, lineNo: number, offset: number, byteLength: number): void {
    const text = stripAnsi(raw);
    if (isBlank(text)) {
      if (this.cur) this.blanks.push({ line: lineNo, offset });
      else this.skip(lineNo, offset, 'blank line');
      return;
    }
    const c0 = firstChar(text);
    if (c0 === 123 /* { */) {
      const v = parseJsonLine(text);
      if (v && 'line' in v) {
        this.startJson(v.line, lineNo, offset, byteLength);
        return;
      }
      if (v && 'skip' in v) {
        this.flush();
        this.skip(lineNo, offset, v.skip);
        return;
      }
    }
    const cur = this.cur;
    if (cur?.julPending) {
      cur.julPending = false;
      const m = JUL_SECOND_LINE.exec(text);
      if (m) {
        cur.level = levelOfWord(m[1]!);
        cur.message = m[2]!;
        this.extend(cur, lineNo, offset, byteLength);
        this.noteException(cur, cur.message);
        return;
      }
    }
    if (isTailSeparator(text)) {
      // `tail -f a b` prints `==> a <==` before each file's lines: never part of the record above
      this.start(headerless(text.trim(), lineNo, offset, byteLength));
      return;
    }
    const h = parseHeader(text);
    if (h) {
      if (h.foldBody !== undefined && cur) {
        this.fold(cur, h.foldBody, lineNo, offset, byteLength);
        return;
      }
      this.startHeader(h, lineNo, offset, byteLength);
      return;
    }
    if (cur?.needMessage && this.blanks.length === 0 && !isFrameLine(text)) {
      // `[time] [] [thread] LEVEL logger` with the message on the next line
      cur.needMessage = false;
      cur.message = text.trim();
      this.extend(cur, lineNo, offset, byteLength);
      this.noteException(cur, cur.message);
      return;
    }
    if (text === raw && !isFrameLine(text)) {
      const glued = findGluedHeader(text);
      if (glued) {
        const part = text.slice(0, glued.at);
        const partBytes = prefixBytes(part, text, byteLength);
        this.plain(part, lineNo, offset, partBytes);
        this.startHeader(glued.header, lineNo, offset + partBytes, byteLength - partBytes);
        return;
      }
    }
    this.plain(text, lineNo, offset, byteLength);
  }

  /** A line without a header of its own. */
  private plain(text: string, lineNo: number, offset: number, byteLength: number): void {
    const cur = this.cur;
    if (cur && !(cur.headerless && cur.hasFrames && isTopLevelException(text))) {
      this.fold(cur, text, lineNo, offset, byteLength);
      return;
    }
    const rec = headerless(text.trim(), lineNo, offset, byteLength);
    this.start(rec);
    if (isFrameLine(text)) rec.hasFrames = true;
  }

  // --- records -----------------------------------------------------------------------------------

  private startHeader(h: Header, lineNo: number, offset: number, byteLength: number): void {
    const t = h.time ? this.resolve(h.time) : null;
    const rec = newRecord(t ? t.ts : null, t ? t.tq : 'none', h.level, h.message, lineNo, offset, byteLength);
    rec.pid = h.pid;
    rec.thread = h.thread;
    rec.logger = h.logger;
    rec.needMessage = isEmptyMessage(h.message);
    rec.julPending = h.julPending === true;
    rec.traceId = h.traceId;
    rec.spanId = h.spanId;
    this.start(rec);
  }

  private startJson(j: JsonLine, lineNo: number, offset: number, byteLength: number): void {
    let t: { ts: number; tq: TimeQuality } | null = null;
    if (j.epochMs !== undefined) t = { ts: j.epochMs, tq: 'explicit' };
    else if (j.time) t = this.resolve(j.time);
    const rec = newRecord(t ? t.ts : null, t ? t.tq : 'none', j.level, j.message, lineNo, offset, byteLength);
    rec.pid = j.pid;
    rec.thread = j.thread;
    rec.logger = j.logger;
    this.start(rec);
    if (j.recovered) rec.jsonRecovered = j.recovered;
    for (const l of j.stack ?? []) this.noteContinuation(rec, l);
  }

  private start(rec: Building): void {
    this.flush();
    this.noteException(rec, rec.message);
    this.cur = rec;
  }

  private extend(rec: Building, lineNo: number, offset: number, byteLength: number): void {
    for (let k = 0; k < this.blanks.length; k++) this.noteContinuation(rec, '');
    this.blanks.length = 0;
    rec.endLine = lineNo;
    rec.endByte = offset + byteLength;
  }

  private fold(rec: Building, text: string, lineNo: number, offset: number, byteLength: number): void {
    this.extend(rec, lineNo, offset, byteLength);
    this.noteContinuation(rec, text);
  }

  private noteContinuation(rec: Building, text: string): void {
    let important = false;
    if (isFrameLine(text)) rec.hasFrames = true;
    else if (text !== '') {
      const cause = causeOf(text);
      if (cause) {
        important = true;
        rec.causes ??= [];
        if (rec.causes.length < MAX_CAUSES) rec.causes.push(cause);
      } else if (rec.exception === null) this.noteException(rec, text);
    }
    if (rec.cont.length < MAX_CONTINUATION) rec.cont.push(text);
    else if (important && rec.lateCauses < MAX_LATE_CAUSES) {
      rec.cont.push(text);
      rec.lateCauses++;
    } else rec.omitted++;
  }

  private noteException(rec: Building, text: string): void {
    if (rec.exception !== null) return;
    const c = firstChar(text);
    // Exception names start with a package (lower case) or `Exception in thread`.
    if ((c >= 97 && c <= 122) || c === 69) rec.exception = exceptionOf(text);
  }

  private flush(): void {
    const rec = this.cur;
    this.cur = null;
    if (rec) this.emit(this.finish(rec));
    if (this.blanks.length === 0) return; // (emptying an empty array is not free: this runs once per record)
    for (const b of this.blanks) this.skip(b.line, b.offset, 'blank line between records');
    this.blanks.length = 0;
  }

  private finish(rec: Building): LogRecord {
    let fields: Record<string, unknown> | null = null;
    if (rec.exception) (fields ??= {}).exception = rec.exception;
    if (rec.causes) (fields ??= {}).causes = rec.causes;
    if (rec.omitted) (fields ??= {}).continuationOmitted = rec.omitted;
    if (rec.jsonRecovered) (fields ??= {}).jsonRecovered = rec.jsonRecovered;
    if (rec.traceId !== undefined) (fields ??= {}).traceId = rec.traceId;
    if (rec.spanId !== undefined) (fields ??= {}).spanId = rec.spanId;
    let kind: string | null = null;
    try {
      HINT.logger = rec.logger;
      const typed = classifyHikari(rec.message, rec.cont, HINT) ?? classifyJdbc(rec.message) ?? classifyRequest(rec.message);
      if (typed) {
        kind = typed.kind;
        // The classifiers return a new object each time: when the record has no fields of its own, it becomes them.
        if (fields === null) fields = typed.fields;
        else Object.assign(fields, typed.fields);
        // The DEBUG dump lines under `{pool} - configuration:` do not print the pool; carry it down.
        if (kind === 'hikari.config-header') this.configPool = typed.fields.pool as string | undefined;
        else if (kind === 'hikari.config' && this.configPool !== undefined) fields.pool = this.configPool;
      }
    } catch {
      kind = null; // typing is best-effort; the record itself must survive
    }
    fields ??= {};
    const out: LogRecord = {
      type: 'log',
      ts: rec.ts,
      tq: rec.ts === null ? 'none' : rec.tq,
      level: rec.level,
      message: rec.message,
      continuation: rec.cont,
      kind,
      fields,
      line: rec.line,
      endLine: rec.endLine,
      offset: rec.offset,
      length: rec.endByte - rec.offset,
    };
    if (rec.pid !== undefined) out.pid = rec.pid;
    if (rec.thread !== undefined) out.thread = rec.thread;
    if (rec.logger !== undefined) out.logger = rec.logger;
    return out;
  }

  private skip(line: number, offset: number, reason: string): void {
    this.emit({ type: 'skipped', line, offset, reason });
  }

  // --- time --------------------------------------------------------------------------------------

  /** Wall-clock fields → UTC ms; resolveTime once per hour (logs are chronological), day roll-over for time-only logs. */
  private resolve(t: HeaderTime): { ts: number; tq: TimeQuality } | null {
    if (!t.date) {
      const tod = ((t.h * 60 + t.mi) * 60 + t.s) * 1000 + t.ms;
      if (this.lastTod !== null && tod < this.lastTod - HALF_DAY_MS) this.dayOffset += DAY_MS;
      this.lastTod = tod;
      const r = resolveTimeOfDay(this.ctx.time, t.h, t.mi, t.s, t.ms);
      return r ? this.resolvedAs(r.ts + this.dayOffset, r.tq) : null;
    }
    const key = ((t.y * 13 + t.mo) * 32 + t.d) * 25 + t.h;
    if (key !== this.hourKey || t.zone !== this.hourZone) {
      this.hourKey = key;
      this.hourZone = t.zone;
      this.hourBase = resolveTime(this.ctx.time, t.y, t.mo, t.d, t.h, 0, 0, 0, t.zone);
    }
    const base = this.hourBase;
    if (!base) return null;
    return this.resolvedAs(base.ts + (t.mi * 60 + t.s) * 1000 + t.ms, base.tq);
  }

  private resolvedAs(ts: number, tq: TimeQuality): { ts: number; tq: TimeQuality } {
    this.resolved.ts = ts;
    this.resolved.tq = tq;
    return this.resolved;
  }
}
