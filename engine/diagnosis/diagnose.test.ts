/**
 * The diagnosis on findings built in memory: attribution by cause chain and thread identity,
 * arbitration between causes that claim the same evidence, episodes split only by normal operation,
 * and the merged ranking. (The samples' eval runs the same code on real bundles.)
 */
import { describe, expect, it } from 'vitest';
import type { Severity } from '../model/finding';
import type { Occurrence } from '../model/occurrence';
import { diagnose } from './diagnose';
import { busy, finding, occurrences } from './test-findings';
import { clusterEpisodes, MIN_SEPARATION_MS, NORMAL_RECORDS } from './episodes';
import type { Item } from './types';

const T = Date.UTC(2026, 11, 7, 13, 0, 0);
const S = 1000;
const occ = occurrences('file:1');
const quiet = () => 0;

const starvation = (at: number, deltaMs: number) =>
  finding('hikari-starvation', 'high', [occ(at - (deltaMs - 30 * S), { end: at, lineTs: at, deltaMs, pool: 'HikariPool-1' })], { maxDeltaMs: deltaMs, totalDeltaMs: deltaMs, pools: ['HikariPool-1'] });

const timeout = (at: number, waitMs: number, chain?: string[]) => occ(at, { waitMs, pool: 'HikariPool-1', ...(chain ? { chain } : {}) });

describe('attribution and arbitration', () => {
  it('gives a timeout to the database outage its cause chain names, not to a freeze right before it', () => {
    const freezeEnd = T + 60 * S;
    const refusedAt = freezeEnd + 2 * S;
    const d = diagnose(
      [
        starvation(freezeEnd, 75 * S),
        finding('db-connection-refused', 'high', [occ(refusedAt, { target: '127.0.0.1:5432', server: false, serverKind: null }), occ(refusedAt + 5 * S, { target: '127.0.0.1:5432', server: false, serverKind: null })], { targets: {} }),
        finding('hikari-pool-timeout', 'high', [timeout(refusedAt + 3 * S, 30 * S, ['java.net.ConnectException: Connection refused'])], { pools: [], minWaitMs: 0, maxWaitMs: 0 }),
      ],
      quiet,
    );
    const db = d.rootCauses.find((c) => c.cause === 'database-unavailable')!;
    const frozen = d.rootCauses.find((c) => c.cause === 'process-starvation')!;
    expect(db.findings).toContain('hikari-pool-timeout');
    expect(frozen.findings).not.toContain('hikari-pool-timeout');
  });

  it('gives a timeout whose wait spans the freeze to the freeze', () => {
    const freezeEnd = T + 80 * S;
    const d = diagnose(
      [starvation(freezeEnd, 80 * S), finding('hikari-pool-timeout', 'high', [timeout(freezeEnd, 75 * S)], { pools: [], minWaitMs: 0, maxWaitMs: 0 })],
      quiet,
    );
    expect(d.rootCauses[0]!.cause).toBe('process-starvation');
    expect(d.rootCauses[0]!.findings).toContain('hikari-pool-timeout');
  });

  it('calls connections held by deadlocked threads a consequence of the deadlock, not a leak', () => {
    const dl = finding('java-deadlock', 'critical', [occ(T + 30 * S, { end: T + 90 * S, lineTs: T + 90 * S, fileId: 2, process: 'pid:7' })], {
      threads: ['worker-3', 'worker-5'], blockedBehind: ['worker-2'], cycle: [], source: 'jvm', dumps: 3,
    });
    const leaks = finding(
      'hikari-leak',
      'high',
      ['worker-3', 'worker-5', 'worker-2'].map((t, i) => occ(T + (20 + i) * S, { thread: t, connection: `c${i}`, frame: 'Transfer.run', pool: 'HikariPool-1', returned: false })),
      { frames: [], threads: [], returned: 0 },
    );
    const d = diagnose([dl, leaks], quiet);
    expect(d.rootCauses.map((c) => c.cause)).toEqual(['deadlock']);
    expect(d.consequences).toMatchObject([{ cause: 'connection-leak', explainedBy: 'deadlock', taken: 3, of: 3 }]);
    expect(d.episodes[0]!.rootCauses[0]!.explains).toEqual([{ cause: 'connection-leak', reason: expect.stringContaining('stuck in the deadlock') }]);
  });

  it('keeps a real leak a cause when its borrowers are not the deadlocked threads', () => {
    const dl = finding('java-deadlock', 'critical', [occ(T + 30 * S, { end: T + 90 * S, fileId: 2 })], { threads: ['a', 'b'], blockedBehind: [], cycle: [], source: 'jvm', dumps: 2 });
    const leaks = finding('hikari-leak', 'high', ['export-1', 'export-2'].map((t, i) => occ(T + (40 + i) * S, { thread: t, connection: `c${i}`, frame: 'Export.csv', pool: 'p', returned: false })), {
      frames: [], threads: [], returned: 0,
    });
    const d = diagnose([dl, leaks], quiet);
    expect(d.rootCauses.map((c) => c.cause).sort()).toEqual(['connection-leak', 'deadlock']);
    expect(d.consequences).toEqual([]);
  });

  it('does not call connections that came back ("unleaked") a leak', () => {
    const leaks = finding('hikari-leak', 'low', [occ(T, { thread: 'report', connection: 'c1', frame: 'Report.run', pool: 'p', returned: true })], { frames: [], threads: [], returned: 1 });
    const d = diagnose([leaks], busy);
    expect(d.rootCauses).toEqual([]);
    expect(d.episodes).toEqual([]);
  });

  it('lets a GC pause that covers the freeze explain it', () => {
    const start = T + 10 * S;
    const silence = finding('log-silence-gap', 'high', [occ(start, { end: start + 8 * S, durationMs: 8 * S, inFlight: 3, resumeLines: 40, resumeExpected: 5, othersWriting: 1, rateBefore: 10, rateAfter: 10, chance: 0, beforeLine: 1, afterLine: 2, beforeEventId: 1, afterEventId: 2, inFlightLongest: null })], { file: 'app.log', fileId: 1, medianIntervalMs: 100 });
    const pause = { ts: start + 100, end: start + 7900, lineTs: start + 7900, fileId: 3, line: 9, pauseMs: 7800, phase: 'Pause Full' };
    const d = diagnose([silence, finding('gc-pause', 'critical', [pause], { maxPauseMs: 7800 }), finding('gc-activity', 'info', [pause], { pauses: 1, maxPauseMs: 7800, totalPauseMs: 7800 })], busy);
    expect(d.rootCauses.map((c) => c.cause)).toEqual(['gc-pressure']);
    expect(d.consequences.map((c) => c.cause)).toEqual(['process-starvation']);
  });
});

