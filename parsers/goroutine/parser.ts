/**
 * The streaming goroutine-dump parser: a line-at-a-time state machine that builds one
 * GoroutineDump per dump in the file (runtime.Stack / debug=2 / SIGQUIT / panic traces, and pprof
 * debug=1 output). A new dump starts at a collector capture header, a `goroutine profile:` line, a
 * panic/fatal/signal header after goroutines, or a goroutine id that repeats. Every line ends up in
 * an emitted dump or in a SkippedLine with a reason — or, with `foreign` set, is handed back (`line`
 * returns false) when it is not part of a Go trace at all, so a log parser can read it (embedded.ts).
 */
import { parseCaptureHeader } from '../snapshot/header';
import type { ParseContext, SkippedLine, SnapshotMeta, TimeQuality } from '../types';
import {
  findPrefixedHeader,
  funcPackage,
  isElided,
  isRegisterLine,
  isRuntimeNote,
  isSeparator,
  isSignalArrived,
  isSignalPcLine,
  parseAncestor,
  parseCall,
  parseCountLine,
  parseCreatedBy,
  parseFatal,
  parseHeader,
  parseLocation,
  parsePanic,
  parseProfileFrame,
  parseProfileHeader,
  parseSignalHeader,
  parseSignalLine,
  RUNTIME_STACK,
  STACK_UNAVAILABLE,
  type CallLine,
  type HeaderLine,
} from './lines';
import type { AggregatedStack, GoFrame, Goroutine, GoroutineDump, RegisterBlock } from './model';
import { learnPrefix, stripPrefix, type LinePrefix } from './prefix';

export type GoroutineRecord = SnapshotMeta | GoroutineDump;
type Emit = (r: GoroutineRecord | SkippedLine) => void;

/** Where frames go: the goroutine's own stack, an ancestor's (kept as ids only), or the system stack. */
type Section = 'none' | 'goroutine' | 'ancestor' | 'runtime-stack' | 'panic' | 'debug1';

interface Pending {
  call: CallLine;
  created: boolean;
  goroutine?: number;
  line: number;
  offset: number;
}

interface Building {
  dump: GoroutineDump;
  ids: Set<number>;
  capturedAt: number | null;
  tq?: TimeQuality;
  host?: string;
  pid?: number;
  command?: string;
  /** Lines consumed before the dump had content; reported as skipped if it never gets any. */
  provisional: { line: number; offset: number; reason: string }[];
  panicLines: number;
}

const MAX_PANIC_LINES = 40;
const MAX_HEADER_SCAN = 200;

export interface DumpParserOptions {
  /** Hand lines that are not part of a Go trace back to the caller instead of skipping them. */
  foreign?: boolean;
}

export class GoroutineDumpParser {
  private cur: Building | null = null;
  private g: Goroutine | null = null;
  private section: Section = 'none';
  private pending: Pending | null = null;
  private block: AggregatedStack | null = null;
  private prefix: LinePrefix | null = null;
  private afterSeparator = false;
  private regs: RegisterBlock | null = null;
  /** Set by `handle` when the line is foreign (see DumpParserOptions.foreign). */
  private handedBack = false;

  constructor(
    private readonly ctx: ParseContext,
    private readonly emit: Emit,
    private readonly options: DumpParserOptions = {},
  ) {}

  /** Reads one line; false when it is not part of a Go trace and `foreign` is set (the caller reads it). */
  line(raw: string, lineNo: number, offset: number): boolean {
    this.handedBack = false;
    try {
      this.handle(raw, lineNo, offset);
    } catch (e) {
      this.pending = null;
      this.skip(lineNo, offset, `parser error: ${e instanceof Error ? e.message : String(e)}`);
    }
    return !this.handedBack;
  }

  end(): void {
    this.flushPending();
    this.close();
  }

  /** Emits the open dump, if any: the trace ended (a log line followed it). */
  closeDump(): void {
    this.flushPending();
    this.close();
  }

