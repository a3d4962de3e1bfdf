/**
 * Worker thread body: ingests and analyses one bundle on its own connection, so the thread that
 * started it (Electron's main process, the bridge's HTTP server) stays free. Loaded through
 * ingest-worker.mjs; started by ingest-job.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { IngestProgress } from '../ingest/progress';
import { ensureTimelineSummary } from '../timeline';
import { prepareBundle, toRootlineError, type PreparedBundle } from './analyze';
import { RootlineError, type RootlineErrorCode } from './errors';

export interface IngestWorkerData {
  path: string;
  db: string;
  tz?: string;
  force?: boolean;
}

export type IngestWorkerMessage =
  | { type: 'progress'; progress: IngestProgress }
  | ({ type: 'done' } & Omit<PreparedBundle, 'store'>)
  | { type: 'error'; code: RootlineErrorCode; message: string };

export interface IngestWorkerCommand {
  type: 'cancel';
}

const data = workerData as IngestWorkerData;
const port = parentPort!;
const post = (m: IngestWorkerMessage) => port.postMessage(m);
const controller = new AbortController();
const onCommand = (m: IngestWorkerCommand) => {
  if (m.type === 'cancel') controller.abort();
};
port.on('message', onCommand);

async function run(): Promise<IngestWorkerMessage> {
  try {
    const p = await prepareBundle(data.path, { db: data.db, tz: data.tz, force: data.force, signal: controller.signal, onProgress: (progress) => post({ type: 'progress', progress }) });
    try {
      ensureTimelineSummary(p.store, p.bundleId);
    } finally {
      p.store.close(); // before 'done': the engine opens its own connection next
    }
    return { type: 'done', bundleId: p.bundleId, dbPath: p.dbPath, reused: p.reused, errors: p.errors };
  } catch (e) {
    const err = toRootlineError(e);
    if (err instanceof RootlineError) return { type: 'error', code: err.code, message: err.message };
    return { type: 'error', code: 'internal', message: err instanceof Error ? err.message : String(err) };
  }
}

void run().then((m) => {
  post(m);
  port.off('message', onCommand); // the listener would otherwise keep the thread alive
});
