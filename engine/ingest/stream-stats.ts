/**
 * Statistics kept while the bundle streams in, so that detectors do not re-read every stored event
 * after the load (signatures/types.ts `StreamedStats`). Each answer is exactly what the store would
 * give, or null where it could not be (then the detector queries the store as before):
 * - a file's event times in line order: 4 bytes per event (the offset from the file's first time),
 *   valid when the file's events arrived in line order with consecutive ids and its times were later
 *   moved by one constant (place-times.ts), which is the rule, not the exception;
 *   With each event its level and kind (a byte each), the same arrays give the counts per time
 *   bucket that the request-rate signature and the timeline summary would otherwise query;
 * - the response times of request lines, as counts per distinct value.
 */
import type { NewEvent } from '../store/events';
import { TQ, constantOffset } from '../store/events';
import type { Store } from '../store';
import { ExactHistogram } from '../signatures/stats';
import type { StreamedStats, TimesInLineOrder } from '../signatures/types';
import type { SecondCounts } from '../store/timeline-queries';

/** An event without a time. */
const UNTIMED = -0x80000000;
const CHUNK = 1 << 16;

/** Kinds are few (a parser's typed messages); a byte codes them, 0 for none. */
const MAX_KINDS = 255;

/** Kind names ↔ byte codes, shared by the files of one ingest. */
class Kinds {
  readonly names: string[] = [''];
  private readonly codes = new Map<string, number>();

  /** The code of a kind seen so far, else -1 (a question must not add kinds). */
  find(kind: string): number {
    return this.codes.get(kind) ?? -1;
  }

  code(kind: string | null): number {
    if (kind === null) return 0;
    let c = this.codes.get(kind);
    if (c === undefined) {
      if (this.names.length >= MAX_KINDS) return -1;
      c = this.names.length;
      this.names.push(kind);
      this.codes.set(kind, c);
    }
    return c;
  }
}

/** Levels as a byte: 0 for none, level + 1 for the integer levels 0…253 parsers give. */
function levelCode(level: number | null): number {
  if (level === null) return 0;
  return Number.isInteger(level) && level >= 0 && level < 254 ? level + 1 : -1;
}

class FileTimes {
  private chunks: Int32Array[] = [];
  private levels: Uint8Array[] = [];
  private kinds: Uint8Array[] = [];
  private count = 0;
  private firstId = -1;
  private lastLine = -Infinity;
  private base = NaN;
  private minRaw = Infinity;
  private maxRaw = -Infinity;
  private explicit = 0;
  private assumed = 0;
  /** Added to every stored offset once the file's times are placed; null until then. */
  private shift: number | null = null;
  ok = true;
  private ordered = true;

  constructor(private readonly kindCodes: Kinds) {}

  add(id: number, e: NewEvent): void {
    if (!this.ok) return;
    const lv = levelCode(e.level);
    const kd = this.kindCodes.code(e.kind);
    if (lv < 0 || kd < 0) return this.drop();
    if (this.firstId < 0) this.firstId = id;
    // Another order than line order, or a gap in ids: the times cannot stand in for the store's
    // line-ordered read (a GC log stores a pause at its last line); the counts still can.
    if (id !== this.firstId + this.count || e.line < this.lastLine) this.ordered = false;
    this.lastLine = e.line;
    let v = UNTIMED;
    if (e.ts !== null) {
      if (Number.isNaN(this.base)) this.base = e.ts;
      const d = e.ts - this.base;
      // Integer milliseconds only: SQLite's % truncates a REAL time, and the counts must bucket as it does.
      if (!Number.isInteger(e.ts) || d <= UNTIMED || d > 0x7fffffff) return this.drop();
      v = d;
      if (e.ts < this.minRaw) this.minRaw = e.ts;
      if (e.ts > this.maxRaw) this.maxRaw = e.ts;
      if (e.tq === TQ.explicit) this.explicit++;
      else this.assumed++;
    }
    const at = this.count % CHUNK;
    if (at === 0) {
      this.chunks.push(new Int32Array(CHUNK));
      this.levels.push(new Uint8Array(CHUNK));
      this.kinds.push(new Uint8Array(CHUNK));
    }
    const c = this.chunks.length - 1;
    this.chunks[c]![at] = v;
    this.levels[c]![at] = lv;
    this.kinds[c]![at] = kd;
    this.count++;
  }

  drop(): void {
    this.ok = false;
    this.chunks = [];
    this.levels = [];
    this.kinds = [];
  }

  /** The placed times of the first and last timed event (nulls when none). */
  range(): { first: number | null; last: number | null } {
    return this.minRaw > this.maxRaw ? { first: null, last: null } : { first: this.minRaw + this.shift!, last: this.maxRaw + this.shift! };
  }

  /** Whether the kept arrays stand for the file's stored events, placed. */
  get usable(): boolean {
    return this.ok && this.shift !== null;
  }

  /** Calls `fn(placedTs, levelCode, kindCode)` for every timed event, in order. */
  private each(fn: (ts: number, lv: number, kd: number) => void): void {
    const origin = this.base + this.shift!;
    for (let i = 0; i < this.count; i++) {
      const v = this.chunks[i >>> 16]![i & (CHUNK - 1)]!;
      if (v !== UNTIMED) fn(origin + v, this.levels[i >>> 16]![i & (CHUNK - 1)]!, this.kinds[i >>> 16]![i & (CHUNK - 1)]!);
    }
  }

  /** As `ts - (ts % bucketMs)` per event of kind code `kd`: bucket start → events. */
  countBuckets(kd: number, bucketMs: number, into: Map<number, number>): void {
    this.each((t, _lv, k) => {
      if (k !== kd) return;
      const b = t - (t % bucketMs);
      into.set(b, (into.get(b) ?? 0) + 1);
    });
  }

