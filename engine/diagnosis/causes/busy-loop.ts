/** Goroutines spin in a loop that never blocks. Its own evidence: goroutines on-CPU in the same function across dumps. */
import { BUSY_GOROUTINES } from '../../signatures/go/busy-goroutines';
import { clamp01, type CauseRule } from '../types';
import { spans } from './helpers';

export const busyLoop: CauseRule<null> = {
  id: 'busy-loop',
  title: 'Goroutines spin in a loop that never blocks (busy loop)',
  fix:
    'Make the loop block or exit: `return` instead of `break` inside `select` (break only leaves the select), no `default:` case ' +
    'without a sleep, close the stream/connection when it ends; guard with goleak in tests.',
  references: ['https://go.dev/ref/spec#Break_statements', 'https://github.com/uber-go/goleak'],

  candidates(ctx) {
    const own = ctx.items(BUSY_GOROUTINES);
    if (own.length === 0) return [];
    return [{ own, windows: spans(own), prior: 0.7, state: null }];
  },

  explains() {
    return null;
  },

  conclude(_c, got) {
    const busy = got.of(BUSY_GOROUTINES);
    if (busy.length === 0) return null;
    const f = busy[0]!.finding;
    let conf = 0.65;
    const reasoning = [f.summary];
    if (f.data.cpu) {
      conf += 0.2;
      reasoning.push(`The process is on-CPU at ${f.data.cpu}% in top while those goroutines run: they are what burns the cores.`);
    }
    if (f.data.growing) {
      conf += 0.05;
      reasoning.push('Their number grows with each new stream: every stream leaves one spinning goroutine behind.');
    }
    return {
      confidence: clamp01(conf),
      summary: 'Goroutines stay on-CPU in the same function instead of waiting; each one burns a core.',
      reasoning,
      evidence: busy.flatMap((x) => x.finding.evidence).slice(0, 4),
    };
  },
};
