/**
 * Go goroutine dumps: runtime.Stack / pprof debug=2, SIGQUIT and panic traces, pprof debug=1.
 * Parsing (parser.ts), the model (model.ts) and grouping (group.ts, compare.ts, classify.ts) live
 * apart, as in panicparse.
 */
import type { LineSink, ParserModule, SkippedLine, SnapshotMeta } from '../types';
import type { GoroutineDump } from './model';
import { GoroutineDumpParser } from './parser';
import { sniffGoroutine } from './sniff';

export const goroutineParser: ParserModule<SnapshotMeta | GoroutineDump> = {
  kind: 'goroutine',
  sniff: sniffGoroutine,
  create(ctx, emit: (r: SnapshotMeta | GoroutineDump | SkippedLine) => void): LineSink {
    const p = new GoroutineDumpParser(ctx, emit);
    return {
      line: (text, lineNo, offset) => p.line(text, lineNo, offset),
      end: () => p.end(),
    };
  },
};

export type { AggregatedStack, DumpFormat, GoFrame, GoPanic, Goroutine, GoroutineDump, GoroutineGroup, GroupTag } from './model';
export { groupGoroutines } from './group';
export { compareDumps, type DumpComparison, type GroupTrend } from './compare';
export { classifyGroup } from './classify';
