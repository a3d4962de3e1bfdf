import type { EvidenceRef } from '../../model/evidence';
import { formatMs, plural } from '../../signatures/findings-from-hits';
import type { FdGrowthData } from '../../signatures/net/fd-growth';
import { clamp01, type CauseContext, type CauseRule } from '../types';

export const socketLeak: CauseRule = {
  id: 'socket-leak',
  title: 'Sockets or files are opened and never closed (descriptor leak)',
  fix:
    'Close what grows: reuse one client per target (gRPC ClientConn, HTTP client, DB pool) instead of dialing per call, and close ' +
    'connections, response bodies and files on every path, errors included. Raising the fd limit (`ulimit -n`, open_files_limit) only delays it.',
  references: ['https://pkg.go.dev/google.golang.org/grpc#ClientConn.Close', 'https://nodejs.org/api/errors.html#common-system-errors'],
  assess(ctx: CauseContext) {
    const growth = ctx.of('fd-growth');
    const emfile = ctx.of('node-emfile');
    const closeWait = ctx.of('close-wait-accumulation');
    if (growth.length === 0 && emfile.length === 0 && closeWait.length === 0) return null;
    const reasoning: string[] = [];
    const evidence: EvidenceRef[] = [];
    const used: string[] = [];
    let conf = 0;
    if (growth.length) {
      const g = growth.reduce((a, b) => ((b.data as FdGrowthData).growth.delta > (a.data as FdGrowthData).growth.delta ? b : a));
      const d = g.data as FdGrowthData;
      conf = 0.6 + (d.growingPeer ? 0.1 : 0);
      used.push('fd-growth');
      reasoning.push(
        `${d.command} (pid ${d.pid}) went from ${d.growth.first} to ${d.growth.last} open descriptors across ${plural(d.counts.length, 'snapshot')}` +
          (d.growingType ? `, mostly ${d.growingType}` : '') + '.',
      );
      if (d.growingPeer) {
        const p = d.byPeer.find((x) => x.key === d.growingPeer)!;
        reasoning.push(`The growth is connections to ${d.growingPeer} (${p.first} → ${p.last}): the code that talks to that peer opens connections and never closes them.`);
      }
      if (d.limit) {
        const when = d.growth.last >= d.limit ? '; the process reached it' : d.minutesToLimit !== null ? `; at this rate it is reached in about ${formatMs(d.minutesToLimit * 60_000)}` : '';
        reasoning.push(`The limit is ${d.limit}${when} — raising it only moves the failure.`);
      }
      evidence.push(...g.evidence);
    }
    if (emfile.length) {
      conf = growth.length ? conf + 0.2 : 0.55 + Math.min(0.15, ctx.count('node-emfile') / 100);
      used.push('node-emfile');
      reasoning.push(`${plural(ctx.count('node-emfile'), 'operation')} then failed with EMFILE / "too many open files".`);
      evidence.push(...emfile.flatMap((f) => f.evidence).slice(0, 2));
    }
    if (closeWait.length) {
      // A pile-up that keeps growing is a leak; one seen once may be a peer closing many connections at once.
      const growing = closeWait.some((f) => {
        const g = f.data.growth as { points: number; delta: number } | undefined;
        return !!g && g.points >= 3 && g.delta > 0;
      });
      conf = conf ? conf + 0.05 : growing ? 0.5 : 0.35;
      used.push('close-wait-accumulation');
      reasoning.push(`${closeWait[0]!.summary}`);
      evidence.push(...closeWait.flatMap((f) => f.evidence).slice(0, 2));
    }
    if (!growth.length && emfile.length) reasoning.push('Snapshots of open descriptors over time (lsof -p PID) would show which type and which peer grows.');
    return {
      confidence: clamp01(conf),
      summary: growth.length
        ? `Descriptors accumulate${(growth[0]!.data as FdGrowthData).growingPeer ? ` toward ${(growth[0]!.data as FdGrowthData).growingPeer}` : ''} until the process runs out.`
        : 'The process ran out of file descriptors or holds connections it never closed.',
      reasoning,
      findings: used,
      evidence,
    };
  },
};
