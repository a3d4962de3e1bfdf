import type { LogRecord } from '../../parsers/types';

/** Message plus folded continuation, for text predicates that must see `Caused by:` lines. */
export function recordText(r: LogRecord): string {
  return r.continuation.length === 0 ? r.message : r.message + '\n' + r.continuation.join('\n');
}

export interface ExceptionField {
  type?: string;
  message?: string;
}

/** Exceptions the parsers typed: the record's own plus its causes. */
export function exceptionsOf(fields: Record<string, unknown>): ExceptionField[] {
  const out: ExceptionField[] = [];
  const ex = fields.exception as ExceptionField | undefined;
  if (ex && typeof ex === 'object') out.push(ex);
  const causes = fields.causes as ExceptionField[] | undefined;
  if (Array.isArray(causes)) out.push(...causes);
  return out;
}

/** A node error object as the pino parser types it. */
export interface NodeErr {
  type?: string;
  message?: string;
  code?: string;
  errno?: number | string;
  syscall?: string;
  address?: string;
  port?: number;
}

export function nodeErrOf(fields: Record<string, unknown>): NodeErr | null {
  const e = fields.err as NodeErr | undefined;
  return e && typeof e === 'object' ? e : null;
}
