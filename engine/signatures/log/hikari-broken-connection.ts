import type { LogRecord } from '../../../parsers/types';
import { fieldsOf, plural, singleFinding } from '../findings-from-hits';
import { LOG_KINDS } from '../log-kinds';
import type { Occurrence } from '../../model/occurrence';
import type { Signature } from '../types';

export const HIKARI_BROKEN_CONNECTION = 'hikari-broken-connection';

export interface HikariBrokenData {
  /** SQLSTATE → count. */
  sqlStates: Record<string, number>;
}

export interface BrokenOcc extends Occurrence {
  sqlState: string | null;
  /** What the driver said (`This connection has been closed.`, `An I/O error occurred…`). */
  reason: string | null;
}

export const hikariBrokenConnection: Signature<typeof HIKARI_BROKEN_CONNECTION, HikariBrokenData, BrokenOcc> = {
  id: HIKARI_BROKEN_CONNECTION,
  title: 'Connections marked broken by SQL errors',
  severity: 'medium',
  explanation:
    'A statement failed with a SQLSTATE of class 08 (connection exception) or another fatal code, so HikariCP evicted the ' +
    'connection. 08S01 / 08006 mean the network link to the database broke mid-use: database restart or failover, a proxy ' +
    'or firewall cutting the connection, or the server killing the session.',
  fix:
    'Correlate the times with database restarts, failovers and network events; check server-side session kills and idle ' +
    'timeouts; set maxLifetime below any infrastructure connection limit.',
  references: ['https://github.com/brettwooldridge/HikariCP/issues/1036', 'https://www.postgresql.org/docs/current/errcodes-appendix.html'],
  samples: {
    parser: 'java-log',
    match: [
      '2017-12-06 06:06:25.179 WARN  c.zaxxer.hikari.pool.ProxyConnection - springHikariCP - Connection com.mysql.jdbc.JDBC4Connection@6f4c5ea1 marked as broken because of SQLSTATE(08S01), ErrorCode(0)',
    ],
    noMatch: ['2017-12-06 06:06:24.025 DEBUG com.zaxxer.hikari.pool.HikariPool - springHikariCP - Added connection com.mysql.jdbc.JDBC4Connection@7c433c7b'],
  },
  match: (r: LogRecord) => r.kind === LOG_KINDS.hikariBroken,
  detect(ctx) {
    return singleFinding(this, ctx, (events, count) => {
      const states = new Map<string, number>();
      for (const e of events) {
        const s = String(fieldsOf(e).sqlState ?? '?');
        states.set(s, (states.get(s) ?? 0) + 1);
      }
      const list = [...states.entries()].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} ×${n}`).join(', ');
      return { summary: `${plural(count, 'connection')} marked broken (SQLSTATE ${list}).`, data: { sqlStates: Object.fromEntries(states) } };
    }, (_e, base, f) => ({
      ...base,
      sqlState: typeof f.sqlState === 'string' ? f.sqlState : null,
      reason: typeof f.reason === 'string' ? f.reason : typeof f.sqlMessage === 'string' ? f.sqlMessage : null,
    }));
  },
};
