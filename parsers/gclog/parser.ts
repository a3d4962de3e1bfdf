/**
 * `gc-log` parser: JDK 9+ unified logging and JDK 6–8 `PrintGCDetails` logs, line by line. A line
 * with unified decorations goes to the unified reader, anything else to the legacy one; each keeps
 * its own multi-line state.
 */
import type { LineSink, ParseContext, ParserModule, SkippedLine } from '../types';
import { parseDecorations } from './decorations';
import { LegacySink } from './legacy-sink';
import type { GcRecord } from './model';
import { sniffGcLog } from './sniff';
import { UnifiedSink } from './unified-sink';

type Emit = (record: GcRecord | SkippedLine) => void;

class GcLogSink implements LineSink {
  private readonly unified: UnifiedSink;
  private readonly legacy: LegacySink;

  constructor(
    private readonly ctx: ParseContext,
    private readonly emit: Emit,
  ) {
    this.unified = new UnifiedSink(emit);
    this.legacy = new LegacySink(ctx, emit);
  }

  line(text: string, lineNo: number, offset: number): void {
    try {
      const d = text.charCodeAt(0) === 91 ? parseDecorations(this.ctx.time, text) : null;
      if (d) this.unified.line(d, lineNo, offset);
      else this.legacy.line(text, lineNo, offset);
    } catch (e) {
      this.emit({ type: 'skipped', line: lineNo, offset, reason: `GC log parser error: ${(e as Error).message}` });
    }
  }

  end(): void {
    this.unified.end();
    this.legacy.end();
  }
}

export const gcLogParser: ParserModule<GcRecord> = {
  kind: 'gc-log',
  sniff: sniffGcLog,
  create: (ctx, emit) => new GcLogSink(ctx, emit),
};
