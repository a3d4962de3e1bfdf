/**
 * Metrics inside logs: numbers a service logs about itself as JSON (`{"msg":"runtime stats",
 * "goroutines":120,"pool":{"idleCount":0,"waitingCount":7}}` every few seconds) become series, one
 * per file, process, message and field path, stored after the file's last record (store/log-metrics).
 *
 * What counts as a metric field:
 * - a number among the keys the parser did not type (`LogRecord.numbers`: pino, zap, zerolog, slog,
 *   logrus JSON…), at most three objects deep;
 * - under the same message, from the same process, on at least MIN_LINES timed lines, with values that
 *   vary (a constant beside varying siblings is kept too: a pool's maximum beside its in-use count is
 *   the ceiling the chart and the saturation rule need; a line whose numbers never vary is no series);
 * - from lines that sample a state: lines written on a timer (most intervals close to their median), or
 *   fields the signatures know by name (goroutines, open fds, pool statistics; `roleOf`), which a service
 *   may log on events (a pool's counts on each acquire). Lines written per request or per item
 *   arrive irregularly: their numbers describe the item, not the service;
 * - not excluded by its name or value (`excluded`, `looksLikeTime`): ids, times, codes, durations of single
 *   requests, and anything inside a request or response object, each for the reason given there.
 *
 * Cost: records without numbers (every text log) pay one property check; JSON lines pay two map
 * lookups and a push per number. Memory is bounded per group and per file by thinning (every other
 * kept line dropped, the whole time span kept) and by a cap on distinct messages.
 */
import type { LogRecord } from '../../parsers/types';
import { roleOf } from '../signatures/log-metric-fields';
import type { NewLogMetric } from '../store/log-metrics';

/** Fewer lines are a handful of events a reader takes in at a glance (a retry, a restart), not a series with a shape. */
export const MIN_LINES = 5;
/** Regularity is decided on this many lines: enough intervals for a median, few enough to stop buffering per-request lines early. */
const CHECK_LINES = 50;
/**
 * A timer's intervals sit close to their median (a late tick after a blocked event loop is one outlier);
 * Poisson arrivals put only about 18 % of their intervals within ±25 % of the median, a timer nearly all.
 */
const REGULAR_TOLERANCE = 0.25;
const REGULAR_SHARE = 0.5;
/**
 * Services sample themselves every second or slower (half a second leaves room for jitter and the odd
 * faster timer). Lines a few milliseconds apart are per-request lines under load, whose gaps repeat only
 * because the clock prints whole milliseconds.
 */
const MIN_PERIOD_MS = 500;
/** Values kept per message group before it is thinned: 100,000 is 10,000 lines of ten fields (28 h at one line each 10 s). */
const GROUP_VALUES = 100_000;
/** Values kept across a file (about 24 bytes each): beyond, the largest group is thinned. */
const FILE_VALUES = 2_000_000;
/** Distinct messages tracked per file; single lines are swept out first (unique messages with numbers in them). */
const MAX_GROUPS = 2_000;
/** A statistics line has a short fixed message; a longer one is a sentence with values inside it. */
const MAX_MESSAGE = 200;
/** Fields per message group (parsers cap the numbers of a line at 64 too). */
const MAX_FIELDS = 64;

/** Kinds whose lines describe one request (pino-http, access-style JSON): everything on them is that request's. */
const REQUEST_KINDS = new Set(['http.request', 'http.incoming']);

/**
 * Objects whose numbers belong to one request or response (`req.remotePort`, `res.headers.content-length`):
 * per item, not the service's state.
 */
const REQUEST_SCOPE = new Set(['req', 'res', 'request', 'response', 'headers', 'err', 'error']);
/**
 * Ids and labels (`reqId`, `user_id`, `pid`, `port`, `worker`… `line`, `version`): numbers that name something rather
 * than measure it. A request counter id rises with every request and would read as unbounded growth.
 */
const ID_NAMES = /^(?:id|ids|uuid|guid|pid|ppid|tid|uid|gid|port|line|lineno|column|col|seq|sequence|index|idx|v|version|shard|partition|worker|thread)$/i;
const ID_SUFFIX = /(?:[a-z0-9](?:Id|ID|Ids|Uuid|UUID|Port|Pid)|_id|_ids|-id|_uuid|_port|_pid)$/;
/**
 * Times (`time`, `createdAt`, `started_at`, `expiresTs`): a clock reading grows by construction; its rise is no trend.
 * Other names ending in `Time` are often cumulative durations (`cpuTime`, `gcTime`): those stay, and a clock
 * reading under any name is caught by its value (`looksLikeTime`).
 */
