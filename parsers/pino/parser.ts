/**
 * The streaming pino parser: NDJSON lines, pino-pretty records (header + indented body), and the
 * Node output that lands in the same stream (crash reports, warnings, error stacks). Every line
 * ends up in exactly one emitted record or one SkippedLine with a reason.
 */
import { epochToMs, parseIsoStamp, resolveTimeOfDay, type ResolvedTime } from '../time';
import type { LineSink, LogRecord, ParseContext, SkippedLine } from '../types';
import { PINO_KINDS, type PinoFields } from './fields';
import { interpretObject, isObj, RequestTracker, type Interpreted, type Obj } from './interpret';
import { jsonErrorIndex } from './json-scan';
import { stripAnsi, stripProcessPrefix } from './line-prefix';
import { exceptionOf } from './node-error';
import { NodeOutputBlock, nodeOutputStart, type NodeOutputKind } from './node-output';
import { parsePrettyHeader, type PrettyHeader } from './pretty-header';
import { PrettyBody } from './pretty-record';

/** Continuation lines kept per record; the record still spans all of its lines. */
const MAX_CONTINUATION = 200;
const DAY = 86_400_000;
/** A time of day this much earlier than the previous one means the log crossed midnight. */
const ROLLOVER = DAY / 2;
/** Junk before `{"` that we still read past (`] {…`, a docker/kubectl time stamp). */
const MAX_JUNK = 64;
/** pino-pretty `translateTime` of a time of day: `HH:MM:ss.l`, `HH:MM:ss`, `hh:MM:ss TT`. */
const ERROR_PROPS = ['code', 'errno', 'syscall', 'address', 'port'];
const TIME_OF_DAY = /^(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?: ?([AaPp][Mm]))?$/;

interface Ln {
  no: number;
  offset: number;
  len: number;
  /** Time of day from a foreman column, ms since midnight. */
  tod: number | null;
}

interface Span {
  line: number;
  offset: number;
  endLine: number;
  end: number;
  cont: string[];
}

type Open =
  | { type: 'pretty'; span: Span; header: PrettyHeader; body: PrettyBody; time: ResolvedTime | null }
  | { type: 'node'; span: Span; block: NodeOutputBlock; kind: NodeOutputKind; first: string };

interface Pending {
  json: string;
  /** Characters before the JSON text on the line (junk, indentation), for the reported column. */
  lead: number;
  errIdx: number;
  ln: Ln;
  junkTime: ResolvedTime | null;
}

type Out = LogRecord | SkippedLine;

function spanOf(ln: Ln): Span {
  return { line: ln.no, offset: ln.offset, endLine: ln.no, end: ln.offset + ln.len, cont: [] };
}

function leadingSpaces(s: string): number {
  let i = 0;
  while (s.charCodeAt(i) === 0x20 || s.charCodeAt(i) === 0x09) i++;
  return i;
}

/**
 * pino-pretty `singleLine: true` appends the remaining keys as one JSON object after the message
 * (lib/utils/prettify-object.js): `… : request completed {"res":{"statusCode":200},"responseTime":3}`.
 */
function singleLineObject(msg: string): { msg: string; props: Obj } | null {
  if (msg.charCodeAt(msg.length - 1) !== 0x7d) return null;
  const at = msg.startsWith('{"') ? 0 : msg.indexOf(' {"');
  if (at < 0) return null;
  try {
    const v: unknown = JSON.parse(msg.slice(at === 0 ? 0 : at + 1));
    if (!isObj(v)) return null;
    const props: Obj = {};
    for (const k in v) if (k !== '__proto__') props[k] = v[k];
    return { msg: at === 0 ? '' : msg.slice(0, at), props };
  } catch {
    return null;
  }
}

export class PinoSink implements LineSink {
  private open: Open | null = null;
  private pending: Pending | null = null;
  private readonly tracker = new RequestTracker();
  private readonly queue: Out[] = [];
  /** Leading spaces a process-manager column leaves before the log text; null until one is seen. */
  private prefixBase: number | null = null;
  private sawContent = false;
  private lastTs: number | null = null;
  private lastTod = -1;
  private dayShift = 0;
  /** The last line put into a record, the pending slot or a SkippedLine: a crash handler must not report it twice. */
  private accountedNo = 0;

  constructor(
    private readonly ctx: ParseContext,
    private readonly emit: (r: Out) => void,
  ) {}

  line(text: string, lineNo: number, offset: number, byteLength: number): void {
    try {
      this.handle(text, { no: lineNo, offset, len: byteLength, tod: null });
    } catch (e) {
      // A parser bug must cost one line, not the file.
      if (this.accountedNo !== lineNo) this.skip({ no: lineNo, offset, len: byteLength, tod: null }, `parser error: ${(e as Error)?.message ?? String(e)}`);
    }
    this.drain();
  }

