/**
 * One text line into the record assembler: a start when the line starts a record, a continuation
 * when it continues the open one, else a record of its own without a time stamp. Used for plain
 * text files and for the text inside Docker json-file and CRI wrappers.
 */
import type { TimeContext, TimeQuality } from '../types';
import type { RecordAssembler } from './assemble';
import { Clock } from './clock';
import { isContinuationShaped } from './continuation';
import { scanLevel } from './level-scan';
import { attachError, readTextLine } from './line';
import { capMessage, type Ln, type Start } from './model';

/** What wrapped the line: its time, and the service or stream whose lines fold only into each other. */
export interface Wrapper {
  ts: number | null;
  tq: TimeQuality;
  group: string;
  service?: string;
  stream?: string;
  /** Layout name for a line without a layout of its own (`docker`, `cri`, `compose`). */
  format: string;
}

export class TextLines {
  readonly clock: Clock;

  constructor(time: TimeContext, readonly asm: RecordAssembler) {
    this.clock = new Clock(time);
  }

  /** `w` is set when the line came in its own wrapper: then only continuation-shaped lines fold. */
  handle(text: string, ln: Ln, w: Wrapper | null): void {
    const group = w?.group;
    const sameGroup = this.asm.current !== null && this.asm.currentGroup === group;
    if (text.trim() === '') {
      if (sameGroup) this.asm.fold('', ln);
      else this.asm.skip(ln, 'blank line outside a record');
      return;
    }
    const start = readTextLine(text, this.clock);
    if (start) {
      if (start.pgFollowUp !== undefined) {
        const cur = this.asm.current;
        if (sameGroup && cur?.fields.pg && cur.pid === start.pid) {
          this.asm.foldPg(start.pgFollowUp, start.message, text, ln);
          return;
        }
      }
      this.begin(start, ln, w);
      return;
    }
    if (sameGroup && (w === null || isContinuationShaped(text))) {
      this.asm.fold(text, ln);
      return;
    }
    this.begin(untimed(text), ln, w);
  }

  begin(start: Start, ln: Ln, w: Wrapper | null): void {
    if (w) {
      // The runtime's clock (UTC) beats a stamp printed without a zone.
      if (w.ts !== null && (start.ts === null || (start.tq === 'assumed' && w.tq === 'explicit'))) {
        start.ts = w.ts;
        start.tq = w.tq;
      }
      if (w.service !== undefined) start.fields.service = w.service;
      if (w.stream !== undefined) start.fields.stream = w.stream;
      start.fields.format ??= w.format;
    }
    this.asm.begin(start, ln, w?.group);
  }
}

/** A line that starts no record but has none to continue: a record without a time of its own. */
export function untimed(text: string): Start {
  const s: Start = { ts: null, tq: 'none', level: null, message: capMessage(text.trimStart()), kind: null, fields: {} };
  const hit = scanLevel(text);
  if (hit && hit.tokenAt === 0) {
    s.level = hit.level;
    if (hit.label) s.fields.levelLabel = hit.label;
  }
  attachError(s, undefined);
  return s;
}
