/**
 * Parsing on the second core: a big file's chunks go to a parse worker (parse-worker.ts) and its
 * prepared records come back to the thread that owns SQLite, which only stores them. One worker
 * serves an ingest's files one at a time. A bounded number of chunks is in flight, so a fast reader
 * never queues a whole file in memory ahead of the parser.
 */
import { Worker } from 'node:worker_threads';
import { PARSE_WORKER_YOUNG_MB } from '../runtime/worker-limits';
import { PARSERS } from '../../parsers';
import type { AnyParser } from '../../parsers/registry';
import { SIGNATURES } from '../signatures';
import type { AnySignature } from '../signatures/types';
import type { DetectedEncoding } from './lines';
import { decodeBatch, type EncodedBatch } from './prepared-log';

export type ToParser =
  | { type: 'open'; parser: number; fileName: string; encoding: DetectedEncoding; matchers: string[]; keepLines: boolean }
  | { type: 'chunk'; buf: ArrayBuffer }
  | { type: 'end' };

export type FromParser =
  | { type: 'out'; batch: EncodedBatch; lines: number; checkpoints: [number, number][]; acked: number }
  | { type: 'failed'; message: string; lines: number }
  | { type: 'ended' };

/** Chunks (64 KiB reads) handed over and not yet parsed: enough to keep the parser busy, a few MiB at most. */
const MAX_IN_FLIGHT = 16;

export interface PipeTarget {
  record(rec: { type: string }): void;
  /** Lines read so far in the file, and new line-offset checkpoints. */
  lines(total: number, checkpoints: [number, number][]): void;
}

export interface PipeResult {
  lines: number;
  /** The parser's exception, when it stopped part-way. */
  error: string | null;
}

export class ParseWorker {
  /** Files handed to parse workers in this process (what tests check to know the worker was used). */
  static filesOpened = 0;
  private readonly worker: Worker;
  private inFlight = 0;
  private wake: (() => void) | null = null;
  private target: PipeTarget | null = null;
  private lines = 0;
  private error: string | null = null;
  private ended: ((r: PipeResult) => void) | null = null;
  private crashed: Error | null = null;

  constructor() {
    this.worker = new Worker(new URL('./parse-worker.mjs', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: PARSE_WORKER_YOUNG_MB } });
    this.worker.on('message', (m: FromParser) => this.receive(m));
    this.worker.on('error', (e) => this.crash(e));
    this.worker.on('exit', (code) => this.crash(new Error(`parse worker stopped (exit code ${code})`)));
  }

  /** Starts a file: `parser` is the index of its parser in PARSERS, `matchers` the ids of the line predicates to apply. */
  open(target: PipeTarget, spec: Omit<Extract<ToParser, { type: 'open' }>, 'type'>): void {
    this.check();
    ParseWorker.filesOpened++;
    this.target = target;
    this.lines = 0;
    this.error = null;
    this.worker.postMessage({ type: 'open', ...spec } satisfies ToParser);
  }

  /** Hands a chunk over (copied: the reader may reuse its buffer); waits while too many are in flight. */
  async push(chunk: Buffer): Promise<void> {
    this.check();
    if (this.error !== null) return; // the parser stopped: the rest of the file is hashed and cached only
    const buf = chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength) as ArrayBuffer;
    this.worker.postMessage({ type: 'chunk', buf } satisfies ToParser, [buf]);
    this.inFlight++;
    while (this.inFlight >= MAX_IN_FLIGHT && !this.crashed) await new Promise<void>((r) => (this.wake = r));
    this.check();
  }

  /** Ends the file; resolves once every record it gave has been handed to the target. */
  end(): Promise<PipeResult> {
    this.check();
    return new Promise<PipeResult>((resolve) => {
      this.ended = resolve;
      this.worker.postMessage({ type: 'end' } satisfies ToParser);
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private receive(m: FromParser): void {
    if (m.type === 'out') {
      decodeBatch(m.batch, this.target!.record);
      this.lines = m.lines;
      this.target!.lines(m.lines, m.checkpoints);
      this.inFlight -= m.acked;
      this.release();
    } else if (m.type === 'failed') {
      this.error = m.message;
      this.lines = m.lines;
      this.release();
    } else {
      const done = this.ended;
      this.ended = null;
      this.target = null;
      this.inFlight = 0;
      done?.({ lines: this.lines, error: this.error });
    }
  }

  private release(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private crash(e: Error): void {
    this.crashed ??= e;
    this.release();
    const done = this.ended;
    this.ended = null;
    done?.({ lines: this.lines, error: `parse worker failed: ${e.message}` });
  }

  private check(): void {
    if (this.crashed) throw new Error(`parse worker failed: ${this.crashed.message}`);
  }
}

/**
 * Files below this size are parsed on the writer's thread: starting the worker (loading the parsers
 * and signatures into it) costs a few hundred milliseconds, more than a small file takes to parse.
 */
export const PIPE_FROM_BYTES = 8 << 20;

/** The ingest's parse worker, started when the first file big enough to use it comes. */
export class LazyParseWorker {
  private worker: ParseWorker | null = null;

  /** `fromBytes`: files this big or of unknown size (a stream being unpacked) go to the worker. */
  constructor(readonly fromBytes: number = PIPE_FROM_BYTES) {}

  /**
   * The worker for a file, or null when it stays on this thread: small, or read by a parser or
   * signatures the worker does not have (the worker loads the registries, not the caller's lists).
   */
  for(size: number | null, parser: AnyParser | null, matchers: readonly AnySignature[]): { worker: ParseWorker; parser: number; matchers: string[] } | null {
    if (!parser || (size !== null && size < this.fromBytes)) return null;
    const index = PARSERS.indexOf(parser);
    if (index < 0 || !matchers.every((m) => (SIGNATURES as readonly AnySignature[]).includes(m))) return null;
    this.worker ??= new ParseWorker();
    return { worker: this.worker, parser: index, matchers: matchers.map((m) => m.id) };
  }

  async close(): Promise<void> {
    await this.worker?.close();
    this.worker = null;
  }
}