  end(): void {
    try {
      this.flushPending();
      this.closeOpen();
    } catch (e) {
      void e; // closeOpen reports the lines of a record it could not build
    }
    this.drain();
  }

  private drain(): void {
    for (let i = 0; i < this.queue.length; i++) this.emit(this.queue[i]!);
    this.queue.length = 0;
  }

  private skip(ln: Ln, reason: string): void {
    this.queue.push({ type: 'skipped', line: ln.no, offset: ln.offset, reason });
    this.accountedNo = ln.no;
  }

  private handle(raw: string, ln: Ln): void {
    let t = stripAnsi(raw);
    const ansi = t.length !== raw.length;
    const c0 = t.charCodeAt(0);
    if (c0 !== 0x7b && c0 !== 0x20 && c0 !== 0x5b && c0 !== 0x09 && t.indexOf('|') > 0) {
      const p = stripProcessPrefix(t);
      if (p && (this.prefixBase !== null || this.startsPinoText(p.rest))) {
        if (this.prefixBase === null) this.prefixBase = leadingSpaces(p.rest);
        t = p.rest.slice(Math.min(this.prefixBase, leadingSpaces(p.rest)));
        ln.tod = p.timeOfDayMs;
      }
    }
    const lead = ansi ? 0 : raw.length - t.length;
    const trimmed = t.trimStart();
    const indent = t.length - trimmed.length;

    if (this.pending && this.tryJoin(t, trimmed, indent, ln)) return;
    if (trimmed === '') {
      if (this.open) this.fold(t, ln);
      else this.skip(ln, 'empty line');
      return;
    }
    const first = !this.sawContent;
    this.sawContent = true;
    // Indented lines belong to the open record (pretty blocks hold `{` lines of arrays of objects).
    if (indent > 0 && this.open) {
      this.fold(t, ln);
      return;
    }
    const c = trimmed.charCodeAt(0);
    if (c === 0x7b) {
      this.closeOpen();
      this.jsonLine(trimmed, lead + indent, ln, null);
      return;
    }
    if (c === 0x22 && indent === 0) {
      this.closeOpen();
      this.midObjectLine(trimmed, lead, ln, first);
      return;
    }
    if (indent > 0) {
      this.skip(ln, 'indented line outside a pino-pretty record or Node error output');
      return;
    }
    const h = parsePrettyHeader(trimmed);
    if (h) {
      this.closeOpen();
      this.openPretty(h, ln);
      return;
    }
    const brace = trimmed.indexOf('{"');
    if (brace > 0 && brace <= MAX_JUNK) {
      this.closeOpen();
      const junk = trimmed.slice(0, brace).trim();
      const jt = /^\d{4}-\d{2}-\d{2}/.test(junk) ? parseIsoStamp(this.ctx.time, junk) : null;
      this.jsonLine(trimmed.slice(brace), lead + brace, ln, jt ? { ts: jt.ts, tq: jt.tq } : null);
      return;
    }
    if (this.open?.type === 'node' && this.open.block.accepts(trimmed)) {
      this.fold(t, ln);
      return;
    }
    const k = nodeOutputStart(trimmed);
    if (k) {
      this.closeOpen();
      this.open = { type: 'node', span: spanOf(ln), block: new NodeOutputBlock(k, trimmed), kind: k, first: trimmed };
      this.accountedNo = ln.no;
      return;
    }
    this.closeOpen();
    this.skip(ln, 'not a pino line (neither JSON nor pino-pretty)');
  }

  /** After a process-manager column: is this pino output (so the column should be stripped)? */
  private startsPinoText(rest: string): boolean {
    const s = rest.trimStart();
    return s.charCodeAt(0) === 0x7b || parsePrettyHeader(s) !== null;
  }

  // ---- NDJSON ----

  private jsonLine(json: string, lead: number, ln: Ln, junkTime: ResolvedTime | null): void {
    let o: unknown;
    try {
      o = JSON.parse(json);
    } catch {
      const errIdx = jsonErrorIndex(json);
      const p: Pending = { json, lead, errIdx: errIdx < 0 ? 0 : errIdx, ln, junkTime };
      // Only a line that stops mid-object can be completed by the next line.
      if (errIdx === json.length) {
        this.pending = p;
        this.accountedNo = ln.no;
      } else this.skip(ln, this.invalidReason(p));
      return;
    }
    if (!isObj(o)) {
      this.skip(ln, 'JSON value is not an object');
      return;
    }
    this.emitObject(o, ln, ln, junkTime, undefined);
  }

