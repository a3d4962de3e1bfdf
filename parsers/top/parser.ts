/**
 * `top` parser: batch-mode iterations (`top -b`, `top -H -b`, a collector's `date; top -b -n 1`
 * loop). An iteration starts at `top - HH:MM:SS up …` (or at `Tasks:`/`Threads:` or busybox's
 * `Mem:` when a paste lost its first line) and ends after its task table.
 *
 * Capture time: a collector header above the iteration (full date), carried forward to later
 * iterations by the clock top prints; else top's clock on the engine's reference day.
 */
import { parseCaptureHeader } from '../snapshot/header';
import { resolveTimeOfDay } from '../time';
import type { LineSink, ParseContext, ParserModule, SkippedLine, SnapshotMeta, TimeQuality } from '../types';
import type { TopRecord, TopSample } from './model';
import { sniffTop } from './sniff';
import { parseBusyboxLoad, parseBusyboxMem, parseCounts, parseCpu, parseMem, parseTopLine, type TopLine } from './summary';
import { parseTaskHeader, parseTaskRow, type TaskColumns } from './tasks';

const DAY = 86_400_000;

type Emit = (record: TopRecord | SkippedLine) => void;

interface Header {
  ts: number;
  tq: TimeQuality;
  line: number;
  offset: number;
  host?: string;
}

class TopSink implements LineSink {
  private sample: TopSample | null = null;
  private cols: TaskColumns | null = null;
  private header: Header | null = null;
  /** Capture time and clock of the last dated iteration, to date the ones after it. */
  private anchor: { ts: number; tq: TimeQuality; clockS: number } | null = null;
  private lastClockS: number | null = null;
  private dayShift = 0;

  constructor(
    private readonly ctx: ParseContext,
    private readonly emit: Emit,
  ) {}

  line(text: string, lineNo: number, offset: number): void {
    try {
      this.handle(text.slice(0, 65536), lineNo, offset);
    } catch (e) {
      this.emit({ type: 'skipped', line: lineNo, offset, reason: `top parser error: ${(e as Error).message}` });
    }
  }

  end(): void {
    this.finish();
    this.dropHeader();
  }

  /** A capture header that no iteration followed. */
  private dropHeader(): void {
    if (this.header) this.emit({ type: 'skipped', line: this.header.line, offset: this.header.offset, reason: 'capture header without a top iteration' });
    this.header = null;
  }

  private handle(text: string, lineNo: number, offset: number): void {
    const t = text.trimEnd();
    const top = parseTopLine(t);
    if (top) {
      this.finish();
      this.start(lineNo, top);
      return;
    }
    if (this.sample) {
      if (this.inIteration(t, lineNo, offset)) return;
      this.finish();
    }
    if (t.trim() === '') return;
    const hdr = parseCaptureHeader(this.ctx.time, t);
    if (hdr) {
      this.dropHeader();
      this.header = { ts: hdr.ts, tq: hdr.tq, line: lineNo, offset };
      if (hdr.host) this.header.host = hdr.host;
      return;
    }
    // A paste that lost the `top -` line still has the summary and the table.
    if (/^(?:Tasks|Threads):/.test(t) || /^Mem: \d+K used\b/.test(t)) {
      this.start(lineNo, null);
      this.inIteration(t, lineNo, offset);
      return;
    }
    this.emit({ type: 'skipped', line: lineNo, offset, reason: 'not part of a top iteration' });
  }

  /** True when the line belongs to the open iteration. */
  private inIteration(t: string, lineNo: number, offset: number): boolean {
    const s = this.sample!;
    if (this.cols) {
      if (t.trim() === '') return false;
      if (!/^\s*\d/.test(t)) return false;
      const row = parseTaskRow(t, this.cols);
      if (typeof row === 'string') this.emit({ type: 'skipped', line: lineNo, offset, reason: row });
      else s.tasks.push({ ...row, line: lineNo });
      s.endLine = lineNo;
      return true;
    }
    if (t.trim() === '') return true; // the blank line between the summary and the table
    s.endLine = lineNo;
    const counts = parseCounts(t);
    if (counts) {
      s.counts = counts.counts;
      s.threads = counts.threads;
      return true;
    }
    const cpu = parseCpu(t);
    if (cpu) {
      s.cpu = cpu;
      return true;
    }
    const load = parseBusyboxLoad(t);
    if (load) {
      s.load = load;
      return true;
    }
    const mem = s.mem ?? {};
    if (parseBusyboxMem(t, mem) || parseMem(t, mem)) {
      s.mem = mem;
      return true;
    }
    const cols = parseTaskHeader(t);
    if (cols) {
      this.cols = cols;
      return true;
    }
    // Per-CPU lines (`%Cpu0  :`), graph-mode meters and other summary lines stay in the sample's range.
    return /^(?:%?Cpu\d+|[KMGTPE]iB |Mem|Swap|Load|CPU)/.test(t);
  }

  private start(lineNo: number, top: TopLine | null): void {
    const s: TopSample = { type: 'top-sample', tasks: [], threads: false, line: lineNo, endLine: lineNo };
    if (top) {
      s.clock = top.clock;
      if (top.uptimeText !== undefined) s.uptimeText = top.uptimeText;
      if (top.users !== undefined) s.users = top.users;
      if (top.load) s.load = top.load;
    }
    this.emit(this.snapshot(lineNo, top));
    this.sample = s;
    this.cols = null;
  }

  private snapshot(lineNo: number, top: TopLine | null): SnapshotMeta {
    const snap: SnapshotMeta = { type: 'snapshot', capturedAt: null, timeSource: null, line: this.header?.line ?? lineNo, command: 'top' };
    const clockS = top ? (top.h * 60 + top.mi) * 60 + top.s : null;
    if (this.header) {
      snap.capturedAt = this.header.ts;
      snap.timeSource = 'header';
      snap.tq = this.header.tq;
      if (this.header.host) snap.host = this.header.host;
      if (clockS !== null) this.anchor = { ts: this.header.ts, tq: this.header.tq, clockS };
    } else if (clockS !== null && this.anchor) {
      // Later iterations of one `top -b -n N` run: the anchor's date moved on by top's own clock.
      let delta = clockS - this.anchor.clockS;
      if (delta < 0) delta += 86_400;
      snap.capturedAt = this.anchor.ts + delta * 1000;
      snap.timeSource = 'header';
      snap.tq = this.anchor.tq;
      this.anchor = { ...this.anchor, ts: snap.capturedAt, clockS };
    } else if (top && clockS !== null) {
      if (this.lastClockS !== null && clockS < this.lastClockS) this.dayShift += DAY; // past midnight
      const r = resolveTimeOfDay(this.ctx.time, top.h, top.mi, top.s, 0);
      if (r) {
        snap.capturedAt = r.ts + this.dayShift;
        snap.timeSource = 'tool';
        snap.tq = r.tq;
      }
    }
    if (clockS !== null) this.lastClockS = clockS;
    this.header = null;
    return snap;
  }

  private finish(): void {
    if (this.sample) this.emit(this.sample);
    this.sample = null;
    this.cols = null;
  }
}

export const topParser: ParserModule<TopRecord> = {
  kind: 'top',
  sniff: sniffTop,
  create: (ctx, emit) => new TopSink(ctx, emit),
};
