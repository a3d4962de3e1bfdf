import { plural } from '../../signatures/findings-from-hits';
import { clamp01, type CauseContext, type CauseRule } from '../types';

export const socketLeak: CauseRule = {
  id: 'socket-leak',
  title: 'Sockets or files are opened and never closed (descriptor leak)',
  fix:
    'Find which descriptors grow (`lsof -p PID` snapshots over time: type and remote peer) and close them: reuse clients instead ' +
    'of dialing per call, close response bodies and connections, stop workers when their client disconnects. Raising the fd limit only delays it.',
  references: ['https://nodejs.org/api/errors.html#common-system-errors'],
  assess(ctx: CauseContext) {
    const emfile = ctx.of('node-emfile');
    if (emfile.length === 0) return null;
    const n = ctx.count('node-emfile');
    return {
      confidence: clamp01(0.55 + Math.min(0.15, n / 100)),
      summary: 'The process ran out of file descriptors.',
      reasoning: [
        `${plural(n, 'operation')} failed with EMFILE / "too many open files": the process used up its descriptor limit.`,
        'Snapshots of open descriptors over time (lsof) would show whether they grow steadily and toward which peer.',
      ],
      findings: ['node-emfile'],
      evidence: emfile.flatMap((f) => f.evidence).slice(0, 4),
    };
  },
};