  /** A line starting with `"key":` — the file (or paste) began inside an object. */
  private midObjectLine(trimmed: string, lead: number, ln: Ln, first: boolean): void {
    if (first) {
      try {
        const o: unknown = JSON.parse('{' + trimmed);
        if (isObj(o) && o.level !== undefined && (o.time !== undefined || o.msg !== undefined)) {
          this.emitObject(o, ln, ln, null, 'missing-open-brace');
          return;
        }
      } catch {
        // fall through to the reason
      }
    }
    const idx = jsonErrorIndex(trimmed);
    this.skip(ln, `invalid JSON at column ${lead + Math.max(idx, 0) + 1}: the line starts inside an object`);
  }

  private invalidReason(p: Pending): string {
    const col = p.lead + p.errIdx + 1;
    return p.errIdx >= p.json.length ? `invalid JSON at column ${col}: the line ends inside the object (truncated)` : `invalid JSON at column ${col}`;
  }

  /**
   * The previous line stopped mid-object. If this line completes it (a hard newline inside a
   * string or between tokens), emit one record for both; if not, report both. Returns true when
   * this line was consumed.
   */
  private tryJoin(t: string, trimmed: string, indent: number, ln: Ln): boolean {
    const p = this.pending!;
    const startsOwn =
      trimmed === '' || trimmed[0] === '{' || (indent === 0 && (parsePrettyHeader(trimmed) !== null || nodeOutputStart(trimmed) !== null));
    if (startsOwn) {
      this.flushPending();
      return false;
    }
    this.pending = null;
    for (const glue of ['\\n', '\n']) {
      let o: unknown;
      try {
        o = JSON.parse(p.json + glue + t);
      } catch {
        continue;
      }
      if (isObj(o)) {
        this.emitObject(o, p.ln, ln, p.junkTime, 'joined-next-line');
        return true;
      }
    }
    this.skip(p.ln, `${this.invalidReason(p)}; the next line does not complete it`);
    this.skip(ln, `rest of the broken JSON line ${p.ln.no} (invalid JSON)`);
    return true;
  }

  private flushPending(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    this.skip(p.ln, this.invalidReason(p));
  }

  private emitObject(o: Obj, first: Ln, last: Ln, junkTime: ResolvedTime | null, repaired: PinoFields['repaired']): void {
    let r: Interpreted;
    try {
      const time = junkTime ?? (first.tod !== null ? this.timeOfDay(first.tod) : null);
      r = interpretObject(o, this.ctx.time, this.tracker, { time });
    } catch (e) {
      const reason = `parser error: ${(e as Error)?.message ?? String(e)}`;
      this.skip(first, reason);
      if (last !== first) this.skip(last, reason);
      return;
    }
    if (repaired) r.fields.repaired = repaired;
    const span = spanOf(first);
    span.endLine = last.no;
    span.end = last.offset + last.len;
    this.push(r, span);
    this.accountedNo = last.no;
  }

  // ---- pino-pretty and Node output ----

  private openPretty(h: PrettyHeader, ln: Ln): void {
    this.open = { type: 'pretty', span: spanOf(ln), header: h, body: new PrettyBody(), time: this.prettyTime(h.timeText, ln.tod) };
    this.accountedNo = ln.no;
  }

  private fold(t: string, ln: Ln): void {
    const o = this.open!;
    o.span.endLine = ln.no;
    o.span.end = ln.offset + ln.len;
    this.accountedNo = ln.no; // part of the record from here on, whatever the body makes of it
    if (o.span.cont.length < MAX_CONTINUATION) o.span.cont.push(t);
    if (o.type === 'pretty') o.body.add(t);
    else o.block.take(t);
  }

  private closeOpen(): void {
    const o = this.open;
    if (!o) return;
    this.open = null;
    try {
      if (o.type === 'pretty') this.push(this.prettyRecord(o.header, o.body, o.time), o.span);
      else this.push(this.nodeRecord(o.block, o.kind, o.first), o.span);
    } catch (e) {
      const reason = `parser error: ${(e as Error)?.message ?? String(e)}`;
      for (let no = o.span.line; no <= o.span.endLine; no++) this.queue.push({ type: 'skipped', line: no, offset: o.span.offset, reason });
    }
  }

