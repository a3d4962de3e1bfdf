/**
 * Sockets are opened and never closed. Its own evidence: descriptor counts growing across snapshots
 * where sockets carry the growth (or the snapshots cannot tell), EMFILE errors unless only files grew
 * (then they are file-leak's), CLOSE_WAIT sockets piling up without draining.
 */
import type { EvidenceRef } from '../../model/evidence';
import { formatMs } from '../../signatures/findings-from-hits';
import { CLOSE_WAIT_ACCUMULATION } from '../../signatures/net/close-wait-accumulation';
import { drained } from '../../signatures/series';
import { FD_GROWTH, leakKindOf } from '../../signatures/net/fd-growth';
import { NODE_EMFILE } from '../../signatures/log/node-emfile';
import { clamp01, type CauseRule, type Item } from '../types';
import { emfileItems, emfileOwner, socketGrowth } from './fd-leak-kind';
import { cite, n, spans } from './helpers';

export const socketLeak: CauseRule<null> = {
  id: 'socket-leak',
  title: 'Sockets are opened and never closed (socket leak)',
  fix:
    'Close what grows: reuse one client per target (gRPC ClientConn, HTTP client, DB pool) instead of dialing per call, and close ' +
    'connections and response bodies on every path, errors included. Raising the fd limit (`ulimit -n`, open_files_limit) only delays it.',
  references: ['https://pkg.go.dev/google.golang.org/grpc#ClientConn.Close', 'https://nodejs.org/api/errors.html#common-system-errors'],

  candidates(ctx) {
    // CLOSE_WAIT sockets that drained were closed in the end: late, not leaked.
    const closeWait = ctx.items(CLOSE_WAIT_ACCUMULATION).filter((c) => !drained(c.finding.data.growth));
    const growth = socketGrowth(ctx);
    const own: Item[] = [...growth, ...(emfileOwner(ctx) === 'socket' ? emfileItems(ctx) : []), ...closeWait];
    if (own.length === 0) return [];
    return [{ own, windows: spans([...growth, ...closeWait]), prior: growth.length ? 0.7 : 0.5, state: null }];
  },

  explains() {
    return null;
  },

  conclude(_c, got) {
    const growth = got.of(FD_GROWTH);
    const emfile = got.of(NODE_EMFILE);
    const closeWait = got.of(CLOSE_WAIT_ACCUMULATION);
    if (growth.length === 0 && emfile.length === 0 && closeWait.length === 0) return null;
    const reasoning: string[] = [];
    const evidence: EvidenceRef[] = [];
    let conf = 0;
    if (growth.length) {
      const g = growth.reduce((a, b) => (b.finding.data.growth.delta > a.finding.data.growth.delta ? b : a));
      const d = g.finding.data;
      // A bare count (a service logging its open fds, `ls /proc/PID/fd | wc -l`) says descriptors leak, not which kind:
      // it is a likely socket leak, not a conclusion, until something names sockets (EMFILE below adds to it).
      const kindUnknown = leakKindOf(d) === null && (d.byKind?.length ?? 0) === 0;
      conf = kindUnknown ? 0.45 : 0.6 + (d.growingPeer ? 0.1 : 0);
      reasoning.push(
        `${d.command}${d.pid !== null ? ` (pid ${d.pid})` : ''} went from ${d.growth.first} to ${d.growth.last} open descriptors across ${n(d.counts.length, d.source === 'log' ? 'logged sample' : 'snapshot')}` +
          (d.growingType ? `, mostly ${d.growingType}` : '') + '.',
      );
      if (kindUnknown) {
        reasoning.push('The count does not say which kind of descriptor grows — sockets, files or pipes: `lsof -nP -p PID` snapshots a few minutes apart would tell, and toward which peer or path.');
      }
      if (d.growingPeer) {
        const p = d.byPeer.find((x) => x.key === d.growingPeer)!;
        const states = Object.entries(d.peerStates ?? {}).sort((a, b) => b[1] - a[1]).map(([st, k]) => `${k} ${st}`).join(', ');
        reasoning.push(
          `The growth is connections to ${d.growingPeer} (${p.first} → ${p.last}${states ? `; in the last snapshot ${states}` : ''}): ` +
            'the code that talks to that peer opens connections and never closes them.',
        );
      }
      const files = d.byKind.find((k) => k.key === 'file');
      if (files) reasoning.push(`Files stayed at ${files.first} → ${files.last}: not a file leak.`);
      if (d.limit) {
        const when = d.growth.last >= d.limit ? '; the process reached it' : d.minutesToLimit !== null ? `; at this rate it is reached in about ${formatMs(d.minutesToLimit * 60_000)}` : '';
        reasoning.push(`The limit is ${d.limit}${when} — raising it only moves the failure.`);
      }
      evidence.push(...g.finding.evidence);
    }
    if (emfile.length) {
      conf = growth.length ? conf + 0.2 : 0.55 + Math.min(0.15, emfile.length / 100);
      reasoning.push(`${n(emfile.length, 'operation')} then failed with EMFILE / "too many open files".`);
      evidence.push(...cite(emfile, 2));
    }
    if (closeWait.length) {
      // A pile-up that keeps growing is a leak; one seen once may be a peer closing many connections at once.
      const growing = closeWait.some((f) => f.finding.data.growing);
      conf = conf ? conf + 0.05 : growing ? 0.5 : 0.35;
      reasoning.push(closeWait[0]!.finding.summary);
      evidence.push(...closeWait[0]!.finding.evidence.slice(0, 2));
    }
    if (!growth.length && emfile.length) reasoning.push('Snapshots of open descriptors over time (lsof -p PID) would show which type and which peer grows.');
    const peer = growth[0]?.finding.data.growingPeer;
    return {
      confidence: clamp01(conf),
      summary: growth.length
        ? `Descriptors accumulate${peer ? ` toward ${peer}` : ''} until the process runs out.`
        : 'The process ran out of file descriptors or holds connections it never closed.',
      reasoning,
      evidence,
    };
  },
};
