/**
 * Go goroutine dumps: runtime.Stack / pprof debug=2, SIGQUIT and panic traces, pprof debug=1.
 * Parsing (parser.ts), the model (model.ts) and grouping (group.ts, compare.ts, classify.ts) live
 * apart, as in panicparse.
 */
import { textLogParser } from '../textlog';
import type { LineSink, LogRecord, ParserModule, SkippedLine, SnapshotMeta } from '../types';
import { GoroutineDumpRouter } from './embedded';
import type { GoroutineDump } from './model';
import { sniffGoroutine } from './sniff';

/** Lines of the file that are no part of a trace (the service's own log lines around a SIGQUIT dump) are read as a text log. */
export const goroutineParser: ParserModule<SnapshotMeta | GoroutineDump | LogRecord> = {
  kind: 'goroutine',
  sniff: sniffGoroutine,
  create(ctx, emit: (r: SnapshotMeta | GoroutineDump | LogRecord | SkippedLine) => void): LineSink {
    return new GoroutineDumpRouter(ctx, emit as (r: { type: string }) => void, textLogParser, true);
  },
};

export type { AggregatedStack, DumpFormat, GoFrame, GoPanic, Goroutine, GoroutineDump, GoroutineGroup, GroupTag, RegisterBlock } from './model';
export { groupGoroutines } from './group';
export { compareDumps, type DumpComparison, type GroupTrend } from './compare';
export { classifyGroup } from './classify';
export { withGoroutineDumps, unwrapContainerLine } from './embedded';
export { userFrame, storedUserFrame, storedFunc, parseStoredFrame } from './user-frame';
export { isStdFrame } from './stdlib';
export { funcPackage } from './lines';
