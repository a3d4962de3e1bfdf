/**
 * event-loop-delay on the runtime-statistics lines of the two event-loop samples (real pino output:
 * perf_hooks.monitorEventLoopDelay percentiles with process.cpuUsage(), and @fastify/under-pressure's
 * memoryUsage()), ingested as a bundle so the metrics inside logs are read as they are in use.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../../parsers';
import { ingestBundle } from '../../ingest/ingest';
import { Store } from '../../store';
import { SIGNATURES } from '../index';
import { eventLoopDelay, isDelayField, isUtilizationField, unitOf } from './event-loop-delay';

const SAMPLES = new URL('../../../samples/', import.meta.url).pathname;

/** The lines of a sample's log that carry `message`, optionally without some of them. */
function lines(sample: string, file: string, message: string, drop: (l: string) => boolean = () => false): string {
  const all = readFileSync(join(SAMPLES, sample, 'bundle', file), 'utf8').split('\n');
  return all.filter((l) => l.includes(`"${message}"`) && !drop(l)).join('\n') + '\n';
}

async function detect(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'rl-eld-'));
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'logs/app.log'), text);
  const store = Store.open(':memory:');
  const r = await ingestBundle(store, dir, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null });
  return eventLoopDelay.detect({ bundleId: r.bundle.id, store });
}

describe('event-loop-delay', () => {
  it("finds the two blocks of profile-api's monitorEventLoopDelay maximum against its usual, with the CPU and utilization of the same lines", async () => {
    const found = await detect(lines('node-event-loop-blocked', 'logs/profile-api.log', 'runtime stats'));
    const info = found.find((f) => f.severity === 'info')!;
    const blocked = found.find((f) => f.severity !== 'info')!;
    expect(info.occurrences.length).toBe(info.data.reports);
    expect(info.data).toMatchObject({ pid: 13188, message: 'runtime stats', field: 'eventLoop.delayMaxMs', blocked: 2 });
    // Its usual maximum is near the histogram's 20 ms resolution; the blocks are ~900 times that.
    expect(info.data.baselineMs).toBeGreaterThan(20);
    expect(info.data.baselineMs).toBeLessThan(45);
    expect(blocked.severity).toBe('high');
    expect(blocked.occurrences.map((o) => o.delayMs)).toEqual([26726.1, 26071.8]);
    const first = blocked.occurrences[0]!;
    // "cpu":{"userMs":25205,"systemMs":161}, "utilization":0.989, 27 s since the previous report.
    expect(first.cpuMs).toBe(25205 + 161);
    expect(first.utilization).toBe(0.989);
    expect(first.intervalMs).toBeGreaterThan(26_000);
    expect(first.lineTs).toBe(Date.UTC(2026, 11, 7, 14, 22, 3, 443));
    expect(first.end! - first.ts!).toBeCloseTo(26726.1, 0);
  });

  it("reads under-pressure's diluted mean against its own near-zero usual (643 ms for a 10 s block)", async () => {
    const found = await detect(lines('node-event-loop-blocked-redos', 'logs/account-api.log', 'process health'));
    const blocked = found.find((f) => f.severity !== 'info')!;
    expect(blocked.data).toMatchObject({ field: 'eventLoopDelay', blocked: 1 });
    expect(blocked.data.baselineMs).toBeLessThan(1);
    expect(blocked.occurrences[0]).toMatchObject({ delayMs: 643.289728, cpuMs: null, blocked: true });
    expect(blocked.occurrences[0]!.utilization).toBeCloseTo(0.985, 3);
    // A mean-like value is not the block's length: it only says the loop lagged far beyond its usual.
    expect(blocked.severity).toBe('medium');
  });

  it('says the delay was measured and normal when no report stands out', async () => {
    const found = await detect(lines('node-event-loop-blocked', 'logs/profile-api.log', 'runtime stats', (l) => /"delayMaxMs":2\d{4}/.test(l)));
    expect(found.map((f) => f.severity)).toEqual(['info']);
    expect(found[0]!.data.blocked).toBe(0);
    expect(found[0]!.occurrences.every((o) => !o.blocked)).toBe(true);
  });

  it('knows delay, utilization and unit fields by name', () => {
    for (const p of ['eventLoopDelay', 'eventLoop.delayMaxMs', 'eventLoop.delayP99Ms', 'event_loop_lag', 'loopDelay', 'nodejs_eventloop_lag_max_seconds', 'eventLoop.maxDelay']) {
      expect(isDelayField(p), p).toBe(true);
    }
    for (const p of ['eventLoopUtilized', 'eventLoop.delayMinMs', 'eventLoop.delayStddev', 'eventLoop.delayCount', 'consumer.lag', 'responseTime', 'eventLoop.resolutionMs']) {
      expect(isDelayField(p), p).toBe(false);
    }
    expect(isUtilizationField('eventLoopUtilized')).toBe(true);
    expect(isUtilizationField('eventLoop.utilization')).toBe(true);
    expect(isUtilizationField('cpu.utilization')).toBe(false);
    expect([unitOf('delayMaxMs'), unitOf('event_loop_lag_seconds'), unitOf('delayNs'), unitOf('lagUs'), unitOf('eventLoopDelay'), unitOf('eventLoopDelays')]).toEqual([1, 1000, 1e-6, 1e-3, null, null]);
  });
});
