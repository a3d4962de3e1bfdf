/**
 * Unified logging (JDK 9+). Lines of one collection share a `GC(n)` id: the `gc,start` line opens a
 * pause, `gc,phases`/`gc,heap`/… lines detail it, the `gc` summary line closes it and a `gc,cpu`
 * line may follow. A concurrent cycle keeps its id across later pauses (G1's Remark and Cleanup
 * belong to it), so lines are grouped per id rather than by position.
 */
import { HistogramBuilder } from '../jmap/histogram-builder';
import { parseHistogramLine } from '../jmap/histogram-line';
import type { SkippedLine, TimeQuality } from '../types';
import type { Decorated } from './decorations';
import type { GcInfo, GcInfoKind, GcPause, GcRecord } from './model';
import { collectorFromText, notableKinds } from './notable';
import { sizeKb } from './sizes';
import { isCycleStart, parseCycleEnd, parsePauseSummary, parseSafepoint, parseStoppedTime, splitGcId } from './unified-messages';

interface Mark {
  line: number;
  ts: number | null;
  tq: TimeQuality;
  uptimeS?: number;
}

interface IdGroup {
  id: number;
  /** First line of the id not yet inside an emitted record. */
  open: Mark | null;
  pauseStart: Mark | null;
  cycleStart: Mark | null;
  lastLine: number;
}

function earliest(...marks: (Mark | null)[]): Mark | null {
  let best: Mark | null = null;
  for (const m of marks) if (m && (!best || m.line < best.line)) best = m;
  return best;
}

/** Groups kept open at once; older ones are closed when a log never finishes them. */
const MAX_GROUPS = 64;

type Emit = (r: GcRecord | SkippedLine) => void;

export class UnifiedSink {
  private readonly groups = new Map<number, IdGroup>();
  private held: { rec: GcPause; id: number } | null = null;
  private block: { info: GcInfo; text: string[] } | null = null;
  private histo: HistogramBuilder | null = null;
  private prelude: Mark | null = null;
  private preludeEnd = 0;
  private safepointOp: string | undefined;
  private sawGcId = false;
  collector: string | undefined;

  constructor(private readonly emit: Emit) {}

  line(d: Decorated, lineNo: number, offset: number): void {
    const mark: Mark = { line: lineNo, ts: d.ts, tq: d.tq };
    if (d.uptimeS !== undefined) mark.uptimeS = d.uptimeS;
    const split = splitGcId(d.message);
    const msg = (split ? split.rest : d.message).trim();
    if (this.held) {
      // A summary is held one line: the `gc,cpu` line after it belongs to the same pause.
      const cpuLine = split?.id === this.held.id && /^User=\S+ Sys=\S+ Real=\S+$/.test(msg);
      if (cpuLine) this.held.rec.endLine = lineNo;
      this.releaseHeld();
      if (cpuLine) return;
    }
    if (d.tags.includes('classhisto') && this.classHistogram(msg, lineNo)) return;
    const notable = notableKinds(msg);
    for (const kind of notable) this.emit(this.info(mark, kind, msg, lineNo, split?.id));
    if (split) {
      this.closeBlock();
      this.sawGcId = true;
      this.withId(split.id, msg, mark);
      return;
    }
    if (this.safepoint(msg, mark)) return;
    if (this.blockLine(d, msg, mark)) return;
    if (notable.length > 0) return;
    this.emit({ type: 'skipped', line: lineNo, offset, reason: `unified GC log line not modelled (${d.tags.join(',') || 'no tags'})` });
  }

  end(): void {
    this.releaseHeld();
    this.closeBlock();
    if (this.histo) this.emit(this.histo.finish());
    this.histo = null;
    for (const g of [...this.groups.values()]) this.closeGroup(g);
    if (this.prelude) this.emitPreludeAsInfo();
  }

