import { describe, expect, it } from 'vitest';
import type { FindingDraft } from '../model/finding';
import { rankRootCauses } from './rank';

const T0 = Date.UTC(2021, 0, 31, 7, 0);
function finding(signature: string, data: Record<string, unknown>, over: Partial<FindingDraft> = {}): FindingDraft {
  return { signature, severity: 'high', title: signature, summary: `${signature} summary`, first: T0, last: T0 + 600_000, count: 3, data, evidence: [{ fileId: 1, line: 10, ts: T0 }], ...over };
}
const starvation = finding('hikari-starvation', {
  maxDeltaMs: 109_539,
  deltas: [
    { ts: T0 + 120_000, deltaMs: 73_050, eventId: 5 },
    { ts: T0 + 300_000, deltaMs: 109_539, eventId: 9 },
  ],
});
const gap = finding('log-silence-gap', {
  file: 'logs/app.log',
  medianIntervalMs: 100,
  gaps: [{ fileId: 1, from: T0 + 45_000, to: T0 + 118_000, durationMs: 73_000, beforeEventId: 3, afterEventId: 4, beforeLine: 30, afterLine: 31 }],
});
const timeouts = finding('hikari-pool-timeout', { minWaitMs: 30_001, maxWaitMs: 491_632 }, { first: T0 + 125_000, last: T0 + 305_000 });
const saturated = finding('hikari-pool-saturated', { peakWaiting: 7 });
const leak = finding('hikari-leak', { frames: [{ frame: 'com.example.OrderRepository.findOpen(OrderRepository.java:57)', count: 3 }] });
const validation = finding('hikari-validation-failure', { maxLifetimeHints: 4 });

describe('rankRootCauses', () => {
  it('a large housekeeper delta with a silence gap means the process was not running, not that the pool is too small', () => {
    const ranked = rankRootCauses([starvation, gap, timeouts, validation]);
    expect(ranked[0]!.cause).toBe('process-starvation');
    expect(ranked[0]!.confidence).toBeGreaterThanOrEqual(0.85);
    expect(ranked[0]!.reasoning.join(' ')).toMatch(/not at the pool size/);
    expect(ranked[0]!.reasoning.join(' ')).toMatch(/wrote nothing for 1 min 13 s/);
    const pool = ranked.find((c) => c.cause === 'pool-saturation');
    expect(pool!.confidence).toBeLessThanOrEqual(0.25);
    expect(ranked.find((c) => c.cause === 'idle-connections-closed')!.confidence).toBeLessThanOrEqual(0.3);
    // Evidence: the largest delta, both sides of the silence, a timeout.
    expect(ranked[0]!.evidence.map((e) => e.line)).toEqual(expect.arrayContaining([10, 30, 31]));
  });

  it('a GC log with only short pauses during the freeze rules GC out', () => {
    const gc = finding('gc-activity', { maxPauseMs: 45, longPauses: [] }, { severity: 'info', summary: '120 GC pauses, longest 45 ms, 1.2 s in total.' });
    const ranked = rankRootCauses([starvation, gap, timeouts, gc]);
    expect(ranked[0]!.cause).toBe('process-starvation');
    expect(ranked[0]!.reasoning.join(' ')).toMatch(/GC log rules GC out/);
    expect(ranked[0]!.findings).toContain('gc-activity');
  });

  it('a long GC pause inside the freeze points at GC, not the host', () => {
    const pause = { ts: T0 + 50_000, pauseMs: 70_000, fileId: 2, line: 7, id: 99 };
    const gc = finding('gc-activity', { maxPauseMs: 70_000, longPauses: [pause] }, { severity: 'info' });
    const long = finding('gc-pause', { maxPauseMs: 70_000 }, { summary: '1 GC pause of a second or more; the longest 1 min 10 s (Full).' });
    const ranked = rankRootCauses([starvation, gap, gc, long]);
    expect(ranked[0]!.cause).toBe('gc-pressure');
    const starv = ranked.find((c) => c.cause === 'process-starvation')!;
    expect(starv.confidence).toBeLessThanOrEqual(0.4);
    expect(starv.reasoning.join(' ')).toMatch(/garbage collection, not the host/);
  });

  it('without a GC log the walk says which artifact would settle it', () => {
    expect(rankRootCauses([starvation, gap])[0]!.reasoning.join(' ')).toMatch(/no GC log in the bundle.*-Xlog:gc\*/);
  });

  it('starvation warnings alone still point at the host, with less confidence', () => {
    const ranked = rankRootCauses([starvation]);
    expect(ranked[0]!.cause).toBe('process-starvation');
    expect(ranked[0]!.confidence).toBeLessThan(0.85);
  });

  it('a leak warning with the pool at its maximum means a leak, not an undersized pool', () => {
    const ranked = rankRootCauses([leak, saturated, timeouts]);
    expect(ranked[0]!.cause).toBe('connection-leak');
    expect(ranked[0]!.reasoning.join(' ')).toMatch(/is a leak, not an undersized pool/);
    expect(ranked.find((c) => c.cause === 'pool-saturation')!.confidence).toBeLessThan(ranked[0]!.confidence);
  });

  it('a saturated pool with timeouts and nothing else is pool saturation', () => {
    const ranked = rankRootCauses([saturated, timeouts]);
    expect(ranked.map((c) => c.cause)).toEqual(['pool-saturation']);
    expect(ranked[0]!.confidence).toBeGreaterThan(0.6);
  });

  it('validation failures without a freeze mean idle connections were closed underneath the pool', () => {
    expect(rankRootCauses([validation])[0]!.cause).toBe('idle-connections-closed');
  });

  it('no findings, no root causes; a short quiet spell alone is not a cause', () => {
    expect(rankRootCauses([])).toEqual([]);
    const short = finding('log-silence-gap', { file: 'a.log', medianIntervalMs: 100, gaps: [{ fileId: 1, from: 0, to: 40_000, durationMs: 40_000, beforeEventId: 1, afterEventId: 2, beforeLine: 1, afterLine: 2 }] });
    expect(rankRootCauses([short])).toEqual([]);
  });
});
