/**
 * Pool clients checked out and never returned, from the counts a service logs about its own pool
 * (node-postgres `pg.Pool` totalCount − idleCount, Go database/sql DBStats `InUse`): the log-side
 * counterpart of HikariCP's leak warnings, which Node and Go pools do not print.
 *
 * A client in use at one sample may be a request in flight; a client that is never seen back is not.
 * The *floor* at a sample is the fewest clients checked out at that sample or any later one: it rises only
 * when clients go out and stay out for the rest of the log. Busy connections of a saturated pool come back
 * when the slow statement or the lock ends, so its floor falls back with them; leaked ones do not, so the
 * floor climbs step by step and holds. A pool still saturated when the log ends holds its floor too, so the rise
 * must come from steps seen while the pool was calm — a connection free, nobody waiting: a connection taken then,
 * with others idle beside it, and never seen back, was kept, not queued for — and at separate moments.
 */
import type { EvidenceRef } from '../../model/evidence';
import type { Occurrence } from '../../model/occurrence';
import { formatMs, plural } from '../findings-from-hits';
import { parentOf } from '../log-metric-fields';
import { logMetricLabel, logSeries, processOfRow, type LogMetricRef } from '../log-metric-series';
import type { Signature } from '../types';
import { pools, samplesOf, type Sample } from './pool-stats-logs';

export const POOL_NOT_RETURNED = 'pool-not-returned';

export interface PoolNotReturnedData {
  /** The pool as pool-stats-logs names it (message · object), so its saturation findings match. */
  pool: string;
  /** Its size: MaxOpenConnections when logged, else the most connections seen open. */
  size: number;
  /** Clients out at the first sample's floor, and at the end. */
  fromOut: number;
  toOut: number;
  series: LogMetricRef[];
}

/** One step of the floor: `added` clients went out by this sample and none of them was seen back. */
export interface NotReturnedOcc extends Occurrence {
  pool: string;
  added: number;
  out: number;
  size: number;
  /** The pool had a free connection and nobody waiting at this sample. */
  calm: boolean;
}

/** Samples needed: a floor is only known from several samples after it (see MIN_HELD). */
const MIN_SAMPLES = 5;
/** The raised floor must hold at the last three samples: one sample's count may be requests in flight. */
const MIN_HELD = 3;
/**
 * The floor must rise by at least a quarter of the pool (and by two clients): one or two clients out at the
 * end are the last requests in flight; the same quarter decides in connection-leak whether leaks explain a
 * full pool.
 */
const MIN_SHARE = 0.25;
const MIN_RISE = 2;
/**
 * Calm steps needed: a lock or a slow statement piles connections up at once (one step), a leak keeps them one
 * after another as its code path is hit, at separate moments.
 */
const MIN_CALM_STEPS = 2;

/** A connection free and nobody waiting (what the sample says of it; unknown counts do not make it busy). */
const isCalm = (s: Sample, size: number): boolean =>
  (s.v.waiting ?? 0) === 0 && (s.v.idle !== undefined ? s.v.idle > 0 : s.v.inUse !== undefined && s.v.inUse < size);

const outOf = (s: Sample): number | null =>
  s.v.inUse ?? (s.v.total !== undefined && s.v.idle !== undefined ? s.v.total - s.v.idle : null);

const at = (s: Sample, note: string): EvidenceRef => ({ fileId: s.fileId, line: s.line, ts: s.ts, ref: `event:${s.eventId}`, note });

