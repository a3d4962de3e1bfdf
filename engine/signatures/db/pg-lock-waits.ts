/**
 * Statements wait on a heavyweight lock: `pg_stat_activity` shows backends `active` with wait event
 * type `Lock` (a row: `transactionid`/`tuple`; a table: `relation`; …). A wait is long once it passes
 * PostgreSQL's deadlock_timeout default (1 s), the point from which log_lock_waits reports it; a backend
 * caught waiting in two captures waited at least their interval. Connections in such waits are busy
 * without working: why a pool in front of them fills up. The view does not say who holds the lock: the
 * transactions of the same database that began before the waits and are not waiting themselves are named
 * as the likely holders, those idle in transaction first (a transaction waiting on its client while it
 * holds what it changed is the usual holder), then the others oldest first.
 */
import type { FindingDraft } from '../../model/finding';
import type { Occurrence } from '../../model/occurrence';
import type { PgBackendRow } from '../../store/pg-activity';
import { formatMs, plural } from '../findings-from-hits';
import { snapEvidence } from '../series';
import type { Signature } from '../types';
import { appOf, isIdleInTransaction, isLockWait, pgSeries, type PgPoint } from './pg-captures';

export const PG_LOCK_WAITS = 'pg-lock-waits';

/** PostgreSQL's deadlock_timeout default: log_lock_waits reports waits from here, shorter ones are routine. */
const LONG_WAIT_MS = 1_000;

export interface PgLockHolder {
  pid: number;
  app: string;
  state: string | null;
  /** How long its transaction had been open at the capture. */
  ageMs: number | null;
  query: string | null;
  line: number;
}

export interface PgLockWaitsData {
  database: string | null;
  /** Most backends waiting on a lock in one capture. */
  maxWaiting: number;
  longestWaitMs: number;
  apps: string[];
  /** wait_event → backends (transactionid, tuple, relation…), over every capture. */
  lockTypes: Record<string, number>;
  captures: number;
  /** Transactions of the same database open since before the waits and not waiting, at the capture with the most waiters: the likely holders. */
  holders: PgLockHolder[];
}

export interface PgLockWaitOcc extends Occurrence {
  database: string | null;
  waiting: number;
  longestWaitMs: number;
  apps: string[];
}

/** When the backend's current wait began, at the latest: it became active then (state_change), or its statement started. */
const waitSince = (r: PgBackendRow) => r.stateChange ?? r.queryStart;

