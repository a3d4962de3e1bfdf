import { plural } from '../../signatures/findings-from-hits';
import { clamp01, type CauseContext, type CauseRule } from '../types';

export const databaseUnavailable: CauseRule = {
  id: 'database-unavailable',
  title: 'The database was unavailable or dropped connections',
  fix:
    "Check the database's log, restarts, failovers and connection limits (max_connections vs. the sum of all pools) at these " +
    'times; make clients fail fast and retry with backoff.',
  references: ['https://www.postgresql.org/docs/current/runtime-config-connection.html'],
  assess(ctx: CauseContext) {
    const refused = ctx.of('db-connection-refused');
    const broken = ctx.of('hikari-broken-connection');
    if (refused.length === 0 && broken.length === 0) return null;
    const reasoning: string[] = [];
    const used: string[] = [];
    let conf = 0;
    if (refused.length) {
      const n = ctx.count('db-connection-refused');
      conf = 0.6 + Math.min(0.25, n / 100);
      used.push('db-connection-refused');
      reasoning.push(`${plural(n, 'attempt')} to reach the database were refused or ended by the server: ${refused[0]!.summary}`);
    }
    if (broken.length) {
      const n = ctx.count('hikari-broken-connection');
      conf = Math.max(conf, 0.4) + Math.min(0.15, n / 40);
      used.push('hikari-broken-connection');
      reasoning.push(`${plural(n, 'connection')} broke mid-use with connection-class SQL errors.`);
    }
    // Connections broken right after the process was frozen were closed during the freeze; refusals are not.
    if (!refused.length && ctx.has('hikari-starvation')) {
      conf = Math.min(conf, 0.3);
      reasoning.push('They broke right after the process had been frozen, long enough for the server to drop its sessions: a consequence of the freeze, not an outage of the database.');
    }
    return {
      confidence: clamp01(conf),
      summary: 'Connections to the database were refused or broken by the server or the network.',
      reasoning,
      findings: used,
      evidence: [...refused, ...broken].flatMap((f) => f.evidence).slice(0, 5),
    };
  },
};
