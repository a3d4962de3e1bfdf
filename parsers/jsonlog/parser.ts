/**
 * The streaming json-log parser: one JSON object per line (behind colours, a compose column, a CRI
 * or `kubectl logs --timestamps` prefix), Docker json-file entries unwrapped (their `log` read as
 * JSON or as a text line, split entries joined), and the text a process printed between its JSON
 * lines (a Go panic, a Python traceback) folded into the record before it. Every line ends up in
 * one emitted record or one SkippedLine with a reason.
 */
import { parseIsoStamp } from '../time';
import type { LineSink, ParseContext } from '../types';
import { RecordAssembler, type Out } from '../textlog/assemble';
import { levelOfWord } from '../textlog/levels';
import type { Ln } from '../textlog/model';
import { TextLines, type Wrapper } from '../textlog/text-lines';
import { composePrefix, criPrefix, stripAnsi } from '../textlog/wrappers';
import { classify, isObj, type Obj } from './families';
import { interpretObject, timeOf } from './interpret';

/** `kubectl logs --timestamps`: an RFC 3339 time, a space, the line. */
const KUBECTL = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})) (?=\{)/;

function parseObject(text: string): Obj | null | 'invalid' {
  try {
    const v: unknown = JSON.parse(text);
    return isObj(v) ? v : null;
  } catch {
    return 'invalid';
  }
}

export class JsonLogSink implements LineSink {
  private readonly asm: RecordAssembler;
  private readonly lines: TextLines;
  /** The last Docker entry had no trailing newline (the daemon split a long line): the next one continues it. */
  private dockerPartial = false;
  private criPartial = false;

  constructor(private readonly ctx: ParseContext, emit: (r: Out) => void) {
    this.asm = new RecordAssembler(emit);
    this.lines = new TextLines(ctx.time, this.asm);
  }

  line(text: string, lineNo: number, offset: number, byteLength: number): void {
    const ln = { no: lineNo, offset, len: byteLength };
    try {
      this.handle(text, ln);
    } catch (e) {
      if (this.asm.accountedNo !== lineNo) this.asm.skip(ln, `parser error: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  end(): void {
    this.asm.close();
  }

  private handle(raw: string, ln: Ln): void {
    let t = stripAnsi(raw);
    let w: Wrapper | null = null;
    const cri = criPrefix(t, this.ctx.time);
    if (cri) {
      const joined = this.criPartial && this.asm.currentGroup === cri.stream && this.asm.appendToMessage(cri.rest, ln);
      this.criPartial = cri.partial;
      if (joined) return;
      t = cri.rest;
      w = { ts: cri.ts, tq: cri.tq, group: cri.stream, stream: cri.stream, format: 'cri' };
    } else {
      this.criPartial = false;
      const k = KUBECTL.exec(t);
      if (k) {
        const st = parseIsoStamp(this.ctx.time, k[1]!);
        w = { ts: st?.ts ?? null, tq: st?.tq ?? 'none', group: 'kubectl', format: 'kubectl' };
        t = t.slice(k[0].length);
      } else {
        const c = composePrefix(t);
        if (c && levelOfWord(c.service) === null) {
          w = { ts: null, tq: 'none', group: c.service, service: c.service, format: 'compose' };
          t = c.rest;
        }
      }
    }
    const lead = t.trimStart();
    if (lead.charCodeAt(0) !== 0x7b /* { */) {
      this.dockerPartial = false;
      this.lines.handle(t, ln, w);
      return;
    }
    const o = parseObject(lead);
    if (o === 'invalid') {
      this.dockerPartial = false;
      // A cut or hand-edited line: say so rather than guess where its fields end.
      this.asm.skip(ln, 'invalid JSON: not a complete JSON object');
      return;
    }
    if (o === null) {
      this.lines.handle(t, ln, w);
      return;
    }
    const family = classify(o);
    if (family === 'docker') {
      this.docker(o, ln);
      return;
    }
    this.dockerPartial = false;
    this.lines.begin(interpretObject(o, family === 'not-log' ? 'generic' : family, this.ctx.time), ln, w);
  }

  /** Docker's json-file driver: `{"log":"…\n","stream":"stderr","time":"…"}`. */
  private docker(o: Obj, ln: Ln): void {
    const log = o.log as string;
    const stream = typeof o.stream === 'string' ? o.stream : 'stdout';
    const complete = log.endsWith('\n');
    const inner = stripAnsi(log.replace(/\r?\n$/, ''));
    if (this.dockerPartial && this.asm.currentGroup === stream && this.asm.appendToMessage(inner, ln)) {
      this.dockerPartial = !complete;
      return;
    }
    this.dockerPartial = !complete;
    const time = o.time === undefined ? null : timeOf(this.ctx.time, o.time, 'time');
    const w: Wrapper = { ts: time?.ts ?? null, tq: time?.tq ?? 'none', group: stream, stream, format: 'docker' };
    const lead = inner.trimStart();
    if (lead.charCodeAt(0) === 0x7b) {
      const io = parseObject(lead);
      if (io !== null && io !== 'invalid') {
        const fam = classify(io);
        this.lines.begin(interpretObject(io, fam === 'not-log' || fam === 'docker' ? 'generic' : fam, this.ctx.time), ln, w);
        return;
      }
    }
    this.lines.handle(inner, ln, w);
  }
}
