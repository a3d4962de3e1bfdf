/**
 * Where the index build gets the messages of ordinary lines, a block at a time. Reading and parsing
 * them back is about a third of the build (2M lines: 5.4 s of about 17); on a second thread it runs
 * while the build thread feeds FTS5 (line-messages-worker.ts). The build stays synchronous: it takes
 * each block's messages with receiveMessageOnPort, waiting on a shared counter when they are not
 * there yet, and falls back to reading them itself if the other thread fails or stalls.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { StoredBlock } from '../store/line-blocks';
import { LineReader } from '../store/line-rows';
import type { DB } from '../store/open';
import { WORKER_YOUNG_MB } from '../runtime/worker-limits';

export interface MessageSource {
  /** The messages of a block's lines, in order; blocks are asked for in the order the source was given. */
  messages(block: StoredBlock): string[];
  close(): void;
}

/** Reads the messages on the calling thread. */
export class InlineMessages implements MessageSource {
  private readonly reader: LineReader;

  constructor(db: DB) {
    this.reader = new LineReader(db);
  }

  messages(s: StoredBlock): string[] {
    this.reader.loadSpan(s);
    const out = new Array<string>(s.block.n);
    for (let i = 0; i < s.block.n; i++) out[i] = this.reader.message(s, i); // unreadable: the UNREADABLE message, as search shows it
    return out;
  }

  close(): void {
    this.reader.close();
  }
}

/** Shared counters: blocks posted, blocks taken, and the worker's state. */
export const POSTED = 0;
export const TAKEN = 1;
export const STATE = 2;
export const FAILED = 1;
/** Blocks the worker may run ahead (about 170 KB of text each). */
export const AHEAD = 8;
/** A block not there after this long: the worker is taken for stuck and the build reads on its own. */
const STALL_MS = 30_000;

export interface LineMessagesWorkerData {
  dbPath: string;
  blocks: number[];
  counters: SharedArrayBuffer;
  port: MessagePort;
}

export interface BlockMessages {
  id: number;
  messages: string[];
}

/** Reads the messages on a worker thread, ahead of the build. */
export class WorkerMessages implements MessageSource {
  /** Builds in this process that went on without the worker (what tests check). */
  static fallbacks = 0;
  /** Blocks this process took from a worker (what tests check). */
  static taken = 0;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly counters: Int32Array;
  private fallback: InlineMessages | null = null;

  constructor(private readonly db: DB, dbPath: string, blocks: readonly number[]) {
    const shared = new SharedArrayBuffer(3 * 4);
    this.counters = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: LineMessagesWorkerData = { dbPath, blocks: [...blocks], counters: shared, port: port2 };
    this.worker = new Worker(new URL('./line-messages-worker.mjs', import.meta.url), {
      workerData: data,
      transferList: [port2],
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    this.worker.unref();
  }

  messages(s: StoredBlock): string[] {
    if (this.fallback) return this.fallback.messages(s);
    const deadline = Date.now() + STALL_MS;
    for (;;) {
      const got = receiveMessageOnPort(this.port)?.message as BlockMessages | undefined;
      if (got) {
        Atomics.add(this.counters, TAKEN, 1);
        Atomics.notify(this.counters, TAKEN);
        WorkerMessages.taken++;
        if (got.id === s.id && got.messages.length === s.block.n) return got.messages;
        return this.giveUp().messages(s); // out of step (never seen): read on this thread
      }
      if (Atomics.load(this.counters, STATE) === FAILED || Date.now() > deadline) return this.giveUp().messages(s);
      const posted = Atomics.load(this.counters, POSTED);
      Atomics.wait(this.counters, POSTED, posted, 200);
    }
  }

  private giveUp(): InlineMessages {
    WorkerMessages.fallbacks++;
    void this.worker.terminate();
    this.fallback = new InlineMessages(this.db);
    return this.fallback;
  }

  close(): void {
    this.fallback?.close();
    this.port.close();
    void this.worker.terminate();
  }
}
