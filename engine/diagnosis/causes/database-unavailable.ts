/**
 * The database was down, restarting or refusing connections. Its own evidence: refused connections
 * and the server's own shutdown/not-ready/too-many-clients lines. It explains timeouts whose cause chain
 * says so, and connections that broke or failed validation while it was going down.
 */
import type { EvidenceRef } from '../../model/evidence';
import { DB_CONNECTION_REFUSED } from '../../signatures/log/db-connection-refused';
import { LOG_KINDS } from '../../signatures/log-kinds';
import { HIKARI_BROKEN_CONNECTION } from '../../signatures/log/hikari-broken-connection';
import { HIKARI_POOL_SATURATED } from '../../signatures/log/hikari-pool-saturated';
import { HIKARI_POOL_TIMEOUT } from '../../signatures/log/hikari-pool-timeout';
import { HIKARI_VALIDATION_FAILURE } from '../../signatures/log/hikari-validation-failure';
import { NODE_CONNECTION_ERRORS } from '../../signatures/log/node-connection-errors';
import { PG_UNREACHABLE } from '../../signatures/db/pg-unreachable';
import { CLIENT_POOL_TIMEOUT } from '../../signatures/log/client-pool-timeout';
import { at, mergeWindows, overlaps, span as stretch, windowAt, windowBefore } from '../time';
import { LOG_SILENCE_GAP } from '../../signatures/log/log-silence-gap';
import { clamp01, STRENGTH, type CauseRule, type Item, type Window } from '../types';
import { chainSays, cite, firstSentence, n, isFailedRequest } from './helpers';

/** What drivers and servers say when the database is not there (pgjdbc, Connector/J, PostgreSQL, node-postgres). */
export const DB_DOWN = new RegExp(
  [
    'Connection to \\S+ refused', 'Connection refused', 'ECONNREFUSED', 'Communications link failure',
    'the database system is (?:starting up|shutting down|in recovery mode|not yet accepting connections)',
    'terminating connection due to administrator command', 'sorry, too many clients already', 'server closed the connection unexpectedly',
  ].join('|'),
  'i',
);

/**
 * Refusals this close together are one outage: a client retrying every few seconds, or a pool's
 * connection attempts backing off up to HikariCP's connectionTimeout default (30 s), logs that often.
 */
const SAME_OUTAGE_MS = 60_000;
/** A restart closes open connections just before the first refusal is logged. */
const GOING_DOWN_MS = 5_000;
/** A thread that queued for a connection during the outage waits at most HikariCP's default connectionTimeout after it. */
const RECOVERY_MS = 30_000;

interface State {
  windows: Window[];
  /** The windows carried on by the pool waits queued behind the outage (see candidates): when its callers were still waiting on it. */
  reach: Window[];
}

/** What the server's own lines mean, by the kind the PostgreSQL log parser gives them. */
const SERVER_SAYS: Record<string, string> = {
  [LOG_KINDS.pgShutdown]: 'it was shutting down',
  [LOG_KINDS.pgNotReady]: 'it was not accepting connections yet',
  [LOG_KINDS.pgTooManyClients]: 'it had no connection slots left',
  [LOG_KINDS.pgBackendCrash]: 'a server process crashed and the others were reset',
};

