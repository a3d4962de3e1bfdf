/**
 * `startSearchIndex`: builds a bundle's index in a worker thread so the UI stays usable, with
 * progress, cancellation and an outcome. One build per database and bundle runs in a process at a
 * time: asking again while one runs returns the running job.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { WORKER_YOUNG_MB } from '../runtime/worker-limits';
import type { BuildOutcome } from './build';
import type { BuildWorkerData, BuildWorkerMessage } from './build-worker';

export interface SearchBuildProgress {
  bundleId: number;
  /** Events indexed so far, of `total`. */
  done: number;
  total: number;
}

export type SearchBuildOutcome = BuildOutcome;

export interface StartSearchIndexOptions {
  /** Rebuild even when the index is current (otherwise a current index is kept and reported ready at once). */
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: SearchBuildProgress) => void;
}

const running = new Map<string, SearchIndexJob>();

export class SearchIndexJob {
  /** Resolves when the build ends, however it ends; never rejects. */
  readonly done: Promise<SearchBuildOutcome>;
  private last: SearchBuildProgress | null = null;
  private readonly listeners = new Set<(p: SearchBuildProgress) => void>();
  private readonly cancelFlag = new SharedArrayBuffer(4);

  constructor(readonly dbPath: string, readonly bundleId: number, force: boolean) {
    const data: BuildWorkerData = { dbPath, bundleId, owner: randomUUID(), force, cancel: this.cancelFlag };
    this.done = new Promise<SearchBuildOutcome>((settle) => {
      let outcome: SearchBuildOutcome | null = null;
      const worker = new Worker(new URL('./build-worker.mjs', import.meta.url), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
      worker.on('message', (m: BuildWorkerMessage) => {
        if (m.type === 'progress') this.emit({ bundleId, done: m.done, total: m.total });
        else outcome = m.outcome;
      });
      worker.on('error', (e) => {
        outcome ??= { state: 'failed', message: `index build crashed: ${e.message}` };
      });
      worker.on('exit', (code) => settle(outcome ?? { state: 'failed', message: `index build stopped (worker exit code ${code})` }));
    });
  }

  /** The latest progress report, null before the first. */
  get progress(): SearchBuildProgress | null {
    return this.last;
  }

  onProgress(listener: (p: SearchBuildProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks the build to stop at its next step; it drops what it built and the outcome is `cancelled`. */
  cancel(): void {
    Atomics.store(new Int32Array(this.cancelFlag), 0, 1);
  }

  private emit(p: SearchBuildProgress): void {
    this.last = p;
    for (const l of this.listeners) l(p);
  }
}

/** Starts (or joins) the index build of `bundleId` in the database file at `dbPath`. */
export function startSearchIndex(dbPath: string, bundleId: number, opts: StartSearchIndexOptions = {}): SearchIndexJob {
  if (dbPath === ':memory:' || dbPath === '') throw new RangeError('the search index is built by a worker on its own connection: it needs a database file');
  const key = `${resolve(dbPath)}#${bundleId}`;
  let job = running.get(key);
  if (!job) {
    const started = new SearchIndexJob(resolve(dbPath), bundleId, opts.force ?? false);
    running.set(key, started);
    void started.done.then(() => running.delete(key));
    job = started;
  }
  if (opts.onProgress) job.onProgress(opts.onProgress);
  if (opts.signal) {
    const j = job;
    if (opts.signal.aborted) j.cancel();
    else opts.signal.addEventListener('abort', () => j.cancel(), { once: true });
  }
  return job;
}