  /** The timeline summary's one-second counts of this file (store/timeline-queries.ts buildSummary). */
  seconds(kindNames: readonly string[]): SecondCounts {
    // One number per (second, level, kind): the second times 2^16, then the level and kind bytes
    // (exact below 2^53: seconds up to year 4000 and back).
    const counts = new Map<number, number>();
    let events = 0;
    let errors = 0;
    let warnings = 0;
    let first: number | null = null;
    let last: number | null = null;
    this.each((t, lv, kd) => {
      const slot = t - (((t % 1000) + 1000) % 1000);
      const key = (slot / 1000) * 65536 + lv * 256 + kd;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      events++;
      const level = lv - 1; // coalesce(level, -1)
      if (level >= 50) errors++;
      else if (level >= 40) warnings++;
      if (first === null || t < first) first = t;
      if (last === null || t > last) last = t;
    });
    function* rows(): Generator<{ t: number; level: number; kind: string; n: number }> {
      for (const [key, n] of counts) {
        const sec = Math.floor(key / 65536);
        const rest = key - sec * 65536;
        yield { t: sec * 1000, level: (rest >> 8) - 1, kind: kindNames[rest & 255]!, n };
      }
    }
    return { rows: rows(), events, untimed: this.count - events, first, last, errors, warnings };
  }

  /** How place-times.ts moved this file's times: kept when every time moved by the same amount. */
  placed(toUtc: (wallAsUtc: number) => number, fixedOffsetMs: number | null, dateless: boolean): void {
    if (!this.ok) return;
    if (this.assumed === 0) this.shift = 0; // only printed zones: convertAssumed leaves them alone
    else if (dateless || this.explicit > 0) this.drop(); // moved onto a day, or only part of the file moved
    else if (fixedOffsetMs !== null) this.shift = -fixedOffsetMs;
    else {
      // As EventRepo.convertAssumed decides it, so both move the times alike.
      const offset = constantOffset(toUtc, this.minRaw, this.maxRaw);
      if (offset !== null) this.shift = -offset;
      else this.drop();
    }
  }

  times(store: Store): TimesInLineOrder | null {
    if (!this.usable || !this.ordered) return null;
    const origin = this.base + this.shift!;
    const chunks = this.chunks;
    let timed = 0;
    for (let i = 0; i < this.count; i++) if (chunks[i >>> 16]![i & (CHUNK - 1)] !== UNTIMED) timed++;
    const line = (id: number) => store.events.lineOf(id)!;
    if (timed === this.count) {
      // Every event has a time (the rule): read the kept offsets in place.
      const id = (i: number) => this.firstId + i;
      return { at: (i) => origin + chunks[i >>> 16]![i & (CHUNK - 1)]!, length: timed, id, line: (i) => line(id(i)) };
    }
    // Events without a time in between: which event each timed one is (4 bytes each), then in place.
    const index = new Int32Array(timed);
    let k = 0;
    for (let i = 0; i < this.count; i++) if (chunks[i >>> 16]![i & (CHUNK - 1)] !== UNTIMED) index[k++] = i;
    const id = (i: number) => this.firstId + index[i]!;
    return {
      at: (i) => {
        const e = index[i]!;
        return origin + chunks[e >>> 16]![e & (CHUNK - 1)]!;
      },
      length: timed,
      id,
      line: (i) => line(id(i)),
    };
  }

}

export class StreamStats implements StreamedStats {
  private readonly files = new Map<number, FileTimes>();
  private readonly kinds = new Kinds();
  private readonly requests = new ExactHistogram();

  constructor(private readonly store: Store) {}

  /** Every stored event, with its id (EventWriter's observer). */
  event = (id: number, e: NewEvent): void => {
    let f = this.files.get(e.file_id);
    if (!f) this.files.set(e.file_id, (f = new FileTimes(this.kinds)));
    f.add(id, e);
  };

  /** A request line's logged duration (prepared-log.ts reads it as the store would). */
  responseTime(ms: number): void {
    this.requests.add(ms);
  }

  placed(fileId: number, toUtc: (wallAsUtc: number) => number, fixedOffsetMs: number | null, dateless: boolean): void {
    this.files.get(fileId)?.placed(toUtc, fixedOffsetMs, dateless);
  }

  timesInLineOrder(fileId: number): TimesInLineOrder | null {
    return this.files.get(fileId)?.times(this.store) ?? null;
  }

  responseTimes(): ExactHistogram {
    return this.requests;
  }

  /**
   * Events of `kind` per time bucket across the bundle, as `EventRepo.histogram`; null when a file
   * that may hold such events could not be kept.
   */
  histogram(kind: string, bucketMs: number): Map<number, number> | null {
    const kd = this.kinds.find(kind);
    const out = new Map<number, number>();
    for (const f of this.files.values()) {
      if (!f.usable) return null;
      if (kd >= 0) f.countBuckets(kd, bucketMs, out);
    }
    return out;
  }

  /** A file's first and last event time once placed, or null when the file could not be kept. */
  eventRange(fileId: number): { first: number | null; last: number | null } | null {
    const f = this.files.get(fileId);
    if (!f) return { first: null, last: null }; // no event at all
    return f.usable ? f.range() : null;
  }

  /** The timeline summary's one-second counts of a file, or null when the file could not be kept. */
  secondCounts(fileId: number): SecondCounts | null {
    const f = this.files.get(fileId);
    return f?.usable ? f.seconds(this.kinds.names) : null;
  }
}
