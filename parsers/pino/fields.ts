/**
 * The typed fields the pino parser puts on `LogRecord.fields`. Signatures read them through
 * engine/signatures (`fields.err`, `fields.exception`, `fields.statusCode`, `fields.responseTimeMs`).
 */

/** `kind` values this parser assigns (the first three are in engine/signatures/log-kinds.ts). */
export const PINO_KINDS = {
  httpRequest: 'http.request',
  httpIncoming: 'http.incoming',
  nodeError: 'node.error',
  nodeCrash: 'node.crash',
  nodeWarning: 'node.warning',
} as const;

/** A Node error as pino's err serializer writes it (`pino-std-serializers`), normalised. */
export interface NodeErrFields {
  type: string;
  message: string;
  code?: string;
  errno?: number | string;
  syscall?: string;
  address?: string;
  port?: number;
  /** mysql/mysql2: the error ended the connection (a client-side protocol flag). */
  fatal?: true;
  /** mysql2's own error name (`errorno: 'ETIMEDOUT'`, a string unlike Node's numeric errno). */
  errorno?: string;
  /** The first lines of the stack (at most STACK_LINES), `\n`-joined. */
  stack?: string;
}

/** The same shape the Java parser uses, so signatures treat both alike. */
export interface ExceptionField {
  type: string;
  message: string;
}

export interface PinoFields {
  hostname?: string;
  /** Fastify `reqId`, pino-http `req.id`. */
  reqId?: string | number;
  /** A level label pino printed that is not one of the standard six (custom levels). */
  levelLabel?: string;
  // http.request / http.incoming (pino-http, fastify, hapi-pino)
  method?: string;
  url?: string;
  statusCode?: number;
  responseTimeMs?: number;
  remoteAddress?: string;
  remotePort?: number;
  /** `req.headers.host` (pino-http) or `req.hostname`/`req.host` (fastify). */
  host?: string;
  err?: NodeErrFields;
  exception?: ExceptionField;
  /** node.warning: `(node:PID) MaxListenersExceededWarning: …`. */
  warning?: { type: string; code?: string; message: string };
  /** node.crash: the time of the last timed record before the crash output (it has no time of its own). */
  afterTs?: number;
  /** The line was recovered: `missing-open-brace` (file starts mid-object), `joined-next-line`. */
  repaired?: 'missing-open-brace' | 'joined-next-line';
  /** Other top-level keys of the JSON line, shallow: objects as compact JSON, long values cut. */
  extra?: Record<string, unknown>;
}

export const STACK_LINES = 20;
