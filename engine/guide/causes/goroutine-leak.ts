import { plural } from '../../signatures/findings-from-hits';
import { clamp01, type CauseContext, type CauseRule } from '../types';

export const goroutineLeak: CauseRule = {
  id: 'goroutine-leak',
  title: 'Goroutines are started and never return (goroutine leak)',
  fix:
    'Give every goroutine an exit: pass a context and return on ctx.Done(), stop workers when their client disconnects (check the ' +
    'connection, not only "operation stopped"), never send on a channel nobody will read, and pass context.WithTimeout to every ' +
    'outbound call. Test with goleak.',
  references: ['https://go.dev/blog/context', 'https://github.com/uber-go/goleak'],
  assess(ctx: CauseContext) {
    const growth = ctx.of('goroutine-growth');
    const blocked = ctx.of('goroutine-blocked');
    if (growth.length === 0 && blocked.length === 0) return null;
    const reasoning: string[] = [];
    let conf = 0;
    if (growth.length) {
      conf = 0.6 + Math.min(0.1, growth.length * 0.03);
      reasoning.push(...growth.slice(0, 3).map((f) => f.summary));
    }
    if (blocked.length) {
      conf = conf ? conf + 0.1 : 0.55;
      reasoning.push(`${plural(blocked.length, 'group')} of goroutines ${blocked.length === 1 ? 'has' : 'have'} been blocked for minutes: ${blocked[0]!.summary}`);
    }
    return {
      confidence: clamp01(conf),
      summary: 'Goroutines accumulate: they are started per request or connection and never finish.',
      reasoning,
      findings: [...(growth.length ? ['goroutine-growth'] : []), ...(blocked.length ? ['goroutine-blocked'] : [])],
      evidence: [...growth, ...blocked].flatMap((f) => f.evidence).slice(0, 6),
    };
  },
};
