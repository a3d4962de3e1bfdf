/**
 * Goroutines are started and never return. Its own evidence: goroutine groups that grow and do not
 * drain across dumps, and groups blocked for minutes on the same line.
 */
import { GOROUTINE_BLOCKED } from '../../signatures/go/goroutine-blocked';
import { GOROUTINE_GROWTH } from '../../signatures/go/goroutine-growth';
import { clamp01, type CauseRule, type Item } from '../types';
import { n, spans } from './helpers';

export const goroutineLeak: CauseRule<null> = {
  id: 'goroutine-leak',
  title: 'Goroutines are started and never return (goroutine leak)',
  fix:
    'Give every goroutine an exit: pass a context and return on ctx.Done(), stop workers when their client disconnects (check the ' +
    'connection, not only "operation stopped"), never send on a channel nobody will read, and pass context.WithTimeout to every ' +
    'outbound call. Test with goleak.',
  references: ['https://go.dev/blog/context', 'https://github.com/uber-go/goleak'],

  candidates(ctx) {
    const own: Item[] = [...ctx.items(GOROUTINE_GROWTH), ...ctx.items(GOROUTINE_BLOCKED)];
    if (own.length === 0) return [];
    return [{ own, windows: spans(own), prior: ctx.has(GOROUTINE_GROWTH) ? 0.6 : 0.5, state: null }];
  },

  explains() {
    return null;
  },

  conclude(_c, got) {
    const growth = got.of(GOROUTINE_GROWTH);
    const blocked = got.of(GOROUTINE_BLOCKED);
    if (growth.length === 0 && blocked.length === 0) return null;
    const reasoning: string[] = [];
    let conf = 0;
    if (growth.length) {
      conf = 0.6 + Math.min(0.1, growth.length * 0.03);
      reasoning.push(...growth.slice(0, 3).map((f) => f.finding.summary));
    }
    if (blocked.length) {
      conf = conf ? conf + 0.1 : 0.55;
      reasoning.push(`${n(blocked.length, 'group')} of goroutines ${blocked.length === 1 ? 'has' : 'have'} been blocked for minutes: ${blocked[0]!.finding.summary}`);
    }
    return {
      confidence: clamp01(conf),
      summary: 'Goroutines accumulate: they are started per request or connection and never finish.',
      reasoning,
      evidence: [...growth, ...blocked].flatMap((f) => f.finding.evidence).slice(0, 6),
    };
  },
};
