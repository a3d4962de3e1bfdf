/**
 * Go dumps inside logs. A service's stderr or its container log holds its own log lines and, when it
 * got SIGQUIT (or crashed with GOTRACEBACK=all/system/crash), the runtime's traceback of every
 * goroutine and the registers block. `GoroutineDumpRouter` sends each line to one of two parsers: the
 * dump parser for the trace, the log parser for everything else, so the dump is read as a dump and the
 * log lines around it stay log records.
 *
 * - In a log (`withGoroutineDumps(textLogParser)`), a dump begins at a runtime signal header followed by
 *   its `PC=0x… m=N sigcode=N` line, at a `goroutine N [state]:` header that no `panic:` or
 *   `fatal error:` line opened (a panic stays its log record, as the log parsers read it), or at
 *   `goroutine profile: total N`; it ends at the first line that is not part of a Go trace.
 * - In a file the goroutine parser claimed, every line goes to the dump parser first and only the lines
 *   that are not part of a trace go to the text-log parser.
 *
 * Docker json-file lines (`{"log":"…\n","stream":"stderr","time":"…"}`) and CRI lines
 * (`2026-…Z stderr F …`) are unwrapped for the dump parser, and the dump is timed by the runtime's
 * stamp on its first line. A dump in a plain log has no time of its own: it takes the time of the first
 * log record after it (its upper bound: the line printed next, e.g. the restarted service's first),
 * marked `log`; with no record after it, none (the engine then uses the file name or mtime).
 */
import { isContinuationShaped } from '../textlog/continuation';
import type { LineSink, LogRecord, ParseContext, ParserModule, SkippedLine, SnapshotMeta, TimeQuality } from '../types';
import { isSignalPcLine, parseHeader, parseProfileHeader, parseSignalHeader } from './lines';
import type { GoroutineDump } from './model';
import { GoroutineDumpParser } from './parser';

export interface UnwrappedLine {
  text: string;
  /** The container runtime's stamp of the line (UTC ms). */
  ts?: number;
}

const CRI = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)) (?:stdout|stderr) [FP] (.*)$/;

/** The line a container runtime wrapped (Docker json-file, CRI), or null for a plain line. */
export function unwrapContainerLine(raw: string): UnwrappedLine | null {
  if (raw.startsWith('{"log":')) {
    let o: unknown;
    try {
      o = JSON.parse(raw);
    } catch {
      return null;
    }
    if (!o || typeof o !== 'object') return null;
    const { log, time } = o as { log?: unknown; time?: unknown };
    if (typeof log !== 'string') return null;
    const text = log.endsWith('\r\n') ? log.slice(0, -2) : log.endsWith('\n') ? log.slice(0, -1) : log;
    const ts = typeof time === 'string' ? Date.parse(time) : NaN;
    return Number.isFinite(ts) ? { text, ts } : { text };
  }
  const m = CRI.exec(raw);
  if (!m) return null;
  const ts = Date.parse(m[1]!);
  return Number.isFinite(ts) ? { text: m[2]!, ts } : { text: m[2]! };
}

type DumpRecord = SnapshotMeta | GoroutineDump;
type AnyRecord = { type: string } | SkippedLine;

interface Held {
  raw: string;
  text: string;
  ts: number | undefined;
  lineNo: number;
  offset: number;
  len: number;
}

/**
 * A line that may begin a dump or a panic, plain or in a Docker / CRI wrapper (`^\` is a terminal's echo
 * of Ctrl-\). Anything else in a log goes to the log parser as it is.
 */
