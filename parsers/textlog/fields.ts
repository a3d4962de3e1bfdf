/**
 * What the text-log and json-log parsers put on `LogRecord.fields`. The names follow the pino
 * parser (parsers/pino/fields.ts) so the signatures read Go, nginx and Node records alike:
 * `err` / `exception` for errors, `method`/`url`/`statusCode`/`responseTimeMs`/`remoteAddress` on
 * `http.request` records.
 */
import type { ExceptionField, NodeErrFields } from '../pino';

/** `kind` values these parsers assign. `http.request` is the one pino-http records carry too. */
export const GENERIC_KINDS = {
  httpRequest: 'http.request',
  /** A record with an error that names a system error code (ECONNREFUSED, EMFILE…). */
  netError: 'net.error',
  /** A record a Go panic (`panic: …` / `fatal error: …`) was folded into. */
  goPanic: 'go.panic',
  pgTooManyClients: 'postgres.too-many-clients',
  pgIdleSessionTimeout: 'postgres.idle-session-timeout',
  pgIdleInTransactionTimeout: 'postgres.idle-in-transaction-timeout',
  pgStatementTimeout: 'postgres.statement-timeout',
  pgLockTimeout: 'postgres.lock-timeout',
  pgDeadlock: 'postgres.deadlock',
  /** `log_lock_waits`: `process 7173 still waiting for RowExclusiveLock on relation … after 1000.099 ms` (DETAIL names the holders). */
  pgLockWait: 'postgres.lock-wait',
  /** `log_min_duration_statement`: `duration: 118889.386 ms  bind S_5: INSERT …`. */
  pgSlowStatement: 'postgres.slow-statement',
  /** The server is going down: the request (`received fast shutdown request`) and its end (`database system is shut down`). */
  pgShutdown: 'postgres.shutdown',
  /** The postmaster starts (`starting PostgreSQL 15.18 …`): after a shutdown or crash, the database is coming back. */
  pgStarting: 'postgres.starting',
  /** Startup finished: `database system is ready to accept connections`. */
  pgReady: 'postgres.ready',
  pgBackendCrash: 'postgres.backend-crash',
  pgNotReady: 'postgres.not-ready',
  /** log_connections: `connection received: host=127.0.0.1 port=45026` (a client opened a socket). */
  pgConnectionReceived: 'postgres.connection-received',
  /** log_connections: `connection authorized: user=… database=… application_name=…` (the session starts). */
  pgConnectionAuthorized: 'postgres.connection-authorized',
  /** log_disconnections: `disconnection: session time: 0:00:01.234 user=… database=… host=… port=…`. */
  pgDisconnection: 'postgres.disconnection',
} as const;

/** What a log_connections / log_disconnections line says about the session (parsers/textlog/postgres.ts). */
export interface PgConnFields {
  host?: string;
  port?: number;
  user?: string;
  database?: string;
  application?: string;
  /** disconnection: how long the session lasted. */
  sessionMs?: number;
}

/** The error a Go, Node, Python or nginx line carries, in pino's `err` shape. */
export type ErrFields = NodeErrFields;
export type { ExceptionField };

/** Fields common to text-log and json-log records (all optional; only what the line said). */
export interface GenericLogFields {
  /** Which layout the line was read as (`go-log`, `syslog`, `clf`, `postgres`, `zap`, `logrus`…). */
  format?: string;
  /** docker compose service column, or the Docker/CRI stream (`stdout`/`stderr`). */
  service?: string;
  stream?: string;
  host?: string;
  /** Source position the logger printed (`main.go:40`, zap's `caller`). */
  caller?: string;
  /** The level as printed when it was not one of the six (`NOTICE`, `LOG`, `dpanic`, Apache `crit`). */
  levelLabel?: string;
  err?: ErrFields;
  exception?: ExceptionField;
  /** Go panic message (`panic: …`, `fatal error: …`) folded into this record. */
  panic?: string;
  // http.request (access logs, HTTP middleware lines)
  method?: string;
  url?: string;
  statusCode?: number;
  responseTimeMs?: number;
  remoteAddress?: string;
  bytes?: number;
  userAgent?: string;
  referer?: string;
  /** PostgreSQL: user and database from `%u@%d`, the raw severity, and the STATEMENT/DETAIL/HINT lines folded in. */
  pg?: { user?: string; db?: string; severity: string; statement?: string; detail?: string; hint?: string; conn?: PgConnFields };
  /** Other key/values of the line (logfmt pairs, zap's JSON tail, JSON keys), shallow and capped. */
  extra?: Record<string, unknown>;
}
