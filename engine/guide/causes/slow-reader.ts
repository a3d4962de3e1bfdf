import { clamp01, type CauseContext, type CauseRule } from '../types';

export const slowReader: CauseRule = {
  id: 'slow-reader',
  title: 'A socket reader is stalled by the work it does (slow reader)',
  fix:
    'Decouple reading from processing: a reader thread (or event loop) that only reads and hands messages to a bounded queue for ' +
    'workers; answer heartbeats on the reader; apply backpressure explicitly instead of through TCP windows.',
  references: ['https://netty.io/wiki/user-guide-for-4.x.html', 'https://man7.org/linux/man-pages/man8/ss.8.html'],
  assess(ctx: CauseContext) {
    const recv = ctx.of('recv-queue-backlog');
    if (recv.length === 0) return null;
    const reasoning = [recv[0]!.summary, 'Whatever the peer sends — heartbeats included — waits in that queue, so the peer times out although it sent in time.'];
    let conf = 0.75;
    const used = ['recv-queue-backlog'];
    const send = ctx.of('send-queue-backlog');
    if (send.length) {
      conf += 0.1;
      used.push('send-queue-backlog');
      reasoning.push(`The sending side sees it too: ${send[0]!.summary}`);
    }
    if (ctx.has('stuck-threads') || ctx.has('lock-contention')) {
      conf += 0.05;
      used.push(...(ctx.has('stuck-threads') ? ['stuck-threads'] : []), ...(ctx.has('lock-contention') ? ['lock-contention'] : []));
      reasoning.push('Thread dumps show the reading side busy elsewhere.');
    }
    if (ctx.has('http-body-leak')) {
      conf = Math.min(conf, 0.4);
      reasoning.push('The process also leaves HTTP client connections open (see http-body-not-closed): unread data on those is response bodies nobody reads, not a stalled reader.');
    }
    return {
      confidence: clamp01(conf),
      summary: 'The receiving process stopped reading its sockets while it worked; data and heartbeats queued up unread.',
      reasoning,
      findings: used,
      evidence: [...recv, ...send].flatMap((f) => f.evidence).slice(0, 6),
    };
  },
};
