import type { LogRecord } from '../../../parsers/types';
import { fieldsOf, formatMs, pickEvidence, plural, singleFinding } from '../findings-from-hits';
import { LOG_KINDS } from '../log-kinds';
import type { Occurrence } from '../../model/occurrence';
import type { DetectContext, Signature } from '../types';

export const HIKARI_POOL_TIMEOUT = 'hikari-pool-timeout';

export interface HikariPoolTimeoutData {
  pools: string[];
  minWaitMs: number;
  maxWaitMs: number;
  /** The connectionTimeout the waits are measured against: as HikariCP's configuration dump logged it, else assumed (see below). */
  timeoutMs: number | null;
  timeoutSource: 'configuration' | 'default' | 'shortest wait' | null;
}

/** HikariCP's and Spring Boot's default connectionTimeout. */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The connectionTimeout the waits were set against. HikariCP never gives up early, so no wait is
 * shorter than it: the configuration dump's value when logged (every pool the same), else the default
 * when no wait is shorter than the default, else the shortest wait.
 */
function configuredTimeout(ctx: DetectContext, minWait: number): Pick<HikariPoolTimeoutData, 'timeoutMs' | 'timeoutSource'> {
  const values = new Set(
    ctx.store.events.ofKinds(ctx.bundleId, [LOG_KINDS.hikariConfig]).map((e) => fieldsOf(e)).filter((f) => f.key === 'connectionTimeout').map((f) => Number(f.value)),
  );
  if (values.size === 1) {
    const v = [...values][0]!;
    if (Number.isFinite(v) && v > 0) return { timeoutMs: v, timeoutSource: 'configuration' };
  }
  if (minWait <= 0) return { timeoutMs: null, timeoutSource: null };
  return minWait >= DEFAULT_TIMEOUT_MS ? { timeoutMs: DEFAULT_TIMEOUT_MS, timeoutSource: 'default' } : { timeoutMs: minWait, timeoutSource: 'shortest wait' };
}

/** One request that gave up; `waitMs` is how long HikariCP says it waited (0 when not printed). */
export interface PoolTimeoutOcc extends Occurrence {
  waitMs: number;
  pool: string | null;
  /** How much longer than connectionTimeout it waited (null when the timeout is not known): the waiting thread was not run when its deadline passed. */
  overshootMs: number | null;
  /** The pool's state HikariCP ≥ 5.1 prints in the message (null when not printed). */
  total: number | null;
  active: number | null;
  waiting: number | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export const hikariPoolTimeout: Signature<typeof HIKARI_POOL_TIMEOUT, HikariPoolTimeoutData, PoolTimeoutOcc> = {
  id: HIKARI_POOL_TIMEOUT,
  title: 'Requests timed out waiting for a pool connection',
  severity: 'high',
  explanation:
    'A thread asked HikariCP for a connection and gave up after connectionTimeout: no connection became free in time. Either ' +
    'every connection was busy (slow queries, leaks, a pool too small for the load) or the process itself was frozen while it ' +
    'waited — a reported wait far longer than the configured timeout means the clock kept running while the thread could not.',
  fix:
    'Read the timeouts together with the pool stats and the housekeeper warnings: with active = total and waiting > 0, find what holds ' +
    'the connections (slow queries, leaks) before resizing; with waits much longer than connectionTimeout, look at the host (see thread starvation).',
  references: ['https://github.com/brettwooldridge/HikariCP/wiki/About-Pool-Sizing', 'https://github.com/brettwooldridge/HikariCP#frequently-used'],
  samples: {
    parser: 'java-log',
    match: [
      '2021-01-31 07:15:05.201 ERROR 30747 --- [or-http-epoll-1] o.h.engine.jdbc.spi.SqlExceptionHelper   : HikariPool-1 - Connection is not available, request timed out after 491632ms.',
      'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30004ms (total=10, active=10, idle=0, waiting=3)',
    ],
    noMatch: [
      '2021-01-31 07:15:05.201  WARN 30747 --- [main] c.e.Client : HTTP request timed out after 30000ms',
      '2021-01-31 07:15:05.201 DEBUG 30747 --- [l-1 housekeeper] com.zaxxer.hikari.pool.HikariPool        : HikariPool-1 - Timeout failure stats (total=10, active=10, idle=0, waiting=0)',
    ],
  },
  match: (r: LogRecord) => r.kind === LOG_KINDS.hikariTimeout,
  detect(ctx) {
    let timeout: Pick<HikariPoolTimeoutData, 'timeoutMs' | 'timeoutSource'> = { timeoutMs: null, timeoutSource: null };
    return singleFinding(this, ctx, (events, count) => {
      const waits = events.map((e) => ({ e, ms: Number(fieldsOf(e).timeoutMs) || 0 })).filter((w) => w.ms > 0);
      const longest = waits.reduce((a, b) => (b.ms > a.ms ? b : a), waits[0] ?? { e: events[0]!, ms: 0 });
      const shortest = waits.reduce((a, b) => (b.ms < a.ms ? b : a), waits[0] ?? { e: events[0]!, ms: 0 });
      const pools = [...new Set(events.map((e) => String(fieldsOf(e).pool ?? '')).filter(Boolean))];
      const range = waits.length ? ` after waiting ${formatMs(shortest.ms)}${longest.ms !== shortest.ms ? ` to ${formatMs(longest.ms)}` : ''}` : '';
      timeout = configuredTimeout(ctx, shortest.ms);
      const over = timeout.timeoutMs !== null && longest.ms - timeout.timeoutMs >= 1000
        ? ` (connectionTimeout ${formatMs(timeout.timeoutMs)}${timeout.timeoutSource === 'configuration' ? '' : `, ${timeout.timeoutSource}`})`
        : '';
      return {
        summary: `${plural(count, 'request')} gave up waiting for a connection from ${pools.join(', ') || 'the pool'}${range}${over}.`,
        data: { pools, minWaitMs: shortest.ms, maxWaitMs: longest.ms, ...timeout },
        evidence: pickEvidence(events, waits.length ? [[longest.e, 'longest wait']] : []),
      };
    }, (_e, base, f) => {
      const waitMs = Number(f.timeoutMs) || 0;
      return {
        ...base, waitMs, pool: typeof f.pool === 'string' ? f.pool : null,
        overshootMs: timeout.timeoutMs !== null && waitMs > 0 ? Math.max(0, waitMs - timeout.timeoutMs) : null,
        total: num(f.total), active: num(f.active), waiting: num(f.waiting),
      };
    });
  },
};
