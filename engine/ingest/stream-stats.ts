/**
 * Statistics kept while the bundle streams in, so that detectors do not re-read every stored event
 * after the load (signatures/types.ts `StreamedStats`). Each answer is exactly what the store would
 * give, or null where it could not be (then the detector queries the store as before):
 * - a file's event times in line order: 4 bytes per event (the offset from the file's first time),
 *   valid when the file's events arrived in line order with consecutive ids and its times were later
 *   moved by one constant (place-times.ts), which is the rule, not the exception;
 * - the response times of request lines, as counts per distinct value.
 */
import type { NewEvent } from '../store/events';
import { TQ } from '../store/events';
import type { Store } from '../store';
import { ExactHistogram } from '../signatures/stats';
import type { StreamedStats, TimesInLineOrder } from '../signatures/types';

/** An event without a time. */
const UNTIMED = -0x80000000;
const CHUNK = 1 << 16;
/** A span this short holds no pair of DST changes, so equal offsets at both ends mean one offset throughout. */
const ONE_OFFSET_SPAN = 60 * 86_400_000;

class FileTimes {
  private chunks: Int32Array[] = [];
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

  add(id: number, e: NewEvent): void {
    if (!this.ok) return;
    if (this.firstId < 0) this.firstId = id;
    // Another order than line order, or a gap in ids: the stream cannot stand in for the store here.
    if (id !== this.firstId + this.count || e.line < this.lastLine) return this.drop();
    this.lastLine = e.line;
    let v = UNTIMED;
    if (e.ts !== null) {
      if (Number.isNaN(this.base)) this.base = e.ts;
      const d = e.ts - this.base;
      if (!Number.isInteger(d) || d <= UNTIMED || d > 0x7fffffff) return this.drop();
      v = d;
      if (e.ts < this.minRaw) this.minRaw = e.ts;
      if (e.ts > this.maxRaw) this.maxRaw = e.ts;
      if (e.tq === TQ.explicit) this.explicit++;
      else this.assumed++;
    }
    const at = this.count % CHUNK;
    if (at === 0) this.chunks.push(new Int32Array(CHUNK));
    this.chunks[this.chunks.length - 1]![at] = v;
    this.count++;
  }

  drop(): void {
    this.ok = false;
    this.chunks = [];
  }

  /** How place-times.ts moved this file's times: kept when every time moved by the same amount. */
  placed(toUtc: (wallAsUtc: number) => number, fixedOffsetMs: number | null, dateless: boolean): void {
    if (!this.ok) return;
    if (this.assumed === 0) this.shift = 0; // only printed zones: convertAssumed leaves them alone
    else if (dateless || this.explicit > 0) this.drop(); // moved onto a day, or only part of the file moved
    else if (fixedOffsetMs !== null) this.shift = -fixedOffsetMs;
    else {
      const first = toUtc(this.minRaw) - this.minRaw;
      const last = toUtc(this.maxRaw) - this.maxRaw;
      if (first === last && this.maxRaw - this.minRaw < ONE_OFFSET_SPAN) this.shift = first;
      else this.drop();
    }
  }

  times(store: Store): TimesInLineOrder | null {
    if (!this.ok || this.shift === null) return null;
    let timed = 0;
    for (let i = 0; i < this.count; i++) if (this.chunks[i >>> 16]![i & (CHUNK - 1)] !== UNTIMED) timed++;
    const ids = new Float64Array(timed);
    const ts = new Float64Array(timed);
    let k = 0;
    const origin = this.base + this.shift;
    for (let i = 0; i < this.count; i++) {
      const v = this.chunks[i >>> 16]![i & (CHUNK - 1)]!;
      if (v === UNTIMED) continue;
      ids[k] = this.firstId + i;
      ts[k++] = origin + v;
    }
    return { ids, ts, length: timed, line: (i) => store.events.byIds([ids[i]!])[0]!.line };
  }
}

export class StreamStats implements StreamedStats {
  private readonly files = new Map<number, FileTimes>();
  private readonly requests = new ExactHistogram();

  constructor(private readonly store: Store) {}

  /** Every stored event, with its id (EventWriter's observer). */
  event = (id: number, e: NewEvent): void => {
    let f = this.files.get(e.file_id);
    if (!f) this.files.set(e.file_id, (f = new FileTimes()));
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
}
