import { describe, expect, it } from 'vitest';
import type { Episode } from '../../../../engine/model/episode';
import { pickEpisode, stripLayout } from './episodes';

const ep = (id: string, from: number | null, to: number | null, conf: number | null): Episode => ({
  id, from, to, summary: id, firstSignal: null, consequences: [], findings: [],
  rootCauses: conf === null ? [] : [{ id: 1, rank: 1, cause: 'deadlock', confidence: conf, title: '', summary: '', reasoning: [], fix: '', references: [], findings: [], evidence: [] }],
});

describe('pickEpisode', () => {
  const eps = [ep('E1', 0, 10, 0.7), ep('E2', 20, 30, 0.95), ep('E3', 40, 50, null)];
  it('opens on the episode asked for', () => expect(pickEpisode(eps, 'E3')?.id).toBe('E3'));
  it('else on the one with the most confident cause', () => expect(pickEpisode(eps, null)?.id).toBe('E2'));
  it('ignores an unknown id', () => expect(pickEpisode(eps, 'E9')?.id).toBe('E2'));
  it('keeps the earliest on a tie', () => expect(pickEpisode([ep('E1', 0, 1, 0.5), ep('E2', 2, 3, 0.5)], undefined)?.id).toBe('E1'));
  it('has nothing to pick from a healthy bundle', () => expect(pickEpisode([], null)).toBeNull());
});

describe('stripLayout', () => {
  it('places episodes on the bundle span in per cent', () => {
    expect(stripLayout([ep('E1', 100, 200, 0.5), ep('E2', 500, 1100, 0.5)], 100, 1100)).toEqual([
      { id: 'E1', left: 0, width: 10 },
      { id: 'E2', left: 40, width: 60 },
    ]);
  });
  it('keeps a moment-long episode visible and inside the strip', () => {
    const [b] = stripLayout([ep('E1', 1100, 1100, 0.5)], 100, 1100);
    expect(b!.width).toBe(1.5);
    expect(b!.left + b!.width).toBeLessThanOrEqual(100);
  });
  it('leaves out episodes without a time', () => expect(stripLayout([ep('E1', null, null, 0.5)], 0, 10)).toEqual([]));
});
