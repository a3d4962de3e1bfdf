import { plural } from '../../signatures/findings-from-hits';
import { clamp01, type CauseContext, type CauseRule } from '../types';

export const deadlock: CauseRule = {
  id: 'deadlock',
  title: 'Threads deadlocked on each other’s locks',
  fix:
    'Acquire these locks in one global order everywhere, or never hold one while taking another (copy state out, then call); use ' +
    'tryLock with a timeout where order cannot be guaranteed. Restarting frees the threads but not the bug.',
  references: ['https://docs.oracle.com/javase/tutorial/essential/concurrency/deadlock.html'],
  assess(ctx: CauseContext) {
    const dl = ctx.of('java-deadlock');
    if (dl.length === 0) return null;
    return {
      confidence: clamp01(0.9),
      summary: `${plural(dl.length, 'deadlock cycle')} in the thread dumps: those threads can never proceed.`,
      reasoning: dl.slice(0, 3).map((f) => f.summary),
      findings: ['java-deadlock'],
      evidence: dl.flatMap((f) => f.evidence).slice(0, 4),
    };
  },
};
