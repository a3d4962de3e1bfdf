/**
 * `ingestInWorker`: runs an ingest (prepareBundle + the timeline summary) in a worker thread, so
 * the caller's event loop keeps serving the UI. Cancel asks the worker to stop; one still busy a
 * second later (inside one long SQLite statement, say) is terminated.
 */
import { once } from 'node:events';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { WORKER_YOUNG_MB } from '../runtime/worker-limits';
import { IngestCancelled } from '../ingest/file-ingest';
import type { IngestProgress } from '../ingest/progress';
import { toRootlineError, type PreparedBundle } from './analyze';
import { RootlineError } from './errors';
import type { IngestWorkerCommand, IngestWorkerData, IngestWorkerMessage } from './ingest-worker';

export type IngestOutcome = Omit<PreparedBundle, 'store'>;

const CANCEL_GRACE_MS = 1000;

/** The exit of the last worker started on each database: a re-ingest must not race a dying one. */
const exits = new Map<string, Promise<void>>();

const cancelled = () => toRootlineError(new IngestCancelled()) as RootlineError;

export async function ingestInWorker(data: IngestWorkerData, signal: AbortSignal, onProgress: (p: IngestProgress) => void): Promise<IngestOutcome> {
  const db = resolve(data.db);
  const prior = exits.get(db);
  if (prior && !signal.aborted) await Promise.race([prior, once(signal, 'abort')]);
  if (signal.aborted) throw cancelled();
  return new Promise<IngestOutcome>((settle, fail) => {
    let ended: IngestWorkerMessage | null = null;
    let crash: string | null = null;
    let kill: NodeJS.Timeout | undefined;
    const worker = new Worker(new URL('./ingest-worker.mjs', import.meta.url), { workerData: { ...data, db }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    const exited = new Promise<void>((gone) => worker.once('exit', () => gone())); // events.once would reject on 'error'
    exits.set(db, exited);
    void exited.then(() => exits.get(db) === exited && exits.delete(db));
    const cancel = () => {
      worker.postMessage({ type: 'cancel' } satisfies IngestWorkerCommand);
      kill = setTimeout(() => {
        fail(cancelled());
        void worker.terminate();
      }, CANCEL_GRACE_MS);
    };
    signal.addEventListener('abort', cancel, { once: true });
    worker.on('message', (m: IngestWorkerMessage) => {
      if (m.type === 'progress') onProgress(m.progress);
      else ended = m;
    });
    worker.on('error', (e) => {
      crash ??= e.message;
    });
    worker.on('exit', (code) => {
      clearTimeout(kill);
      signal.removeEventListener('abort', cancel);
      const m = ended;
      // A cancel wins over a result that raced it: the user asked to stop.
      if (signal.aborted) fail(cancelled());
      else if (m?.type === 'done') {
        const { type: _type, ...outcome } = m;
        settle(outcome);
      } else if (m?.type === 'error') fail(new RootlineError(m.code, m.message));
      else fail(new RootlineError('internal', `ingest crashed: ${crash ?? `worker exit code ${code}`}`));
    });
  });
}