export const databaseUnavailable: CauseRule<State> = {
  id: 'database-unavailable',
  title: 'The database was unavailable or dropped connections',
  fix:
    "Check the database's log, restarts, failovers and connection limits (max_connections vs. the sum of all pools) at these " +
    'times; make clients fail fast and retry with backoff.',
  references: ['https://www.postgresql.org/docs/current/runtime-config-connection.html'],

  candidates(ctx) {
    // pg.Pool's "Connection terminated due to connection timeout": a new connection the database did not answer in time.
    const own = [...ctx.items(DB_CONNECTION_REFUSED), ...ctx.items(CLIENT_POOL_TIMEOUT).filter((t) => t.occ.meaning === 'connect-timeout')];
    // A pg_stat_activity collector that could not connect saw the outage as well as any client.
    const collector: Item[] = ctx.items(PG_UNREACHABLE);
    const all: Item[] = [...own, ...collector];
    if (all.length === 0) return [];
    const windows = mergeWindows(
      all.filter((it) => it.occ.ts !== null).map((it) => ({ from: it.occ.ts!, to: it.occ.ts! })),
      SAME_OUTAGE_MS,
    );
    // A black-holed database stops producing refusals or connect timeouts once the pool is full of connects and
    // queries that hang; its callers go on timing out in the queue behind them. Each pool wait within RECOVERY_MS of
    // the outage carries it on, so a log gone quiet meanwhile is still the outage's.
    const reach = windows.map((w) => ({ ...w }));
    const waits = [...ctx.items(CLIENT_POOL_TIMEOUT).filter((t) => t.occ.meaning !== 'connect-timeout'), ...ctx.items(HIKARI_POOL_TIMEOUT)]
      .map((t) => t.occ.lineTs ?? t.occ.ts)
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b);
    for (const t of waits) {
      const w = reach.find((r) => t >= r.from && t <= r.to + RECOVERY_MS);
      if (w && t > w.to) w.to = t;
    }
    return [{ own: all, windows, prior: 0.7, state: { windows, reach } }];
  },

  explains(c, it) {
    const named = chainSays(it, DB_DOWN);
    if (named && it.sig !== DB_CONNECTION_REFUSED) return { strength: STRENGTH.named, reason: `its cause chain says "${firstSentence(named)}"` };
    // A log gone quiet while the database refused connections: its threads waited on it, the process ran.
    if (it.sig === LOG_SILENCE_GAP) {
      return c.state.reach.some((w) => overlaps(it.occ, w)) ? { strength: STRENGTH.specific, reason: 'its threads were waiting on the database' } : null;
    }
    const t = it.occ.lineTs ?? it.occ.ts;
    // The backlog after the outage: threads that queued for a connection while it was down fill the pool as it comes back.
    if ((it.sig === HIKARI_POOL_SATURATED || it.sig === HIKARI_POOL_TIMEOUT || it.sig === CLIENT_POOL_TIMEOUT) && windowBefore(t, c.state.windows, RECOVERY_MS)) {
      return { strength: STRENGTH.specific, reason: 'threads that queued while the database was down filled the pool as it came back' };
    }
    const going = windowAt(t, c.state.windows, GOING_DOWN_MS);
    if (!going) return null;
    // pg.Pool counts a client still connecting as taken: while the database does not answer, callers queue behind those
    // connects and time out waiting (pg-pool/index.js connect()), with the same words as a pool full of busy clients.
    if (it.sig === CLIENT_POOL_TIMEOUT) {
      return { strength: STRENGTH.specific, reason: `it waited for a pool whose connections the database was not opening (from ${at(going.from)})` };
    }
    if (it.sig === HIKARI_BROKEN_CONNECTION || it.sig === HIKARI_VALIDATION_FAILURE) {
      return { strength: STRENGTH.specific, reason: `it broke while the database was going down or refusing connections (from ${at(going.from)})` };
    }
    if (it.sig === HIKARI_POOL_TIMEOUT || it.sig === HIKARI_POOL_SATURATED || it.sig === NODE_CONNECTION_ERRORS) {
      return { strength: STRENGTH.inside, reason: 'it happened while the database refused connections' };
    }
    if (isFailedRequest(it)) return { strength: STRENGTH.inside, reason: 'it happened while the database refused connections' };
    return null;
  },

  conclude(c, got) {
    const refused = got.of(DB_CONNECTION_REFUSED);
    const clientTimeouts = got.of(CLIENT_POOL_TIMEOUT);
    const unanswered = clientTimeouts.filter((t) => t.occ.meaning === 'connect-timeout');
    const collector = got.of(PG_UNREACHABLE);
    if (refused.length === 0 && unanswered.length === 0 && collector.length === 0) return null;
    const reasoning: string[] = [];
    const evidence: EvidenceRef[] = [];
    const server = refused.filter((r) => r.occ.server);
    const clients = refused.filter((r) => !r.occ.server);
    const targets = [...new Set(clients.map((r) => r.occ.target))];
    const felt = clients.length + got.all.filter((g) => g.item.sig !== DB_CONNECTION_REFUSED && g.item.sig !== PG_UNREACHABLE).length;
    // The server going down with nobody failing is a restart or a shutdown, not an outage users saw.
    let conf = felt === 0 ? 0.3 : 0.6 + Math.min(0.25, refused.length / 100);
    const outage = c.state.windows.filter((w) => refused.some((r) => windowAt(r.occ.ts, [w])));
    const when = outage.length ? ` ${stretch(outage[0]!.from, outage.at(-1)!.to)}` : '';
    if (clients.length) reasoning.push(`${n(clients.length, 'attempt')} to reach the database (${targets.slice(0, 3).join(', ')}) were refused or ended${when}.`);
    if (server.length) {
      conf += 0.1;
      const said = [...new Set(server.map((s) => SERVER_SAYS[s.occ.serverKind ?? ''] ?? 'refusing connections'))];
      reasoning.push(`The database server's own log says so from ${at(server[0]!.occ.ts)}: ${said.join(', ')} (${n(server.length, 'line')}).`);
      evidence.push(...cite(server, 2));
    }
    evidence.push(...cite(clients, 2, () => 'refused'));
    if (collector.length) {
      reasoning.push(`The pg_stat_activity collector could not connect either (${n(collector.length, 'capture')}): "${collector[0]!.occ.message}".`);
      evidence.push(...cite(collector, 1));
    }
    if (unanswered.length) {
      // Each is as direct a sign of the outage as a refusal: weighed on the same scale.
      conf = Math.max(conf, 0.6 + Math.min(0.25, (refused.length + unanswered.length) / 100));
      reasoning.push(`${n(unanswered.length, 'new connection')} to the database ${unanswered.length === 1 ? 'was' : 'were'} not opened in time (node-postgres "Connection terminated due to connection timeout"): the database or the network did not answer.`);
      evidence.push(...cite(unanswered, 2, () => 'connect timeout'));
    }
    const waits = clientTimeouts.filter((t) => t.occ.meaning !== 'connect-timeout');
    if (waits.length) reasoning.push(`${n(waits.length, 'caller')} gave up waiting for a pooled connection meanwhile: the pool could not open connections to replace the ones it lost.`);
    const timeouts = got.of(HIKARI_POOL_TIMEOUT);
    if (timeouts.length) {
      const chained = timeouts.filter((t) => chainSays(t, DB_DOWN));
      reasoning.push(
        `${n(timeouts.length, 'request')} timed out waiting for a connection` +
          (chained.length ? `, ${chained.length} of them with the refusal in their cause chain ("${firstSentence(chainSays(chained[0]!, DB_DOWN)!)}")` : ' while it refused them') +
          ': the pool could not open connections, not too few of them.',
      );
      evidence.push(...cite(chained.length ? chained : timeouts, 2, () => 'timed out: database refused'));
    }
    const broken = [...got.of(HIKARI_BROKEN_CONNECTION), ...got.of(HIKARI_VALIDATION_FAILURE)];
    if (broken.length) {
      reasoning.push(`${n(broken.length, 'pooled connection')} broke or failed validation as it went down: a restart closes every open connection.`);
      evidence.push(...cite(broken, 1));
    }
    const others = got.all.filter((g) => isFailedRequest(g.item as Item) || (g.item as Item).sig === NODE_CONNECTION_ERRORS).length;
    if (others) reasoning.push(`${n(others, 'failed or slow request')} happened meanwhile.`);
    if (felt === 0) reasoning.push('No client logged a refused or broken connection, a timeout or a failed request meanwhile: the shutdown may have been planned, or nothing used the database then.');
    return {
      confidence: clamp01(conf),
      summary: felt === 0
        ? `The database server shut down or restarted${when}; no client logged a failure.`
        : `The database refused connections${when}; requests that needed it failed until it was back.`,
      reasoning,
      evidence,
    };
  },
};