  /** A dump is open (has begun and not been emitted). */
  get open(): boolean {
    return this.cur !== null;
  }

  private handle(raw: string, lineNo: number, offset: number): void {
    let text = stripPrefix(this.prefix, raw);
    // A terminal echoes Ctrl-\ as `^\` in front of the runtime's `SIGQUIT: quit`.
    if (text.startsWith('^\\')) text = text.slice(2);
    const t = text.trim();

    if (t === '') return this.blank(lineNo, offset);

    // Frame locations first: the most frequent line and the one that completes a pending frame.
    if (this.pending) {
      const loc = parseLocation(t);
      if (loc) return this.completeFrame(loc.file, loc.lineNo, loc.offset, lineNo);
      this.flushPending();
    }

    const header = parseHeader(t) ?? this.prefixedHeader(raw);
    if (header) return this.goroutineHeader(header, lineNo, offset);

    const call = parseCall(t);
    if (call) return this.callLine(call, lineNo, offset);
    const created = parseCreatedBy(t);
    if (created) return this.createdByLine(created, lineNo, offset);
    if (parseLocation(t)) return this.skip(lineNo, offset, 'file:line without a function line (trace starts mid-frame or is interleaved)');

    if (this.section === 'debug1' || t.startsWith('#')) {
      if (this.debug1Line(t, lineNo, offset)) return;
    }
    const count = parseCountLine(t);
    if (count !== null) return this.countLine(count, lineNo);
    const total = parseProfileHeader(t);
    if (total !== null) return this.profileHeader(total, lineNo);

    if (this.g && this.section !== 'none') {
      const anc = parseAncestor(t);
      if (anc !== null) {
        (this.g.ancestors ??= []).push(anc);
        this.section = 'ancestor';
        return this.consume(lineNo);
      }
      if (isElided(t)) {
        if (this.section === 'goroutine') this.g.framesElided = true;
        return this.consume(lineNo);
      }
      if (t === STACK_UNAVAILABLE) {
        this.g.stackUnavailable = true;
        return this.consume(lineNo);
      }
    }

    if (this.panicOrSignal(t, raw, lineNo, offset)) return;

    if (isRegisterLine(t)) {
      if (this.cur && this.hasContent(this.cur)) return this.register(t, lineNo);
      return this.skip(lineNo, offset, 'register dump (GOTRACEBACK=system/crash)');
    }
    if (isSeparator(t)) {
      this.afterSeparator = true;
      return this.skip(lineNo, offset, 'separator between per-thread crash dumps');
    }
    if (t === RUNTIME_STACK) {
      this.ensure(lineNo, offset, 'runtime stack header');
      this.g = null;
      this.section = 'runtime-stack';
      this.cur!.dump.runtimeStack ??= [];
      return this.consume(lineNo);
    }
    if (isRuntimeNote(t)) {
      if (this.cur && this.hasContent(this.cur) && this.cur.dump.goroutines.length > 0) this.close();
      this.ensure(lineNo, offset, 'runtime diagnostic without a dump');
      (this.cur!.dump.runtimeNotes ??= []).push(t);
      return this.consume(lineNo);
    }
    if (t.length <= MAX_HEADER_SCAN) {
      const cap = parseCaptureHeader(this.ctx.time, t);
      if (cap) return this.captureHeader(cap, lineNo, offset);
    }
    if (this.section === 'panic' && this.cur?.dump.panic && this.cur.panicLines < MAX_PANIC_LINES) {
      // Multi-line panic values (`panic: x [recovered]` / `\tpanic: y`, errors with newlines).
      this.cur.dump.panic.message += '\n' + t;
      this.cur.panicLines++;
      return this.consume(lineNo);
    }
    // Indented text inside a goroutine is a damaged frame; anything else is output around the trace.
    const damaged = this.g !== null && /^\s/.test(text);
    if (!damaged && this.options.foreign) {
      this.handedBack = true;
      return;
    }
    this.skip(lineNo, offset, damaged ? `unrecognised line in goroutine ${this.g!.id}` : 'not part of a Go trace');
  }