const TIME_NAMES = /^(?:time|ts|timestamp|date|datetime|epoch|when|now|deadline)$/i;
const TIME_SUFFIX = /(?:[a-z0-9](?:At|Ts|Timestamp|Date)|_at|_ts|_timestamp|_date)$/;
/** Status and error codes (`statusCode`, `errno`, `exitCode`, `sqlstate`): categories; their average or trend means nothing. */
const CODE_NAMES = /^(?:status|code|errno|signal|level|severity|priority|sqlstate|exitcode|exit_code)$/i;
const CODE_SUFFIX = /(?:[a-z0-9](?:Status|Code|StatusCode)|_status|_code)$/;
/**
 * Durations of single requests or calls (`responseTime`, `duration_ms`, `latency`, `queryTime`): one number per
 * request is a scatter of requests (slow-responses reads them), not the state of the service. Cumulative
 * durations named otherwise (`WaitDuration` in database/sql's DBStats, `gcPauseTotalNs`) are kept.
 */
const UNIT = String.raw`(?:_?(?:ms|us|µs|ns|s|sec|secs|seconds|millis|micros|nanos))?`;
const REQUEST_DURATION = new RegExp(
  String.raw`^(?:(?:request|response|query|handler|call|rpc|sql|upstream|req|res)_?)?(?:time|duration|elapsed(?:_?time)?|latency|took|rt)${UNIT}$`,
  'i',
);

/** Why a field path is not a metric, or null when it may be one. */
export function excluded(path: string): string | null {
  const dot = path.indexOf('.');
  if (dot > 0 && REQUEST_SCOPE.has(path.slice(0, dot).toLowerCase())) return 'inside a request, response or error';
  const leaf = path.slice(path.lastIndexOf('.') + 1);
  if (ID_NAMES.test(leaf) || ID_SUFFIX.test(leaf)) return 'an id or label';
  if (TIME_NAMES.test(leaf)) return 'a time';
  // Before the time suffixes: `responseTime` is a duration, `lastSeenTime` a time.
  if (REQUEST_DURATION.test(leaf)) return 'the duration of one request';
  if (TIME_SUFFIX.test(leaf)) return 'a time';
  if (CODE_NAMES.test(leaf) || CODE_SUFFIX.test(leaf)) return 'a status or error code';
  return null;
}

const DAY = 86_400_000;
/** Epoch seconds since 2000 are above this: a smaller number is never a time. */
const EPOCH_S_2000 = 946_684_800;

/** A value within a day of the line's own time, read as epoch s, ms, µs or ns, is a time whatever its name. */
export function looksLikeTime(v: number, ts: number): boolean {
  if (v < EPOCH_S_2000) return false;
  return Math.abs(v * 1000 - ts) < DAY || Math.abs(v - ts) < DAY || Math.abs(v / 1000 - ts) < DAY || Math.abs(v / 1e6 - ts) < DAY;
}

/** Whether line times look written on a timer: most intervals within REGULAR_TOLERANCE of their median, itself at least MIN_PERIOD_MS. */
export function regular(times: readonly number[]): boolean {
  if (times.length < 3) return false;
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) gaps.push(Math.abs(times[i]! - times[i - 1]!));
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1]!;
  if (median < MIN_PERIOD_MS) return false;
  let near = 0;
  for (const g of gaps) if (Math.abs(g - median) <= REGULAR_TOLERANCE * median) near++;
  return near >= REGULAR_SHARE * gaps.length;
}

/** Name verdicts are the same for every line: cached (bounded) across files. */
const verdicts = new Map<string, boolean>();
function candidate(path: string): boolean {
  let ok = verdicts.get(path);
  if (ok === undefined) {
    if (verdicts.size > 20_000) verdicts.clear();
    ok = excluded(path) === null;
    verdicts.set(path, ok);
  }
  return ok;
}

class Field {
  /** Ordinal of the line in its group, event id and value of each kept point. */
  readonly ords: number[] = [];
  readonly ids: number[] = [];
  readonly values: number[] = [];
  /** Lines that carried it (kept or thinned out). */
  seen = 0;
  varying = false;
  timeLike = false;
  constructor(readonly path: string) {}

  thin(stride: number): number {
    let w = 0;
    for (let r = 0; r < this.ords.length; r++) {
      if (this.ords[r]! % stride !== 0) continue;
      this.ords[w] = this.ords[r]!;
      this.ids[w] = this.ids[r]!;
      this.values[w] = this.values[r]!;
      w++;
    }
    const dropped = this.ords.length - w;
    this.ords.length = w;
    this.ids.length = w;
    this.values.length = w;
    return dropped;
  }
}

