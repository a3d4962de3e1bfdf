import { clamp01, type CauseContext, type CauseRule } from '../types';

export const busyLoop: CauseRule = {
  id: 'busy-loop',
  title: 'Goroutines spin in a loop that never blocks (busy loop)',
  fix:
    'Make the loop block or exit: `return` instead of `break` inside `select` (break only leaves the select), no `default:` case ' +
    'without a sleep, close the stream/connection when it ends; guard with goleak in tests.',
  references: ['https://go.dev/ref/spec#Break_statements', 'https://github.com/uber-go/goleak'],
  assess(ctx: CauseContext) {
    const busy = ctx.of('busy-goroutines');
    if (busy.length === 0) return null;
    const f = busy[0]!;
    let conf = 0.65;
    const reasoning = [f.summary];
    if (f.data.cpu) {
      conf += 0.2;
      reasoning.push(`The process is on-CPU at ${String(f.data.cpu)}% in top while those goroutines run: they are what burns the cores.`);
    }
    if (f.data.growing) {
      conf += 0.05;
      reasoning.push('Their number grows with each new stream: every stream leaves one spinning goroutine behind.');
    }
    return {
      confidence: clamp01(conf),
      summary: 'Goroutines stay on-CPU in the same function instead of waiting; each one burns a core.',
      reasoning,
      findings: ['busy-goroutines'],
      evidence: busy.flatMap((x) => x.evidence).slice(0, 4),
    };
  },
};
