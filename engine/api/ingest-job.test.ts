/**
 * The ingest runs in a worker thread: the calling thread (Electron's main process, the bridge's
 * HTTP server) keeps its event loop free, cancel stops within about a second, and errors keep
 * their codes. Uses a generated Spring Boot log big enough to take seconds to ingest.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSpringBootLog } from '../../bench/generate-springboot-log';
import type { IngestProgress } from '../ingest/progress';
import { RootlineEngine, type IngestResult } from './engine';
import type { JobState } from './jobs';

let work: string;
let bundle: string;
const engines: RootlineEngine[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'rl-ingest-job-'));
  bundle = join(work, 'bundle');
  mkdirSync(bundle);
  await generateSpringBootLog(join(bundle, 'application.log'), 150_000);
});

afterAll(() => {
  engines.splice(0).forEach((e) => e.close());
  rmSync(work, { recursive: true, force: true });
});

function engine(): RootlineEngine {
  const e = new RootlineEngine({ home: mkdtempSync(join(work, 'home-')) });
  engines.push(e);
  return e;
}

/** Ingests to the end and returns what a face compares: findings and root causes, without row ids. */
async function findingsOf(e: RootlineEngine): Promise<unknown> {
  const end = await e.waitJob((await e.ingest({ path: bundle })).id);
  expect(end.status, JSON.stringify(end.error)).toBe('done');
  const o = await e.overview((end.result as IngestResult).bundle);
  expect(o.findings.length).toBeGreaterThan(0);
  // Row ids differ after a cancelled run left rows behind; the content must not.
  const ids = new Set(['id', 'fileId', 'ref']);
  return JSON.parse(JSON.stringify({ findings: o.findings, rootCauses: o.rootCauses }, (k, v: unknown) => (ids.has(k) ? undefined : v)));
}

/** Starts an ingest and cancels it once its progress reaches `phase`; returns how long the cancel took. */
async function cancelAt(e: RootlineEngine, phase: IngestProgress['phase']): Promise<{ end: JobState; ms: number }> {
  const job = await e.ingest({ path: bundle });
  await new Promise<void>((reached) => {
    const off = e.onJob((s) => {
      if (s.id === job.id && ((s.progress as IngestProgress | null)?.phase === phase || s.status !== 'running')) {
        off();
        reached();
      }
    });
  });
  const asked = performance.now();
  await e.cancel(job.id);
  const end = await e.waitJob(job.id);
  return { end, ms: performance.now() - asked };
}

describe('ingest in a worker thread', () => {
  it('leaves the calling thread free: its timers keep firing while progress arrives', async () => {
    const e = engine();
    let reports = 0;
    e.onJob((s) => s.progress && reports++);
    let last = performance.now();
    let maxGap = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 10);
    const started = performance.now();
    const end = await e.waitJob((await e.ingest({ path: bundle })).id);
    clearInterval(tick);
    const took = performance.now() - started;
    expect(end.status, JSON.stringify(end.error)).toBe('done');
    expect(took).toBeGreaterThan(1000); // big enough that a blocked thread would show
    expect(reports).toBeGreaterThan(1);
    expect(maxGap, `longest gap between 10 ms ticks during a ${Math.round(took)} ms ingest`).toBeLessThan(200);
  }, 120_000);

  it('cancels within a second, while reading or busy analysing, and a later ingest matches a fresh one', async () => {
    const e = engine();
    for (const phase of ['reading', 'analyzing'] as const) {
      const { end, ms } = await cancelAt(e, phase);
      expect(end.status, phase).toBe('cancelled');
      expect(end.error, phase).toMatchObject({ code: 'cancelled' });
      expect(ms, phase).toBeLessThan(1500);
    }
    expect(await findingsOf(e)).toEqual(await findingsOf(engine()));
  }, 180_000);

  it('ends a bad path or a broken archive as failed with the error code of the engine', async () => {
    const e = engine();
    const missing = await e.waitJob((await e.ingest({ path: join(work, 'no-such-bundle') })).id);
    expect(missing).toMatchObject({ status: 'failed', error: { code: 'not-found', message: expect.stringContaining('no-such-bundle') } });
    writeFileSync(join(work, 'broken.zip'), 'PK\x03\x04 not a zip archive');
    const broken = await e.waitJob((await e.ingest({ path: join(work, 'broken.zip') })).id);
    expect(broken).toMatchObject({ status: 'failed', error: { code: 'corrupt' } });
  });
});
