/** Episodes as the overview shows them: which is selected and where each sits on the bundle's span (pure). */
import type { Episode } from '../../../../engine/model/episode';

/** The episode a view opens on: the one asked for, else the one whose top cause is the most confident (the earliest on a tie). */
export function pickEpisode(episodes: readonly Episode[], asked: string | null | undefined): Episode | null {
  if (asked) {
    const e = episodes.find((x) => x.id === asked);
    if (e) return e;
  }
  let best: Episode | null = null;
  for (const e of episodes) if (!best || (e.rootCauses[0]?.confidence ?? 0) > (best.rootCauses[0]?.confidence ?? 0)) best = e;
  return best;
}

export interface StripBlock {
  id: string;
  /** Position and width in per cent of the strip. */
  left: number;
  width: number;
}

/** Narrowest block drawn, in per cent: a moment-long episode must stay visible and clickable. */
const MIN_WIDTH = 1.5;

/** Each timed episode on the bundle's span [first, last]; untimed ones are left out. */
export function stripLayout(episodes: readonly Episode[], first: number, last: number): StripBlock[] {
  const span = Math.max(1, last - first);
  return episodes.flatMap((e) => {
    if (e.from === null || e.to === null) return [];
    const left = Math.min(100 - MIN_WIDTH, Math.max(0, ((e.from - first) / span) * 100));
    const width = Math.max(MIN_WIDTH, Math.min(100 - left, ((e.to - e.from) / span) * 100));
    return [{ id: e.id, left, width }];
  });
}