  private withId(id: number, msg: string, mark: Mark): void {
    let g = this.groups.get(id);
    if (!g) {
      if (this.groups.size >= MAX_GROUPS) this.closeGroup(this.groups.values().next().value!);
      g = { id, open: null, pauseStart: null, cycleStart: null, lastLine: mark.line };
      this.groups.set(id, g);
    }
    g.lastLine = mark.line;
    const summary = parsePauseSummary(msg);
    if (summary) {
      // Inside a concurrent cycle the earlier lines belong to the cycle; otherwise to this pause.
      const began = g.pauseStart;
      let start = began ?? mark;
      if (!g.cycleStart) {
        if (g.open && g.open.line < start.line) start = g.open;
        g.open = null;
      }
      g.pauseStart = null;
      // The gc,start line is stamped when the pause began; without it, step back from the summary,
      // which is written when the pause ended (detail lines are written during the pause).
      const rec: GcPause = {
        type: 'gc-pause', ts: began ? began.ts : mark.ts === null ? null : Math.round(mark.ts - summary.pauseMs), tq: (began ?? mark).tq,
        pauseMs: summary.pauseMs, phase: summary.phase, label: summary.label, gcId: id, line: start.line, endLine: mark.line,
      };
      const up = began ? began.uptimeS : mark.uptimeS === undefined ? undefined : mark.uptimeS - summary.pauseMs / 1000;
      if (up !== undefined) rec.uptimeS = Math.round(up * 1e6) / 1e6;
      const collector = this.collector ?? (summary.cause?.startsWith('G1 ') ? 'G1' : undefined);
      if (collector) rec.collector = collector;
      if (summary.cause) rec.cause = summary.cause;
      if (summary.heapBeforeKb !== undefined) rec.heapBeforeKb = summary.heapBeforeKb;
      if (summary.heapAfterKb !== undefined) rec.heapAfterKb = summary.heapAfterKb;
      if (summary.heapTotalKb !== undefined) rec.heapTotalKb = summary.heapTotalKb;
      this.held = { rec, id };
      if (!g.open && !g.cycleStart) this.groups.delete(id);
      return;
    }
    const cycleEnd = parseCycleEnd(msg);
    if (cycleEnd) {
      const start = earliest(g.cycleStart, g.open) ?? mark;
      const info = this.info(start, 'concurrent', cycleEnd.name, mark.line, id);
      if (cycleEnd.durationMs !== undefined) info.durationMs = cycleEnd.durationMs;
      this.emit(info);
      this.groups.delete(id);
      return;
    }
    if (msg.startsWith('Pause ') && !g.pauseStart) g.pauseStart = mark;
    else if (isCycleStart(msg) && !g.cycleStart) g.cycleStart = mark;
    if (!g.open && !g.pauseStart) g.open = mark;
  }

  /** Lines of an id that no pause summary or cycle end closed. */
  private closeGroup(g: IdGroup): void {
    this.groups.delete(g.id);
    const start = earliest(g.cycleStart, g.open, g.pauseStart);
    if (!start) return;
    const kind: GcInfoKind = g.cycleStart ? 'concurrent' : g.pauseStart && !g.open ? 'incomplete' : 'other';
    const message = g.cycleStart ? 'Concurrent cycle (no end line)' : `GC(${g.id}) lines without a pause summary`;
    this.emit(this.info(start, kind, message, g.lastLine, g.id));
  }

  /** `-Xlog:gc+classhisto=trace`: the table between `Class Histogram (before full gc)` and its timing line. */
  private classHistogram(msg: string, lineNo: number): boolean {
    const table = parseHistogramLine(msg);
    if (table && this.histo) {
      this.histo.add(table, lineNo);
      return true;
    }
    if (/^Class Histogram\b/.test(msg)) {
      const done = /\d(?:[.,]\d+)?ms$/.test(msg);
      if (done && this.histo) {
        this.histo.cover(lineNo);
        this.emit(this.histo.finish());
        this.histo = null;
        return true;
      }
      if (!done) {
        if (this.histo) this.emit(this.histo.finish());
        this.histo = new HistogramBuilder(lineNo, 'gc-log');
        return true;
      }
    }
    return false;
  }

