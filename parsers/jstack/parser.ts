/**
 * The streaming jstack parser: lines in, one `SnapshotMeta` + one `ThreadDump` per dump out.
 *
 * Outside a dump, lines are either a preamble for the next dump (jcmd pid line, the tool's time
 * stamp, a collector's `date` / `# captured` header) or skipped with a reason. A dump starts at
 * `Full thread dump`, or at the first thread header / thread line of a fragment, and ends at the
 * next dump's preamble, `<EndOfDump>`, an appended class histogram, or the end of the file.
 * Inside a dump every line is a thread line, an SMR / JNI / Heap / deadlock section line, or
 * reported as skipped — nothing is dropped silently. Records are emitted when a dump closes,
 * because its deadlocks and lock graph need every thread.
 */
import { parseCaptureHeader as parseHeaderLine, type CaptureHeader } from '../snapshot/header';
import type { ParseContext, SkippedLine, SnapshotMeta } from '../types';
import { DEADLOCK_END, DEADLOCK_START, DeadlockSection } from './deadlock-section';
import { isFullDumpLine, isVersionLine, parseFullDumpLine, parsePidLine, parseToolStamp } from './dump-header';
import { graphDeadlocks, mergeDeadlocks } from './lock-graph';
import type { Deadlock, ThreadDump } from './model';
import { ThreadBuilder } from './thread-builder';
import { parseThreadHeader } from './thread-header';
import {
  bareFrameText,
  carriedThread,
  frameText,
  isOwnableHeader,
  isThreadNote,
  parseLockLine,
  parseOwnableLine,
  parseStateLine,
} from './thread-lines';

export type JstackRecord = SnapshotMeta | ThreadDump;

interface Pending {
  line: number;
  offset: number;
  kind: 'pid' | 'stamp' | 'header' | 'version';
  cap?: CaptureHeader;
  pid?: number;
  /** A line that is not preamble came after it: it is not adjacent to the dump. */
  stale: boolean;
}

type Section = 'threads' | 'smr' | 'heap' | 'deadlock';

/** Capture headers are short; long lines are not tried (the shared regexes are not built for 1 MB lines). */
function parseCaptureHeader(ctx: ParseContext['time'], line: string): CaptureHeader | null {
  return line.length <= 300 ? parseHeaderLine(ctx, line) : null;
}

