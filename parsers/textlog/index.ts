/**
 * text-log: line-oriented text logs whose records start with a time stamp (Go's `log`, logrus and
 * slog text, zap's console encoder, klog, syslog/journald exports, PostgreSQL, nginx and Apache
 * error logs, Python logging, Redis, Android logcat) and access logs in Common/Combined Log Format.
 * The fallback for timestamped text: the Java parser and the snapshot parsers win on their files.
 */
import type { LogRecord, ParserModule } from '../types';
import { TextLogSink } from './parser';
import { sniffTextLog } from './sniff';

export const textLogParser: ParserModule<LogRecord> = {
  kind: 'text-log',
  sniff: sniffTextLog,
  create: (ctx, emit) => new TextLogSink(ctx, emit),
};

export { GENERIC_KINDS } from './fields';
export type { ErrFields, GenericLogFields } from './fields';
export { netErrorOf } from './net-error';