class Group {
  lines = 0;
  stride = 1;
  kept = 0;
  rejected = false;
  /** A field the signatures read by name: kept even when the lines are not regular. */
  state = false;
  readonly times: number[] = [];
  readonly fields = new Map<string, Field>();
  constructor(readonly pid: number | null, readonly message: string) {}
}

export class LogMetricCollector {
  private readonly byPid = new Map<number | null, Map<string, Group>>();
  private groups = 0;
  private full = false;
  private kept = 0;

  /** One record (with `numbers`) and the id its event got. */
  add(r: Pick<LogRecord, 'numbers' | 'ts' | 'kind' | 'message'> & { pid?: number | null }, eventId: number): void {
    const nums = r.numbers;
    if (!nums || r.ts === null || (r.kind !== null && REQUEST_KINDS.has(r.kind))) return;
    const message = r.message;
    if (message.length === 0 || message.length > MAX_MESSAGE) return;
    const pid = r.pid ?? null;
    let byMsg = this.byPid.get(pid);
    if (!byMsg) this.byPid.set(pid, (byMsg = new Map()));
    let g = byMsg.get(message);
    if (!g) {
      if (this.groups >= MAX_GROUPS) this.sweep();
      if (this.full) return;
      g = new Group(pid, message);
      byMsg.set(message, g);
      this.groups++;
    }
    if (g.rejected) return;
    const ord = g.lines++;
    if (ord < CHECK_LINES) {
      g.times.push(r.ts);
      if (ord === CHECK_LINES - 1 && !g.state && !regular(g.times)) return this.reject(g);
    }
    if (ord % g.stride !== 0) {
      for (let i = 0; i < nums.paths.length; i++) {
        const f = g.fields.get(nums.paths[i]!);
        if (f) f.seen++;
      }
      return;
    }
    g.kept++;
    for (let i = 0; i < nums.paths.length; i++) {
      const path = nums.paths[i]!;
      let f = g.fields.get(path);
      if (!f) {
        if (g.fields.size >= MAX_FIELDS || !candidate(path)) continue;
        f = new Field(path);
        g.fields.set(path, f);
        if (roleOf(message, path) !== null) g.state = true;
      }
      const v = nums.values[i]!;
      if (f.seen > 0 && v !== f.values[f.values.length - 1]) f.varying = true;
      if (v >= EPOCH_S_2000 && looksLikeTime(v, r.ts)) f.timeLike = true;
      f.seen++;
      f.ords.push(ord);
      f.ids.push(eventId);
      f.values.push(v);
      this.kept++;
    }
    if (g.kept * g.fields.size > GROUP_VALUES) this.thin(g);
    if (this.kept > FILE_VALUES) this.thinLargest();
  }

  /** The series the file holds, decided now that every line has been seen. */
  finish(): NewLogMetric[] {
    const out: NewLogMetric[] = [];
    for (const byMsg of this.byPid.values()) {
      for (const g of byMsg.values()) {
        if (g.rejected || g.lines < MIN_LINES) continue;
        if (!g.state && g.lines < CHECK_LINES && !regular(g.times)) continue;
        const fields = [...g.fields.values()].filter((f) => f.seen >= MIN_LINES && !f.timeLike);
        if (!fields.some((f) => f.varying)) continue;
        for (const f of fields) {
          out.push({ pid: g.pid, message: g.message, field: f.path, varying: f.varying, thinned: g.stride, eventIds: f.ids, values: f.values, count: f.values.length });
        }
      }
    }
    return out;
  }

  private reject(g: Group): void {
    g.rejected = true;
    for (const f of g.fields.values()) this.kept -= f.values.length;
    g.fields.clear();
    g.times.length = 0;
  }

  private thin(g: Group): void {
    g.stride *= 2;
    let left = 0;
    for (const f of g.fields.values()) {
      this.kept -= f.thin(g.stride);
      left = Math.max(left, f.values.length);
    }
    g.kept = left;
  }

  private thinLargest(): void {
    let largest: Group | null = null;
    let most = 0;
    for (const byMsg of this.byPid.values()) {
      for (const g of byMsg.values()) {
        let n = 0;
        for (const f of g.fields.values()) n += f.values.length;
        if (n > most) [largest, most] = [g, n];
      }
    }
    if (largest) this.thin(largest);
  }

  /** Frees the slots of messages seen once; stops taking new messages when that is not enough. */
  private sweep(): void {
    for (const byMsg of this.byPid.values()) {
      for (const [m, g] of byMsg) {
        if (g.lines > 1) continue;
        for (const f of g.fields.values()) this.kept -= f.values.length;
        byMsg.delete(m);
        this.groups--;
      }
    }
    if (this.groups >= MAX_GROUPS * 0.9) this.full = true;
  }
}
