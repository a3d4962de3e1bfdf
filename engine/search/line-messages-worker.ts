/**
 * Worker thread body: reads the messages of a list of line blocks, in order, and hands them to the
 * index build (line-messages.ts), at most AHEAD blocks ahead of it. Its own read-only connection.
 */
import { workerData } from 'node:worker_threads';
import { LineBlockRepo } from '../store/line-blocks';
import { openDatabase } from '../store/open';
import { AHEAD, FAILED, InlineMessages, POSTED, STATE, TAKEN, type BlockMessages, type LineMessagesWorkerData } from './line-messages';

const data = workerData as LineMessagesWorkerData;
const counters = new Int32Array(data.counters);

try {
  const db = openDatabase(data.dbPath, { readonly: true });
  const blocks = new LineBlockRepo(db);
  const source = new InlineMessages(db);
  try {
    for (const id of data.blocks) {
      // Wait while the build has not taken what is ahead of it.
      for (let taken = Atomics.load(counters, TAKEN); Atomics.load(counters, POSTED) - taken >= AHEAD; taken = Atomics.load(counters, TAKEN)) {
        Atomics.wait(counters, TAKEN, taken, 200);
      }
      const s = blocks.byId(id);
      if (!s) throw new Error(`line block ${id} is gone`); // the build skips it too: read on its thread from here
      data.port.postMessage({ id, messages: source.messages(s) } satisfies BlockMessages);
      Atomics.add(counters, POSTED, 1);
      Atomics.notify(counters, POSTED);
    }
  } finally {
    source.close();
    db.close();
  }
} catch {
  // The build reads the rest itself (line-messages.ts).
  Atomics.store(counters, STATE, FAILED);
  Atomics.notify(counters, POSTED);
}
data.port.close();
