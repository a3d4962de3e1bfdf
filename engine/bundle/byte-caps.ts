/**
 * Decompression-bomb defences, counted on the bytes as they stream (declared sizes are never trusted):
 * a per-entry ratio cap and a cap on the bundle's total uncompressed bytes.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { BundleError } from './errors';
import type { WalkLimits } from './types';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

export function ratioReason(produced: number, maxRatio: number): string {
  return `stopped after ${formatBytes(produced)}: compression ratio above ${maxRatio}:1 (possible decompression bomb)`;
}

/** What a guard charges its bytes to: the walk's running total. */
export interface ByteBudget {
  readonly limits: WalkLimits;
  /** Adds bytes to the total; false once the total is over `maxTotalBytes`. */
  charge(bytes: number): boolean;
  /** Halts the walk because the total is over (called after the guard has failed its own entry). */
  haltTotal(): void;
  /** Why an entry in flight is stopped by the total cap. */
  totalReason(produced: number): string;
}

/**
 * The last stage of every entry stream (and of a nested zip being spooled): counts what it passes,
 * errors with a BundleError('limit') when the entry's ratio or the bundle's total goes over.
 * `physical()` is how many bytes of the bundle's own storage the entry has consumed so far.
 */
export class CapGuard extends Transform {
  /** Bytes seen, including a chunk that tripped a cap. */
  produced = 0;
  /** Bytes passed on to the reader. */
  passed = 0;

  constructor(
    private readonly budget: ByteBudget,
    private readonly path: string,
    private readonly physical: () => number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.produced += chunk.length;
    const { ratioMinBytes, maxRatio } = this.budget.limits;
    // destroy() rather than cb(err): the error must be set before anything else can destroy the stream
    if (this.produced > ratioMinBytes && this.produced > maxRatio * Math.max(1, this.physical())) {
      this.destroy(new BundleError('limit', this.path, `${this.path}: ${ratioReason(this.produced, maxRatio)}`));
      return;
    }
    if (!this.budget.charge(chunk.length)) {
      this.destroy(new BundleError('limit', this.path, `${this.path}: ${this.budget.totalReason(this.produced)}`));
      this.budget.haltTotal(); // after failing this entry with its own message, stop the rest
      return;
    }
    this.passed += chunk.length;
    cb(null, chunk);
  }
}

/**
 * Bounds the work of inflating one archive stream (the tar inside a .tar.gz): entries that are
 * skipped rather than delivered still cost decompression, so the stream itself may not exceed the total cap.
 */
export class StreamCap extends Transform {
  private seen = 0;

  constructor(
    private readonly max: number,
    private readonly onOver: () => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.max) {
      this.onOver();
      cb(new Error(`decompressed archive passed ${formatBytes(this.max)}`));
      return;
    }
    cb(null, chunk);
  }
}
