/**
 * A log record made ready to store: its fields as JSON, the signatures its line matches, and the
 * response time the statistics keep. Pure, so a parse worker can do it (parse-worker.ts) and post
 * only what the writer needs — no stack lines, no field objects.
 */
import type { LogRecord, NumericLeaves } from '../../parsers/types';
import { LOG_KINDS } from '../signatures/log-kinds';
import type { AnySignature as Signature } from '../signatures/types';
import { TQ, type NewEvent } from '../store/events';
import { LINE_LEVEL_BELOW } from '../store/line-block-codec';

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
  /**
   * An ordinary line (see `isOrdinary`): kept in a line block, not as a row. Its `row` then carries
   * no thread, logger, message or fields (they are read back from the file when shown).
   */
  ordinary: boolean;
}

/** Process ids as a line block stores them (Int32). */
const MAX_PID = 0x7fffffff;

/**
 * Whether a record is ordinary: a single line below WARN, matched by no signature, of no typed kind
 * but a plain request line, with no fields the parser cannot give again from the line alone and no
 * numbers for metrics. Most lines of a busy service are; the analysis needs only their time, level,
 * kind and response time, which a line block keeps (store/line-block-codec.ts).
 */
function isOrdinary(r: LogRecord, hits: string[] | null): boolean {
  if (hits !== null || r.endLine !== r.line || r.continuation.length > 0 || r.numbers !== undefined || r.fromContext) return false;
  if (r.level !== null && !(Number.isInteger(r.level) && r.level >= 0 && r.level < LINE_LEVEL_BELOW)) return false;
  if (r.pid !== undefined && !(Number.isInteger(r.pid) && r.pid >= 0 && r.pid <= MAX_PID)) return false;
  if (r.ts !== null && !Number.isFinite(r.ts)) return false;
  if (r.kind === LOG_KINDS.httpRequest) return true;
  if (r.kind !== null) return false;
  for (const _k in r.fields) return false;
  return true;
}

function responseTime(kind: string | null, fields: Record<string, unknown>): number | null {
  if (kind !== LOG_KINDS.httpRequest) return null;
  const v = fields.responseTimeMs;
  if (v === undefined || v === null || typeof v === 'object') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** The fields as stored: JSON, or null when there are none. */
function fieldsJson(fields: Record<string, unknown>): string | null {
  for (const _k in fields) return JSON.stringify(fields);
  return null;
}

/** Ids of the signatures whose line predicate matches the record, or null. */
function hitsOf(r: LogRecord, matchers: readonly Signature[]): string[] | null {
  let hits: string[] | null = null;
  for (let i = 0; i < matchers.length; i++) {
    const sig = matchers[i]!;
    let hit = false;
    try {
      hit = sig.match!(r);
    } catch {
      hit = false; // a predicate bug must not abort the ingest
    }
    if (hit) (hits ??= []).push(sig.id);
  }
  return hits;
}

const tqOf = (r: LogRecord) => (r.ts === null ? TQ.none : r.tq === 'explicit' ? TQ.explicit : TQ.assumed);

/** `keepLines`: the file's text stays readable after ingest (its own path or the content cache), so ordinary lines may go to blocks. */
export function prepareLog(r: LogRecord, matchers: readonly Signature[], keepLines = true): PreparedLog {
  const hits = hitsOf(r, matchers);
  const ordinary = keepLines && isOrdinary(r, hits);
  const out: PreparedLog = {
    type: 'log',
    prepared: true,
    row: {
      ts: r.ts, tq: tqOf(r), level: r.level, pid: r.pid ?? null,
      thread: ordinary ? null : (r.thread ?? null), logger: ordinary ? null : (r.logger ?? null), kind: r.kind, message: ordinary ? '' : r.message,
      fields: ordinary ? null : fieldsJson(r.fields), line: r.line, end_line: r.endLine, offset: r.offset, length: r.length,
    },
    hits,
    responseTime: responseTime(r.kind, r.fields),
    ordinary,
  };
  if (r.numbers !== undefined) out.numbers = r.numbers;
  return out;
}

/** Numbers per record in a batch: ts, tq, level, pid, line, end_line, offset, length, responseTime (NaN = null), ordinary (1/0). */
const NUMS = 10;
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
  /**
   * The records' strings end to end, RUN records to a string (a few long strings clone as a few copies), and
   * each one's length (NULL_LEN: null).
   */
  texts: string[];
  lens: Uint32Array;
  hits: [number, string[]][];
  numbers: [number, NumericLeaves][];
  others: [number, { type: string }][];
}

const NULL_LEN = 0xffffffff;
/** Records per joined run of text (see BatchEncoder.runs). */
const RUN = 64;
const orNaN = (v: number | null) => (v === null ? NaN : v);
const orNull = (v: number) => (Number.isNaN(v) ? null : v);