export const pgLockWaits: Signature<typeof PG_LOCK_WAITS, PgLockWaitsData, PgLockWaitOcc> = {
  id: PG_LOCK_WAITS,
  title: 'Backends wait on locks held by other transactions',
  severity: 'high',
  explanation:
    "Backends are running a statement but waiting for a lock (wait_event_type 'Lock') that another transaction holds. Until that " +
    'transaction ends they do nothing, and each keeps its connection: a pool in front of them fills with busy connections and ' +
    'callers queue. A transaction left open after an UPDATE (idle in transaction), a long migration or an explicit LOCK are the usual holders.',
  fix:
    'Find the holder with pg_blocking_pids(pid) / pg_locks and end it; then keep transactions short (no remote calls or user think ' +
    'time inside them), set lock_timeout for statements that can wait, and turn on log_lock_waits to see holders in the server log.',
  references: ['https://www.postgresql.org/docs/current/monitoring-stats.html#WAIT-EVENT-LOCK-TABLE', 'https://www.postgresql.org/docs/current/explicit-locking.html'],
  detect(ctx) {
    const series = pgSeries(ctx.store, ctx.bundleId);
    const byDb = new Map<string, { p: PgPoint; long: PgBackendRow[] }[]>();
    const waitingBefore = new Set<string>();
    for (const p of series) {
      const t = p.capture.capturedAt;
      const waiting = p.backends.filter((r) => r.state === 'active' && isLockWait(r));
      const long = waiting.filter((r) => {
        const since = waitSince(r);
        return (since !== null && t - since >= LONG_WAIT_MS) || waitingBefore.has(`${r.pid}@${r.queryStart ?? ''}`);
      });
      for (const r of waiting) waitingBefore.add(`${r.pid}@${r.queryStart ?? ''}`);
      for (const db of new Set(long.map((r) => r.datname ?? ''))) {
        byDb.set(db, [...(byDb.get(db) ?? []), { p, long: long.filter((r) => (r.datname ?? '') === db) }]);
      }
    }
    const findings: FindingDraft<PgLockWaitsData, PgLockWaitOcc>[] = [];
    for (const [db, hits] of byDb) {
      const database = db || null;
      const age = (h: { p: PgPoint }, r: PgBackendRow) => h.p.capture.capturedAt - (waitSince(r) ?? h.p.capture.capturedAt);
      const peak = hits.reduce((a, b) => (b.long.length > a.long.length ? b : a));
      const longestWaitMs = Math.max(...hits.flatMap((h) => h.long.map((r) => age(h, r))));
      const lockTypes: Record<string, number> = {};
      for (const h of hits) for (const r of h.long) lockTypes[r.waitEvent ?? '?'] = (lockTypes[r.waitEvent ?? '?'] ?? 0) + 1;
      const apps = [...new Set(hits.flatMap((h) => h.long.map(appOf)))];
      const firstWait = Math.min(...peak.long.map((r) => waitSince(r) ?? peak.p.capture.capturedAt));
      const holders = peak.p.backends
        .filter((r) => (r.datname ?? '') === db && !isLockWait(r) && r.xactStart !== null && r.xactStart <= firstWait)
        .sort((a, b) => Number(isIdleInTransaction(b)) - Number(isIdleInTransaction(a)) || a.xactStart! - b.xactStart!)
        .slice(0, 5)
        .map((r) => ({ pid: r.pid, app: appOf(r), state: r.state, ageMs: r.xactStart !== null ? peak.p.capture.capturedAt - r.xactStart : null, query: r.query, line: r.rowLine }));
      const holderText = holders.length
        ? `; ${plural(holders.length, 'transaction')} open since before the waits, likely holder ${holders[0]!.app} (pid ${holders[0]!.pid}, ${holders[0]!.state ?? '?'}` +
          `${holders[0]!.ageMs !== null ? ` for ${formatMs(holders[0]!.ageMs)}` : ''}: ${(holders[0]!.query ?? '').slice(0, 80)})`
        : '';
      findings.push({
        signature: this.id,
        severity: peak.long.length >= 2 || hits.length >= 2 ? 'high' : 'medium',
        title: `${plural(peak.long.length, 'backend')} waiting on a lock${database ? ` in ${database}` : ''}`,
        summary:
          `Up to ${plural(peak.long.length, 'statement')} of ${apps.join(', ')} waited on a lock (${Object.entries(lockTypes).map(([k, v]) => `${k} ${v}`).join(', ')}) ` +
          `in ${plural(hits.length, 'capture')}, the longest for ${formatMs(longestWaitMs)}${holderText}.`,
        first: hits[0]!.p.capture.capturedAt,
        last: hits.at(-1)!.p.capture.capturedAt,
        count: peak.long.length,
        data: { database, maxWaiting: peak.long.length, longestWaitMs, apps, lockTypes, captures: hits.length, holders },
        evidence: [
          ...peak.long.slice(0, 2).map((r) => snapEvidence(peak.p.capture, r.rowLine, `pid ${r.pid} waiting on ${r.waitEvent ?? 'a lock'} for ${formatMs(age(peak, r))}`)),
          ...holders.slice(0, 1).map((h) => snapEvidence(peak.p.capture, h.line, `pid ${h.pid} ${h.state ?? ''} in a transaction open${h.ageMs !== null ? ` for ${formatMs(h.ageMs)}` : ''}: the likely holder`)),
        ],
        occurrences: hits.map((h) => {
          const oldest = h.long.reduce((a, b) => (age(h, b) > age(h, a) ? b : a));
          return {
            ts: waitSince(oldest) ?? h.p.capture.capturedAt, end: h.p.capture.capturedAt, lineTs: h.p.capture.capturedAt,
            fileId: h.p.capture.fileId, line: oldest.rowLine, ref: `snapshot:${h.p.capture.sid}`,
            note: `${plural(h.long.length, 'backend')} waiting on a lock`, database, waiting: h.long.length, longestWaitMs: age(h, oldest), apps: [...new Set(h.long.map(appOf))],
          };
        }),
      });
    }
    return findings;
  },
};
