import { LEVELS, type LogRecord } from '../../../parsers/types';
import { fieldsOf, plural, singleFinding } from '../findings-from-hits';
import { errorChain, nodeErrOf, recordText } from '../record-text';
import { LOG_KINDS } from '../log-kinds';
import type { Occurrence } from '../../model/occurrence';
import type { Signature } from '../types';

export const DB_CONNECTION_REFUSED = 'db-connection-refused';

export interface DbRefusedData {
  /** Target → count. */
  targets: Record<string, number>;
}

export interface RefusedOcc extends Occurrence {
  target: string;
  /** Logged by the database server itself (shutdown, not ready, too many clients, a crashed backend). */
  server: boolean;
  /** The server log's message kind, when it is one. */
  serverKind: string | null;
}

/** Ports of common databases, to tell a refused database from any refused peer in Node errors. */
const DB_PORTS = new Set([5432, 3306, 1521, 1433, 27017, 6379, 9042, 26257, 5433, 3307]);

const DB_REFUSED = [
  /Connection to (\S+) refused/, // pgjdbc
  /Communications link failure/, // MySQL Connector/J
  /FATAL: sorry, too many clients already/,
  /the database system is (?:starting up|shutting down|in recovery mode)/,
  /terminating connection due to administrator command/,
  /Could not create connection to database server/,
];
const CONNECT_REFUSED = /ConnectException: Connection refused/;
const DB_CONTEXT = /jdbc|hikari|postgres|mysql|mariadb|oracle|sqlserver|datasource|hibernate/i;
/** Database clients a Node error's stack passes through: a refusal there is the database's, whatever its port. */
const NODE_DB_CLIENT = /node_modules\/(?:pg|pg-pool|pg-native|postgres|mysql2?|mariadb|knex|sequelize|typeorm|@prisma\/client|mongodb|mongoose|ioredis|redis|tedious|oracledb)\//;

/**
 * node-postgres (pg/lib/client.js): the socket ended with no error from the server first — the server process
 * died, a proxy or the network cut it. Not when it is the cause pg-pool attaches to its own connect timeout
 * (pg-pool/index.js: "Connection terminated due to connection timeout"), which client-pool-timeout reads.
 */
const PG_DROPPED = /\bConnection terminated unexpectedly\b/;
const PG_CONNECT_TIMEOUT = /Connection terminated due to connection timeout/;
/** A refusal in plain text (console.error of the error): the database's when its stack passes through a database client. */
const TEXT_REFUSED = /\bECONNREFUSED\b/;
/**
 * mysql and mysql2 mark an error that ends the connection `fatal: true` (mysql2 lib/base/connection.js); mysql2/promise
 * rewrites the stack to the caller's, so this flag, not a node_modules frame, says a database client saw it.
 */
const MYSQL_FATAL_TEXT = /\bfatal: true\b/;
const mysqlFatal = (err: unknown): boolean => (err as { fatal?: unknown } | null)?.fatal === true;

/** A Node error through a database client that says the connection was refused or dropped. */
function nodeDbDropped(r: LogRecord, text: string): boolean {
  const err = nodeErrOf(r.fields);
  const said = `${err?.message ?? ''}\n${text}`;
  const dbClient = NODE_DB_CLIENT.test(`${String((err as { stack?: unknown } | null)?.stack ?? '')}\n${text}`) || (!err && MYSQL_FATAL_TEXT.test(text));
  if (!dbClient || PG_CONNECT_TIMEOUT.test(said)) return false;
  return PG_DROPPED.test(said) || (!err && TEXT_REFUSED.test(text));
}

/** What the database server itself logs when it refuses or ends sessions (PostgreSQL server log). */
const SERVER_REFUSALS = new Set<string>([LOG_KINDS.pgTooManyClients, LOG_KINDS.pgShutdown, LOG_KINDS.pgNotReady, LOG_KINDS.pgBackendCrash]);

