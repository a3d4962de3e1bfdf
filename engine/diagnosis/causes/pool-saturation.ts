/**
 * The pool is exhausted by the load: every connection busy, threads queuing. Its own evidence: the
 * pool's statistics and thread dumps with waiters in getConnection. It is what is left when nothing
 * else (a freeze, a leak, a deadlock, a database outage) explains why the connections were busy.
 */
import type { EvidenceRef } from '../../model/evidence';
import { POOL_WAITERS } from '../../signatures/jvm/pool-waiters';
import { HIKARI_POOL_SATURATED } from '../../signatures/log/hikari-pool-saturated';
import { HIKARI_POOL_TIMEOUT } from '../../signatures/log/hikari-pool-timeout';
import { SLOW_RESPONSES } from '../../signatures/log/slow-responses';
import { DB_SLOW_QUERIES } from '../../signatures/log/db-slow-queries';
import { PG_LOCK_WAITS } from '../../signatures/db/pg-lock-waits';
import { formatMs } from '../../signatures/findings-from-hits';
import { mergeWindows, windowAt } from '../time';
import { clamp01, STRENGTH, type CauseRule, type Item, type ItemOf, type Window } from '../types';
import { chainSays, cite, n, isFailedRequest } from './helpers';
import { DB_DOWN } from './database-unavailable';
import { CLIENT_POOL_TIMEOUT } from '../../signatures/log/client-pool-timeout';
import { LOG_SILENCE_GAP } from '../../signatures/log/log-silence-gap';
import { GO_SQL_POOL_WAITERS } from '../../signatures/go/sql-pool-waiters';

/**
 * A full pool is seen at the moment of its statistics line; HikariCP logs one with each timeout (the
 * "Timeout failure stats") in the same millisecond, so the moment is widened by a second either way.
 * Lines further apart are separate observations: what happened between them is not known.
 */
const MOMENT_MS = 1_000;

interface State {
  windows: Window[];
  /** When the database itself reported statements waiting on locks or running long (server log, pg_stat_activity). */
  dbBusy: Window[];
}

/**
 * A timeout that says the pool was full: HikariCP ≥ 5.1 prints active = total with threads waiting; older
 * versions say nothing, but attach the last failure to connect as the cause when there was one — a
 * timeout without one had connections, all of them busy. At INFO logging this is all a bundle shows.
 */
export function busyPool(it: ItemOf<typeof HIKARI_POOL_TIMEOUT>): boolean {
  const o = it.occ;
  if (o.total !== null && o.active !== null) return o.total > 0 && o.active >= o.total;
  return (o.chain ?? []).slice(1).length === 0 && !chainSays(it, DB_DOWN);
}

/**
 * A Node client's wait for a pooled connection (pg.Pool, Knex, Sequelize) or mysql2's refusal of a full queue: its
 * pool was full for the whole wait. A connect timeout is a new connection the database did not answer: not this.
 */
export function busyClientPool(it: ItemOf<typeof CLIENT_POOL_TIMEOUT>): boolean {
  return it.occ.meaning !== 'connect-timeout' && !chainSays(it, DB_DOWN);
}

