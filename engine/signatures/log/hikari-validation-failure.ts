import type { LogRecord } from '../../../parsers/types';
import { fieldsOf, plural, singleFinding } from '../findings-from-hits';
import { LOG_KINDS } from '../log-kinds';
import type { Occurrence } from '../../model/occurrence';
import type { Signature } from '../types';

export const HIKARI_VALIDATION_FAILURE = 'hikari-validation-failure';

export interface HikariValidationData {
  /** Reason → count, most frequent first. */
  reasons: Record<string, number>;
  /** Warnings carrying HikariCP's "consider using a shorter maxLifetime value" hint. */
  maxLifetimeHints: number;
}

export interface ValidationOcc extends Occurrence {
  reason: string;
  connection: string | null;
}

export const hikariValidationFailure: Signature<typeof HIKARI_VALIDATION_FAILURE, HikariValidationData, ValidationOcc> = {
  id: HIKARI_VALIDATION_FAILURE,
  title: 'Pooled connections found dead on validation',
  severity: 'medium',
  explanation:
    'Before lending an idle connection, HikariCP checked it and found it closed. Something closed it while it sat idle: the database ' +
    "(MySQL wait_timeout, PostgreSQL idle_session_timeout), a firewall, NAT or load balancer dropping idle TCP flows, or a database restart. " +
    'Hikari discards the connection and tries another; requests slow down, and time out when many are dead at once.',
  fix:
    "Set maxLifetime (and keepaliveTime) several seconds shorter than the shortest idle limit between the app and the database " +
    '(database timeouts, firewall/NAT idle timers). If the failures follow a long freeze of the process, fix the freeze first.',
  references: ['https://github.com/brettwooldridge/HikariCP#frequently-used', 'https://github.com/brettwooldridge/HikariCP/issues/1131'],
  samples: {
    parser: 'java-log',
    match: [
      '2021-01-31 07:13:55.627  WARN 30747 --- [or-http-epoll-1] com.zaxxer.hikari.pool.PoolBase          : HikariPool-1 - Failed to validate connection com.mysql.cj.jdbc.ConnectionImpl@1066d1f0 (No operations allowed after connection closed.). Possibly consider using a shorter maxLifetime value.',
      '[09:12:42] [User Authenticator #1/WARN]: [User Authenticator #1] WARN fr.xephi.authme.libs.zaxxer.hikari.pool.PoolBase - AuthMeMYSQLPool - Failed to validate connection com.mysql.jdbc.JDBC4Connection@2a774af8 (No operations allowed after connection closed.)',
    ],
    noMatch: [
      '2021-07-27 14:33:34.807 DEBUG 97145 --- [nnection closer] com.zaxxer.hikari.pool.PoolBase          : prod-pool - Closing connection org.postgresql.jdbc.PgConnection@3b2a1c76: (connection has passed maxLifetime)',
    ],
  },
  match: (r: LogRecord) => r.kind === LOG_KINDS.hikariValidation,
  detect(ctx) {
    return singleFinding(this, ctx, (events, count) => {
      const reasons = new Map<string, number>();
      let hinted = 0;
      for (const e of events) {
        const f = fieldsOf(e);
        const reason = String(f.reason ?? 'unknown');
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        if (f.maxLifetimeHint) hinted++;
      }
      const top = [...reasons.entries()].sort((a, b) => b[1] - a[1]);
      return {
        summary: `${plural(count, 'idle connection')} failed validation${top[0] ? ` (most: "${top[0][0]}")` : ''}.`,
        data: { reasons: Object.fromEntries(top), maxLifetimeHints: hinted },
      };
    }, (_e, base, f) => ({ ...base, reason: String(f.reason ?? 'unknown'), connection: typeof f.connection === 'string' ? f.connection : null }));
  },
};
