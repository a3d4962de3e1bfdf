import { plural } from '../../signatures/findings-from-hits';
import { clamp01, type CauseContext, type CauseRule } from '../types';

export const poolSaturation: CauseRule = {
  id: 'pool-saturation',
  title: 'The connection pool is exhausted by the load (slow queries or too few connections)',
  fix:
    'Find out why connections are held long (slow-query log, thread dumps showing threads inside queries); fix the queries or ' +
    'indexes first. Then size the pool from the database side and the measured concurrency, and add request timeouts.',
  references: ['https://github.com/brettwooldridge/HikariCP/wiki/About-Pool-Sizing'],
  assess(ctx: CauseContext) {
    const saturated = ctx.of('hikari-pool-saturated');
    const timeouts = ctx.of('hikari-pool-timeout');
    if (saturated.length === 0 && timeouts.length === 0) return null;
    const reasoning: string[] = [];
    const used: string[] = [];
    let conf = 0.35;
    if (saturated.length) {
      conf += 0.2;
      used.push('hikari-pool-saturated');
      reasoning.push(`${plural(ctx.count('hikari-pool-saturated'), 'pool statistics line')} show every connection active with threads waiting.`);
    }
    if (timeouts.length) {
      conf += 0.15;
      used.push('hikari-pool-timeout');
      reasoning.push(`${plural(ctx.count('hikari-pool-timeout'), 'request')} timed out waiting for a connection.`);
    }
    if (ctx.has('slow-responses')) {
      conf += 0.05;
      used.push('slow-responses');
    }
    // Other causes explain an empty pool better; say so instead of recommending a bigger pool.
    if (ctx.has('hikari-starvation')) {
      conf = Math.min(conf, 0.25);
      reasoning.push('But the process was also frozen (thread starvation warnings): waits measured across a freeze are not evidence of a small pool.');
    }
    if (ctx.has('hikari-leak')) {
      conf = Math.min(conf, 0.3);
      reasoning.push('But leak warnings show connections that were never returned: the leak, not the pool size, empties the pool.');
    }
    return {
      confidence: clamp01(conf),
      summary: 'All pool connections were busy and requests queued for them.',
      reasoning,
      findings: used,
      evidence: [...saturated, ...timeouts].flatMap((f) => f.evidence).slice(0, 5),
    };
  },
};