export function dbTarget(r: LogRecord): string | null {
  if (r.kind && SERVER_REFUSALS.has(r.kind)) return 'database server';
  const err = nodeErrOf(r.fields);
  if (err?.code === 'ECONNREFUSED' && typeof err.port === 'number' && (DB_PORTS.has(err.port) || NODE_DB_CLIENT.test(String((err as { stack?: unknown }).stack ?? '')) || mysqlFatal(err))) {
    return `${err.address ?? '?'}:${err.port}`;
  }
  if (r.level !== null && r.level < LEVELS.WARN) return null;
  const text = recordText(r);
  for (const re of DB_REFUSED) {
    const m = re.exec(text);
    if (m) return m[1] ?? 'database';
  }
  if (CONNECT_REFUSED.test(text) && DB_CONTEXT.test(text)) return 'database';
  if (nodeDbDropped(r, text)) return 'database';
  return null;
}

export const dbConnectionRefused: Signature<typeof DB_CONNECTION_REFUSED, DbRefusedData, RefusedOcc> = {
  id: DB_CONNECTION_REFUSED,
  title: 'Database refused or dropped connections',
  severity: 'high',
  explanation:
    'New connections to the database were refused, or the server ended sessions itself: it was down, restarting or failing over, ' +
    'not listening on that address, out of connection slots (too many clients), or a firewall rejected the connection.',
  fix:
    "Check the database's own log and uptime at these times, max_connections against the sum of every pool's maximumPoolSize, " +
    'and network paths (security groups, firewall). Applications should fail fast and retry with backoff rather than pile up.',
  references: ['https://jdbc.postgresql.org/documentation/head/connect.html', 'https://www.postgresql.org/docs/current/runtime-config-connection.html'],
  samples: {
    parser: 'java-log',
    match: [
      '2024-03-01 12:00:01.100 ERROR 77 --- [onnection adder] com.zaxxer.hikari.pool.HikariPool        : HikariPool-1 - Exception during pool initialization.\n' +
        'org.postgresql.util.PSQLException: Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.\n' +
        '\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:342)\n' +
        'Caused by: java.net.ConnectException: Connection refused',
      '2024-03-01 12:00:01.100  WARN 77 --- [nio-8080-exec-1] o.h.engine.jdbc.spi.SqlExceptionHelper   : FATAL: sorry, too many clients already',
    ],
    noMatch: [
      '2024-03-01 12:00:01.100  WARN 77 --- [nio-8080-exec-1] c.e.PaymentClient : call to payments failed: java.net.ConnectException: Connection refused (payments:8443)',
      '2024-03-01 12:00:01.100  INFO 77 --- [main] c.e.App : retrying after Connection to 127.0.0.1:5432 refused',
    ],
  },
  match: (r: LogRecord) => dbTarget(r) !== null,
  detect(ctx) {
    return singleFinding(this, ctx, (events, count) => {
      const targets = new Map<string, number>();
      for (const e of events) {
        const f = fieldsOf(e);
        const t = targetOf(e.kind, e.message, f, errorChain(f));
        targets.set(t, (targets.get(t) ?? 0) + 1);
      }
      const list = [...targets.entries()].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} (${n})`).join(', ');
      // Only the server's own lines (a shutdown, a restart): no client said it failed. It matters when clients do.
      const serverOnly = events.every((e) => e.kind !== null && SERVER_REFUSALS.has(e.kind));
      return {
        severity: serverOnly ? 'medium' : 'high',
        summary: `${plural(count, 'database connection error')}: ${list}${serverOnly ? ' (the server’s own lines; no client logged a failure)' : ''}.`,
        data: { targets: Object.fromEntries(targets) },
      };
    }, (e, base, f) => {
      const server = e.kind !== null && SERVER_REFUSALS.has(e.kind);
      return { ...base, target: targetOf(e.kind, e.message, f, base.chain ?? []), server, serverKind: server ? e.kind : null };
    });
  },
};

/** Where the refused connection was going: the server itself, a node error's address, or pgjdbc's "Connection to host:port refused" anywhere in the cause chain. */
function targetOf(kind: string | null, message: string, f: Record<string, unknown>, chain: readonly string[]): string {
  if (kind && SERVER_REFUSALS.has(kind)) return 'database server';
  const err = f.err as { address?: string; port?: number } | undefined;
  if (err?.port) return `${err.address ?? '?'}:${err.port}`;
  for (const text of [message, ...chain]) {
    const m = /Connection to (\S+) refused/.exec(text);
    if (m) return m[1]!.replace(/\.$/, '');
  }
  return 'database';
}