export const poolSaturation: CauseRule<State> = {
  id: 'pool-saturation',
  title: 'The connection pool is exhausted by the load (slow queries or too few connections)',
  fix:
    'Find out why connections are held long (slow-query log, thread dumps showing threads inside queries); fix the queries or ' +
    'indexes first. Then size the pool from the database side and the measured concurrency, and add request timeouts.',
  references: ['https://github.com/brettwooldridge/HikariCP/wiki/About-Pool-Sizing'],

  candidates(ctx) {
    const own: Item[] = [
      ...ctx.items(HIKARI_POOL_SATURATED), ...ctx.items(POOL_WAITERS), ...ctx.items(HIKARI_POOL_TIMEOUT).filter(busyPool), ...ctx.items(DB_SLOW_QUERIES),
      ...ctx.items(CLIENT_POOL_TIMEOUT).filter(busyClientPool), ...ctx.items(GO_SQL_POOL_WAITERS),
      // The database's side: statements stuck on a lock in pg_stat_activity hold their connections without working.
      ...ctx.items(PG_LOCK_WAITS),
    ];
    if (own.length === 0) return [];
    // A statistics line that was full up to the next full one spans to it (see hikari-pool-saturated).
    const ws = mergeWindows(own.flatMap((i) => (i.occ.ts === null ? [] : [{ from: i.occ.ts - MOMENT_MS, to: (i.occ.end ?? i.occ.ts) + MOMENT_MS }])));
    const dbBusy = mergeWindows([...ctx.items(DB_SLOW_QUERIES), ...ctx.items(PG_LOCK_WAITS)].flatMap((i) => (i.occ.ts === null ? [] : [{ from: i.occ.ts, to: i.occ.end ?? i.occ.ts }])));
    return [{ own, windows: ws, prior: 0.4, state: { windows: ws, dbBusy } }];
  },

  explains(c, it) {
    // A log gone quiet while the database reported its statements waiting on a lock or running long: the service's
    // requests were all waiting on the database (a closed-loop load stops arriving), not a process the host did not run.
    if (it.sig === LOG_SILENCE_GAP) {
      const { ts, end } = it.occ;
      return ts !== null && end != null && c.state.dbBusy.some((w) => w.from <= ts && end <= w.to)
        ? { strength: STRENGTH.specific, reason: 'its requests were waiting on statements the database reported waiting on a lock or running long' }
        : null;
    }
    if (!isFailedRequest(it)) return null;
    return windowAt(it.occ.lineTs ?? it.occ.ts, c.state.windows) ? { strength: STRENGTH.inside, reason: 'the pool was full then' } : null;
  },

  conclude(_c, got) {
    const saturated = got.of(HIKARI_POOL_SATURATED);
    const waiters = got.of(POOL_WAITERS);
    const goWaiters = got.of(GO_SQL_POOL_WAITERS);
    if (!saturated.length && !waiters.length && !goWaiters.length && !got.of(HIKARI_POOL_TIMEOUT).length && !got.of(CLIENT_POOL_TIMEOUT).length) return null;
    // Slow statements without a pool in trouble are not this cause (they are only the reason when the pool is full).
    const reasoning: string[] = [];
    const evidence: EvidenceRef[] = [];
    // Timeouts alone make it possible, not concluded: only the pool's statistics or a thread dump show what held the connections.
    let conf = 0.3;
    if (saturated.length) {
      conf += 0.2;
      const peak = Math.max(...saturated.map((s) => s.occ.waiting));
      reasoning.push(`${n(saturated.length, 'pool statistics line')} show every connection active with threads waiting (at most ${peak} waiting).`);
      evidence.push(...cite(saturated, 3));
    }
    if (waiters.length) {
      conf += 0.1;
      const inDb = Math.max(...waiters.map((w) => w.finding.data.inDatabase));
      reasoning.push(
        `Thread dumps show threads queuing in getConnection${inDb ? ` while ${n(inDb, 'thread')} sit inside database calls: the connections are busy in queries` : ''}.`,
      );
      evidence.push(...cite(waiters, 2));
    }
    const timeouts = got.of(HIKARI_POOL_TIMEOUT);
    if (timeouts.length) {
      conf += 0.15;
      const stated = timeouts.filter((t) => t.occ.total !== null);
      reasoning.push(
        `${n(timeouts.length, 'request')} timed out waiting for a connection` +
          (stated.length ? `, the pool at ${stated[0]!.occ.active} of ${stated[0]!.occ.total} active with ${stated[0]!.occ.waiting} waiting` : ' with no failure to connect behind them: connections existed and were all in use') + '.',
      );
      evidence.push(...cite(timeouts, saturated.length || waiters.length ? 1 : 3));
    }
    if (goWaiters.length) {
      conf += waiters.length ? 0 : 0.1;
      const d = goWaiters[0]!.finding.data;
      reasoning.push(
        `Goroutine dumps show callers queuing in database/sql.(*DB).conn (up to ${Math.max(...goWaiters.map((w) => w.finding.data.waiters))}, from ${d.callers.slice(0, 2).join(', ')})` +
          (d.inDatabase ? ` while ${n(d.inDatabase, 'goroutine')} sit inside database calls: the connections are busy in queries` : '') +
          '. database/sql logs nothing of its own: a deadline that passes there reads "context deadline exceeded".',
      );
      evidence.push(...cite(goWaiters, 2));
    }
    const clientWaits = got.of(CLIENT_POOL_TIMEOUT);
    if (clientWaits.length) {
      conf += timeouts.length ? 0 : 0.15;
      const clients = [...new Set(clientWaits.map((t) => t.occ.client))].join(', ');
      reasoning.push(`${n(clientWaits.length, 'caller')} gave up waiting for a pooled connection (${clients}): the pool had every connection checked out for the whole wait.`);
      evidence.push(...cite(clientWaits, saturated.length || waiters.length ? 1 : 3));
    }
    const locked = got.of(PG_LOCK_WAITS);
    if (locked.length) {
      // When the server log's slow statements already say why, the captures add less.
      conf += got.of(DB_SLOW_QUERIES).length ? 0.05 : 0.15;
      const d = locked[0]!.finding.data;
      const h = d.holders[0];
      reasoning.push(
        `pg_stat_activity says why the connections were busy: up to ${n(d.maxWaiting, 'statement')} of ${d.apps.join(', ')} waiting on a lock ` +
          `(${Object.keys(d.lockTypes).join(', ')}) in ${n(d.captures, 'capture')}, the longest ${Math.round(d.longestWaitMs / 1000)} s` +
          (h ? `, while ${h.app} (pid ${h.pid}, ${h.state ?? '?'}) had a transaction open${h.ageMs !== null ? ` for ${Math.round(h.ageMs / 1000)} s` : ''}, the likely holder` : '') +
          '. The pool was full of connections waiting on that lock, not short of connections.',
      );
      evidence.push(...cite(locked, 2));
    }
    const slow = got.of(DB_SLOW_QUERIES);
    if (slow.length) {
      conf += 0.15;
      const d = slow[0]!.finding.data;
      const holder = d.holders[0];
      const waits = slow.filter((s) => s.occ.what === 'lock-wait').length;
      reasoning.push(
        `The database's own log says why the connections were busy: ${n(slow.length, 'slow statement')}` +
          (waits ? `, ${waits} of them waiting for a lock` : '') +
          (holder ? ` held by pid ${holder.pid}${holder.session ? ` (${holder.session})` : ''}` : '') +
          `, up to ${formatMs(Math.max(...slow.map((s) => s.occ.ms)))}. The pool was the queue in front of a slow database, not too small.`,
      );
      evidence.push(...cite(slow, 2));
    }
    if (!saturated.length && !waiters.length && !slow.length && !locked.length) {
      reasoning.push('Pool statistics (com.zaxxer.hikari at DEBUG), a thread dump taken during the timeouts, or the database log with log_lock_waits and log_min_duration_statement would show why the connections were busy.');
    }
    if (got.of(SLOW_RESPONSES).length && (saturated.length || waiters.length)) conf += 0.05;
    reasoning.push('No freeze, leak, deadlock or database outage in this episode explains why the connections were busy.');
    return {
      confidence: clamp01(conf),
      summary: 'All pool connections were busy and requests queued for them.',
      reasoning,
      evidence,
    };
  },
};
