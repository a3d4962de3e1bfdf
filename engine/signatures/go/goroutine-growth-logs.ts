/**
 * goroutine-growth from metrics inside logs: the goroutine count a Go service logs itself
 * (`goroutines`, `numGoroutine`, `runtime.NumGoroutine()` under any of its usual names), put through the
 * same growth test as a group across dumps. A total says that goroutines pile up, not which: a
 * goroutine dump names the stack and the function that starts them.
 */
import type { FindingDraft } from '../../model/finding';
import { plural } from '../findings-from-hits';
import { logMetricLabel, logSeries, pointSpan, spreadEvidence } from '../log-metric-series';
import { growth, isGrowing } from '../series';
import type { DetectContext } from '../types';
import type { GoroutineGrowthData } from './goroutine-growth';

export function goroutineGrowthFromLogs(ctx: DetectContext, signature: string, minDelta: number, minRatio: number): FindingDraft<GoroutineGrowthData>[] {
  const out: FindingDraft<GoroutineGrowthData>[] = [];
  for (const s of logSeries(ctx, ['goroutines'])) {
    const pts = s.points;
    const g = growth(pts.map((p) => ({ t: p.ts, v: p.value })));
    if (!isGrowing(g, minDelta, minRatio)) continue;
    const first = pts[0]!;
    const last = pts.at(-1)!;
    out.push({
      signature,
      severity: g.last >= 1000 ? 'critical' : 'high',
      title: `Goroutines grew ${g.first} → ${g.last} (${s.ref.field} in ${s.row.path})`,
      summary:
        `${logMetricLabel(s.ref)} went from ${plural(g.first, 'goroutine')} to ${g.last} over ${plural(pts.length, 'logged sample')}` +
        (g.slopePerMin ? ` (+${g.slopePerMin.toFixed(1)}/min)` : '') + '; a goroutine dump would show which stack piles up and what starts it.',
      first: first.ts,
      last: last.ts,
      count: g.last,
      data: { source: 'log', series: s.ref, state: null, frame: '', createdBy: null, tags: [], counts: pts.map((p) => p.value), growth: g },
      evidence: spreadEvidence(pts, (p) => `${p.value} goroutines`),
      occurrences: [pointSpan(s.row, first, last, `${g.first} → ${g.last} goroutines`)],
    });
  }
  return out;
}
