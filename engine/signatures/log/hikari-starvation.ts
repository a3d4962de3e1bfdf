import type { LogRecord } from '../../../parsers/types';
import { fieldsOf, formatMs, pickEvidence, plural, singleFinding } from '../findings-from-hits';
import { LOG_KINDS } from '../log-kinds';
import type { Occurrence } from '../../model/occurrence';
import type { Signature } from '../types';

export const HIKARI_STARVATION = 'hikari-starvation';

/** HikariCP's housekeeper period (com.zaxxer.hikari.housekeeping.periodMs, 30 s unless changed). */
export const HOUSEKEEPING_MS = 30_000;

export interface HikariStarvationData {
  maxDeltaMs: number;
  totalDeltaMs: number;
  pools: string[];
}

/**
 * One warning, as the stretch the JVM was certainly frozen: the housekeeper should have run 30 s after
 * its previous run, so from then (`ts`) to the warning (`end`).
 */
export interface StarvationOcc extends Occurrence {
  deltaMs: number;
  pool: string | null;
}

/** HikariCP logs this when its housekeeper (every 30 s) wakes up more than 45 s after the previous run. */
export const hikariStarvation: Signature<typeof HIKARI_STARVATION, HikariStarvationData, StarvationOcc> = {
  id: HIKARI_STARVATION,
  title: 'HikariCP thread starvation or clock leap',
  severity: 'high',
  explanation:
    "HikariCP's housekeeper thread is scheduled every 30 seconds. This warning means it ran much later than that: for the " +
    'whole "housekeeper delta" the JVM got no CPU time (host starved by other processes or containers, swapping, a long ' +
    'stop-the-world GC pause, a suspended VM or laptop) or the wall clock jumped. Every other thread of the process was ' +
    'frozen as well. A large delta is a statement about the host, not about the pool size.',
  fix:
    'Look at the host during the delta: CPU steal and throttling (cgroup limits), other containers on the same instance, memory and ' +
    'swap, GC logs for long pauses, VM suspension. Give the process dedicated CPU and memory. Growing the connection pool does not help.',
  references: ['https://github.com/brettwooldridge/HikariCP/issues/1951', 'https://github.com/brettwooldridge/HikariCP/issues/668'],
  samples: {
    parser: 'java-log',
    match: [
      '2021-01-31 07:13:48.441  WARN 30747 --- [l-1 housekeeper] com.zaxxer.hikari.pool.HikariPool        : HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m13s50ms252µs185ns).',
      '[HikariPool-1 housekeeper] WARN com.zaxxer.hikari.pool.HikariPool - 1m5s204ms948μs145ns - Thread starvation or clock leap detected (housekeeper delta=HikariPool-1).',
    ],
    noMatch: [
      '2021-01-31 07:13:48.441 DEBUG 30747 --- [l-1 housekeeper] com.zaxxer.hikari.pool.HikariPool        : HikariPool-1 - Pool stats (total=10, active=0, idle=10, waiting=0)',
      '2021-01-31 07:13:48.441  WARN 30747 --- [main] c.e.App : Thread starvation in our own executor, queue=40',
    ],
  },
  match: (r: LogRecord) => r.kind === LOG_KINDS.hikariStarvation,
  detect(ctx) {
    return singleFinding(this, ctx, (events, count) => {
      const deltas = events.map((e) => ({ e, ms: Number(fieldsOf(e).deltaMs) || 0 }));
      const max = deltas.reduce((a, b) => (b.ms > a.ms ? b : a));
      const total = deltas.reduce((s, d) => s + d.ms, 0);
      const pools = [...new Set(events.map((e) => String(fieldsOf(e).pool ?? '')).filter(Boolean))];
      return {
        severity: max.ms >= 60_000 ? 'high' : 'medium',
        summary: `${pools.join(', ') || 'HikariCP'} reported thread starvation or a clock leap ${plural(count, 'time')}; the housekeeper ran up to ${formatMs(max.ms)} late (it is scheduled every 30 s), ${formatMs(total)} frozen in total.`,
        data: { maxDeltaMs: max.ms, totalDeltaMs: total, pools },
        evidence: pickEvidence(events, [[max.e, 'largest housekeeper delta']]),
      };
    }, (e, base, f) => {
      const deltaMs = Number(f.deltaMs) || 0;
      return { ...base, ts: e.ts === null ? null : e.ts - Math.max(0, deltaMs - HOUSEKEEPING_MS), end: e.ts, lineTs: e.ts, deltaMs, pool: typeof f.pool === 'string' ? f.pool : null };
    });
  },
};
