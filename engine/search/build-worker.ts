/**
 * Worker thread body: builds one bundle's index on its own connection to the database file (WAL
 * lets the main thread keep reading and writing meanwhile). Loaded through build-worker.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../store/open';
import { buildSearchIndex, type BuildOutcome } from './build';

export interface BuildWorkerData {
  dbPath: string;
  bundleId: number;
  owner: string;
  force: boolean;
  /** Int32[0] = 1 asks the build to stop at its next step. */
  cancel: SharedArrayBuffer;
}

export type BuildWorkerMessage = { type: 'progress'; done: number; total: number } | { type: 'done'; outcome: BuildOutcome };

const data = workerData as BuildWorkerData;
const post = (m: BuildWorkerMessage) => parentPort!.postMessage(m);
const cancel = new Int32Array(data.cancel);

let outcome: BuildOutcome;
try {
  const db = openDatabase(data.dbPath);
  try {
    db.pragma('busy_timeout = 30000'); // the main thread may hold the write lock for an ingest batch
    // The build appends to the index and reads each block once: the query connection's 64 MiB page cache would only grow the process.
    db.pragma('cache_size = -8192');
    outcome = buildSearchIndex(db, data.bundleId, {
      owner: data.owner,
      force: data.force,
      isCancelled: () => Atomics.load(cancel, 0) === 1,
      dbPath: data.dbPath,
      onProgress: (done, total) => post({ type: 'progress', done, total }),
    });
  } finally {
    db.close();
  }
} catch (e) {
  outcome = { state: 'failed', message: e instanceof Error ? e.message : String(e) };
}
post({ type: 'done', outcome });
