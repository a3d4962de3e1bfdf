/**
 * Connections are borrowed and never returned. Its own evidence: HikariCP's leak warnings for
 * connections that never came back ("unleaked" ones were only slow). It explains the same pool filling
 * up and its waiters timing out after the leaks began. Node and Go pools print no leak warnings: there the
 * pool's own logged counts are the evidence (pool-not-returned: connections out and never seen back), and
 * their clients' pool-wait timeouts (client-pool-timeout) are explained like HikariCP's.
 */
import type { EvidenceRef } from '../../model/evidence';
import { HIKARI_LEAK } from '../../signatures/log/hikari-leak';
import { HIKARI_POOL_SATURATED } from '../../signatures/log/hikari-pool-saturated';
import { HIKARI_POOL_TIMEOUT } from '../../signatures/log/hikari-pool-timeout';
import { POOL_WAITERS } from '../../signatures/jvm/pool-waiters';
import { LOG_SILENCE_GAP } from '../../signatures/log/log-silence-gap';
import { CLIENT_POOL_TIMEOUT } from '../../signatures/log/client-pool-timeout';
import { POOL_NOT_RETURNED } from '../../signatures/log/pool-not-returned';
import { GO_SQL_POOL_WAITERS } from '../../signatures/go/sql-pool-waiters';
import { PG_IDLE_IN_TRANSACTION } from '../../signatures/db/pg-idle-in-transaction';
import { countsText } from '../../signatures/db/pg-captures';
import { clamp01, STRENGTH, type CauseRule, type ItemOf } from '../types';
import { cite, n } from './helpers';

interface State {
  /** Per pool (or '' when unnamed): the time of each unreturned leak warning, ascending. */
  leaksAt: Map<string, number[]>;
}

/** Leaked connections out of the pool at time t. */
function leakedBy(state: State, pool: string | null, t: number): number {
  const list = state.leaksAt.get(pool ?? '') ?? (pool ? (state.leaksAt.get('') ?? []) : [...state.leaksAt.values()].flat());
  return list.filter((x) => x <= t).length;
}

