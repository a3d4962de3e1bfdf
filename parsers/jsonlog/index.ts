/**
 * json-log: one JSON object per line from loggers other than pino and the Java layouts — zap,
 * logrus, slog, Bunyan, winston, ECS/logstash, structlog, journald (`journalctl -o json`),
 * PostgreSQL `jsonlog` — plus Docker json-file entries and CRI / `kubectl --timestamps` prefixes.
 * Records carry the same fields as pino's (`err`, `exception`, `http.request` fields).
 */
import type { LogRecord, ParserModule } from '../types';
import { JsonLogSink } from './parser';
import { sniffJsonLog } from './sniff';

export const jsonLogParser: ParserModule<LogRecord> = {
  kind: 'json-log',
  sniff: sniffJsonLog,
  create: (ctx, emit) => new JsonLogSink(ctx, emit),
};

export { classify, type Family } from './families';
