/** The one sentence that says what happened in an episode: when, what users saw, and why. */
import { SEVERITY_ORDER } from '../model/finding';
import { CONCLUDED, type RootCauseDraft } from '../model/root-cause';
import { formatMs } from '../signatures/findings-from-hits';
import type { Item, Window } from './types';

const hm = (ts: number) => new Date(ts).toISOString().slice(11, 19);

export function episodeSummary(window: Window | null, causes: readonly RootCauseDraft[], items: readonly Item[]): string {
  const when = window ? `${hm(window.from)}–${hm(window.to)} UTC (${formatMs(window.to - window.from)})` : 'At an unknown time';
  const top = causes[0];
  const seen = impact(items);
  if (top && top.confidence >= CONCLUDED) return `${when}: ${lower(top.summary)}`;
  if (top) return `${when}: ${seen}; possibly ${lower(top.title)}.`;
  return `${when}: ${seen}; the bundle does not show why.`;
}

/** The two most frequent kinds of abnormal finding in the episode, worst first. */
function impact(items: readonly Item[]): string {
  const by = new Map<string, { n: number; sev: number }>();
  for (const it of items) {
    const cur = by.get(it.finding.title) ?? { n: 0, sev: 0 };
    by.set(it.finding.title, { n: cur.n + 1, sev: Math.max(cur.sev, SEVERITY_ORDER[it.severity]) });
  }
  const top = [...by.entries()].sort((a, b) => b[1].sev - a[1].sev || b[1].n - a[1].n).slice(0, 2);
  return top.map(([title, { n }]) => (n > 1 ? `${lower(title)} (×${n})` : lower(title))).join(', ') || 'abnormal findings';
}

function lower(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}
