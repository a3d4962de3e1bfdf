import type { FindingDraft } from '../../model/finding';
import { formatMs, plural } from '../findings-from-hits';
import { growth, isGrowing, seriesBy, snapEvidence, spanOccurrence, type Growth } from '../series';
import type { Signature } from '../types';

export const FD_GROWTH = 'fd-growth';

/** Fewer new descriptors than this across the snapshots is the ordinary churn of a busy process (pooled connections opening and closing). */
const MIN_DELTA = 20;

export interface FdGrowthData {
  pid: number;
  command: string;
  counts: { ts: number | null; count: number }[];
  growth: Growth;
  limit: number | null;
  limitSource: string | null;
  minutesToLimit: number | null;
  byType: { key: string; first: number; last: number }[];
  byPeer: { key: string; first: number; last: number }[];
  /** The remote endpoint whose descriptors grew most: the connections that are not closed. */
  growingPeer: string | null;
  growingType: string | null;
}

/** Count per key in the first and the last snapshot, biggest growth first. */
export function deltas(first: { key: string; count: number }[], last: { key: string; count: number }[]) {
  const keys = new Set([...first.map((b) => b.key), ...last.map((b) => b.key)]);
  return [...keys]
    .map((key) => ({ key, first: first.find((b) => b.key === key)?.count ?? 0, last: last.find((b) => b.key === key)?.count ?? 0 }))
    .sort((a, b) => b.last - b.first - (a.last - a.first));
}

/** `10.0.0.7:9000` → `10.0.0.7`; IPv6 `[::1]:80` → `[::1]`. */
export function hostOf(endpoint: string): string {
  const i = endpoint.lastIndexOf(':');
  return i > 0 ? endpoint.slice(0, i) : endpoint;
}

/**
 * Growth per remote endpoint; when a client's connections each use a new ephemeral port, no single
 * host:port grows, so the same is computed per host (`host:*`) and the stronger signal wins.
 */
export function peerDeltas(first: { key: string; count: number }[], last: { key: string; count: number }[]) {
  const exact = deltas(first, last);
  const byHost = (rows: { key: string; count: number }[]) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(`${hostOf(r.key)}:*`, (m.get(`${hostOf(r.key)}:*`) ?? 0) + r.count);
    return [...m.entries()].map(([key, count]) => ({ key, count }));
  };
  const hosts = deltas(byHost(first), byHost(last));
  const grow = (d: { first: number; last: number }[]) => (d[0] ? d[0].last - d[0].first : 0);
  return grow(hosts) > grow(exact) * 1.5 ? hosts : exact;
}

export const fdGrowth: Signature<typeof FD_GROWTH, FdGrowthData> = {
  id: FD_GROWTH,
  title: 'Open file descriptors keep growing',
  severity: 'high',
  explanation:
    "A process's open descriptor count rose across the snapshots. Descriptors that are opened and never closed — sockets to one " +
    'peer, files, pipes — accumulate until the process hits its limit and every accept, connect and open fails with EMFILE ' +
    '("too many open files"). The type and the remote peer that grow tell which code path leaks.',
  fix:
    'Close what grows: reuse one client (gRPC ClientConn, HTTP client, DB pool) instead of dialing per request and always close it; ' +
    'close response bodies and files on every path. Raising `ulimit -n` only delays the failure.',
  references: ['https://man7.org/linux/man-pages/man8/lsof.8.html', 'https://pkg.go.dev/google.golang.org/grpc#ClientConn.Close'],
  detect(ctx) {
    const q = ctx.store.series;
    const points = q.fdCounts(ctx.bundleId);
    const limits = q.openFilesLimits(ctx.bundleId);
    const findings: FindingDraft<FdGrowthData>[] = [];
    for (const [, series] of seriesBy(points, (p) => `${p.host ?? ''}|${p.pid}`)) {
      if (series.length < 3) continue;
      const g = growth(series.map((p) => ({ t: p.capturedAt, v: p.count })));
      if (!isGrowing(g, MIN_DELTA)) continue;
      const first = series[0]!;
      const last = series.at(-1)!;
      const byType = deltas(q.fdByType(first.sid, first.pid), q.fdByType(last.sid, last.pid));
      const byPeer = peerDeltas(q.fdByRemote(first.sid, first.pid), q.fdByRemote(last.sid, last.pid));
      const lim = limits.find((l) => l.pid === first.pid && l.soft) ?? limits.find((l) => l.pid === null && l.soft);
      const limit = lim?.soft ?? null;
      const minutesToLimit = limit && g.slopePerMin && g.slopePerMin > 0 ? Math.max(0, (limit - g.last) / g.slopePerMin) : null;
      const peer = byPeer[0] && byPeer[0].last - byPeer[0].first > 0 ? byPeer[0] : null;
      const type = byType[0] && byType[0].last - byType[0].first > 0 ? byType[0] : null;
      const data: FdGrowthData = {
        pid: first.pid, command: first.command, counts: series.map((p) => ({ ts: p.capturedAt, count: p.count })), growth: g,
        limit, limitSource: lim ? 'limits' : null, minutesToLimit, byType: byType.slice(0, 8), byPeer: byPeer.slice(0, 8),
        growingPeer: peer?.key ?? null, growingType: type?.key ?? null,
      };
      const peerLast = q.fdByRemote(last.sid, last.pid).find((b) => b.key === peer?.key || `${hostOf(b.key)}:*` === peer?.key);
      findings.push({
        signature: this.id,
        severity: limit && g.last >= limit * 0.8 ? 'critical' : 'high',
        title: `${first.command} (pid ${first.pid}): open descriptors grew from ${g.first} to ${g.last}`,
        summary:
          `${first.command} (pid ${first.pid}) went from ${g.first} to ${g.last} open descriptors over ${plural(series.length, 'snapshot')}` +
          (g.slopePerMin ? ` (+${g.slopePerMin.toFixed(1)}/min)` : '') +
          (type ? `; ${type.key} descriptors grew ${type.first} → ${type.last}` : '') +
          (peer ? `; connections to ${peer.key} grew ${peer.first} → ${peer.last}` : '') +
          (limit ? `; limit ${limit}${g.last >= limit ? ', reached' : minutesToLimit !== null ? `, reached in about ${formatMs(minutesToLimit * 60_000)} at this rate` : ''}` : '') + '.',
        first: first.capturedAt,
        last: last.capturedAt,
        count: g.last,
        data,
        evidence: [
          snapEvidence(first, first.rowLine, `${g.first} descriptors`),
          ...series.slice(1, -1).map((p) => snapEvidence(p, p.rowLine, `${p.count} descriptors`)).slice(0, 3),
          snapEvidence(last, last.rowLine, `${g.last} descriptors`),
          ...(peerLast ? [snapEvidence(last, peerLast.line, `${peer!.last} connections to ${peer!.key}`)] : []),
          ...(lim ? [{ fileId: lim.fileId, line: lim.line, note: `open-files limit ${limit}` }] : []),
        ],
        occurrences: [spanOccurrence(first, last, peerLast?.line ?? last.rowLine, first.pid, `${g.first} → ${g.last} descriptors`)],
      });
    }
    return findings;
  },
};