  /** Safepoint logging: JDK 17's one-line form and JDK 9–16's `Entering…`/`Total time…` pair. */
  private safepoint(msg: string, mark: Mark): boolean {
    const sp = parseSafepoint(msg);
    if (sp) {
      this.emitSafepoint(this.prelude ?? mark, mark, sp.totalMs, `Safepoint "${sp.op}"`, sp.op, !this.prelude);
      return true;
    }
    const stopped = parseStoppedTime(msg);
    if (stopped !== null) {
      this.emitSafepoint(this.prelude ?? mark, mark, stopped, 'Total time for which application threads were stopped', this.safepointOp, !this.prelude);
      return true;
    }
    const entering = /^Entering safepoint region: (.{1,200})$/.exec(msg);
    if (entering || /^Application time: /.test(msg) || /^Leaving safepoint region$/.test(msg)) {
      if (entering) this.safepointOp = entering[1];
      if (!this.prelude) this.prelude = mark;
      this.preludeEnd = mark.line;
      return true;
    }
    return false;
  }

  private emitSafepoint(start: Mark, end: Mark, pauseMs: number, label: string, cause: string | undefined, atEnd: boolean): void {
    const rec: GcPause = { type: 'gc-pause', ts: start.ts, tq: start.tq, pauseMs, phase: 'Safepoint', label, line: start.line, endLine: end.line };
    // The stop line is written when the safepoint ends; the pause began `pauseMs` earlier.
    if (atEnd && rec.ts !== null) rec.ts = Math.round(rec.ts - pauseMs);
    const up = atEnd && end.uptimeS !== undefined ? end.uptimeS - pauseMs / 1000 : start.uptimeS;
    if (up !== undefined) rec.uptimeS = Math.round(up * 1e6) / 1e6;
    if (cause) rec.cause = cause;
    this.emit(rec);
    this.prelude = null;
    this.safepointOp = undefined;
  }

  private emitPreludeAsInfo(): void {
    const p = this.prelude!;
    this.emit(this.info(p, 'other', 'safepoint lines without a stop time', this.preludeEnd));
    this.prelude = null;
  }

  /** Start-up lines before the first collection, and the heap printed at exit, become one record each. */
  private blockLine(d: Decorated, msg: string, mark: Mark): boolean {
    const exit = d.tags.includes('exit');
    const startup = !this.sawGcId && !exit;
    const kind: GcInfoKind = exit ? 'heap-summary' : 'collector';
    if (!exit && !startup && !msg.startsWith('Using ')) return false;
    if (this.block && (this.block.info.kind !== kind || msg.startsWith('Using '))) this.closeBlock();
    if (!this.block) this.block = { info: this.info(mark, kind, msg, mark.line), text: [] };
    this.block.info.endLine = mark.line;
    this.block.text.push(msg);
    return true;
  }

  private closeBlock(): void {
    if (!this.block) return;
    const { info, text } = this.block;
    this.block = null;
    if (info.kind === 'collector') {
      const all = text.join('\n');
      const collector = collectorFromText(all);
      if (collector) {
        info.collector = collector;
        this.collector ??= collector;
      }
      const initial = /^Heap Initial Capacity: (\S+)$/m.exec(all);
      const max = /^Heap Max Capacity: (\S+)$/m.exec(all);
      if (initial) info.heapInitialKb = sizeKb(initial[1]!) ?? undefined;
      if (max) info.heapMaxKb = sizeKb(max[1]!) ?? undefined;
      const using = text.find((t) => t.startsWith('Using '));
      if (using) info.message = using;
    }
    this.emit(info);
  }

  private releaseHeld(): void {
    if (this.held) this.emit(this.held.rec);
    this.held = null;
  }

  private info(mark: Mark, kind: GcInfoKind, message: string, endLine: number, gcId?: number): GcInfo {
    const info: GcInfo = { type: 'gc-info', ts: mark.ts, tq: mark.tq, kind, message: message.slice(0, 500), line: mark.line, endLine };
    if (mark.uptimeS !== undefined) info.uptimeS = mark.uptimeS;
    if (gcId !== undefined) info.gcId = gcId;
    if (this.collector && kind !== 'collector') info.collector = this.collector;
    return info;
  }
}
