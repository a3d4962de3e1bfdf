/**
 * Arbitration inside one episode: when another cause took most of a candidate's own evidence, that
 * cause explains it — the candidate is shown as "explained by" it, not ranked as a peer, and what it
 * would have explained passes to the winner. Chains resolve to the cause at their root.
 */
import type { RootCauseId } from '../model/root-cause';
import type { Win } from './attribution';
import type { Candidate, Item, Link } from './types';

export interface Explained {
  /** The candidate that explains it directly. */
  by: number;
  reason: string;
  /** How many of its own items in the episode the other took, of how many. */
  taken: number;
  of: number;
}

/** Share of a candidate's own items another must take to explain it: more than half. */
const MAJORITY = 0.5;

export function arbitrate(cands: readonly Candidate[], inEpisode: ReadonlySet<number>, wins: ReadonlyMap<number, Win>): Map<number, Explained> {
  const out = new Map<number, Explained>();
  cands.forEach((c, i) => {
    const own = c.own.filter((it) => inEpisode.has(it.key));
    if (own.length === 0) return;
    const taken = new Map<number, Link[]>();
    for (const it of own) {
      const w = wins.get(it.key);
      if (!w || w.cand === i) continue;
      const list = taken.get(w.cand);
      if (list) list.push(w.link);
      else taken.set(w.cand, [w.link]);
    }
    let best: [number, Link[]] | null = null;
    for (const e of taken) if (!best || e[1].length > best[1].length) best = e;
    if (best && best[1].length > own.length * MAJORITY) {
      out.set(i, { by: best[0], reason: commonest(best[1].map((l) => l.reason)), taken: best[1].length, of: own.length });
    }
  });
  // No cause explains one that explains it: the stronger mechanism keeps its place.
  for (const [i, e] of [...out]) {
    const back = out.get(e.by);
    if (back && back.by === i) out.delete(cands[i]!.prior >= cands[e.by]!.prior ? i : e.by);
  }
  return out;
}

/** Follows "explained by" to the cause at the root (cycle-safe). */
export function rootOf(i: number, explained: ReadonlyMap<number, Explained>): number {
  const seen = new Set<number>();
  let cur = i;
  while (explained.has(cur) && !seen.has(cur)) {
    seen.add(cur);
    cur = explained.get(cur)!.by;
  }
  return cur;
}

/** Items each candidate ends up with in the episode: its own wins plus, through them, what its consequences got. */
export function gotByCandidate(
  items: readonly Item[],
  wins: ReadonlyMap<number, Win>,
  explained: ReadonlyMap<number, Explained>,
  cands: readonly Candidate[],
): Map<number, { item: Item; link: Link; through?: RootCauseId }[]> {
  const out = new Map<number, { item: Item; link: Link; through?: RootCauseId }[]>();
  for (const item of items) {
    const w = wins.get(item.key);
    if (!w) continue;
    const root = rootOf(w.cand, explained);
    const entry = root === w.cand ? { item, link: w.link } : { item, link: w.link, through: cands[w.cand]!.rule.id };
    const list = out.get(root);
    if (list) list.push(entry);
    else out.set(root, [entry]);
  }
  return out;
}

function commonest(xs: readonly string[]): string {
  const n = new Map<string, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}
