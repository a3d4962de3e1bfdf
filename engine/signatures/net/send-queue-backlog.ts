import type { FindingDraft } from '../../model/finding';
import { plural } from '../findings-from-hits';
import type { Signature } from '../types';
import { queueBacklogFindings, type QueueBacklogData } from './queue-backlog';
import { connectionSeries } from './queue-series';

export const SEND_QUEUE_BACKLOG = 'send-queue-backlog';

export const sendQueueBacklog: Signature<typeof SEND_QUEUE_BACKLOG, QueueBacklogData> = {
  id: SEND_QUEUE_BACKLOG,
  title: "Data piles up unacknowledged in a socket's send queue",
  severity: 'medium',
  explanation:
    "Send-Q is data our process wrote that the peer has not acknowledged. When it stays above zero and grows, the peer is not " +
    "reading fast enough (its receive window is full) or the network toward it is stalled — the slow side is the peer. If the peer's " +
    'own sockets are in the bundle, its Recv-Q for the same connection shows whether its reader stalled.',
  fix: "Look at the peer: what its reading thread is doing (thread dump), its Recv-Q for this connection, its CPU. On our side, bound what is buffered for a slow peer.",
  references: ['https://man7.org/linux/man-pages/man8/ss.8.html'],
  detect(ctx) {
    const q = ctx.store.series;
    const series = connectionSeries(q.socketSnapshots(ctx.bundleId), q.queues(ctx.bundleId));
    // The same connection seen from the peer's side: local and remote swapped.
    const recvSide = new Map(series.map((s) => [`${s.local}|${s.remote}`, s]));
    return queueBacklogFindings(this, series, (p) => p.sendQ, (s) => s.remote, (peer, conns, worst): Pick<FindingDraft, 'title' | 'summary'> => {
      const mirror = recvSide.get(`${worst.remote}|${worst.local}`);
      const peerRecv = mirror?.points.filter((p) => p && p.recvQ > 0).length ?? 0;
      return {
        title: `${peer} is not reading what we send`,
        summary:
          `${plural(conns, 'connection')} toward ${peer} kept unacknowledged data queued; Send-Q reached ${worst.max.toLocaleString('en-US')} bytes` +
          `${worst.process ? ` in ${worst.process}` : ''}. The slow side is the peer ${peer}` +
          (peerRecv ? `: its own Recv-Q for this connection is also backed up (its reader stalled).` : ' (its receive window is full, or the path to it stalled).'),
      };
    });
  },
};
