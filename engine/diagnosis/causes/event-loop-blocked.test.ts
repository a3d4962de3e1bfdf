/**
 * event-loop-blocked on findings built in memory (the samples node-event-loop-blocked and
 * node-event-loop-blocked-redos run the same code on real bundles): a Node process whose log went silent
 * while it ran is a blocked loop, with the request that spanned the silence as the likely culprit; the same
 * silence with the process stopped, or held to a small CPU quota, stays the host's doing.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnose';
import { busy, finding, occurrences } from '../test-findings';

const T = Date.UTC(2026, 11, 7, 14, 21, 0);
const S = 1000;
const occ = occurrences('pid:42');

// The service (pid 42) writes api.log (file 1); nothing from it between FROM and TO.
const FROM = T + 10 * S;
const TO = T + 36 * S;

const silence = () =>
  finding('log-silence-gap', 'high', [occ(FROM, {
    end: TO, pid: 42, durationMs: TO - FROM, inFlight: 1, resumeLines: 60, resumeExpected: 10, othersWriting: 1, rateBefore: 10, rateAfter: 10,
    chance: 0, beforeLine: 788, afterLine: 790, beforeEventId: 788, afterEventId: 790, inFlightLongest: null,
  })], { file: 'logs/api.log', fileId: 1, medianIntervalMs: 60 });

/** top of pid 42 every 5 s: `during` inside the silence, 2 % around it. */
const top = (during: { cpu: number; state: string }, command = 'node') =>
  finding('process-cpu', 'info', [T, T + 5 * S, T + 15 * S, T + 20 * S, T + 25 * S, T + 30 * S, T + 45 * S, T + 50 * S].map((ts) =>
    occ(ts, { end: ts, fileId: 6, pid: 42, command, ...(ts > FROM && ts < TO ? during : { cpu: 2, state: 'S' }) }),
  ), { processes: 1, captures: 8 });

/** The report that started the work (in flight across the silence) and one that waited behind it at the proxy. */
const slow = () =>
  finding('slow-responses', 'high', [
    occ(FROM - 1, { end: TO, lineTs: TO, responseTimeMs: TO - FROM + 1, method: 'GET', url: '/api/v1/admin/reports/engagement?since=2026-01-01' }),
    occ(FROM + 3 * S, { end: TO + 5, lineTs: TO + 5, fileId: 2, process: 'file:2', responseTimeMs: TO - FROM - 3 * S, method: 'GET', url: '/api/v1/profiles/998' }),
  ], { thresholdMs: 1000, medianMs: 6, p95Ms: 10, p99Ms: 14, maxMs: TO - FROM, slow: 2, requests: 2000 });

/** The service's own event-loop report right after the silence. */
const delay = (o: { cpuMs: number | null; utilization: number | null }) =>
  finding('event-loop-delay', 'high', [occ(TO - 26_700, {
    end: TO + 1, lineTs: TO + 1, pid: 42, delayMs: 26_700, baselineMs: 30, field: 'eventLoop.delayMaxMs', blocked: true, intervalMs: 27_000, ...o,
  })], { file: 'logs/api.log', fileId: 1, pid: 42, message: 'runtime stats', field: 'eventLoop.delayMaxMs', baselineMs: 30, thresholdMs: 300, reports: 20, blocked: 1, maxDelayMs: 26_700 });