describe('cgroup CPU throttling', () => {
  // The service (pid 7) writes app.log (file 1); its cgroup's cpu.stat captures are file 5.
  const throttle = (from: number, to: number, share: number, stallPerSecond: number) =>
    occ(from, { end: to, lineTs: to, fileId: 5, process: 'pid:7', pid: 7, cgroup: '/svc', periods: 400, throttled: Math.round(400 * share), share, stallPerSecond, usedCores: 0.5, quotaCores: 0.5 });
  const throttling = (...occs: Occurrence[]) =>
    finding('cpu-throttling', occs.some((o) => (o as unknown as { share: number }).share >= 0.5) ? 'high' : 'medium', occs, { cgroup: '/svc', pid: 7, stretches: occs.length, worstShare: 1, throttledMs: null, quotaCores: 0.5 });
  const full = (at: number) => occ(at, { process: 'pid:7', pool: 'HikariPool-1', total: 10, active: 10, waiting: 12 });
  const saturated = (...ats: number[]) => finding('hikari-pool-saturated', 'medium', ats.map(full), { pools: ['HikariPool-1'], maxWaiting: 12 });

  it('calls a pool full while the cgroup held the service to its quota a consequence of the starvation', () => {
    const d = diagnose([throttling(throttle(T, T + 40 * S, 1, 1.9)), saturated(T + 10 * S, T + 30 * S)], busy);
    expect(d.rootCauses[0]).toMatchObject({ cause: 'process-starvation' });
    expect(d.rootCauses[0]!.confidence).toBeGreaterThanOrEqual(0.5);
    expect(d.consequences.map((c) => c.cause)).toEqual(['pool-saturation']);
    expect(d.rootCauses[0]!.reasoning.join(' ')).toContain('400 of 400 scheduling periods');
  });

  it('weighs a pool any service logged inside a held stretch as the cgroup\'s when the captures name no process (samples/cpu-throttled-node)', () => {
    const unnamed = (from: number, to: number) => {
      const o = throttle(from, to, 1, 1.9);
      delete o.process;
      return o;
    };
    // pg.Pool counts logged by pid 8 (metrics inside logs) while a `date` + `cat` loop captured cpu.stat.
    const poolOf8 = finding('hikari-pool-saturated', 'medium', [T + 10 * S, T + 25 * S].map((at) => occ(at, { process: 'pid:8', pool: 'pool stats', total: 10, active: 10, waiting: 4 })), { pools: { 'pool stats': 10 }, peakWaiting: 4 });
    expect(diagnose([throttling(unnamed(T, T + 40 * S)), poolOf8], busy).consequences.map((c) => c.cause)).toEqual(['pool-saturation']);
    // A capture that names its process (pid 7) does not take another process's pool.
    expect(diagnose([throttling(throttle(T, T + 40 * S, 1, 1.9)), poolOf8], busy).consequences.map((c) => c.cause)).toEqual([]);
  });

  it('leaves a full pool to slow statements when the quota only clipped peaks', () => {
    const lockWait = finding('db-slow-queries', 'high', [occ(T + 12 * S, { fileId: 3, process: 'pid:900', what: 'lock-wait', ms: 20_000, holders: [901], statement: null })], {
      byKind: { 'lock-wait': 1 }, holders: [{ pid: 901, times: 1, session: null }], maxMs: 20_000,
    });
    const d = diagnose([throttling(throttle(T, T + 40 * S, 0.3, 0.04)), saturated(T + 10 * S, T + 30 * S), lockWait], busy);
    expect(d.rootCauses[0]).toMatchObject({ cause: 'pool-saturation' });
    const starved = d.rootCauses.find((c) => c.cause === 'process-starvation');
    expect(starved?.confidence ?? 0).toBeLessThan(0.5);
    expect(d.consequences.map((c) => c.cause)).not.toContain('pool-saturation');
  });

  it("does not hold top's busy process against a silence while the cgroup held it to its quota", () => {
    const silence = () =>
      finding('log-silence-gap', 'high', [occ(T + 5 * S, { end: T + 25 * S, pid: 7, process: 'pid:7', durationMs: 20 * S, inFlight: 3, resumeLines: 40, resumeExpected: 5, othersWriting: 1, rateBefore: 10, rateAfter: 10, chance: 0, beforeLine: 1, afterLine: 2, beforeEventId: 1, afterEventId: 2, inFlightLongest: null })], { file: 'app.log', fileId: 1, medianIntervalMs: 100 });
    const top = () => finding('process-cpu', 'info', [occ(T + 20 * S, { fileId: 6, process: 'pid:7', pid: 7, command: 'java', cpu: 99, state: 'R' })], { processes: 1, captures: 1 });
    const starved = (share: number, stall: number) => diagnose([throttling(throttle(T, T + 40 * S, share, stall)), silence(), top()], busy).rootCauses.find((c) => c.cause === 'process-starvation')!;
    // Held to the quota: busy on all of it, and starved. Clipped only: a process on a full core was busy, not starved.
    expect(starved(0.9, 0.8).confidence).toBeGreaterThanOrEqual(0.5);
    expect(starved(0.3, 0.04).confidence).toBeLessThanOrEqual(0.3);
  });
});

