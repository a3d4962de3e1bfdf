/** Small stream plumbing the walkers share: counting, linking stages with clear errors, a sequential queue. */
import { Transform, type Readable, type TransformCallback } from 'node:stream';

/** Passes bytes through and counts them (bytes read from the bundle, for the ratio cap). */
export class ByteCounter extends Transform {
  count = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.count += chunk.length;
    cb(null, chunk);
  }
}

export interface Stage {
  stream: Readable;
  /** Turns this stage's raw error (zlib, fs) into the error the consumer should see. */
  describe?: (err: Error) => Error;
}

/**
 * Pipes stages into each other and returns the last. Any stage's error destroys the last stage with
 * the described error and tears the others down; destroying the last stage (consumer gave up, a cap
 * tripped) tears the others down too, so files close and tar entries drain.
 */
export function link(stages: Stage[]): Readable {
  const last = stages[stages.length - 1];
  if (!last) throw new Error('link: no stages');
  let failed = false;
  const teardown = () => {
    for (const s of stages) if (s !== last && !s.stream.destroyed) s.stream.destroy();
  };
  const fail = (err: Error) => {
    if (failed) return;
    failed = true;
    teardown();
    if (!last.stream.destroyed) last.stream.destroy(err);
  };
  stages.forEach((s, i) => {
    s.stream.on('error', (err: Error) => fail(s.describe ? s.describe(err) : err));
    const prev = stages[i - 1];
    if (prev) prev.stream.pipe(s.stream as unknown as NodeJS.WritableStream);
  });
  last.stream.on('close', teardown);
  return last.stream;
}

/** Resolves once a stream has closed (or at once if it already has); never rejects. */
export function settled(stream: Readable): Promise<void> {
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('close', () => resolve());
  });
}

/** Items pushed by an event source, taken one at a time by an async loop. */
export class AsyncQueue<T> {
  private items: T[] = [];
  private waiter: ((v: T | null) => void) | null = null;
  private ended = false;

  push(item: T): void {
    if (this.ended) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(item);
    } else this.items.push(item);
  }

  end(): void {
    this.ended = true;
    if (this.waiter && this.items.length === 0) {
      const w = this.waiter;
      this.waiter = null;
      w(null);
    }
  }

  /** The next item, or null once ended and empty. */
  next(): Promise<T | null> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve(item);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  /** Items never taken (after end). */
  drop(): T[] {
    const rest = this.items;
    this.items = [];
    return rest;
  }
}
