/**
 * Java thread dumps (jstack, jcmd Thread.print, kill -3, VisualVM, ThreadInfo, HP-UX): the parser
 * module for the registry, the model, and the pure analysis helpers the signatures use.
 */
import type { ParserModule } from '../types';
import { JstackSink, type JstackRecord } from './parser';
import { sniffJstack } from './sniff';

export const jstackParser: ParserModule<JstackRecord> = {
  kind: 'jstack',
  sniff: sniffJstack,
  create: (ctx, emit) => new JstackSink(ctx, emit),
};

export type { JstackRecord } from './parser';
export type * from './model';
export { THREAD_STATES } from './model';
export { parseFrame, frameSymbol } from './frame';
export { normaliseLockId, parseLockTarget } from './lock-ref';
export { lockGraph, graphDeadlocks, mergeDeadlocks, contention, type LockGraph, type LockEdge, type ContendedLock } from './lock-graph';
export { groupThreads, normaliseFrame, normaliseClassName, normaliseThreadName, stackKey, type StackGroup } from './group';
export { classifyThread, tagThreads, THREAD_TAGS, type ThreadTag } from './classify';
export { stuckThreads, isIdleNative, type StuckThread, type StuckOptions } from './stuck';
export { stateHistogram, threadCountSeries, type StateHistogram, type ThreadCountPoint } from './summary';
