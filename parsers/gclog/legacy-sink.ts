/**
 * JDK 6–8 GC logs. A record starts on a line with a time prefix (or a bare `[GC`), and folds the
 * lines that continue it: G1's indented details, ParNew's age table, `[Times: …]`, CMS's
 * `(concurrent mode failure)`. `-XX:+PrintClassHistogram` tables inside a `[Full GC … [Class
 * Histogram:` record become a `HeapHistogram` of their own.
 */
import { HistogramBuilder } from '../jmap/histogram-builder';
import { parseHistogramLine } from '../jmap/histogram-line';
import type { ParseContext, SkippedLine, TimeQuality } from '../types';
import { bracketDepth } from './brackets';
import { parseLegacyGc } from './legacy-record';
import { parseLegacyPrefix } from './legacy-prefix';
import type { GcInfo, GcInfoKind, GcPause, GcRecord } from './model';
import { collectorFromText, notableKinds } from './notable';
import { parseStoppedTime } from './unified-messages';

type RecKind = 'gc' | 'histogram' | 'stopped' | 'header' | 'heap' | 'notable';

interface Mark {
  line: number;
  offset: number;
  ts: number | null;
  tq: TimeQuality;
  uptimeS?: number;
}

interface Rec {
  kind: RecKind;
  start: Mark;
  text: string;
  lastLine: number;
  histo: HistogramBuilder | null;
  /** The record's text so far ends in `[Class Histogram…:`: table lines follow. */
  histoArmed: boolean;
}

