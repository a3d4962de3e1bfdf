/**
 * Attribution: every item goes to at most one candidate cause — the one with the strongest link to it.
 * A candidate's own evidence stays its own unless another candidate explains it specifically (its
 * cause chain, thread identity, a pause covering the freeze…); ties go to the candidate whose
 * mechanism is better shown, then to the rule listed first.
 */
import type { CauseContextApi, Candidate, Item, Link } from './types';
import { OWN } from './types';

export interface Win {
  cand: number;
  link: Link;
}

const OWN_LINK: Link = { strength: OWN, reason: 'its own evidence' };

export function attribute(items: readonly Item[], cands: readonly Candidate[], ctx: CauseContextApi): Map<number, Win> {
  const owners = new Map<number, number[]>();
  cands.forEach((c, i) => {
    for (const it of c.own) {
      const list = owners.get(it.key);
      if (list) list.push(i);
      else owners.set(it.key, [i]);
    }
  });
  const wins = new Map<number, Win>();
  for (const item of items) {
    if (item.severity === 'info') continue;
    const mine = owners.get(item.key) ?? [];
    let best: (Win & { own: boolean }) | null = null;
    cands.forEach((c, i) => {
      const own = mine.includes(i);
      const link = own ? OWN_LINK : c.rule.explains(c, item, ctx);
      if (!link) return;
      if (!best || better(link, own, c, best, cands[best.cand]!)) best = { cand: i, link, own };
    });
    if (best) wins.set(item.key, { cand: (best as Win).cand, link: (best as Win).link });
  }
  return wins;
}

function better(link: Link, own: boolean, c: Candidate, best: Win & { own: boolean }, bestCand: Candidate): boolean {
  if (link.strength !== best.link.strength) return link.strength > best.link.strength;
  if (own !== best.own) return own;
  return c.prior > bestCand.prior;
}
