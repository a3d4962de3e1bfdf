/**
 * Transactions left open by one application pile up: across `pg_stat_activity` captures its backends
 * `idle in transaction` grow in number, and the ones seen before are still there with the same
 * transaction. That is the database's view of connections checked out of a pool and never given back
 * (a BEGIN whose code path never reaches COMMIT/ROLLBACK or release). One long transaction that others
 * wait behind is not this: its count does not grow (pg-lock-waits reports it).
 */
import type { FindingDraft } from '../../model/finding';
import type { Occurrence } from '../../model/occurrence';
import { formatMs, plural } from '../findings-from-hits';
import { growth, isGrowing, snapEvidence, type Growth } from '../series';
import type { Signature } from '../types';
import { appOf, countsText, isIdleInTransaction, pgSeries, txKey } from './pg-captures';

export const PG_IDLE_IN_TRANSACTION = 'pg-idle-in-transaction';

/**
 * The pile must gain at least two open transactions that stay: one more is a request caught between
 * two statements of its transaction at the moment of the capture.
 */
const MIN_GROWTH = 2;

export interface PgIdleTxData {
  database: string | null;
  app: string;
  /** Per capture: open idle transactions of the application, and the age of the oldest. */
  counts: { ts: number; count: number; oldestAgeMs: number | null }[];
  growth: Growth;
  /** Transactions at the last capture already open (same backend, same xact_start) at an earlier one. */
  held: number;
  oldestAgeMs: number;
  /** The backends at the last capture, oldest transaction first. */
  pids: number[];
  /** What the oldest one ran last (its transaction's last statement). */
  lastQuery: string | null;
}

export interface PgIdleTxOcc extends Occurrence {
  app: string;
  database: string | null;
  count: number;
  oldestAgeMs: number | null;
}

export const pgIdleInTransaction: Signature<typeof PG_IDLE_IN_TRANSACTION, PgIdleTxData, PgIdleTxOcc> = {
  id: PG_IDLE_IN_TRANSACTION,
  title: "Open transactions of one application pile up 'idle in transaction'",
  severity: 'high',
  explanation:
    "A backend 'idle in transaction' has begun a transaction and is waiting for its client to send the next statement. Across the " +
    'captures, more and more of them belong to one application and the earlier ones are still open: connections were taken from ' +
    'the pool, a transaction begun, and the code never committed, rolled back or gave the connection back. Each holds a pool slot, ' +
    'its locks and the oldest snapshot vacuum must keep, until the pool is empty.',
  fix:
    'Find the code path that begins a transaction and can leave without COMMIT/ROLLBACK and release (an early return, an exception, ' +
    'an await that never settles); wrap it in try/finally. Set idle_in_transaction_session_timeout so the server ends such sessions.',
  references: ['https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-ACTIVITY-VIEW', 'https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-IDLE-IN-TRANSACTION-SESSION-TIMEOUT'],
  detect(ctx) {
    const series = pgSeries(ctx.store, ctx.bundleId);
    if (series.length < 3) return [];
    const keys = new Map<string, { database: string | null; app: string }>();
    for (const p of series) for (const r of p.backends.filter(isIdleInTransaction)) keys.set(`${r.datname ?? ''}|${appOf(r)}`, { database: r.datname, app: appOf(r) });
    const findings: FindingDraft<PgIdleTxData, PgIdleTxOcc>[] = [];
    for (const [key, { database, app }] of keys) {
      const points = series.map((p) => {
        const open = p.backends.filter((r) => isIdleInTransaction(r) && `${r.datname ?? ''}|${appOf(r)}` === key);
        open.sort((a, b) => (a.xactStart ?? Infinity) - (b.xactStart ?? Infinity));
        return { p, open, oldestAgeMs: open[0]?.xactStart != null ? p.capture.capturedAt - open[0].xactStart : null };
      });
      const g = growth(points.map((x) => ({ t: x.p.capture.capturedAt, v: x.open.length })));
      const last = points.at(-1)!;
      const seenBefore = new Set(points.slice(0, -1).flatMap((x) => x.open.map(txKey)));
      const held = last.open.filter((r) => seenBefore.has(txKey(r))).length;
      if (!isGrowing(g, MIN_GROWTH) || held < MIN_GROWTH) continue;
      const oldest = last.open[0]!;
      const oldestAgeMs = last.oldestAgeMs ?? 0;
      const withOpen = points.filter((x) => x.open.length > 0);
      const counts = points.map((x) => x.open.length);
      findings.push({
        signature: this.id,
        severity: 'high',
        title: `${app}: ${g.first} → ${g.last} transactions left 'idle in transaction'`,
        summary:
          `${plural(g.last, 'backend')} of ${app}${database ? ` on ${database}` : ''} idle in an open transaction (${countsText(counts)} across ` +
          `${plural(counts.length, 'capture')}); ${held} of them open since an earlier capture, the oldest for ${formatMs(oldestAgeMs)} (pid ${oldest.pid}).`,
        first: withOpen[0]!.p.capture.capturedAt,
        last: last.p.capture.capturedAt,
        count: g.last,
        data: {
          database, app, growth: g, held, oldestAgeMs, pids: last.open.map((r) => r.pid), lastQuery: oldest.query,
          counts: points.map((x) => ({ ts: x.p.capture.capturedAt, count: x.open.length, oldestAgeMs: x.oldestAgeMs })),
        },
        evidence: [
          ...withOpen.slice(0, 1).map((x) => snapEvidence(x.p.capture, x.open[0]!.rowLine, `${plural(x.open.length, 'open transaction')} of ${app}`)),
          ...last.open.slice(0, 3).map((r) => snapEvidence(last.p.capture, r.rowLine, `pid ${r.pid} idle in transaction for ${formatMs(last.p.capture.capturedAt - (r.xactStart ?? last.p.capture.capturedAt))}`)),
        ],
        occurrences: withOpen.map((x) => ({
          ts: x.p.capture.capturedAt, fileId: x.p.capture.fileId, line: x.open[0]!.rowLine, ref: `snapshot:${x.p.capture.sid}`,
          note: `${plural(x.open.length, 'open transaction')} of ${app}`, app, database, count: x.open.length, oldestAgeMs: x.oldestAgeMs,
        })),
      });
    }
    return findings;
  },
};