  /** `rax    0xca`: one register of the block the runtime prints after a signal's traceback. */
  private register(t: string, lineNo: number): void {
    const m = /^(\S+)[ \t]+(\S+)$/.exec(t)!;
    const d = this.cur!.dump;
    if (!this.regs || this.regs.endLine !== lineNo - 1) {
      this.regs = { values: {}, line: lineNo, endLine: lineNo };
      (d.registers ??= []).push(this.regs);
    }
    this.regs.values[m[1]!] = m[2]!;
    this.regs.endLine = lineNo;
    this.g = null;
    this.section = 'none';
    this.consume(lineNo);
  }

  private prefixedHeader(raw: string): HeaderLine | null {
    const i = findPrefixedHeader(raw);
    if (i < 0) return null;
    const p = learnPrefix(raw.slice(0, i));
    if (!p) return null;
    this.prefix = p;
    if (this.cur) {
      this.cur.pid ??= p.pid;
      this.cur.command ??= p.command;
    }
    return parseHeader(raw.slice(i).trim());
  }

  private blank(lineNo: number, offset: number): void {
    this.flushPending();
    // The runtime never prints a blank line inside a stack: it ends the goroutine (or section).
    if (this.section === 'debug1') this.block = null;
    else {
      this.section = 'none';
      this.g = null;
    }
    if (!this.cur) return this.skip(lineNo, offset, 'blank line outside a dump');
    if (this.hasContent(this.cur)) this.consume(lineNo);
    else this.cur.provisional.push({ line: lineNo, offset, reason: 'blank line outside a dump' });
  }

  private goroutineHeader(h: HeaderLine, lineNo: number, offset: number): void {
    const c = this.cur;
    // A repeated id means a second dump appended without a header (id 0 is each M's g0 in crash output).
    if (c && (c.dump.format === 'debug1' || (h.id !== 0 && c.ids.has(h.id)))) this.close();
    this.ensure(lineNo, offset, '');
    const b = this.cur!;
    b.ids.add(h.id);
    const g: Goroutine = { id: h.id, state: h.state, lockedToThread: h.locked, frames: [], framesElided: false, line: lineNo };
    if (h.waitMinutes !== undefined) g.waitMinutes = h.waitMinutes;
    b.dump.goroutines.push(g);
    this.g = g;
    this.section = 'goroutine';
    this.afterSeparator = false;
    this.consume(lineNo);
  }

  private callLine(call: CallLine, lineNo: number, offset: number): void {
    if (this.section === 'goroutine' || this.section === 'ancestor' || this.section === 'runtime-stack') {
      this.pending = { call, created: false, line: lineNo, offset };
      return;
    }
    this.skip(lineNo, offset, 'function line outside a goroutine (trace starts mid-stack or is interleaved)');
  }

  private createdByLine(c: { func: string; goroutine?: number }, lineNo: number, offset: number): void {
    if (this.section === 'goroutine' || this.section === 'ancestor') {
      const p: Pending = { call: { func: c.func, args: '' }, created: true, line: lineNo, offset };
      if (c.goroutine !== undefined) p.goroutine = c.goroutine;
      this.pending = p;
      return;
    }
    this.skip(lineNo, offset, '`created by` outside a goroutine');
  }

  private completeFrame(file: string, line: number, off: string | undefined, lineNo: number): void {
    const p = this.pending!;
    this.pending = null;
    const cur = this.cur!;
    const frame: GoFrame = { func: p.call.func, pkg: funcPackage(p.call.func), file, lineNo: line };
    if (!p.created) frame.args = p.call.args;
    if (off) frame.offset = off;
    if (this.section === 'runtime-stack') cur.dump.runtimeStack!.push(frame);
    else if (this.section === 'goroutine' && this.g) {
      if (p.created) {
        const cb: GoFrame & { goroutine?: number } = frame;
        if (p.goroutine !== undefined) cb.goroutine = p.goroutine;
        this.g.createdBy = cb;
      } else this.g.frames.push(frame);
    }
    // Ancestor frames are consumed; the model keeps only the ancestor ids.
    this.consume(p.line);
    this.consume(lineNo);
  }

