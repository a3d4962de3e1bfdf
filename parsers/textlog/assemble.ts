/**
 * Builds records from starts and continuation lines, shared by the text-log and json-log sinks.
 * Holds one open record; a new start closes it. Every line handed in ends up in exactly one
 * emitted record or one SkippedLine, also when building a record fails.
 */
import { LEVELS, type LogRecord, type SkippedLine } from '../types';
import { noteOf } from './continuation';
import { GENERIC_KINDS } from './fields';
import { capMessage, MAX_CONTINUATION, type Ln, type Start } from './model';
import { netErrorOf } from './net-error';

interface Open {
  start: Start;
  /** Lines of the record: compose service or Docker/CRI stream, so another service's line does not fold in. */
  group: string | undefined;
  line: number;
  offset: number;
  endLine: number;
  end: number;
  cont: string[];
  inTraceback: boolean;
  exceptionFromCont: boolean;
  errFromCont: boolean;
  /** The last PostgreSQL follow-up folded in was a STATEMENT: its wrapped lines belong to it. */
  inStatement: boolean;
}

export type Out = LogRecord | SkippedLine;

export class RecordAssembler {
  private open: Open | null = null;
  /** The last line number put into a record or a SkippedLine, so a failure does not report it twice. */
  accountedNo = 0;

  constructor(private readonly emit: (r: Out) => void) {}

  get current(): Readonly<Start> | null {
    return this.open?.start ?? null;
  }

  get currentGroup(): string | undefined {
    return this.open?.group;
  }

  begin(start: Start, ln: Ln, group?: string): void {
    this.close();
    this.open = {
      start, group, line: ln.no, offset: ln.offset, endLine: ln.no, end: ln.offset + ln.len, cont: start.carried?.slice(0, MAX_CONTINUATION) ?? [],
      inTraceback: false, exceptionFromCont: false, errFromCont: false, inStatement: false,
    };
    this.accountedNo = ln.no;
  }

  /** Adds a continuation line to the open record; false when there is none. */
  fold(text: string, ln: Ln): boolean {
    const o = this.open;
    if (!o) return false;
    o.endLine = ln.no;
    o.end = ln.offset + ln.len;
    this.accountedNo = ln.no;
    if (o.cont.length < MAX_CONTINUATION) o.cont.push(text);
    const pg = o.start.fields.pg;
    if (o.inStatement && pg?.statement !== undefined && pg.statement.length < 4000) pg.statement = (pg.statement + '\n' + text).slice(0, 4000);
    const note = text === '' ? null : noteOf(text);
    if (note) this.applyNote(o, note);
    return true;
  }

  /** A PostgreSQL DETAIL/STATEMENT… line: into the record's `pg` fields as well as its continuation. */
  foldPg(severity: string, message: string, text: string, ln: Ln): boolean {
    const o = this.open;
    if (!o || !this.fold(text, ln)) return false;
    const pg = o.start.fields.pg;
    o.inStatement = false;
    if (pg) {
      const key = severity === 'STATEMENT' || severity === 'QUERY' ? 'statement' : severity === 'DETAIL' ? 'detail' : severity === 'HINT' ? 'hint' : null;
      if (key && pg[key] === undefined) {
        pg[key] = message.slice(0, 4000);
        o.inStatement = key === 'statement';
      }
    }
    return true;
  }

  /** The next part of a line a runtime split (CRI `P`): joins the open record's message. */
  appendToMessage(text: string, ln: Ln): boolean {
    const o = this.open;
    if (!o) return false;
    o.endLine = ln.no;
    o.end = ln.offset + ln.len;
    this.accountedNo = ln.no;
    if (o.cont.length === 0) o.start.message = capMessage(o.start.message + text);
    else o.cont[o.cont.length - 1] += text;
    return true;
  }

  /** A line no record takes. It ends the open record, so record spans stay contiguous. */
  skip(ln: Ln, reason: string): void {
    this.close();
    this.emit({ type: 'skipped', line: ln.no, offset: ln.offset, reason });
    this.accountedNo = ln.no;
  }

  private applyNote(o: Open, note: NonNullable<ReturnType<typeof noteOf>>): void {
    const f = o.start.fields;
    if (note.traceback) {
      o.inTraceback = true;
      return;
    }
    if (note.panic && f.panic === undefined) {
      f.panic = note.panic.message.slice(0, 4000);
      f.exception = { type: note.panic.type === 'panic' ? 'panic' : 'fatal error', message: f.panic };
      o.start.kind = GENERIC_KINDS.goPanic;
      if (o.start.level === null || o.start.level < LEVELS.FATAL) o.start.level = LEVELS.FATAL;
      return;
    }
    if (note.exception && f.panic === undefined) {
      // Java and Node print the exception first; Python prints it last, after its traceback.
      const replace = f.exception === undefined || (o.exceptionFromCont && o.inTraceback);
      if (!replace) return;
      f.exception = { type: note.exception.type, message: note.exception.message.slice(0, 4000) };
      o.exceptionFromCont = true;
      if (f.err === undefined || o.errFromCont) {
        const net = netErrorOf(note.exception.message);
        if (net) {
          f.err = { ...net, type: note.exception.type };
          o.errFromCont = true;
          o.start.kind ??= GENERIC_KINDS.netError;
        }
      }
    }
  }

  /** Emits the open record. */
  close(): void {
    const o = this.open;
    if (!o) return;
    this.open = null;
    let rec: LogRecord;
    try {
      const s = o.start;
      rec = {
        type: 'log', ts: s.ts, tq: s.tq, level: s.level, message: s.message, continuation: o.cont, kind: s.kind,
        fields: s.fields as Record<string, unknown>, line: o.line, endLine: o.endLine, offset: o.offset, length: o.end - o.offset,
      };
      if (s.pid !== undefined) rec.pid = s.pid;
      if (s.thread !== undefined) rec.thread = s.thread;
      if (s.logger !== undefined) rec.logger = s.logger;
      if (s.numbers !== undefined) rec.numbers = s.numbers;
    } catch (e) {
      const reason = `parser error: ${(e as Error)?.message ?? String(e)}`;
      for (let no = o.line; no <= o.endLine; no++) this.emit({ type: 'skipped', line: no, offset: o.offset, reason });
      return;
    }
    this.emit(rec);
  }
}
