import type { LogRecord } from '../../../parsers/types';
import { plainOccurrence, plural, singleFinding } from '../findings-from-hits';
import { LOG_KINDS } from '../log-kinds';
import type { Signature } from '../types';

export const DB_SESSION_TIMEOUTS = 'db-session-timeouts';

const KINDS = new Set<string>([LOG_KINDS.pgIdleSessionTimeout, LOG_KINDS.pgIdleInTransactionTimeout]);

export const dbSessionTimeouts: Signature<typeof DB_SESSION_TIMEOUTS, Record<string, never>> = {
  id: DB_SESSION_TIMEOUTS,
  title: 'The database closed idle sessions',
  severity: 'medium',
  explanation:
    "The database server's own log shows it terminating sessions that sat idle longer than its timeout (PostgreSQL " +
    'idle_session_timeout / idle_in_transaction_session_timeout). A pool that keeps connections idle longer than that finds them ' +
    'dead later — unless the pool retires them first (maxLifetime, keepaliveTime).',
  fix: "Keep the pool's maxLifetime (and keepaliveTime) below the server's idle timeout, or raise the timeout for the application's role.",
  references: ['https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-IDLE-SESSION-TIMEOUT'],
  samples: {
    parser: 'text-log',
    // From a real PostgreSQL 15 server log (parsers/textlog/__fixtures__/pg15-default-prefix.log).
    match: ['2026-11-22 04:14:28.505 UTC [24602] FATAL:  terminating connection due to idle-session timeout'],
    noMatch: ['2026-11-22 04:14:25.399 UTC [24567] FATAL:  sorry, too many clients already'],
  },
  match: (r: LogRecord) => r.kind !== null && KINDS.has(r.kind),
  detect(ctx) {
    return singleFinding(this, ctx, (events, count) => ({
      summary: `The database server terminated ${plural(count, 'idle session')} (${events[0]!.message.slice(0, 120)}).`,
      data: {},
    }), plainOccurrence);
  },
};