  private flushPending(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    this.skip(p.line, p.offset, p.created ? '`created by` without a file:line' : 'function line without a file:line (truncated or interleaved)');
  }

  /** pprof debug=1: `#\t0x…\tfunc+0x…\tfile:line` frames and `# labels: {…}`. */
  private debug1Line(t: string, lineNo: number, offset: number): boolean {
    if (t.startsWith('# labels: ') && this.block) {
      this.block.labels = t.slice(10);
      this.consume(lineNo);
      return true;
    }
    const f = parseProfileFrame(t);
    if (!f) return false;
    if (!this.block) {
      this.skip(lineNo, offset, 'profile frame outside a `N @ 0x…` block');
      return true;
    }
    const frame: GoFrame = f.func
      ? { func: f.func, pkg: funcPackage(f.func), file: f.file!, lineNo: f.lineNo! }
      : { func: f.pc, pkg: '', file: '', lineNo: 0 };
    if (f.offset) frame.offset = f.offset;
    this.block.frames.push(frame);
    this.consume(lineNo);
    return true;
  }

  private countLine(count: number, lineNo: number): void {
    this.flushPending();
    if (this.cur && this.cur.dump.format !== 'debug1' && this.hasContent(this.cur)) this.close();
    this.ensure(lineNo, 0, '');
    this.cur!.dump.format = 'debug1';
    this.g = null;
    this.block = { count, frames: [], line: lineNo };
    this.cur!.dump.aggregated.push(this.block);
    this.section = 'debug1';
    this.consume(lineNo);
  }

  private profileHeader(total: number, lineNo: number): void {
    if (this.cur && this.hasContent(this.cur)) this.close();
    this.ensure(lineNo, 0, '');
    const d = this.cur!.dump;
    d.format = 'debug1';
    d.total = total;
    this.g = null;
    this.block = null;
    this.section = 'debug1';
    this.consume(lineNo);
  }

  private panicOrSignal(t: string, raw: string, lineNo: number, offset: number): boolean {
    let msg = parsePanic(t) ?? parseFatal(t);
    if (msg === null) {
      // `app[1]: panic: …` before any goroutine header taught us the prefix.
      const i = raw.indexOf('panic: ');
      // Only a process tag (`app[123]: `) or a CRI stream marker (`… stderr F `) is trusted here.
      if (i > 0 && !this.prefix && /(?:\[\d{1,10}\]: | std(?:out|err) [FP] )$/.test(raw.slice(0, i))) {
        const p = learnPrefix(raw.slice(0, i));
        if (p) {
          this.prefix = p;
          msg = raw.slice(i + 7).trim();
        }
      }
    }
    if (msg !== null) {
      if (this.section === 'panic' && this.cur?.dump.panic) {
        this.cur.dump.panic.message += '\n' + t;
        this.consume(lineNo);
        return true;
      }
      if (this.cur && (this.cur.dump.goroutines.length > 0 || this.cur.dump.aggregated.length > 0 || this.cur.dump.panic)) this.close();
      this.ensure(lineNo, offset, '');
      const d = this.cur!.dump;
      d.panic = { message: msg, line: lineNo };
      d.format = 'panic';
      if (this.prefix) {
        this.cur!.pid ??= this.prefix.pid;
        this.cur!.command ??= this.prefix.command;
      }
      this.cur!.panicLines = 0;
      this.g = null;
      this.section = 'panic';
      this.consume(lineNo);
      return true;
    }
    const sig = parseSignalLine(t);
    if (sig) {
      const d = this.cur?.dump;
      if (d?.panic && d.panic.signal === undefined) {
        d.panic.signal = sig.name;
        d.panic.signalText = sig.text;
        this.consume(lineNo);
      } else this.skip(lineNo, offset, '[signal …] line without a panic');
      return true;
    }
    const head = parseSignalHeader(t);
    if (head) {
      const c = this.cur;
      // After `-----`, GOTRACEBACK=crash prints each thread's SIGQUIT section: same process, same dump.
      if (c && c.dump.goroutines.length > 0 && !this.afterSeparator) this.close();
      this.afterSeparator = false;
      this.ensure(lineNo, offset, '');
      const d = this.cur!.dump;
      d.signal ??= { name: head.name, text: head.text, line: lineNo };
      this.g = null;
      this.section = 'none';
      this.consume(lineNo);
      return true;
    }
    if ((isSignalPcLine(t) || isSignalArrived(t)) && this.cur?.dump.signal) {
      this.consume(lineNo);
      return true;
    }
    return false;
  }

