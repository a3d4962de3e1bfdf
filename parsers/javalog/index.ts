/**
 * Java application logs (logback, log4j/log4j2, java.util.logging, Spring Boot, JSON layouts) with
 * multi-line stack traces folded into their records and HikariCP / JDBC messages typed.
 */
import type { LineSink, LogRecord, ParseContext, ParserModule, SkippedLine } from '../types';
import { JavaLogSink } from './parser';
import { sniffJavaLog } from './sniff';

export const javaLogParser: ParserModule<LogRecord> = {
  kind: 'java-log',
  sniff: sniffJavaLog,
  create(ctx: ParseContext, emit: (record: LogRecord | SkippedLine) => void): LineSink {
    return new JavaLogSink(ctx, emit);
  },
};
