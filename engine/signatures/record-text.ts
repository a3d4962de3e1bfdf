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

/**
 * The error's cause chain as `Type: message` strings, outermost first: a Java record's exception and
 * its `Caused by:` lines, or a JSON log's `err` with its nested `cause`s (pino, Node's `Error.cause`).
 */
export function errorChain(fields: Record<string, unknown>): string[] {
  const out: string[] = [];
  const text = (e: { type?: unknown; message?: unknown; code?: unknown }) =>
    [typeof e.type === 'string' ? e.type : '', typeof e.message === 'string' ? e.message : '', typeof e.code === 'string' ? `(${e.code})` : '']
      .filter(Boolean)
      .join(': ');
  for (const e of exceptionsOf(fields)) out.push(text(e));
  let err: unknown = fields.err;
  for (let depth = 0; err && typeof err === 'object' && depth < 8; depth++) {
    out.push(text(err as Record<string, unknown>));
    err = (err as { cause?: unknown }).cause;
  }
  return out.filter(Boolean);
}