describe('event-loop-blocked', () => {
  it('calls a silent log of a node process running on a core a blocked event loop, names the request that spanned it, and explains the freeze', () => {
    const d = diagnose([silence(), top({ cpu: 99.7, state: 'R' }), slow()], busy);
    expect(d.rootCauses.map((c) => c.cause)).toEqual(['event-loop-blocked']);
    const c = d.rootCauses[0]!;
    expect(c.confidence).toBeGreaterThanOrEqual(0.5);
    const why = c.reasoning.join('\n');
    expect(why).toContain('top showed the same process running');
    expect(why).toContain('GET /api/v1/admin/reports/engagement?since=2026-01-01');
    expect(c.summary).toContain('likely GET /api/v1/admin/reports/engagement');
    // The host did not stop it: the freeze is a consequence, not a peer.
    expect(d.consequences).toMatchObject([{ cause: 'process-starvation', explainedBy: 'event-loop-blocked' }]);
  });

  it('adds its own report: the delay, with the CPU it spent, makes it surer', () => {
    const topOnly = diagnose([silence(), top({ cpu: 99.7, state: 'R' }), slow()], busy).rootCauses[0]!;
    const both = diagnose([silence(), top({ cpu: 99.7, state: 'R' }), slow(), delay({ cpuMs: 25_300, utilization: 0.99 })], busy).rootCauses[0]!;
    expect(both.cause).toBe('event-loop-blocked');
    expect(both.confidence).toBeGreaterThan(topOnly.confidence);
    expect(both.reasoning.join('\n')).toMatch(/eventLoop\.delayMaxMs 27 s against a usual 30 ms .*25 s of CPU time in its 27 s interval/);
  });

  it('concludes from a report whose loop was busy (utilization) when there is no top', () => {
    const d = diagnose([silence(), slow(), delay({ cpuMs: null, utilization: 0.98 })], busy);
    expect(d.rootCauses[0]).toMatchObject({ cause: 'event-loop-blocked' });
    expect(d.rootCauses[0]!.confidence).toBeGreaterThanOrEqual(0.5);
    expect(d.consequences.map((c) => c.cause)).toEqual(['process-starvation']);
  });

  it('leaves a delay alone (no CPU, no utilization, no top) a possibility: a stopped process reports the same', () => {
    const d = diagnose([silence(), slow(), delay({ cpuMs: null, utilization: null })], busy);
    const loop = d.rootCauses.find((c) => c.cause === 'event-loop-blocked')!;
    expect(loop.confidence).toBeLessThan(0.5);
    expect(d.consequences.map((c) => c.cause)).not.toContain('process-starvation');
  });

  it('finds a block its report shows without a silence (a quiet service), and the request that lasted it', () => {
    const at = T + 40 * S;
    const report = finding('event-loop-delay', 'high', [occ(at - 2500, {
      end: at, lineTs: at, pid: 42, delayMs: 2500, baselineMs: 25, field: 'eventLoop.delayMaxMs', blocked: true, intervalMs: 10_000, cpuMs: 2450, utilization: null,
    })], { file: 'logs/api.log', fileId: 1, pid: 42, message: 'runtime stats', field: 'eventLoop.delayMaxMs', baselineMs: 25, thresholdMs: 250, reports: 30, blocked: 1, maxDelayMs: 2500 });
    const export_ = finding('slow-responses', 'high', [occ(at - 6000, { end: at - 3400, lineTs: at - 3400, responseTimeMs: 2600, method: 'POST', url: '/api/v1/exports' })], {
      thresholdMs: 1000, medianMs: 4, p95Ms: 9, p99Ms: 20, maxMs: 2600, slow: 1, requests: 900,
    });
    const d = diagnose([report, export_], busy);
    expect(d.rootCauses[0]).toMatchObject({ cause: 'event-loop-blocked' });
    expect(d.rootCauses[0]!.confidence).toBeGreaterThanOrEqual(0.5);
    expect(d.rootCauses[0]!.summary).toContain('likely POST /api/v1/exports');
  });

  it('is not a blocked loop when top shows the process stopped (T) during the silence', () => {
    const d = diagnose([silence(), top({ cpu: 0, state: 'T' }), slow()], busy);
    expect(d.rootCauses.map((c) => c.cause)).not.toContain('event-loop-blocked');
    expect(d.rootCauses[0]).toMatchObject({ cause: 'process-starvation' });
  });

  it('is not a blocked loop when a node process held to a small CPU quota shows a few percent (cpu-throttled-node)', () => {
    const throttling = finding('cpu-throttling', 'high', [occ(T, {
      end: T + 60 * S, lineTs: T + 60 * S, fileId: 5, pid: 42, cgroup: '/svc', periods: 1200, throttled: 1199, share: 0.999, stallPerSecond: 1.9, usedCores: 0.05, quotaCores: 0.05,
    })], { cgroup: '/svc', pid: 42, stretches: 1, worstShare: 0.999, throttledMs: null, quotaCores: 0.05 });
    const d = diagnose([throttling, silence(), top({ cpu: 5.9, state: 'R' }), slow()], busy);
    expect(d.rootCauses.map((c) => c.cause)).not.toContain('event-loop-blocked');
    expect(d.rootCauses[0]).toMatchObject({ cause: 'process-starvation' });
    expect(d.rootCauses[0]!.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('counts a runnable process that got a share of a loaded host (mean well above its usual) as running', () => {
    const d = diagnose([silence(), top({ cpu: 31, state: 'R' }), slow()], busy);
    expect(d.rootCauses[0]).toMatchObject({ cause: 'event-loop-blocked' });
  });

  it('leaves a busy Java process alone: its silence is not an event loop', () => {
    const d = diagnose([silence(), top({ cpu: 99.7, state: 'R' }, 'java'), slow()], busy);
    expect(d.rootCauses.map((c) => c.cause)).not.toContain('event-loop-blocked');
  });
});
