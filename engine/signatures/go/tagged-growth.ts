/** Findings for goroutine groups carrying a tag (http-body-leak, grpc-transport) that grow or are numerous. */
import type { FindingDraft } from '../../model/finding';
import { growth, isGrowing, seriesBy, snapEvidence, spanOccurrence } from '../series';
import type { DetectContext, Signature } from '../types';
import { groupTrends } from './group-series';

/** Ten more connection goroutines that stay is a trend; fewer is the pool's ordinary breathing. */
const MIN_DELTA = 10;

export interface TaggedGrowthData {
  totals: number[];
  growing: boolean;
  groups: { state: string | null; frames: string[]; counts: number[] }[];
}

export function taggedGroupFindings<Id extends string>(
  sig: Signature<Id, TaggedGrowthData>,
  ctx: DetectContext,
  tag: string,
  minCount: number,
  describe: (total: number[], dumps: number) => Pick<FindingDraft, 'title' | 'summary'>,
): FindingDraft<TaggedGrowthData>[] {
  const q = ctx.store.series;
  const trends = groupTrends(q.groups(ctx.bundleId, 'goroutine'), q.dumps(ctx.bundleId, 'goroutine')).filter((t) => t.tags.includes(tag));
  if (trends.length === 0) return [];
  // Sum all groups with the tag per dump of the same series.
  const bySeries = seriesBy(trends, (t) => t.key.split('|').slice(0, 2).join('|'));
  const out: FindingDraft<TaggedGrowthData>[] = [];
  for (const list of bySeries.values()) {
    const dumps = list[0]!.dumps;
    const totals = dumps.map((_, i) => list.reduce((n, t) => n + t.counts[i]!, 0));
    const growing = isGrowing(growth(dumps.map((d, i) => ({ t: d.capturedAt, v: totals[i]! }))), MIN_DELTA, 1.5);
    // Numerous in the last dump, not only at some moment: a pile-up that drained is not a leak.
    if (!growing && totals.at(-1)! < minCount) continue;
    const present = list.flatMap((t) => t.present).sort((a, b) => (a.capturedAt ?? 0) - (b.capturedAt ?? 0));
    out.push({
      signature: sig.id,
      severity: sig.severity,
      ...describe(totals, dumps.length),
      first: dumps[0]!.capturedAt,
      last: dumps.at(-1)!.capturedAt,
      count: totals.at(-1)!,
      data: { totals, growing, groups: list.map((t) => ({ state: t.state, frames: t.frames.slice(0, 3), counts: t.counts })) },
      evidence: present.slice(-3).map((p) => snapEvidence(p, p.groupLine ?? p.line, `${p.count} goroutines [${p.state}]`)),
      occurrences: [spanOccurrence(dumps[0]!, present.at(-1)!, present.at(-1)!.groupLine ?? present.at(-1)!.line, dumps[0]!.pid, `${totals[0]} → ${totals.at(-1)} goroutines`)],
    });
  }
  return out;
}