const MAX_TEXT = 16384;
const HISTOGRAM_OPEN = /\[Class Histogram[^\]]{0,40}:\s*$/;
const RECORD_START = /^\[(?:GC\b|Full GC\b|CMS-concurrent-|Class Histogram\b)/;

type Emit = (r: GcRecord | SkippedLine) => void;

function classify(body: string): RecKind | 'appTime' | null {
  // -XX:+PrintClassHistogramBefore/AfterFullGC: `[Class Histogram (after full gc): ` as a record of its own.
  if (body.startsWith('[Class Histogram')) return 'histogram';
  if (RECORD_START.test(body)) return 'gc';
  if (body.startsWith('Total time for which application threads were stopped:')) return 'stopped';
  if (body.startsWith('Application time: ')) return 'appTime';
  if (/^(?:OpenJDK|Java HotSpot\(TM\)|Java HotSpot)\b.{0,80} VM \(/.test(body) || /^Memory: \d+k page/.test(body)) return 'header';
  if (body.startsWith('CommandLine flags: ') || / GC log file (?:created|has reached the maximum size)/.test(body)) return 'header';
  if (/^\{Heap before GC invocations=|^Heap after GC invocations=|^Heap$/.test(body)) return 'heap';
  if (notableKinds(body).length > 0) return 'notable';
  return null;
}

/** Lines that continue the record above them. */
function isContinuation(text: string): boolean {
  const c = text[0];
  return c === ' ' || c === '\t' || c === ':' || c === ',' || c === '-' || c === '(' || c === '}' || text.startsWith('Desired survivor size');
}

export class LegacySink {
  private cur: Rec | null = null;
  private appTime: Mark | null = null;
  /** Open concurrent phases (`…-start` seen, no end yet) by name, with the start record's last line. */
  private readonly concurrent = new Map<string, { mark: Mark; lastLine: number }>();
  collector: string | undefined;

  constructor(
    private readonly ctx: ParseContext,
    private readonly emit: Emit,
  ) {}

  line(text: string, lineNo: number, offset: number): void {
    const cur = this.cur;
    if (cur && (cur.histoArmed || cur.histo)) {
      const l = parseHistogramLine(text);
      if (l) {
        cur.histo ??= new HistogramBuilder(lineNo, 'gc-log');
        cur.histo.add(l, lineNo);
        cur.lastLine = lineNo;
        return;
      }
      if (cur.kind === 'histogram') cur.histoArmed = false; // its closing `, 0.01 secs]` stays in its range
      else this.closeHistogram(cur);
    }
    if (text.trim() === '') return;
    if (isContinuation(text)) {
      if (!cur) {
        this.emit({ type: 'skipped', line: lineNo, offset, reason: 'continuation line without a GC record above it' });
        return;
      }
      cur.lastLine = lineNo;
      if (!/^- age\s|^Desired survivor size/.test(text)) this.append(cur, text);
      return;
    }
    const p = parseLegacyPrefix(this.ctx.time, text);
    const body = p ? p.rest : text;
    // A CMS record resumes on a prefixed line after an embedded histogram: `11675.015: [CMS: …`.
    if (cur?.kind === 'gc' && body.startsWith('[') && !RECORD_START.test(body) && bracketDepth(cur.text) > 0) {
      cur.lastLine = lineNo;
      this.append(cur, body);
      return;
    }
    const kind = classify(body);
    if (!kind) {
      this.emit({ type: 'skipped', line: lineNo, offset, reason: p ? 'time-stamped line that is not a GC record' : 'not a GC log line' });
      return;
    }
    const mark: Mark = { line: lineNo, offset, ts: p?.ts ?? null, tq: p?.tq ?? 'none' };
    if (p?.uptimeS !== undefined) mark.uptimeS = p.uptimeS;
    if (kind === 'header' && cur?.kind === 'header') {
      cur.lastLine = lineNo;
      this.append(cur, body);
      return;
    }
    this.finish();
    if (kind === 'appTime') {
      if (this.appTime) this.skipAppTime();
      this.appTime = mark;
      return;
    }
    this.cur = { kind, start: mark, text: '', lastLine: lineNo, histo: null, histoArmed: false };
    this.append(this.cur, body);
    if (kind === 'histogram') {
      this.cur.histo = new HistogramBuilder(lineNo, 'gc-log');
      this.cur.histoArmed = true;
    }
  }

  end(): void {
    this.finish();
    if (this.appTime) this.skipAppTime();
    for (const name of [...this.concurrent.keys()]) this.unpaired(name);
  }

  private append(rec: Rec, text: string): void {
    if (rec.text.length < MAX_TEXT) rec.text += (rec.text ? ' ' : '') + text.trim();
    if (rec.kind === 'gc' && HISTOGRAM_OPEN.test(text)) rec.histoArmed = true;
  }

  private closeHistogram(rec: Rec): void {
    if (rec.histo) this.emit(rec.histo.finish());
    rec.histo = null;
    rec.histoArmed = false;
  }

  private skipAppTime(): void {
    const a = this.appTime!;
    this.emit({ type: 'skipped', line: a.line, offset: a.offset, reason: 'application time without a following stop time' });
    this.appTime = null;
  }

  private finish(): void {
    const rec = this.cur;
    if (!rec) return;
    this.cur = null;
    if (rec.kind === 'histogram') rec.histo?.cover(rec.lastLine);
    this.closeHistogram(rec);
    switch (rec.kind) {
      case 'histogram':
        break;
      case 'gc':
        this.finishGc(rec);
        break;
      case 'stopped':
        this.finishStopped(rec);
        break;
      case 'header': {
        const info = this.info(rec.start, 'collector', rec.text.slice(0, 500), rec.lastLine);
        const collector = collectorFromText(rec.text);
        if (collector) {
          info.collector = collector;
          this.collector ??= collector;
        }
        const max = /-XX:MaxHeapSize=(\d+)/.exec(rec.text);
        const initial = /-XX:InitialHeapSize=(\d+)/.exec(rec.text);
        if (initial) info.heapInitialKb = Math.round(Number(initial[1]) / 1024);
        if (max) info.heapMaxKb = Math.round(Number(max[1]) / 1024);
        this.emit(info);
        break;
      }
      case 'heap':
        this.emit(this.info(rec.start, 'heap-summary', rec.text.slice(0, 500), rec.lastLine));
        break;
      case 'notable': {
        const [first, ...rest] = notableKinds(rec.text);
        this.emit(this.info(rec.start, first ?? 'other', rec.text, rec.lastLine));
        for (const k of rest) this.emit(this.info(rec.start, k, rec.text, rec.lastLine));
        break;
      }
    }
  }

  private finishGc(rec: Rec): void {
    const parsed = parseLegacyGc(rec.text);
    if (parsed?.kind === 'concurrent') {
      if (parsed.start) {
        if (this.concurrent.has(parsed.name)) this.unpaired(parsed.name);
        this.concurrent.set(parsed.name, { mark: rec.start, lastLine: rec.lastLine });
      } else if (!parsed.abort) {
        const start = this.concurrent.get(parsed.name)?.mark ?? rec.start;
        this.concurrent.delete(parsed.name);
        const info = this.info(start, 'concurrent', `concurrent ${parsed.name}`, rec.lastLine);
        if (parsed.durationMs !== undefined) info.durationMs = parsed.durationMs;
        this.emit(info);
      }
    } else if (parsed?.kind === 'pause') {
      const p: GcPause = {
        type: 'gc-pause', ts: rec.start.ts, tq: rec.start.tq, pauseMs: parsed.pauseMs, phase: parsed.phase, label: parsed.label,
        line: rec.start.line, endLine: rec.lastLine,
      };
      if (rec.start.uptimeS !== undefined) p.uptimeS = rec.start.uptimeS;
      const collector = parsed.collector ?? this.collector;
      if (collector) p.collector = collector;
      if (parsed.cause) p.cause = parsed.cause;
      if (parsed.heapBeforeKb !== undefined) p.heapBeforeKb = parsed.heapBeforeKb;
      if (parsed.heapAfterKb !== undefined) p.heapAfterKb = parsed.heapAfterKb;
      if (parsed.heapTotalKb !== undefined) p.heapTotalKb = parsed.heapTotalKb;
      this.emit(p);
    } else {
      const label = parsed ? `${parsed.label} (record cut short: no pause time)` : rec.text.slice(0, 200);
      const info = this.info(rec.start, parsed ? 'incomplete' : 'other', label, rec.lastLine);
      if (parsed?.collector) info.collector = parsed.collector;
      this.emit(info);
    }
    for (const k of notableKinds(rec.text)) this.emit(this.info(rec.start, k, rec.text.slice(0, 500), rec.lastLine));
  }

  /** A concurrent phase whose end line never came. */
  private unpaired(name: string): void {
    const open = this.concurrent.get(name)!;
    this.concurrent.delete(name);
    this.emit(this.info(open.mark, 'concurrent', `concurrent ${name} (no end line)`, open.lastLine));
  }

  private finishStopped(rec: Rec): void {
    const ms = parseStoppedTime(rec.text) ?? 0;
    const start = this.appTime ?? rec.start;
    this.appTime = null;
    const p: GcPause = {
      type: 'gc-pause', ts: start.ts, tq: start.tq, pauseMs: ms, phase: 'Safepoint', label: 'Total time for which application threads were stopped',
      line: start.line, endLine: rec.lastLine,
    };
    // The stop line is written when the threads resume: without an `Application time` line before it, step back.
    const atEnd = start === rec.start;
    if (atEnd && p.ts !== null) p.ts = Math.round(p.ts - ms);
    const up = start.uptimeS !== undefined ? (atEnd ? start.uptimeS - ms / 1000 : start.uptimeS) : undefined;
    if (up !== undefined) p.uptimeS = Math.round(up * 1e6) / 1e6;
    this.emit(p);
  }

  private info(mark: Mark, kind: GcInfoKind, message: string, endLine: number): GcInfo {
    const info: GcInfo = { type: 'gc-info', ts: mark.ts, tq: mark.tq, kind, message: message.slice(0, 500), line: mark.line, endLine };
    if (mark.uptimeS !== undefined) info.uptimeS = mark.uptimeS;
    if (this.collector && kind !== 'collector') info.collector = this.collector;
    return info;
  }
}