export const connectionLeak: CauseRule<State> = {
  id: 'connection-leak',
  title: 'Connections are borrowed and not returned (connection leak)',
  fix:
    'Fix the borrowing code path named in the leak warnings so every connection is closed on every path (try-with-resources, ' +
    'transaction boundaries, no connection held across remote calls). Keep leakDetectionThreshold on in production. In Node, ' +
    'release every checked-out client in a finally block (node-postgres: client.release(); pool.query() for single statements), and ' +
    "let pg_stat_activity's 'idle in transaction' sessions name the statement they stopped after.",
  references: ['https://github.com/brettwooldridge/HikariCP#infrequently-used'],

  candidates(ctx) {
    const warned = ctx.items(HIKARI_LEAK).filter((l) => !l.occ.returned);
    const counted = ctx.items(POOL_NOT_RETURNED);
    // The database's side: transactions one application left open pile up across pg_stat_activity captures.
    const openTx = ctx.items(PG_IDLE_IN_TRANSACTION);
    const own = [...warned, ...counted, ...openTx];
    if (own.length === 0) return [];
    const leaksAt = new Map<string, number[]>();
    for (const l of warned) {
      if (l.occ.ts === null) continue;
      const k = l.occ.pool ?? '';
      leaksAt.set(k, [...(leaksAt.get(k) ?? []), l.occ.ts]);
    }
    // A step of the logged counts is `added` connections gone by the sample that shows it.
    for (const l of counted) {
      const t = l.occ.lineTs ?? l.occ.ts;
      if (t !== null) leaksAt.set(l.occ.pool, [...(leaksAt.get(l.occ.pool) ?? []), ...Array<number>(l.occ.added).fill(t)]);
    }
    // Each capture that shows more open transactions than any before: that many more connections gone by then.
    let most = 0;
    for (const l of openTx) {
      if (l.occ.ts !== null && l.occ.count > most) leaksAt.set('', [...(leaksAt.get('') ?? []), ...Array<number>(l.occ.count - most).fill(l.occ.ts)]);
      most = Math.max(most, l.occ.count);
    }
    for (const list of leaksAt.values()) list.sort((a, b) => a - b);
    const first = Math.min(...own.map((l) => l.occ.ts ?? Infinity));
    // Leaked connections stay out until the process restarts.
    return [{ own, windows: Number.isFinite(first) ? [{ from: first, to: Infinity }] : [], prior: 0.6, state: { leaksAt } }];
  },

  explains(c, it) {
    // A log gone quiet once connections had leaked: its threads were queued for the pool, not frozen.
    if (it.sig === LOG_SILENCE_GAP) {
      const end = it.occ.end;
      return end != null && leakedBy(c.state, null, end) > 0 ? { strength: STRENGTH.specific, reason: 'its threads were waiting for connections that had leaked' } : null;
    }
    // A client's connect timeout is the database not answering, not a connection held by the code.
    if (it.sig === CLIENT_POOL_TIMEOUT && (it as ItemOf<typeof CLIENT_POOL_TIMEOUT>).occ.meaning === 'connect-timeout') return null;
    if (it.sig !== HIKARI_POOL_SATURATED && it.sig !== HIKARI_POOL_TIMEOUT && it.sig !== POOL_WAITERS && it.sig !== CLIENT_POOL_TIMEOUT && it.sig !== GO_SQL_POOL_WAITERS) return null;
    const t = it.occ.lineTs ?? it.occ.ts;
    if (t === null) return null;
    const pool = it.sig === POOL_WAITERS || it.sig === GO_SQL_POOL_WAITERS ? null : (it as ItemOf<typeof HIKARI_POOL_SATURATED | typeof HIKARI_POOL_TIMEOUT | typeof CLIENT_POOL_TIMEOUT>).occ.pool;
    const out = leakedBy(c.state, pool, t);
    if (out === 0) return null;
    const total = it.sig === HIKARI_POOL_SATURATED ? (it as ItemOf<typeof HIKARI_POOL_SATURATED>).occ.total : 0;
    // Leaks that account for a good part of the pool explain it being full; a stray one does not.
    if (total > 0 && out * 4 < total) return { strength: STRENGTH.inside, reason: `${n(out, 'connection')} of ${total} had leaked by then` };
    return { strength: STRENGTH.specific, reason: `${n(out, 'leaked connection')} of that pool had not come back by then` };
  },

  conclude(_c, got) {
    const leaks = got.of(HIKARI_LEAK);
    const counted = got.of(POOL_NOT_RETURNED);
    const openTx = got.of(PG_IDLE_IN_TRANSACTION);
    if (leaks.length === 0 && counted.length === 0 && openTx.length === 0) return null;
    const frames = new Map<string, number>();
    for (const l of leaks) if (l.occ.frame) frames.set(l.occ.frame, (frames.get(l.occ.frame) ?? 0) + 1);
    const top = [...frames.entries()].sort((a, b) => b[1] - a[1])[0];
    const reasoning: string[] = [];
    const evidence: EvidenceRef[] = [];
    if (leaks.length) {
      reasoning.push(
        `HikariCP reported ${n(leaks.length, 'connection')} held past the leak threshold and never returned` + (top ? `, borrowed at ${top[0]}${frames.size > 1 ? ` (${top[1]} of them)` : ''}.` : '.'),
      );
      evidence.push(...cite(leaks, 3, (l) => ((l as ItemOf<typeof HIKARI_LEAK>).occ.frame ? `borrowed at ${(l as ItemOf<typeof HIKARI_LEAK>).occ.frame}` : 'leak warning')));
    }
    if (counted.length) {
      const d = counted[0]!.finding.data;
      const gone = counted.reduce((a, c) => a + c.occ.added, 0);
      reasoning.push(
        `The pool's own counts (${d.pool}) show ${n(gone, 'connection')} checked out and never seen back: the fewest in use from any ` +
          `moment on climbed in ${n(counted.length, 'step')} to ${counted.at(-1)!.occ.out} of ${d.size} and held to the end. Connections busy in ` +
          'slow statements come back when they end; these did not.',
      );
      evidence.push(...cite([counted[0]!, ...(counted.length > 1 ? [counted.at(-1)!] : [])], 2));
    }
    if (openTx.length) {
      const d = openTx[0]!.finding.data;
      reasoning.push(
        `On the database, ${d.app}'s transactions left 'idle in transaction' grew ${countsText(d.counts.map((c) => c.count))} across the ` +
          `pg_stat_activity captures, ${d.held} of them still the same transaction as before (the oldest open ${Math.round(d.oldestAgeMs / 1000)} s` +
          `${d.lastQuery ? `, last statement "${d.lastQuery}"` : ''}): connections taken, a transaction begun, and never given back.`,
      );
      evidence.push(...cite([openTx[0]!, ...(openTx.length > 1 ? [openTx.at(-1)!] : [])], 2));
    }
    let conf = 0.6;
    const full = [...got.of(HIKARI_POOL_SATURATED), ...got.of(POOL_WAITERS)];
    if (full.length) {
      conf += 0.2;
      reasoning.push('The pool then showed every connection active with threads waiting: the leaked connections are what fills it. A leak with the pool at its maximum is a leak, not an undersized pool.');
      evidence.push(...cite(full, 2));
    }
    const timeouts = [...got.of(HIKARI_POOL_TIMEOUT), ...got.of(CLIENT_POOL_TIMEOUT)];
    if (timeouts.length) {
      conf += 0.1;
      reasoning.push(`${n(timeouts.length, 'request')} then timed out waiting for a connection.`);
      evidence.push(...cite(timeouts, 1));
    }
    const lastStatement = openTx[0]?.finding.data.lastQuery;
    return {
      confidence: clamp01(conf),
      summary: 'Application code keeps pool connections without returning them; the pool drains and requests time out.',
      reasoning,
      evidence,
      fix: leaks.length ? javaFix(top?.[0] ?? null) : clientFix(lastStatement ?? null),
    };
  },
};

/** The fix in the words of what showed the leak: HikariCP's warnings name the borrowing frame. */
function javaFix(frame: string | null): string {
  return (
    `Close the connection on every path of ${frame ? `the code borrowing at ${frame}` : 'the code named in the leak warnings'}, errors included ` +
    '(try-with-resources around the Connection, its statements and result sets; no connection held across remote calls). ' +
    'Keep leakDetectionThreshold on in production.'
  );
}

/** Without HikariCP: node-postgres and Go database/sql, told by the pool's counts and the database's open transactions. */
function clientFix(lastStatement: string | null): string {
  return (
    'Return every checked-out connection on every path, errors included: node-postgres `client.release()` in a `finally` ' +
    '(or `pool.query()` for single statements, which releases by itself); Go database/sql `defer rows.Close()` and ' +
    '`defer tx.Rollback()` right after `Query`/`Begin`. ' +
    (lastStatement
      ? `The sessions left 'idle in transaction' last ran "${lastStatement}": the code path that returns early after it is the one to fix.`
      : "pg_stat_activity captures would show the sessions left 'idle in transaction' and the statement they stopped after.")
  );
}