export const poolNotReturned: Signature<typeof POOL_NOT_RETURNED, PoolNotReturnedData, NotReturnedOcc> = {
  id: POOL_NOT_RETURNED,
  title: 'Pool connections checked out and never returned',
  severity: 'high',
  explanation:
    "The pool's own counts, as the service logged them (pg.Pool totalCount − idleCount, database/sql InUse), show connections " +
    'going out and never coming back: the fewest in use from any moment to the end of the log climbs step by step and holds. ' +
    'Connections busy in slow statements return when the statement ends; these stay out, so the pool drains until every ' +
    'caller waits — a connection leak: a code path that takes a client and does not release it (an early return, a thrown ' +
    'error before release(), a transaction left open).',
  fix:
    'Find the code path that checks out a client without releasing it on every path: use pool.query() for single statements, ' +
    'and try { … } finally { client.release() } around transactions. On the database side, pg_stat_activity shows the leaked ' +
    "connections as 'idle in transaction' or 'idle' with an old state_change; idle_in_transaction_session_timeout limits the damage.",
  references: ['https://node-postgres.com/apis/pool#releasing-clients', 'https://node-postgres.com/features/transactions'],
  detect(ctx) {
    const out: ReturnType<Signature<typeof POOL_NOT_RETURNED, PoolNotReturnedData, NotReturnedOcc>['detect']> = [];
    const series = logSeries(ctx, ['pool.total', 'pool.idle', 'pool.inUse', 'pool.waiting', 'pool.max']);
    for (const members of pools(series)) {
      const samples = samplesOf(members).filter((s) => outOf(s) !== null);
      if (samples.length < MIN_SAMPLES) continue;
      const outs = samples.map((s) => outOf(s)!);
      const floor = [...outs];
      for (let i = floor.length - 2; i >= 0; i--) floor[i] = Math.min(floor[i]!, floor[i + 1]!);
      const size = Math.max(...samples.map((s) => s.v.max ?? 0)) || Math.max(...samples.map((s) => s.v.total ?? outOf(s)!));
      const held = floor[floor.length - MIN_HELD]! - floor[0]!;
      const needed = Math.max(MIN_RISE, Math.ceil(size * MIN_SHARE));
      if (held < needed) continue;
      const row = members[0]!.row;
      const parent = parentOf(row.field);
      const pool = parent ? `${row.message} · ${parent}` : row.message;
      const steps: NotReturnedOcc[] = [];
      for (let i = 1; i < samples.length; i++) {
        const added = floor[i]! - floor[i - 1]!;
        if (added <= 0) continue;
        const s = samples[i]!;
        steps.push({
          ts: samples[i - 1]!.ts, end: s.ts, lineTs: s.ts, fileId: s.fileId, line: s.line, ref: `event:${s.eventId}`, process: processOfRow(row),
          note: `${plural(added, 'more connection')} out and never seen back (${outs[i]} of ${size} in use)`,
          pool, added, out: outs[i]!, size, calm: isCalm(s, size),
        });
      }
      const calm = steps.filter((o) => o.calm);
      if (calm.length < MIN_CALM_STEPS || calm.reduce((a, o) => a + o.added, 0) < needed) continue;
      const first = steps[0]!;
      const last = samples.at(-1)!;
      const where = logMetricLabel({ message: row.message, field: parent || row.field, file: row.path, pid: row.pid });
      out.push({
        signature: POOL_NOT_RETURNED,
        severity: 'high',
        title: `Connections not returned to the pool: ${pool} (${row.path})`,
        summary:
          `${where}: the fewest connections in use from then on rose from ${floor[0]} to ${outs.at(-1)} of ${size} in ${plural(steps.length, 'step')} ` +
          `over ${formatMs(last.ts - samples.find((s) => s.line === first.line)!.ts)} and never fell back: connections checked out and not returned.`,
        first: first.ts,
        last: last.ts,
        count: steps.reduce((a, s) => a + s.added, 0),
        data: { pool, size, fromOut: floor[0]!, toOut: outs.at(-1)!, series: members.map((m) => m.ref) },
        evidence: [
          at(samples.find((s) => s.line === first.line)!, 'first connections that never came back'),
          ...(steps.length > 2 ? [at(samples.find((s) => s.line === steps[Math.floor(steps.length / 2)]!.line)!, 'more of them')] : []),
          at(last, `still ${outs.at(-1)} of ${size} in use at the last sample`),
        ],
        occurrences: steps,
      });
    }
    return out;
  },
};