  private prettyRecord(h: PrettyHeader, body: PrettyBody, time: ResolvedTime | null): Interpreted {
    body.finish();
    const o: Obj = { ...body.props };
    const single = singleLineObject(h.msg);
    if (single) Object.assign(o, single.props);
    const msg = single ? single.msg : h.msg;
    if (msg !== '') o.msg = msg;
    if (h.pid !== undefined && o.pid === undefined) o.pid = h.pid;
    if (h.hostname !== undefined && o.hostname === undefined) o.hostname = h.hostname;
    if (h.name !== undefined && o.name === undefined) o.name = h.name;
    const et = body.errorText;
    if (et && o.err === undefined) {
      const err: Obj = { type: et.type, message: et.message, stack: et.stack.join('\n') };
      if (et.code) err.code = et.code;
      // With `errorProps`, pino-pretty prints the error's own properties as plain `key: value` lines.
      for (const k of ERROR_PROPS) {
        if (o[k] === undefined) continue;
        err[k] = o[k];
        delete o[k];
      }
      o.err = err;
    }
    const opts = h.level === null ? { time, level: null, levelLabel: h.label } : { time, level: h.level };
    return interpretObject(o, this.ctx.time, this.tracker, opts);
  }

  private nodeRecord(block: NodeOutputBlock, kind: NodeOutputKind, first: string): Interpreted {
    const { err, fatal, warning } = block.result();
    const fields: PinoFields = {};
    if (err) {
      fields.err = err;
      fields.exception = exceptionOf(err);
    }
    if (kind === 'crash') {
      if (!err && fatal !== null) fields.exception = { type: 'FATAL ERROR', message: fatal };
      if (this.lastTs !== null) fields.afterTs = this.lastTs;
      const message = err ? `${err.type}: ${err.message}` : fatal !== null ? `FATAL ERROR: ${fatal}` : first;
      return { ts: null, tq: 'none', level: 60, message, kind: PINO_KINDS.nodeCrash, fields };
    }
    if (kind === 'warning') {
      if (warning) fields.warning = warning;
      const r: Interpreted = { ts: null, tq: 'none', level: 40, message: first, kind: PINO_KINDS.nodeWarning, fields };
      if (block.pid !== undefined) r.pid = block.pid;
      return r;
    }
    return { ts: null, tq: 'none', level: null, message: first, kind: PINO_KINDS.nodeError, fields };
  }

  // ---- time ----

  private prettyTime(text: string | null, tod: number | null): ResolvedTime | null {
    if (text) {
      if (/^\d{9,19}$/.test(text)) {
        const ms = epochToMs(Number(text));
        if (ms !== null) return { ts: ms, tq: 'explicit' };
      }
      if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
        const iso = parseIsoStamp(this.ctx.time, text);
        if (iso) return { ts: iso.ts, tq: iso.tq };
      }
      const m = TIME_OF_DAY.exec(text);
      if (m) {
        const ms = Number((m[4] ?? '0').padEnd(3, '0'));
        let h = Number(m[1]);
        if (m[5]) h = (h % 12) + (m[5].toUpperCase() === 'PM' ? 12 : 0);
        if (h < 24) return this.timeOfDay(((h * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + ms);
      }
    }
    return tod !== null ? this.timeOfDay(tod) : null;
  }

  /** A time of day placed on the reference day, moving to the next day when the log crosses midnight. */
  private timeOfDay(todMs: number): ResolvedTime | null {
    if (this.lastTod >= 0 && todMs < this.lastTod - ROLLOVER) this.dayShift += DAY;
    this.lastTod = todMs;
    const h = Math.floor(todMs / 3_600_000);
    const mi = Math.floor(todMs / 60_000) % 60;
    const s = Math.floor(todMs / 1000) % 60;
    const r = resolveTimeOfDay(this.ctx.time, h, mi, s, todMs % 1000);
    return r ? { ts: r.ts + this.dayShift, tq: r.tq } : null;
  }

  private push(r: Interpreted, span: Span): void {
    // A JSON line's stack sits inside the line; expose it like the stack lines of a text log so
    // text predicates and search see it (`socket hang up`, `EMFILE`).
    const err = r.fields.err;
    const continuation = span.cont.length === 0 && err ? (err.stack ? err.stack.split('\n') : [`${err.type}: ${err.message}`]) : span.cont;
    const rec: LogRecord = {
      type: 'log',
      ts: r.ts,
      tq: r.ts === null ? 'none' : r.tq,
      level: r.level,
      message: r.message,
      continuation,
      kind: r.kind,
      fields: r.fields as Record<string, unknown>,
      line: span.line,
      endLine: span.endLine,
      offset: span.offset,
      length: span.end - span.offset,
    };
    if (r.pid !== undefined) rec.pid = r.pid;
    if (r.logger !== undefined) rec.logger = r.logger;
    if (r.numbers !== undefined) rec.numbers = r.numbers;
    if (r.fromContext) rec.fromContext = true;
    if (r.ts !== null) this.lastTs = r.ts;
    this.queue.push(rec);
  }
}
