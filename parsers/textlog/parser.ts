/**
 * The streaming text-log parser: strips colours and the wrappers containers add (docker compose's
 * service column, the CRI prefix), then hands each line to TextLines. Every line ends up in one
 * emitted record or one SkippedLine with a reason.
 */
import type { LineSink, ParseContext } from '../types';
import { RecordAssembler, type Out } from './assemble';
import { levelOfWord } from './levels';
import { TextLines } from './text-lines';
import { composePrefix, criPrefix, stripAnsi } from './wrappers';

export class TextLogSink implements LineSink {
  private readonly asm: RecordAssembler;
  private readonly lines: TextLines;
  /** The last CRI line was a part (`P`): the next line continues it. */
  private partial = false;

  constructor(private readonly ctx: ParseContext, emit: (r: Out) => void) {
    this.asm = new RecordAssembler(emit);
    this.lines = new TextLines(ctx.time, this.asm);
  }

  line(text: string, lineNo: number, offset: number, byteLength: number): void {
    const ln = { no: lineNo, offset, len: byteLength };
    try {
      this.handle(text, ln);
    } catch (e) {
      // A parser bug must cost one line, not the file.
      if (this.asm.accountedNo !== lineNo) this.asm.skip(ln, `parser error: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  end(): void {
    this.asm.close();
  }

  private handle(raw: string, ln: { no: number; offset: number; len: number }): void {
    const t = stripAnsi(raw);
    const cri = criPrefix(t, this.ctx.time);
    if (cri) {
      const joined = this.partial && this.asm.currentGroup === cri.stream && this.asm.appendToMessage(cri.rest, ln);
      this.partial = cri.partial;
      if (!joined) this.lines.handle(cri.rest, ln, { ts: cri.ts, tq: cri.tq, group: cri.stream, stream: cri.stream, format: 'cri' });
      return;
    }
    this.partial = false;
    const comp = composePrefix(t);
    if (comp && levelOfWord(comp.service) === null) {
      this.lines.handle(comp.rest, ln, { ts: null, tq: 'none', group: comp.service, service: comp.service, format: 'compose' });
      return;
    }
    this.lines.handle(t, ln, null);
  }
}
