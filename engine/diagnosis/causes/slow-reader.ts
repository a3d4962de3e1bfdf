/**
 * A socket reader is stalled by the work it does. Its own evidence: data piling up unread in a
 * receive queue. It explains the peer's growing send queue and the lock contention that keeps the
 * reader busy, in the same stretch of time.
 */
import type { EvidenceRef } from '../../model/evidence';
import { HTTP_BODY_LEAK } from '../../signatures/go/http-body-leak';
import { LOCK_CONTENTION } from '../../signatures/jvm/lock-contention';
import { STUCK_THREADS } from '../../signatures/jvm/stuck-threads';
import { RECV_QUEUE_BACKLOG } from '../../signatures/net/recv-queue-backlog';
import { SEND_QUEUE_BACKLOG } from '../../signatures/net/send-queue-backlog';
import { overlaps } from '../time';
import { clamp01, STRENGTH, type CauseRule, type Window } from '../types';
import { spans } from './helpers';

/** Snapshots of sockets and threads are taken apart in time: work seen within a minute of the backlog is the same stall. */
const SAME_STALL_MS = 60_000;

export const slowReader: CauseRule<{ windows: Window[] }> = {
  id: 'slow-reader',
  title: 'A socket reader is stalled by the work it does (slow reader)',
  fix:
    'Decouple reading from processing: a reader thread (or event loop) that only reads and hands messages to a bounded queue for ' +
    'workers; answer heartbeats on the reader; apply backpressure explicitly instead of through TCP windows.',
  references: ['https://netty.io/wiki/user-guide-for-4.x.html', 'https://man7.org/linux/man-pages/man8/ss.8.html'],

  candidates(ctx) {
    const own = ctx.items(RECV_QUEUE_BACKLOG);
    if (own.length === 0) return [];
    const windows = spans(own).map((w) => ({ from: w.from - SAME_STALL_MS, to: w.to + SAME_STALL_MS }));
    return [{ own, windows: spans(own), prior: 0.7, state: { windows } }];
  },

  explains(c, it) {
    if (!c.state.windows.some((w) => overlaps(it.occ, w))) return null;
    if (it.sig === SEND_QUEUE_BACKLOG) return { strength: STRENGTH.specific, reason: 'the sender waits on the stalled reader' };
    // Threads queued on a lock while a reader stalls are the readers doing their processing (incident 5: 60
    // of 61 conn-reader threads on the ledger lock, none in a socket read): that contention is how the
    // reader is slow, so it is explained here rather than ranked as a peer (lock-contention).
    if (it.sig === LOCK_CONTENTION) return { strength: STRENGTH.specific, reason: 'it is what kept the reading threads from reading' };
    if (it.sig === STUCK_THREADS) return { strength: STRENGTH.inside, reason: 'it is what kept the reading threads busy' };
    return null;
  },

  conclude(_c, got, ctx) {
    const recv = got.of(RECV_QUEUE_BACKLOG);
    if (recv.length === 0) return null;
    const reasoning = [recv[0]!.finding.summary, 'Whatever the peer sends — heartbeats included — waits in that queue, so the peer times out although it sent in time.'];
    const evidence: EvidenceRef[] = recv.flatMap((r) => r.finding.evidence).slice(0, 4);
    let conf = 0.75;
    const send = got.of(SEND_QUEUE_BACKLOG);
    if (send.length) {
      conf += 0.1;
      reasoning.push(`The sending side sees it too: ${send[0]!.finding.summary}`);
      evidence.push(...send[0]!.finding.evidence.slice(0, 2));
    }
    if (got.of(STUCK_THREADS).length || got.of(LOCK_CONTENTION).length) {
      conf += 0.05;
      reasoning.push('Thread dumps show the reading side busy elsewhere.');
    }
    if (ctx.has(HTTP_BODY_LEAK)) {
      conf = Math.min(conf, 0.4);
      reasoning.push('The process also leaves HTTP client connections open (see http-body-not-closed): unread data on those is response bodies nobody reads, not a stalled reader.');
    }
    return {
      confidence: clamp01(conf),
      summary: 'The receiving process stopped reading its sockets while it worked; data and heartbeats queued up unread.',
      reasoning,
      evidence,
    };
  },
};