describe('episodes', () => {
  const at = (ts: number, severity: Severity = 'high'): Item => {
    const f = finding('slow-responses', severity, [occ(ts)]);
    return { key: f.occurrences[0]!.line, sig: 'slow-responses', occ: f.occurrences[0]!, finding: f, severity } as unknown as Item;
  };

  it('splits two clusters when normal operation is seen between them', () => {
    const eps = clusterEpisodes([at(T), at(T + 10 * S)], [], busy);
    expect(eps).toHaveLength(2);
  });

  it('keeps one cluster when nothing was written between (no sign of normal operation)', () => {
    expect(clusterEpisodes([at(T), at(T + 10 * S)], [], quiet)).toHaveLength(1);
  });

  it(`needs both ${NORMAL_RECORDS} records and ${MIN_SEPARATION_MS / 1000} s to separate`, () => {
    expect(clusterEpisodes([at(T), at(T + MIN_SEPARATION_MS - 1)], [], busy)).toHaveLength(1);
    expect(clusterEpisodes([at(T), at(T + 10 * S)], [], () => NORMAL_RECORDS - 1)).toHaveLength(1);
  });

  it("bridges clusters inside one cause's window", () => {
    expect(clusterEpisodes([at(T), at(T + 60 * S)], [{ from: T, to: T + 60 * S }], busy)).toHaveLength(1);
  });

  it('makes no episode of a bundle with nothing serious and no cause', () => {
    const d = diagnose([finding('node-connection-errors', 'medium', [occ(T, { code: 'ECONNRESET', peer: null })], { byCode: {}, byPeer: {} })], busy);
    expect(d.episodes).toEqual([]);
  });

  it('ranks each cause once in the merged list, with its best confidence', () => {
    const d = diagnose([starvation(T + 90 * S, 90 * S), starvation(T + 600 * S, 50 * S)], busy);
    expect(d.episodes).toHaveLength(2);
    expect(d.rootCauses).toHaveLength(1);
    expect(d.rootCauses[0]!.confidence).toBe(Math.max(...d.episodes.map((e) => e.rootCauses[0]!.confidence)));
  });
});
