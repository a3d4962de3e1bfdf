import type { FindingDraft } from '../../model/finding';
import { plural } from '../findings-from-hits';
import type { Signature } from '../types';
import { connectionSeries } from './queue-series';
import { queueBacklogFindings, type QueueBacklogData } from './queue-backlog';

export const RECV_QUEUE_BACKLOG = 'recv-queue-backlog';

export const recvQueueBacklog: Signature<typeof RECV_QUEUE_BACKLOG, QueueBacklogData> = {
  id: RECV_QUEUE_BACKLOG,
  title: "Data piles up unread in a socket's receive queue",
  severity: 'high',
  explanation:
    "Recv-Q is data the kernel has received for a socket and the owning process has not read yet. When it stays above zero and grows " +
    "across snapshots, the process's reader for that socket has stalled — it is busy doing something else (business logic on the " +
    'reading thread, a lock, a full worker queue). Everything the peer sends, heartbeats included, waits unread, and the peer ' +
    'eventually sees timeouts or a full window.',
  fix:
    'Decouple reading from processing: a dedicated reader thread (or event loop) that only reads and hands messages to a bounded ' +
    'queue served by workers; handle heartbeats on the reader. Take a thread dump of the owner to see what its reader is doing instead.',
  references: ['https://man7.org/linux/man-pages/man8/ss.8.html', 'https://netty.io/wiki/user-guide-for-4.x.html'],
  detect(ctx) {
    const q = ctx.store.series;
    const series = connectionSeries(q.socketSnapshots(ctx.bundleId), q.queues(ctx.bundleId));
    // One owner per reading process (or local endpoint when ss printed no process): a server's many
    // client connections, or a client's many upstream connections, are one problem.
    return queueBacklogFindings(this, series, (p) => p.recvQ, (s) => s.process ?? s.local, (owner, conns, worst): Pick<FindingDraft, 'title' | 'summary'> => ({
      title: `Unread data piles up in ${owner}`,
      summary:
        `${plural(conns, 'connection')} of ${owner} (e.g. ${worst.local} ← ${worst.remote}) kept data unread across snapshots; ` +
        `Recv-Q reached ${worst.max.toLocaleString('en-US')} bytes: ${owner}'s reader for them has stalled.`,
    }));
  },
};
