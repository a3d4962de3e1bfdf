/**
 * A log record made ready to store: its fields as JSON, the signatures its line matches, and the
 * response time the statistics keep. Pure, so a parse worker can do it (parse-worker.ts) and post
 * only what the writer needs — no stack lines, no field objects.
 */
import type { LogRecord, NumericLeaves } from '../../parsers/types';
import { LOG_KINDS } from '../signatures/log-kinds';
import type { AnySignature as Signature } from '../signatures/types';
import { TQ, type NewEvent } from '../store/events';

export interface PreparedLog {
  type: 'log';
  prepared: true;
  /** The event row as stored, but for the file it belongs to. */
  row: Omit<NewEvent, 'file_id'>;
  numbers?: NumericLeaves;
  /** Ids of the signatures whose line predicate matched. */
  hits: string[] | null;
  /** A request line's logged duration as `json_extract(fields, '$.responseTimeMs')` reads it back; null otherwise. */
  responseTime: number | null;
}

function responseTime(kind: string | null, fields: Record<string, unknown>): number | null {
  if (kind !== LOG_KINDS.httpRequest) return null;
  const v = fields.responseTimeMs;
  if (v === undefined || v === null || typeof v === 'object') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function prepareLog(r: LogRecord, matchers: readonly Signature[]): PreparedLog {
  let fields: string | null = null;
  for (const _k in r.fields) {
    fields = JSON.stringify(r.fields);
    break;
  }
  let hits: string[] | null = null;
  for (const sig of matchers) {
    let hit = false;
    try {
      hit = sig.match!(r);
    } catch {
      hit = false; // a predicate bug must not abort the ingest
    }
    if (hit) (hits ??= []).push(sig.id);
  }
  const out: PreparedLog = {
    type: 'log',
    prepared: true,
    row: {
      ts: r.ts, tq: r.ts === null ? TQ.none : r.tq === 'explicit' ? TQ.explicit : TQ.assumed, level: r.level, pid: r.pid ?? null,
      thread: r.thread ?? null, logger: r.logger ?? null, kind: r.kind, message: r.message, fields, line: r.line, end_line: r.endLine,
      offset: r.offset, length: r.length,
    },
    hits,
    responseTime: responseTime(r.kind, r.fields),
  };
  if (r.numbers !== undefined) out.numbers = r.numbers;
  return out;
}

/** Numbers per record in a batch: ts, tq, level, pid, line, end_line, offset, length, responseTime (NaN = null). */
const NUMS = 9;
/** Strings per record: thread, logger, kind, message, fields. */
const STRS = 5;

/**
 * Records of one file as they cross between threads: log records as columns (a Float64Array and a
 * flat string array clone many times faster than an object per record), other records as they are,
 * each placed after the log records that preceded it.
 */
export interface EncodedBatch {
  count: number;
  nums: Float64Array;
  /** The record's strings end to end (one string clones as one copy), and each one's length (NULL_LEN: null). */
  text: string;
  lens: Uint32Array;
  hits: [number, string[]][];
  numbers: [number, NumericLeaves][];
  others: [number, { type: string }][];
}

const NULL_LEN = 0xffffffff;
const orNaN = (v: number | null) => (v === null ? NaN : v);
const orNull = (v: number) => (Number.isNaN(v) ? null : v);

export class BatchEncoder {
  private nums = new Float64Array(1024 * NUMS);
  private strs: (string | null)[] = [];
  private hits: [number, string[]][] = [];
  private numbers: [number, NumericLeaves][] = [];
  private others: [number, { type: string }][] = [];
  private count = 0;

  get size(): number {
    return this.count + this.others.length;
  }

  log(p: PreparedLog): void {
    if ((this.count + 1) * NUMS > this.nums.length) {
      const more = new Float64Array(this.nums.length * 2);
      more.set(this.nums);
      this.nums = more;
    }
    const e = p.row;
    const at = this.count * NUMS;
    const n = this.nums;
    n[at] = orNaN(e.ts);
    n[at + 1] = e.tq;
    n[at + 2] = orNaN(e.level);
    n[at + 3] = orNaN(e.pid);
    n[at + 4] = e.line;
    n[at + 5] = e.end_line;
    n[at + 6] = e.offset;
    n[at + 7] = e.length;
    n[at + 8] = orNaN(p.responseTime);
    this.strs.push(e.thread, e.logger, e.kind, e.message, e.fields);
    if (p.hits) this.hits.push([this.count, p.hits]);
    if (p.numbers !== undefined) this.numbers.push([this.count, p.numbers]);
    this.count++;
  }

  other(rec: { type: string }): void {
    this.others.push([this.count, rec]);
  }

  /** The batch so far (its numbers as a transferable copy); the encoder starts over. */
  take(): EncodedBatch {
    const lens = new Uint32Array(this.strs.length);
    for (let i = 0; i < lens.length; i++) lens[i] = this.strs[i] === null ? NULL_LEN : this.strs[i]!.length;
    const b: EncodedBatch = {
      count: this.count, nums: this.nums.slice(0, this.count * NUMS), text: this.strs.join(''), lens, hits: this.hits, numbers: this.numbers, others: this.others,
    };
    this.strs = [];
    this.hits = [];
    this.numbers = [];
    this.others = [];
    this.count = 0;
    return b;
  }
}

/** Hands the batch's records to `accept` in their original order. */
export function decodeBatch(b: EncodedBatch, accept: (rec: { type: string }) => void): void {
  let other = 0;
  let hit = 0;
  let num = 0;
  const n = b.nums;
  const s: (string | null)[] = new Array(b.lens.length);
  for (let i = 0, pos = 0; i < s.length; i++) {
    const len = b.lens[i]!;
    if (len === NULL_LEN) s[i] = null;
    else {
      s[i] = b.text.slice(pos, pos + len);
      pos += len;
    }
  }
  for (let i = 0; i < b.count; i++) {
    while (other < b.others.length && b.others[other]![0] === i) accept(b.others[other++]![1]);
    const at = i * NUMS;
    const st = i * STRS;
    const p: PreparedLog = {
      type: 'log',
      prepared: true,
      row: {
        ts: orNull(n[at]!), tq: n[at + 1]!, level: orNull(n[at + 2]!), pid: orNull(n[at + 3]!), thread: s[st]!, logger: s[st + 1]!, kind: s[st + 2]!,
        message: s[st + 3]!, fields: s[st + 4]!, line: n[at + 4]!, end_line: n[at + 5]!, offset: n[at + 6]!, length: n[at + 7]!,
      },
      hits: hit < b.hits.length && b.hits[hit]![0] === i ? b.hits[hit++]![1] : null,
      responseTime: orNull(n[at + 8]!),
    };
    if (num < b.numbers.length && b.numbers[num]![0] === i) p.numbers = b.numbers[num++]![1];
    accept(p);
  }
  while (other < b.others.length) accept(b.others[other++]![1]);
}
