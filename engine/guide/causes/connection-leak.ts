import { plural } from '../../signatures/findings-from-hits';
import { clamp01, type CauseContext, type CauseRule } from '../types';

export const connectionLeak: CauseRule = {
  id: 'connection-leak',
  title: 'Connections are borrowed and not returned (connection leak)',
  fix:
    'Fix the borrowing code path named in the leak warnings so every connection is closed on every path (try-with-resources, ' +
    'transaction boundaries, no connection held across remote calls). Keep leakDetectionThreshold on in production.',
  references: ['https://github.com/brettwooldridge/HikariCP#infrequently-used'],
  assess(ctx: CauseContext) {
    const leaks = ctx.of('hikari-leak');
    if (leaks.length === 0) return null;
    const reasoning: string[] = [];
    const frames = leaks.flatMap((f) => (f.data.frames as { frame: string; count: number }[]) ?? []);
    reasoning.push(
      `HikariCP reported ${plural(ctx.count('hikari-leak'), 'connection')} held past the leak threshold` +
        (frames[0] ? `, borrowed at ${frames[0].frame}.` : '.'),
    );
    let conf = 0.6;
    const used = ['hikari-leak'];
    const evidence = leaks.flatMap((f) => f.evidence).slice(0, 4);
    if (ctx.has('hikari-pool-saturated')) {
      conf += 0.2;
      used.push('hikari-pool-saturated');
      reasoning.push('The pool statistics show every connection active with threads waiting: the leaked connections are what fills it. A leak with the pool at its maximum is a leak, not an undersized pool.');
      evidence.push(...ctx.of('hikari-pool-saturated').flatMap((f) => f.evidence).slice(0, 2));
    }
    if (ctx.has('hikari-pool-timeout')) {
      conf += 0.1;
      used.push('hikari-pool-timeout');
      reasoning.push('Requests then timed out waiting for a connection.');
      evidence.push(...ctx.of('hikari-pool-timeout').flatMap((f) => f.evidence).slice(0, 1));
    }
    return {
      confidence: clamp01(conf),
      summary: 'Application code keeps pool connections without returning them; the pool drains and requests time out.',
      reasoning,
      findings: used,
      evidence,
    };
  },
};
