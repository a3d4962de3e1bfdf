/**
 * Ordinary log lines as columns in one buffer: what a line store keeps per line (as lnav does),
 * while the text stays in the file. A block is up to BLOCK_LINES consecutive ordinary records of one
 * file; records of note (warnings, hits, typed kinds, stack traces, fields) stay `events` rows.
 * Each line keeps the event id it was given, so ids stay dense and in line order across both.
 *
 * Layout, n lines: Float64 ts, offset, ms · Uint32 id − firstId, line, length · Int32 pid ·
 * Uint8 level, kind, tq. Wider columns first, so each typed view is aligned.
 */

/** Lines per block: about 170 KB of columns, one row of `line_blocks`. */
export const BLOCK_LINES = 4096;
const BYTES_PER_LINE = 8 * 3 + 4 * 4 + 3;

/** Ordinary lines are below this level (pino's WARN): warnings and worse are always rows. */
export const LINE_LEVEL_BELOW = 40;

/** The only kinds an ordinary record may have: none, or a plain request line. */
export const BLOCK_KINDS = [null, 'http.request'] as const;

export interface LineBlock {
  n: number;
  firstId: number;
  /** UTC (or wall-clock until placed) ms; NaN when the line has no time. */
  ts: Float64Array;
  offset: Float64Array;
  /** A request line's response time in ms; NaN when none. */
  ms: Float64Array;
  idDelta: Uint32Array;
  line: Uint32Array;
  length: Uint32Array;
  /** -1: none. */
  pid: Int32Array;
  /** 0: none; else level + 1. */
  level: Uint8Array;
  /** Index into BLOCK_KINDS. */
  kind: Uint8Array;
  /** TQ code. */
  tq: Uint8Array;
}

export function blockBytes(n: number): number {
  return n * BYTES_PER_LINE;
}

/** Typed views over a block's buffer (copied first when the buffer is not 8-byte aligned). */
export function viewBlock(buf: Uint8Array, n: number, firstId: number): LineBlock {
  let b = buf;
  if (b.byteOffset % 8 !== 0) b = new Uint8Array(buf);
  if (b.byteLength !== blockBytes(n)) throw new Error(`line block of ${n} lines has ${b.byteLength} bytes, expected ${blockBytes(n)}`);
  const ab = b.buffer;
  let at = b.byteOffset;
  const f64 = () => {
    const v = new Float64Array(ab, at, n);
    at += 8 * n;
    return v;
  };
  const u32 = () => {
    const v = new Uint32Array(ab, at, n);
    at += 4 * n;
    return v;
  };
  const ts = f64();
  const offset = f64();
  const ms = f64();
  const idDelta = u32();
  const line = u32();
  const length = u32();
  const pid = new Int32Array(ab, at, n);
  at += 4 * n;
  const level = new Uint8Array(ab, at, n);
  const kind = new Uint8Array(ab, at + n, n);
  const tq = new Uint8Array(ab, at + 2 * n, n);
  return { n, firstId, ts, offset, ms, idDelta, line, length, pid, level, kind, tq };
}

/** A fresh block of capacity `n` (filled by BlockBuilder). */
export function newBlock(n: number, firstId: number): { buf: Uint8Array; block: LineBlock } {
  const buf = new Uint8Array(new ArrayBuffer(blockBytes(n)));
  return { buf, block: viewBlock(buf, n, firstId) };
}

/** A block's buffer cut to its first `n` lines (columns moved together). */
export function shrinkBlock(b: LineBlock, n: number): Uint8Array {
  const { buf, block } = newBlock(n, b.firstId);
  for (const k of ['ts', 'offset', 'ms', 'idDelta', 'line', 'length', 'pid', 'level', 'kind', 'tq'] as const) {
    (block[k] as Float64Array).set((b[k] as Float64Array).subarray(0, n));
  }
  return buf;
}

export const levelOf = (b: LineBlock, i: number): number | null => (b.level[i] === 0 ? null : b.level[i]! - 1);
export const tsOf = (b: LineBlock, i: number): number | null => (Number.isNaN(b.ts[i]!) ? null : b.ts[i]!);
export const kindOf = (b: LineBlock, i: number): string | null => BLOCK_KINDS[b.kind[i]!] ?? null;
export const idOf = (b: LineBlock, i: number): number => b.firstId + b.idDelta[i]!;