export class BatchEncoder {
  private nums = new Float64Array(1024 * NUMS);
  /**
   * The batch's text so far, in runs of RUN records joined while their strings are still in the CPU's
   * cache: joining a whole batch at the end read each record's scattered pieces back from memory, which
   * cost more than everything else the encoder does.
   */
  private runs: string[] = [];
  /** The records since the last run was joined: each one's strings end to end. */
  private run: string[] = [];
  /** Each string's length (NULL_LEN: null), taken while the strings are still at hand. */
  private lens = new Uint32Array(1024 * STRS);
  private hits: [number, string[]][] = [];
  private numbers: [number, NumericLeaves][] = [];
  private others: [number, { type: string }][] = [];
  private count = 0;

  /** `keepLines` as prepareLog takes it. */
  constructor(private readonly keepLines = true) {}

  get size(): number {
    return this.count + this.others.length;
  }

  /** The record as `prepareLog` prepares it, written straight into the columns (no objects in between: this runs once per record). */
  log(r: LogRecord, matchers: readonly Signature[]): void {
    const hits = hitsOf(r, matchers);
    const ordinary = this.keepLines && isOrdinary(r, hits);
    const at = this.next();
    const n = this.nums;
    n[at] = orNaN(r.ts);
    n[at + 1] = tqOf(r);
    n[at + 2] = orNaN(r.level);
    n[at + 3] = r.pid ?? NaN;
    n[at + 4] = r.line;
    n[at + 5] = r.endLine;
    n[at + 6] = r.offset;
    n[at + 7] = r.length;
    n[at + 8] = orNaN(responseTime(r.kind, r.fields));
    n[at + 9] = ordinary ? 1 : 0;
    if (ordinary) this.strings(null, null, r.kind, '', null);
    else this.strings(r.thread ?? null, r.logger ?? null, r.kind, r.message, fieldsJson(r.fields));
    this.extras(hits, r.numbers);
    this.count++;
  }

  other(rec: { type: string }): void {
    this.others.push([this.count, rec]);
  }

  /** The batch so far (its numbers as a transferable copy); the encoder starts over. */
  take(): EncodedBatch {
    const b: EncodedBatch = {
      count: this.count,
      nums: this.nums.slice(0, this.count * NUMS),
      texts: this.run.length > 0 ? [...this.runs, this.run.join('')] : this.runs,
      lens: this.lens.slice(0, this.count * STRS),
      hits: this.hits,
      numbers: this.numbers,
      others: this.others,
    };
    this.runs = [];
    this.run = [];
    this.hits = [];
    this.numbers = [];
    this.others = [];
    this.count = 0;
    return b;
  }

  /** Index of the next record's numbers, with room for them and its strings' lengths. */
  private next(): number {
    if ((this.count + 1) * NUMS > this.nums.length) {
      const more = new Float64Array(this.nums.length * 2);
      more.set(this.nums);
      this.nums = more;
      const lens = new Uint32Array(this.lens.length * 2);
      lens.set(this.lens);
      this.lens = lens;
    }
    return this.count * NUMS;
  }

  private strings(thread: string | null, logger: string | null, kind: string | null, message: string, fields: string | null): void {
    const l = this.lens;
    const at = this.count * STRS;
    l[at] = thread === null ? NULL_LEN : thread.length;
    l[at + 1] = logger === null ? NULL_LEN : logger.length;
    l[at + 2] = kind === null ? NULL_LEN : kind.length;
    l[at + 3] = message.length;
    l[at + 4] = fields === null ? NULL_LEN : fields.length;
    this.run.push((thread ?? '') + (logger ?? '') + (kind ?? '') + message + (fields ?? ''));
    if (this.run.length === RUN) {
      this.runs.push(this.run.join(''));
      this.run = [];
    }
  }

  private extras(hits: string[] | null, numbers: NumericLeaves | undefined): void {
    if (hits) this.hits.push([this.count, hits]);
    if (numbers !== undefined) this.numbers.push([this.count, numbers]);
  }
}

/** Hands the batch's records to `accept` in their original order. */
export function decodeBatch(b: EncodedBatch, accept: (rec: { type: string }) => void): void {
  let other = 0;
  let hit = 0;
  let num = 0;
  const n = b.nums;
  const s: (string | null)[] = new Array(b.lens.length);
  let text = '';
  for (let i = 0, pos = 0; i < s.length; i++) {
    if (i % (RUN * STRS) === 0) {
      text = b.texts[i / (RUN * STRS)]!;
      pos = 0;
    }
    const len = b.lens[i]!;
    if (len === NULL_LEN) s[i] = null;
    else {
      s[i] = text.slice(pos, pos + len);
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
      ordinary: n[at + 9] === 1,
    };
    if (num < b.numbers.length && b.numbers[num]![0] === i) p.numbers = b.numbers[num++]![1];
    accept(p);
  }
  while (other < b.others.length) accept(b.others[other++]![1]);
}
