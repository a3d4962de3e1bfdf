import { plural } from '../../signatures/findings-from-hits';
import { clamp01, type CauseContext, type CauseRule } from '../types';

export const idleConnectionsClosed: CauseRule = {
  id: 'idle-connections-closed',
  title: 'Idle connections were closed underneath the pool (database or network idle timeout)',
  fix:
    "Set HikariCP's maxLifetime (and keepaliveTime) a few seconds below the shortest idle timeout between the application and the " +
    "database: MySQL wait_timeout, PostgreSQL idle_session_timeout, firewall/NAT/load-balancer idle timers.",
  references: ['https://github.com/brettwooldridge/HikariCP#frequently-used'],
  assess(ctx: CauseContext) {
    const failures = ctx.of('hikari-validation-failure');
    const server = ctx.of('db-session-timeouts');
    if (failures.length === 0 && server.length === 0) return null;
    if (failures.length === 0) {
      return {
        confidence: 0.35,
        summary: 'The database closed idle sessions; pools that keep connections longer find them dead.',
        reasoning: [server[0]!.summary],
        findings: ['db-session-timeouts'],
        evidence: server.flatMap((f) => f.evidence).slice(0, 3),
      };
    }
    const n = ctx.count('hikari-validation-failure');
    const hinted = failures.reduce((s, f) => s + (Number(f.data.maxLifetimeHints) || 0), 0);
    const reasoning = [`${plural(n, 'idle connection')} were found closed when HikariCP validated them before lending.`];
    let conf = 0.45 + (hinted > 0 ? 0.1 : 0) + Math.min(0.15, n / 50);
    if (server.length) {
      conf += 0.1;
      reasoning.push(`The database's own log confirms it: ${server[0]!.summary}`);
    }
    if (ctx.has('hikari-starvation')) {
      conf = Math.min(conf, 0.3);
      reasoning.push('They follow freezes of the process, during which any idle timeout expires: here they are a consequence, a contributing factor at most.');
    }
    return {
      confidence: clamp01(conf),
      summary: 'Something closed pooled connections while they were idle; the pool discovered it only when lending them.',
      reasoning,
      findings: ['hikari-validation-failure', ...(server.length ? ['db-session-timeouts'] : [])],
      evidence: [...failures, ...server].flatMap((f) => f.evidence).slice(0, 5),
    };
  },
};