const HISTOGRAM_HEAD = /^\s*num\s+#instances\s+#bytes\s+class name/;
const END_MARK = /^<EndOfDump>\s*$/;
const SMR_HEAD = /^Threads class SMR info:\s*$/;
/** `_java_thread_list=0x…, length=27, elements={`, `_to_delete_list=0x…, length=27, elements={`. */
const SMR_LIST = /^_\w+=0x[0-9a-fA-F]+, length=\d+, elements=\{/;
const JNI = /^JNI global ref(?:erence)?s:\s*(\d+)(?:,\s*weak refs:\s*(\d+))?/;
const JNI_MEMORY = /^JNI global refs memory usage:/;
const HEAP_HEAD = /^Heap\s*$/;

export class JstackSink {
  private pending: Pending[] = [];
  private inHistogram = false;
  private dump: ThreadDump | null = null;
  private meta: SnapshotMeta | null = null;
  private section: Section = 'threads';
  private thread: ThreadBuilder | null = null;
  private ownable = false;
  private deadlock: DeadlockSection | null = null;
  private jvmDeadlocks: Deadlock[] = [];
  private formatSeen = false;
  /** The SMR block's last list closed with `}`: only another list (or a blank line) keeps the block open. */
  private smrClosed = false;

  constructor(
    private readonly ctx: ParseContext,
    private readonly emit: (r: JstackRecord | SkippedLine) => void,
  ) {}

  line(text: string, lineNo: number, offset: number): void {
    try {
      if (this.dump) this.inDump(text, lineNo, offset);
      else this.outside(text, lineNo, offset);
    } catch (e) {
      this.skip(lineNo, offset, `jstack parser error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  end(): void {
    if (this.dump) this.closeDump();
    for (const p of this.pending) this.skip(p.line, p.offset, 'dump preamble (pid, time or version line) with no thread dump after it');
    this.pending = [];
  }

  private skip(line: number, offset: number, reason: string): void {
    this.emit({ type: 'skipped', line, offset, reason });
  }

  // ---- outside a dump -------------------------------------------------------------------------

  private outside(text: string, no: number, off: number): void {
    if (text.trim() === '') return;
    if (isFullDumpLine(text)) return this.startDump(no, text);
    if (text.startsWith('"') || text.startsWith('#')) {
      const h = parseThreadHeader(text);
      if (h) {
        this.startDump(no, null);
        return this.inDump(text, no, off);
      }
    }
    if (!this.inHistogram && isThreadLine(text)) {
      this.startDump(no, null);
      return this.inDump(text, no, off);
    }
    if (HISTOGRAM_HEAD.test(text)) this.inHistogram = true;
    if (!this.inHistogram) {
      const pid = parsePidLine(text);
      if (pid !== null) return void this.pending.push({ line: no, offset: off, kind: 'pid', pid, stale: false });
      const cap = parseCaptureHeader(this.ctx.time, text);
      if (cap) {
        const kind = parseToolStamp(this.ctx.time, text) !== null ? 'stamp' : 'header';
        return void this.pending.push({ line: no, offset: off, kind, cap, stale: false });
      }
      if (isVersionLine(text) && this.pending.some((p) => !p.stale)) {
        return void this.pending.push({ line: no, offset: off, kind: 'version', stale: false });
      }
    }
    for (const p of this.pending) p.stale = true;
    this.skip(no, off, this.inHistogram ? 'class histogram appended to the thread dump (not modelled by the jstack parser)' : 'not part of a thread dump');
  }

  /** Open a dump at line `no`; `fullDump` is the `Full thread dump …` line when there is one. */
  private startDump(no: number, fullDump: string | null): void {
    const adjacent = this.pending.filter((p) => !p.stale);
    const stamp = [...adjacent].reverse().find((p) => p.kind === 'stamp');
    const jcmdLike = fullDump !== null || adjacent.some((p) => p.kind === 'version');
    const tool = stamp && jcmdLike ? stamp : undefined;
    const header = tool ? undefined : [...this.pending].reverse().find((p) => p.cap);
    const used = new Set<Pending>(adjacent);
    if (header) used.add(header);
    for (const p of this.pending) if (!used.has(p)) this.skip(p.line, p.offset, 'dump preamble superseded by a later one');
    const first = adjacent[0]?.line ?? no;
    const pid = [...adjacent].reverse().find((p) => p.kind === 'pid')?.pid;

    const meta: SnapshotMeta = { type: 'snapshot', capturedAt: null, timeSource: null, line: first };
    const src = tool ?? header;
    if (src?.cap) {
      meta.capturedAt = src.cap.ts;
      meta.timeSource = tool ? 'tool' : 'header';
      meta.tq = src.cap.tq;
      meta.line = src.line;
    }
    // Host, pid and command come from a collector header even when the tool's stamp gives the time.
    const hasInfo = (p: Pending): boolean => !!(p.cap?.host || p.cap?.command || p.cap?.pid !== undefined);
    const info = header && hasInfo(header) ? header : [...adjacent].reverse().find((p) => p.kind === 'header' && hasInfo(p));
    if (info?.cap?.host) meta.host = info.cap.host;
    if (info?.cap?.pid !== undefined) meta.pid = info.cap.pid;
    if (info?.cap?.command) meta.command = info.cap.command;
    if (pid !== undefined && meta.pid === undefined) meta.pid = pid;

    const dump: ThreadDump = { type: 'thread-dump', format: 'unknown', line: first, endLine: no, threads: [], deadlocks: [] };
    if (fullDump !== null) {
      const f = parseFullDumpLine(this.ctx.time, fullDump);
      if (f.jvm) dump.jvm = f.jvm;
      if (f.capturedAt !== undefined && meta.timeSource !== 'tool') {
        meta.capturedAt = f.capturedAt;
        meta.timeSource = 'tool';
        meta.line = first;
      }
    }
    this.pending = [];
    this.inHistogram = false;
    this.dump = dump;
    this.meta = meta;
    this.section = 'threads';
    this.thread = null;
    this.ownable = false;
    this.deadlock = null;
    this.jvmDeadlocks = [];
    this.formatSeen = false;
  }

  private closeDump(): void {
    const dump = this.dump!;
    this.closeThread();
    this.closeDeadlock();
    dump.deadlocks = mergeDeadlocks(this.jvmDeadlocks, graphDeadlocks(dump));
    this.emit(this.meta!);
    this.emit(dump);
    this.dump = null;
    this.meta = null;
  }

  // ---- inside a dump --------------------------------------------------------------------------

  private inDump(text: string, no: number, off: number): void {
    const dump = this.dump!;
    const blank = text.trim() === '';
    const prevEnd = dump.endLine;
    if (!blank) dump.endLine = no;

    if (this.section === 'smr') {
      // `_java_thread_list=0x…, length=N, elements={`, address rows, `}`; a list being retired while jstack ran
      // follows as `_to_delete_list=…`, so a `}` does not end the block: the next other line does.
      if (text.trim() === '}') return void (this.smrClosed = true);
      const list = SMR_LIST.test(text);
      if (!text.startsWith('"') && (!this.smrClosed || blank || list)) {
        if (list) this.smrClosed = false;
        const len = /^_java_thread_list=.*\blength=(\d+)/.exec(text) ?? (dump.smrLength === undefined ? /\blength=(\d+)/.exec(text) : null);
        if (len) dump.smrLength = Number(len[1]);
        return;
      }
      this.section = 'threads';
    }
    if (this.section === 'heap') {
      if (/^\s+\S/.test(text)) return void (dump.heap ??= []).push(text.trim());
      this.section = 'threads';
    }
    if (this.section === 'deadlock') {
      if (DEADLOCK_START.test(text)) {
        this.closeDeadlock();
        this.deadlock = new DeadlockSection(no);
        return;
      }
      if (DEADLOCK_END.test(text)) {
        this.closeDeadlock();
        this.section = 'threads';
        return;
      }
      if (this.deadlock!.feed(text) === 'ok') return;
      if (!startsTopLevel(text)) return this.skip(no, off, 'unrecognised line in the deadlock report');
      this.closeDeadlock();
      this.section = 'threads';
    }

    if (blank) return;
    if (isFullDumpLine(text)) {
      dump.endLine = prevEnd;
      this.closeDump();
      return this.startDump(no, text);
    }
    if (END_MARK.test(text)) return this.closeDump();
    if (HISTOGRAM_HEAD.test(text)) {
      dump.endLine = prevEnd;
      this.closeDump();
      return this.outside(text, no, off);
    }

    const h = text.startsWith('"') || text.startsWith('#') ? parseThreadHeader(text) : null;
    if (h) {
      this.closeThread();
      if (!this.formatSeen) {
        dump.format = h.format;
        this.formatSeen = true;
      }
      this.thread = new ThreadBuilder(no, h);
      return;
    }
    if (this.threadLine(text, no)) return;

    if (SMR_HEAD.test(text)) {
      this.closeThread();
      this.section = 'smr';
      this.smrClosed = false;
      return;
    }
    const jni = JNI.exec(text);
    if (jni || JNI_MEMORY.test(text)) {
      this.closeThread();
      if (jni) {
        dump.jniGlobalRefs = Number(jni[1]);
        if (jni[2] !== undefined) dump.jniWeakRefs = Number(jni[2]);
      }
      return;
    }
    if (HEAP_HEAD.test(text)) {
      this.closeThread();
      this.section = 'heap';
      dump.heap ??= [];
      return;
    }
    if (DEADLOCK_START.test(text)) {
      this.closeThread();
      this.section = 'deadlock';
      this.deadlock = new DeadlockSection(no);
      return;
    }
    if (DEADLOCK_END.test(text)) return;
    if (!/^\s/.test(text) && (parsePidLine(text) !== null || parseCaptureHeader(this.ctx.time, text))) {
      // The preamble of the next dump (a collector loop appending `date; jstack` to one file).
      dump.endLine = prevEnd;
      this.closeDump();
      return this.outside(text, no, off);
    }
    const where = this.thread && /^\s/.test(text) ? `thread "${this.thread.name}"` : 'thread dump';
    this.skip(no, off, `unrecognised line in ${where}`);
  }

  /** A line of a thread's block; opens a header-less thread for fragments. False if not one. */
  private threadLine(text: string, no: number): boolean {
    if (this.ownable) {
      const o = parseOwnableLine(text);
      if (o) {
        if (o !== 'none') this.ensureThread(no).addOwnable(o);
        this.thread!.touch(no);
        return true;
      }
    }
    const state = parseStateLine(text);
    if (state) {
      this.ownable = false;
      this.ensureThread(no).setState(state);
    } else if (frameText(text) !== null) {
      this.ownable = false;
      this.ensureThread(no).addFrame(frameText(text)!);
    } else if (this.dump!.format === 'jcmd-text' && this.thread && bareFrameText(text) !== null) {
      this.thread.addFrame(bareFrameText(text)!);
    } else if (isOwnableHeader(text)) {
      this.ensureThread(no);
      this.ownable = true;
    } else if (parseLockLine(text)) {
      this.ensureThread(no).addLock(parseLockLine(text)!);
    } else if (carriedThread(text) !== null) {
      this.ensureThread(no).t.carrying = carriedThread(text)!;
    } else if (this.thread && isThreadNote(text)) {
      if (text.trim() === '...') this.thread.t.framesTruncated = true;
    } else {
      return false;
    }
    this.thread!.touch(no);
    return true;
  }

  private ensureThread(no: number): ThreadBuilder {
    if (!this.thread) {
      this.thread = new ThreadBuilder(no);
      this.ownable = false;
    }
    return this.thread;
  }

  private closeThread(): void {
    if (this.thread) this.dump!.threads.push(this.thread.finish());
    this.thread = null;
    this.ownable = false;
  }

  private closeDeadlock(): void {
    const d = this.deadlock?.take();
    if (d) this.jvmDeadlocks.push(d);
    this.deadlock = null;
  }
}

/** Lines that can only come from inside a thread block: a fragment that starts mid-thread. */
function isThreadLine(text: string): boolean {
  return (
    parseStateLine(text) !== null ||
    frameText(text) !== null ||
    isOwnableHeader(text) ||
    parseLockLine(text) !== null ||
    carriedThread(text) !== null
  );
}

/** Lines that end a deadlock report: the next thread or dump, or a trailing section. */
function startsTopLevel(text: string): boolean {
  return (
    isFullDumpLine(text) ||
    END_MARK.test(text) ||
    SMR_HEAD.test(text) ||
    JNI.test(text) ||
    HEAP_HEAD.test(text) ||
    parseThreadHeader(text) !== null
  );
}

