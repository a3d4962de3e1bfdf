import type { LogRecord } from '../../../parsers/types';
import { fieldsOf, pickEvidence, plural, singleFinding } from '../findings-from-hits';
import { LOG_KINDS } from '../log-kinds';
import type { Occurrence } from '../../model/occurrence';
import type { LogMetricRef } from '../log-metric-series';
import type { Signature } from '../types';
import { poolSaturationFromLogs } from './pool-stats-logs';
import type { EventRow } from '../../store';

export const HIKARI_POOL_SATURATED = 'hikari-pool-saturated';

export interface HikariPoolSaturatedData {
  /** Pool name → largest total seen. */
  pools: Record<string, number>;
  peakWaiting: number;
  /** 'log': statistics a service logs about its own pool (pool-stats-logs.ts); absent: HikariCP's lines. */
  source?: 'log';
  /** The log metric series of a 'log' pool (its total, idle, waiting… fields), which the timeline charts. */
  series?: LogMetricRef[];
}

export interface SaturatedOcc extends Occurrence {
  pool: string | null;
  total: number;
  active: number;
  waiting: number;
}

interface Stats {
  total?: number;
  active?: number;
  waiting?: number;
}

export function isSaturated(f: Stats): boolean {
  return typeof f.total === 'number' && f.total > 0 && (f.active ?? 0) >= f.total && (f.waiting ?? 0) > 0;
}

/**
 * For each full-pool statistics line whose pool's next statistics line is full too, the time of that
 * next line: the pool was seen full at both ends and never seen otherwise between (HikariCP logs them
 * every housekeeper run).
 */
function fullUntilNext(stats: readonly EventRow[]): Map<number, number> {
  const out = new Map<number, number>();
  const last = new Map<string, EventRow>();
  for (const e of stats) {
    if (e.ts === null) continue;
    const f = fieldsOf(e) as Stats & { pool?: string };
    const pool = f.pool ?? '';
    const prev = last.get(pool);
    if (prev && prev.ts !== null && isSaturated(fieldsOf(prev) as Stats) && isSaturated(f)) out.set(prev.id, e.ts);
    last.set(pool, e);
  }
  return out;
}

export const hikariPoolSaturated: Signature<typeof HIKARI_POOL_SATURATED, HikariPoolSaturatedData, SaturatedOcc> = {
  id: HIKARI_POOL_SATURATED,
  title: 'Connection pool saturated (all connections busy, threads waiting)',
  severity: 'medium',
  explanation:
    "The pool's own statistics show every connection in use while callers queue for one: HikariCP's pool stats lines (active = total, " +
    'waiting > 0), or the counts a service logs itself (node-postgres pg.Pool idleCount 0 with waitingCount > 0; Go database/sql ' +
    'DBStats whose WaitCount rose between samples). ' +
    'The pool is the bottleneck at that moment: connections are held too long (slow queries, leaks, remote calls inside ' +
    'transactions) or the load exceeds what the pool and the database can serve.',
  fix:
    'Find what holds the connections: slow-query log, leak detection (leakDetectionThreshold), thread dumps of threads between ' +
    'getConnection and close. Size the pool from the database side (cores × 2 + spindles is a start), not by doubling it.',
  references: ['https://github.com/brettwooldridge/HikariCP/wiki/About-Pool-Sizing'],
  samples: {
    parser: 'java-log',
    match: [
      '2023-08-15 08:47:38,705 [MailSyncSent-Thread-441] DEBUG com.zaxxer.hikari.pool.HikariPool - HikariPool-1 - Timeout failure stats (total=10, active=10, idle=0, waiting=42)',
      '2015-04-29 00:22:15,617 [Hikari Housekeeping Timer (pool HikariPool-0)] DEBUG com.zaxxer.hikari.pool.HikariPool - Before cleanup pool stats HikariPool-0 (total=20, inUse=20, avail=0, waiting=1)',
    ],
    noMatch: [
      '2023-08-15 08:47:38,703 [MailSyncSent-Thread-23] DEBUG com.zaxxer.hikari.pool.HikariPool - HikariPool-1 - Timeout failure stats (total=10, active=8, idle=2, waiting=44)',
      '2026-01-30 15:19:30,724 DEBUG [o.a.s.s.c.z.h.p.HikariPool    ] [HikariPool-8 housekeeper] - HikariPool-8 - Pool stats (total=2, active=2, idle=0, waiting=0)',
    ],
  },
  match: (r: LogRecord) => r.kind === LOG_KINDS.hikariStats && isSaturated(r.fields as Stats),
  detect(ctx) {
    // Until the pool's next statistics line: when that one shows it full too, it stayed full in between.
    const next = fullUntilNext(ctx.store.events.ofKinds(ctx.bundleId, [LOG_KINDS.hikariStats]));
    const hikari = singleFinding(this, ctx, (events, count) => {
      let peak = events[0]!;
      let peakWaiting = 0;
      const pools = new Map<string, number>();
      for (const e of events) {
        const f = fieldsOf(e) as Stats & { pool?: string };
        if ((f.waiting ?? 0) > peakWaiting) {
          peakWaiting = f.waiting ?? 0;
          peak = e;
        }
        if (f.pool) pools.set(f.pool, Math.max(pools.get(f.pool) ?? 0, f.total ?? 0));
      }
      const poolText = [...pools.entries()].map(([p, t]) => `${p} (${t} connections)`).join(', ');
      return {
        summary: `${plural(count, 'pool statistics line')} show${count === 1 ? 's' : ''} ${poolText || 'the pool'} fully in use with threads waiting; at most ${peakWaiting} waiting.`,
        data: { pools: Object.fromEntries(pools), peakWaiting },
        evidence: pickEvidence(events, [[peak, 'most threads waiting']]),
      };
    }, (e, base, f) => {
      const s = f as Stats & { pool?: string };
      const until = next.get(e.id);
      return { ...base, ...(until !== undefined ? { end: until, lineTs: e.ts } : {}), pool: s.pool ?? null, total: s.total ?? 0, active: s.active ?? 0, waiting: s.waiting ?? 0 };
    });
    return [...hikari, ...poolSaturationFromLogs(ctx, this.id)];
  },
};
