/**
 * pino logs: NDJSON as pino writes it (with pino-http / fastify request lines), pino-pretty
 * output (colours and process-manager columns stripped), and the Node crash output that ends
 * up in the same stream.
 */
import type { LogRecord, ParserModule } from '../types';
import { PinoSink } from './parser';
import { sniffPino } from './sniff';

export const pinoParser: ParserModule<LogRecord> = {
  kind: 'pino',
  sniff: sniffPino,
  create: (ctx, emit) => new PinoSink(ctx, emit),
};

export { PINO_KINDS, STACK_LINES } from './fields';
export type { ExceptionField, NodeErrFields, PinoFields } from './fields';
export { isPinoObject } from './sniff';
