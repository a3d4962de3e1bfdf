/**
 * fd-growth from metrics inside logs: open descriptors a service logs itself (`open_fds`, `openFds`,
 * `fds`…), put through the same growth test as lsof counts. The log says how many, never which: the
 * kind, target and peer stay unknown, which lsof snapshots would tell.
 */
import type { FindingDraft } from '../../model/finding';
import { plural } from '../findings-from-hits';
import { logMetricLabel, logSeries, pointSpan, spreadEvidence } from '../log-metric-series';
import { growth, isGrowing } from '../series';
import type { DetectContext } from '../types';
import type { FdGrowthData } from './fd-growth';

export function fdGrowthFromLogs(ctx: DetectContext, signature: string, minDelta: number): FindingDraft<FdGrowthData>[] {
  const out: FindingDraft<FdGrowthData>[] = [];
  for (const s of logSeries(ctx, ['fds'])) {
    const pts = s.points;
    const g = growth(pts.map((p) => ({ t: p.ts, v: p.value })));
    if (!isGrowing(g, minDelta)) continue;
    const first = pts[0]!;
    const last = pts.at(-1)!;
    const who = s.row.pid !== null ? `pid ${s.row.pid}` : s.row.path;
    out.push({
      signature,
      severity: 'high',
      title: `${who}: open descriptors grew from ${g.first} to ${g.last} (${s.ref.field} in its log)`,
      summary:
        `${logMetricLabel(s.ref)} went from ${g.first} to ${g.last} open descriptors over ${plural(pts.length, 'logged sample')}` +
        (g.slopePerMin ? ` (+${g.slopePerMin.toFixed(1)}/min)` : '') + '; the log does not say which descriptors (lsof snapshots would name the kind and the peer).',
      first: first.ts,
      last: last.ts,
      count: g.last,
      data: {
        source: 'log', series: s.ref, pid: s.row.pid, command: s.row.path, counts: pts.map((p) => ({ ts: p.ts, count: p.value })), growth: g,
        limit: null, limitSource: null, minutesToLimit: null, byType: [], byPeer: [], growingPeer: null, peerStates: null, growingType: null,
        byKind: [], leakKind: null, byTarget: [], growingTarget: null, codePath: null,
      },
      evidence: spreadEvidence(pts, (p) => `${p.value} open descriptors`),
      occurrences: [pointSpan(s.row, first, last, `${g.first} → ${g.last} descriptors`)],
    });
  }
  return out;
}