  private captureHeader(cap: { ts: number; tq: TimeQuality; host?: string; pid?: number; command?: string }, lineNo: number, offset: number): void {
    this.flushPending();
    if (this.cur && this.hasContent(this.cur)) this.close();
    this.ensure(lineNo, offset, 'capture header without a dump after it');
    const b = this.cur!;
    b.capturedAt = cap.ts;
    b.tq = cap.tq;
    if (cap.host) b.host = cap.host;
    if (cap.pid !== undefined) b.pid = cap.pid;
    if (cap.command) b.command = cap.command;
    this.g = null;
    this.section = 'none';
    this.consume(lineNo);
  }

  /** Opens a dump if none is open; `reason` is what the line is reported as if the dump stays empty. */
  private ensure(lineNo: number, offset: number, reason: string): void {
    if (this.cur) {
      if (reason && !this.hasContent(this.cur)) this.cur.provisional.push({ line: lineNo, offset, reason });
      return;
    }
    const dump: GoroutineDump = { type: 'goroutine-dump', format: 'debug2', goroutines: [], aggregated: [], line: lineNo, endLine: lineNo };
    this.cur = { dump, ids: new Set(), capturedAt: null, provisional: [], panicLines: 0 };
    if (this.prefix) {
      if (this.prefix.pid !== undefined) this.cur.pid = this.prefix.pid;
      if (this.prefix.command) this.cur.command = this.prefix.command;
    }
    if (reason) this.cur.provisional.push({ line: lineNo, offset, reason });
  }

  private hasContent(b: Building): boolean {
    const d = b.dump;
    return d.goroutines.length > 0 || d.aggregated.length > 0 || d.total !== undefined || !!d.panic || !!d.signal || !!d.runtimeStack;
  }

  /** Marks a line as part of the open dump. */
  private consume(lineNo: number): void {
    const c = this.cur;
    if (!c) return;
    if (lineNo > c.dump.endLine) c.dump.endLine = lineNo;
    if (c.provisional.length > 0 && this.hasContent(c)) c.provisional = [];
  }

  private close(): void {
    const b = this.cur;
    this.cur = null;
    this.g = null;
    this.block = null;
    this.regs = null;
    this.section = 'none';
    if (!b) return;
    if (!this.hasContent(b)) {
      for (const p of b.provisional) this.skip(p.line, p.offset, p.reason);
      return;
    }
    const meta: SnapshotMeta = {
      type: 'snapshot',
      capturedAt: b.capturedAt,
      timeSource: b.capturedAt === null ? null : 'header',
      ...(b.tq ? { tq: b.tq } : {}),
      line: b.dump.line,
    };
    if (b.host) meta.host = b.host;
    if (b.pid !== undefined) meta.pid = b.pid;
    if (b.command) meta.command = b.command;
    this.emit(meta);
    this.emit(b.dump);
  }

  private skip(line: number, offset: number, reason: string): void {
    this.emit({ type: 'skipped', line, offset, reason });
  }
}
