/**
 * `jmap-histo` parser: heap histograms (one `SnapshotMeta` + one `HeapHistogram` per table; a
 * collector loop may append several to one file) and MAT Leak Suspects text (`MatSuspect`s).
 * Lines around the tables (prompt, pid line, SA chatter, capture headers) are folded into the
 * next table's range; whatever never reaches a table is reported as skipped.
 */
import { parseIsoStamp } from '../time';
import { parseCaptureHeader, type CaptureHeader } from '../snapshot/header';
import type { LineSink, ParseContext, ParserModule, SkippedLine, SnapshotMeta } from '../types';
import { HistogramBuilder } from './histogram-builder';
import { parseHistogramLine } from './histogram-line';
import { isTableEpilogue, preambleInfo, stripLogPrefix, type PreambleInfo } from './line-prefix';
import { isMatSuspectStart, MatSuspectBuilder, suspectHeadingIndex } from './mat-suspects';
import type { HeapHistogram, JmapRecord } from './model';
import { sniffJmap } from './sniff';

/** Preamble lines kept waiting for a table; beyond this they are reported as skipped. */
const MAX_PENDING = 64;

interface Pending {
  line: number;
  offset: number;
}

type Emit = (record: JmapRecord | SkippedLine) => void;

class JmapSink implements LineSink {
  private hist: HistogramBuilder | null = null;
  /** A finished table held back one line, so an SA epilogue can still join its range. */
  private held: HeapHistogram | null = null;
  private mat: MatSuspectBuilder | null = null;
  private matCount = 0;
  private matSnapshot = false;
  private pending: Pending[] = [];
  private header: (CaptureHeader & { line: number }) | null = null;
  private info: PreambleInfo = {};

  constructor(
    private readonly ctx: ParseContext,
    private readonly emit: Emit,
  ) {}

  line(text: string, lineNo: number, offset: number): void {
    try {
      this.handle(text, lineNo, offset);
    } catch (e) {
      this.emit({ type: 'skipped', line: lineNo, offset, reason: `jmap parser error: ${(e as Error).message}` });
    }
  }

  end(): void {
    this.finishHistogram();
    this.releaseHeld();
    this.finishMat();
    this.flushPending('not part of a heap histogram or MAT report');
  }

  private handle(text: string, lineNo: number, offset: number): void {
    const { body, stamp } = stripLogPrefix(text);
    const blank = body.trim() === '';
    if (this.held && !blank) {
      if (isTableEpilogue(body)) {
        this.held.endLine = lineNo;
        this.releaseHeld();
        return;
      }
      this.releaseHeld();
    }
    if (this.hist && this.continueHistogram(body, blank, lineNo, offset)) return;
    if (this.mat) {
      // A heading always opens a suspect; a description sentence does unless it follows its heading.
      if (isMatSuspectStart(body) && (suspectHeadingIndex(body) !== null || this.mat.hasText)) {
        this.finishMat();
        this.startMat(body, lineNo);
      } else this.mat.add(body, lineNo);
      return;
    }
    if (blank) return;
    this.idle(body, stamp, lineNo, offset);
  }

  /** True when the line was consumed by the open table. */
  private continueHistogram(body: string, blank: boolean, lineNo: number, offset: number): boolean {
    const hist = this.hist!;
    if (blank) {
      if (hist.rowCount > 0) this.finishHistogram();
      return true;
    }
    const l = parseHistogramLine(body);
    if (l) {
      // A second header after rows (not jvmkill's, which log routers shuffle) starts a new table.
      if (l.kind === 'header' && !l.jvmkill && hist.rowCount > 0) {
        this.finishHistogram();
        return false;
      }
      hist.add(l, lineNo);
      if (l.kind === 'total') this.finishHistogram();
      return true;
    }
    if (/^\s*\d+:/.test(body)) {
      this.emit({ type: 'skipped', line: lineNo, offset, reason: 'histogram row cut short' });
      return true;
    }
    this.finishHistogram();
    return false;
  }

  private idle(body: string, stamp: string | undefined, lineNo: number, offset: number): void {
    const hdr = parseCaptureHeader(this.ctx.time, body);
    if (hdr) {
      this.header = { ...hdr, line: lineNo };
      this.addPending(lineNo, offset);
      return;
    }
    if (isMatSuspectStart(body)) {
      this.startMat(body, lineNo);
      return;
    }
    const l = parseHistogramLine(body);
    if (l && (l.kind === 'header' || l.kind === 'row')) {
      const start = this.pending[0]?.line ?? lineNo;
      this.emitSnapshot(start, stamp);
      this.pending = [];
      this.hist = new HistogramBuilder(start);
      this.hist.add(l, lineNo);
      return;
    }
    const info = preambleInfo(body);
    if (info) this.info = { ...this.info, ...info };
    this.addPending(lineNo, offset);
  }

  private emitSnapshot(start: number, stamp: string | undefined): void {
    const snap: SnapshotMeta = { type: 'snapshot', capturedAt: null, timeSource: null, line: this.header?.line ?? start };
    if (this.header) {
      snap.capturedAt = this.header.ts;
      snap.timeSource = 'header';
      snap.tq = this.header.tq;
      if (this.header.host) snap.host = this.header.host;
    } else if (stamp) {
      // The log router's stamp on a jvmkill line: printed when the table was written.
      const t = parseIsoStamp(this.ctx.time, stamp);
      if (t) {
        snap.capturedAt = t.ts;
        snap.timeSource = 'header';
        snap.tq = t.tq;
      }
    }
    const pid = this.header?.pid ?? this.info.pid;
    const command = this.header?.command ?? this.info.command;
    if (pid !== undefined) snap.pid = pid;
    if (command) snap.command = command;
    this.emit(snap);
    this.header = null;
    this.info = {};
  }

  private finishHistogram(): void {
    if (!this.hist) return;
    this.releaseHeld();
    this.held = this.hist.finish();
    this.hist = null;
  }

  private releaseHeld(): void {
    if (this.held) this.emit(this.held);
    this.held = null;
  }

  private startMat(body: string, lineNo: number): void {
    const start = this.pending[0]?.line ?? lineNo;
    if (!this.matSnapshot) {
      this.emitSnapshot(start, undefined);
      this.matSnapshot = true;
    }
    this.pending = [];
    this.matCount++;
    this.mat = new MatSuspectBuilder(suspectHeadingIndex(body) ?? this.matCount, start);
    this.mat.add(body, lineNo);
  }

  private finishMat(): void {
    if (this.mat) this.emit(this.mat.finish());
    this.mat = null;
  }

  private addPending(line: number, offset: number): void {
    this.pending.push({ line, offset });
    if (this.pending.length > MAX_PENDING) this.flushPending('not part of a heap histogram or MAT report');
  }

  private flushPending(reason: string): void {
    for (const p of this.pending) this.emit({ type: 'skipped', line: p.line, offset: p.offset, reason });
    this.pending = [];
    this.header = null;
  }
}

export const jmapParser: ParserModule<JmapRecord> = {
  kind: 'jmap-histo',
  sniff: sniffJmap,
  create: (ctx, emit) => new JmapSink(ctx, emit),
};