const MAY_START = /^(?:\{"log":"|\S{20,40} std(?:out|err) [FP] )?(?:\^\\{1,2})?(?:SIG[A-Z]|goroutine |panic: |fatal error: )/;

/** Log records remembered to time a dump that has none: the first with a time after the dump's end. */
const MAX_TIMED_RECORDS = 10_000;

export class GoroutineDumpRouter implements LineSink {
  private readonly dumps: GoroutineDumpParser;
  private readonly log: LineSink;
  private inDump: boolean;
  private held: Held | null = null;
  /** A `panic:` / `fatal error:` line opened the current log record: its goroutines are the log's. */
  private panicOpen = false;
  /** Container stamps of the lines the dump parser got, to time the dump by its first line. */
  private stamps: [line: number, ts: number][] = [];
  /** Dump records with no time yet, waiting for a log record after them. */
  private waiting: { meta: SnapshotMeta; dump: GoroutineDump | null }[] = [];
  private timed: { line: number; ts: number; tq: TimeQuality }[] = [];
  /** dumpFirst: offsets of the lines handed to the log parser, to report untimed ones as skipped. */
  private foreignOffsets = new Map<number, number>();

  constructor(
    ctx: ParseContext,
    private readonly emit: (r: AnyRecord) => void,
    logModule: ParserModule<unknown>,
    /** The goroutine parser claimed the file: every line is offered to the dump parser first. */
    private readonly dumpFirst: boolean,
  ) {
    this.inDump = dumpFirst;
    this.dumps = new GoroutineDumpParser(ctx, (r) => this.fromDump(r), { foreign: true });
    this.log = logModule.create(ctx, (r) => this.fromLog(r as AnyRecord));
  }

  line(raw: string, lineNo: number, offset: number, len: number): void {
    // Most lines of a log are plainly log lines: they skip the unwrapping (a second JSON.parse).
    if (!this.inDump && !this.held && !this.panicOpen && !MAY_START.test(raw)) {
      this.log.line(raw, lineNo, offset, len);
      return;
    }
    const u = unwrapContainerLine(raw);
    const text = u ? u.text : raw;
    const ts = u?.ts;
    if (this.held) {
      const h = this.held;
      this.held = null;
      if (isSignalPcLine(text.trim())) {
        this.inDump = true;
        this.toDump(h.raw, h.text, h.ts, h.lineNo, h.offset, h.len);
      } else this.toLog(h.raw, h.text, h.lineNo, h.offset, h.len);
    }
    if (this.inDump) return this.toDump(raw, text, ts, lineNo, offset, len);
    const t = (text.startsWith('^\\') ? text.slice(2) : text).trim();
    if (parseSignalHeader(t)) {
      this.held = { raw, text, ts, lineNo, offset, len };
      return;
    }
    if ((!this.panicOpen && parseHeader(t)) || parseProfileHeader(t) !== null) {
      this.inDump = true;
      return this.toDump(raw, text, ts, lineNo, offset, len);
    }
    this.toLog(raw, text, lineNo, offset, len);
  }

  end(): void {
    if (this.held) {
      const h = this.held;
      this.held = null;
      this.toLog(h.raw, h.text, h.lineNo, h.offset, h.len);
    }
    this.dumps.end();
    this.log.end();
    for (const w of this.waiting) this.release(w.meta, w.dump);
    this.waiting = [];
  }

  private toDump(raw: string, text: string, ts: number | undefined, lineNo: number, offset: number, len: number): void {
    if (ts !== undefined) this.stamps.push([lineNo, ts]);
    if (this.dumps.line(text, lineNo, offset)) return;
    if (!this.dumpFirst) {
      // The trace ended: the dump is complete and this line is the log's again.
      this.dumps.closeDump();
      this.inDump = false;
      this.stamps = [];
    }
    this.toLog(raw, text, lineNo, offset, len);
  }

  private toLog(raw: string, text: string, lineNo: number, offset: number, len: number): void {
    if (this.dumpFirst) this.foreignOffsets.set(lineNo, offset);
    if (text.startsWith('panic: ') || text.startsWith('fatal error: ')) this.panicOpen = true;
    else if (this.panicOpen && !isContinuationShaped(text)) this.panicOpen = false;
    this.log.line(raw, lineNo, offset, len);
  }

  private fromDump(r: DumpRecord | SkippedLine): void {
    if (r.type === 'skipped') return this.emit(r);
    if (r.type === 'snapshot') {
      r.kind = 'goroutine';
      if (r.capturedAt === null) {
        const stamp = this.stamps.find(([line]) => line >= r.line);
        if (stamp) {
          r.capturedAt = stamp[1];
          r.tq = 'explicit';
          r.timeSource = 'tool';
        }
      }
      this.waiting.push({ meta: r, dump: null });
      return;
    }
    const w = this.waiting.at(-1);
    if (!w || w.dump) return this.emit(r);
    w.dump = r;
    this.stamps = this.stamps.filter(([line]) => line > r.endLine);
    this.settle();
  }

  private fromLog(r: AnyRecord): void {
    const rec = r as LogRecord;
    if (this.dumpFirst && rec.type === 'log') {
      // Text around a dump without a time of its own (`exit status 2`, a build tool's output) is not a
      // log line of the service: it is reported as not understood, as the dump parser always did.
      for (let i = rec.line; i <= rec.endLine; i++) {
        const off = this.foreignOffsets.get(i);
        if (off !== undefined && rec.ts === null) this.emit({ type: 'skipped', line: i, offset: off, reason: 'not part of a Go trace' });
        this.foreignOffsets.delete(i);
      }
      if (rec.ts === null) return;
    }
    if (rec.type === 'log' && rec.ts !== null && typeof rec.ts === 'number' && (this.waiting.length > 0 || this.dumps.open)) {
      this.timed.push({ line: rec.line, ts: rec.ts, tq: rec.tq });
      if (this.timed.length > MAX_TIMED_RECORDS) this.timed.shift();
    }
    this.emit(r);
    this.settle();
  }

  /** Emits, in order, the dumps that have a time or found the log record after them. */
  private settle(): void {
    while (this.waiting.length > 0) {
      const w = this.waiting[0]!;
      if (!w.dump) return;
      if (w.meta.capturedAt === null) {
        const end = w.dump.endLine;
        const next = this.timed.find((t) => t.line > end);
        if (!next) return;
        w.meta.capturedAt = next.ts;
        w.meta.tq = next.tq;
        w.meta.timeSource = 'log';
      }
      this.waiting.shift();
      this.timed = this.timed.filter((t) => t.line > w.dump!.endLine);
      this.release(w.meta, w.dump);
    }
  }

  private release(meta: SnapshotMeta, dump: GoroutineDump | null): void {
    this.emit(meta);
    if (dump) this.emit(dump);
  }
}

/** A log parser that reads the Go dumps inside its files as dumps (see the top of this file). */
export function withGoroutineDumps<R>(inner: ParserModule<R>): ParserModule<R | DumpRecord> {
  return {
    kind: inner.kind,
    sniff: inner.sniff,
    create: (ctx, emit) => new GoroutineDumpRouter(ctx, emit as (r: AnyRecord) => void, inner as ParserModule<unknown>, false),
  };
}
