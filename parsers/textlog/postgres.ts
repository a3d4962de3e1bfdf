/**
 * PostgreSQL server log lines after the `%m`/`%t` time: `[1234] FATAL:  sorry, too many clients
 * already`, with Debian's `%q%u@%d ` (`postgres@orders`) or pgBadger-style prefixes before the
 * severity. PostgreSQL always puts two spaces after the severity's colon. DETAIL/HINT/QUERY/
 * CONTEXT/LOCATION/STATEMENT lines belong to the message before them from the same backend.
 */
import { LEVELS } from '../types';
import { GENERIC_KINDS, type PgConnFields } from './fields';

const SEVERITY = /\b(DEBUG[1-5]|INFO|NOTICE|WARNING|ERROR|LOG|FATAL|PANIC|DETAIL|HINT|QUERY|CONTEXT|LOCATION|STATEMENT): {2}/;
const PID = /\[(\d{1,10})\]/;
const USER_DB = /(?:^|\s)(\[unknown\]|[^\s@[\]]{1,128})@(\[unknown\]|[^\s@]{1,128})\s*$/;
const USER_KV = /\buser=([^,\s]{1,128})/;
const DB_KV = /\bdb=([^,\s]{1,128})/;

export const PG_FOLLOW_UPS: ReadonlySet<string> = new Set(['DETAIL', 'HINT', 'QUERY', 'CONTEXT', 'LOCATION', 'STATEMENT']);

export interface PgLine {
  severity: string;
  level: number | null;
  pid?: number;
  user?: string;
  db?: string;
  message: string;
  kind: string | null;
  /** The session a log_connections / log_disconnections line is about. */
  conn?: PgConnFields;
}

function levelOf(sev: string): number | null {
  if (sev.startsWith('DEBUG')) return LEVELS.DEBUG;
  switch (sev) {
    case 'INFO': case 'NOTICE': case 'LOG': return LEVELS.INFO;
    case 'WARNING': return LEVELS.WARN;
    case 'ERROR': return LEVELS.ERROR;
    case 'FATAL': case 'PANIC': return LEVELS.FATAL;
    default: return null;
  }
}

const KINDS: readonly (readonly [RegExp, string])[] = [
  [/^sorry, too many clients already|^remaining connection slots are reserved/, GENERIC_KINDS.pgTooManyClients],
  [/^terminating connection due to idle-session timeout/, GENERIC_KINDS.pgIdleSessionTimeout],
  [/^terminating connection due to idle-in-transaction timeout/, GENERIC_KINDS.pgIdleInTransactionTimeout],
  [/^canceling statement due to statement timeout/, GENERIC_KINDS.pgStatementTimeout],
  [/^canceling statement due to lock timeout/, GENERIC_KINDS.pgLockTimeout],
  [/^deadlock detected/, GENERIC_KINDS.pgDeadlock],
  [/^process \d+ still waiting for \w+ on .* after [\d.]+ ms/, GENERIC_KINDS.pgLockWait],
  [/^duration: [\d.]+ ms {2}(?:statement|bind|execute|parse)\b/, GENERIC_KINDS.pgSlowStatement],
  [/^received (?:smart|fast|immediate) shutdown request/, GENERIC_KINDS.pgShutdown],
  // The end of the same shutdown; not `database system was shut down at …`, which a starting server prints.
  [/^database system is shut down$/, GENERIC_KINDS.pgShutdown],
  [/^starting PostgreSQL \d/, GENERIC_KINDS.pgStarting],
  [/^database system is ready to accept/, GENERIC_KINDS.pgReady],
  [/^(?:server|background worker ".{1,64}") process \(PID \d+\) was terminated by signal|^terminating any other active server processes/, GENERIC_KINDS.pgBackendCrash],
  [/^the database system is (?:starting up|shutting down|in recovery mode|not yet accepting connections)/, GENERIC_KINDS.pgNotReady],
  [/^connection received: host=/, GENERIC_KINDS.pgConnectionReceived],
  [/^(?:replication )?connection authorized: user=/, GENERIC_KINDS.pgConnectionAuthorized],
  [/^disconnection: session time: /, GENERIC_KINDS.pgDisconnection],
];

/**
 * The `key=value` items of PostgreSQL 15's log_connections / log_disconnections lines
 * (src/backend/utils/init/postinit.c, src/backend/tcop/postgres.c): values have no spaces, except that an
 * application_name is printed as set and runs to the end of the line or to PostgreSQL 12+'s ` SSL enabled (…)`.
 */
function connFields(kind: string, message: string): PgConnFields {
  const out: PgConnFields = {};
  const app = /\bapplication_name=(.*?)(?: SSL enabled \(| GSS |$)/.exec(message);
  if (app && app[1] !== '') out.application = app[1]!;
  const head = app ? message.slice(0, app.index) : message;
  for (const m of head.matchAll(/\b(host|port|user|database)=(\S+)/g)) {
    if (m[1] === 'port') out.port = Number(m[2]);
    else out[m[1] as 'host' | 'user' | 'database'] = m[2]!;
  }
  const t = kind === GENERIC_KINDS.pgDisconnection ? /session time: (\d+):(\d{2}):(\d{2})\.(\d{3})/.exec(message) : null;
  if (t) out.sessionMs = ((Number(t[1]) * 60 + Number(t[2])) * 60 + Number(t[3])) * 1000 + Number(t[4]);
  return out;
}

const CONN_KINDS: ReadonlySet<string> = new Set([GENERIC_KINDS.pgConnectionReceived, GENERIC_KINDS.pgConnectionAuthorized, GENERIC_KINDS.pgDisconnection]);

/** `rest` is the line after the time stamp. Null when no PostgreSQL severity follows within the prefix. */
export function readPgLine(rest: string): PgLine | null {
  const head = rest.length > 400 ? rest.slice(0, 400) : rest;
  const m = SEVERITY.exec(head);
  if (!m) return null;
  const prefix = head.slice(0, m.index);
  // The prefix holds only %p, %u@%d, %l, user=… items: no free text with a colon-space, except pgBadger's
  // `%t [%p]: `, whose %t may end in a zone abbreviation the stamp left (IST, CST: ambiguous, not read).
  if (prefix.length > 200 || prefix.includes(': ') && !/^\s*(?:[A-Z]{2,5}\s+)?\[\d+\]: /.test(prefix)) return null;
  const severity = m[1]!;
  const message = rest.slice(m.index + m[0].length);
  const out: PgLine = { severity, level: levelOf(severity), message, kind: null };
  const pid = PID.exec(prefix);
  if (pid) out.pid = Number(pid[1]);
  const ud = USER_DB.exec(prefix);
  if (ud) {
    if (ud[1] !== '[unknown]') out.user = ud[1]!;
    if (ud[2] !== '[unknown]') out.db = ud[2]!;
  } else {
    const u = USER_KV.exec(prefix);
    if (u && u[1] !== '[unknown]') out.user = u[1]!;
    const d = DB_KV.exec(prefix);
    if (d && d[1] !== '[unknown]') out.db = d[1]!;
  }
  if (!PG_FOLLOW_UPS.has(severity)) {
    for (const [re, kind] of KINDS) {
      if (re.test(message)) {
        out.kind = kind;
        if (CONN_KINDS.has(kind)) out.conn = connFields(kind, message);
        break;
      }
    }
  }
  return out;
}
