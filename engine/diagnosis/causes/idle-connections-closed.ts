/**
 * Idle pooled connections were closed underneath the pool (a database or network idle timeout). Its own
 * evidence: validation failures and the server ending idle sessions. A freeze or a database restart
 * that closed the same connections explains them instead.
 */
import type { EvidenceRef } from '../../model/evidence';
import { DB_SESSION_TIMEOUTS } from '../../signatures/log/db-session-timeouts';
import { HIKARI_BROKEN_CONNECTION } from '../../signatures/log/hikari-broken-connection';
import { HIKARI_VALIDATION_FAILURE } from '../../signatures/log/hikari-validation-failure';
import { clamp01, STRENGTH, type CauseRule } from '../types';
import { cite, n } from './helpers';
import { windowAt } from '../time';

/** A broken connection this soon after the server ended idle sessions is one of them. */
const SAME_MOMENT_MS = 60_000;

export const idleConnectionsClosed: CauseRule<null> = {
  id: 'idle-connections-closed',
  title: 'Idle connections were closed underneath the pool (database or network idle timeout)',
  fix:
    "Set HikariCP's maxLifetime (and keepaliveTime) a few seconds below the shortest idle timeout between the application and the " +
    'database: MySQL wait_timeout, PostgreSQL idle_session_timeout, firewall/NAT/load-balancer idle timers.',
  references: ['https://github.com/brettwooldridge/HikariCP#frequently-used'],

  candidates(ctx) {
    const own = [...ctx.items(HIKARI_VALIDATION_FAILURE), ...ctx.items(DB_SESSION_TIMEOUTS)];
    if (own.length === 0) return [];
    return [{ own, windows: [], prior: ctx.has(HIKARI_VALIDATION_FAILURE) ? 0.5 : 0.35, state: null }];
  },

  explains(_c, it, ctx) {
    if (it.sig !== HIKARI_BROKEN_CONNECTION) return null;
    const server = ctx.items(DB_SESSION_TIMEOUTS).map((s) => ({ from: s.occ.ts ?? 0, to: (s.occ.ts ?? 0) + SAME_MOMENT_MS }));
    return windowAt(it.occ.ts, server) ? { strength: STRENGTH.inside, reason: 'the server had just ended idle sessions' } : null;
  },

  conclude(_c, got) {
    const failures = got.of(HIKARI_VALIDATION_FAILURE);
    const server = got.of(DB_SESSION_TIMEOUTS);
    if (failures.length === 0 && server.length === 0) return null;
    const evidence: EvidenceRef[] = [...cite(server, 1), ...cite(failures, 3)];
    if (failures.length === 0) {
      return {
        confidence: 0.35,
        summary: 'The database closed idle sessions; pools that keep connections longer find them dead.',
        reasoning: [server[0]!.finding.summary],
        evidence,
      };
    }
    const hinted = failures.some((f) => f.finding.data.maxLifetimeHints > 0);
    const reasoning = [`${n(failures.length, 'idle connection')} were found closed when HikariCP validated them before lending.`];
    let conf = 0.45 + (hinted ? 0.1 : 0) + Math.min(0.15, failures.length / 50);
    if (server.length) {
      conf += 0.1;
      reasoning.push(`The database's own log confirms it: ${server[0]!.finding.summary}`);
    }
    const broken = got.of(HIKARI_BROKEN_CONNECTION);
    if (broken.length) reasoning.push(`${n(broken.length, 'connection')} broke mid-use for the same reason.`);
    return {
      confidence: clamp01(conf),
      summary: 'Something closed pooled connections while they were idle; the pool discovered it only when lending them.',
      reasoning,
      evidence,
    };
  },
};
