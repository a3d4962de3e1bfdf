/**
 * A Node service's event-loop delay as it logs it about itself: `perf_hooks.monitorEventLoopDelay`
 * percentiles a service prints every few seconds (`eventLoop.delayMaxMs`, `delayP99Ms`), the
 * `eventLoopDelay` of @fastify/under-pressure's `memoryUsage()`, `event_loop_lag`, `loopDelay`… read
 * from the metrics inside logs (engine/ingest/log-metrics.ts: numbers of lines written on a timer,
 * per file, process and message).
 *
 * A report is a block when its delay is far above the service's own usual delay (the median of its
 * reports), not above a fixed number: a histogram's maximum sits near its timer resolution (10–20 ms),
 * under-pressure's mean minus that resolution near zero, and a 26 s block shows as 26,726 ms in the one
 * and as 227 ms in the other (its mean is diluted by the samples taken before the block, nodejs/node#34661).
 * Beside the delay, the same line's CPU time for the interval (`process.cpuUsage()`) and event-loop
 * utilization (`performance.eventLoopUtilization()`) say whether the loop was busy running code (a block)
 * or idle and not run (a stopped or starved process), which the cause rules weigh.
 *
 * Two findings per reporting series: an `info` one holding every report (so the Guide can tell "the
 * delay was measured and normal" from "not measured"), and, when some reports are blocks, one holding
 * those.
 */
import type { FindingDraft } from '../../model/finding';
import type { Occurrence } from '../../model/occurrence';
import type { LogMetricPoint, LogMetricRow } from '../../store/log-metrics';
import { formatMs, plural } from '../findings-from-hits';
import { percentile, sortedNumbers } from '../stats';
import type { DetectContext, Signature } from '../types';

export const EVENT_LOOP_DELAY = 'event-loop-delay';

export interface EventLoopDelayData {
  file: string;
  fileId: number;
  pid: number | null;
  /** The message of the reporting lines (`runtime stats`, `process health`). */
  message: string;
  /** The field read: the largest of the line's delay fields over the series (`eventLoop.delayMaxMs`). */
  field: string;
  /** The service's usual delay: the median of its reports, in ms. */
  baselineMs: number;
  /** From this delay a report is a block (ms). */
  thresholdMs: number;
  reports: number;
  blocked: number;
  maxDelayMs: number;
}

/** One report: the delay over the interval that ended at the line (`end`, `lineTs`). */
export interface LoopDelayOcc extends Occurrence {
  pid: number | null;
  /** The largest delay field of the line, in ms. */
  delayMs: number;
  baselineMs: number;
  field: string;
  blocked: boolean;
  /** Time since the series' previous report (ms); null for the first. */
  intervalMs: number | null;
  /** CPU time the process used since the previous report (user + system, ms), when the lines carry it. */
  cpuMs: number | null;
  /** Event-loop utilization the line reports (0–1), when it does. */
  utilization: number | null;
}

/**
 * A report is a block from this many times the usual delay: the spread of a healthy service's reports
 * stays within a factor of 2–3 (a histogram maximum 24–43 ms, under-pressure's mean 0.2–0.5 ms in the
 * samples), and slow-responses uses the same factor over the median for requests.
 */
const RATIO = 10;
/**
 * …and never below 20 ms: the default threshold of `blocked-at` (and the `blocked` module it keeps parity
 * with) for "the event loop was blocked"; below it a loop that usually reports ~0 ms would flag its GC
 * pauses.
 */
const FLOOR_MS = 20;
/** A delay from 1 s held every request for a second or more: users felt it. */
const HIGH_MS = 1000;
/** A baseline needs this many reports, so that one or two blocks cannot move the median (the metrics' own minimum series length). */
const MIN_REPORTS = 5;
/**
 * A unitless delay whose usual value is above this is in nanoseconds (a histogram's raw `max`, `mean`):
 * no service runs with its loop usually a thousand seconds behind.
 */
const NS_BASELINE = 1e6;

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const leafOf = (path: string): string => path.slice(path.lastIndexOf('.') + 1);

/**
 * A field naming the event loop's delay or lag: `eventLoopDelay`, `eventLoop.delayMaxMs`, `event_loop_lag`,
 * `loopDelay`, `nodejs_eventloop_lag_max_seconds`. Not its spread, count, floor or a configured limit.
 */
export function isDelayField(path: string): boolean {
  const n = norm(path);
  return /loop/.test(n) && /(delay|lag|block)/.test(n) && !/(stddev|std$|count|exceeds|threshold|limit|resolution|min(?!ute))/.test(n);
}

/** A field holding event-loop utilization: `eventLoopUtilized`, `eventLoop.utilization`, `elu`. */
export function isUtilizationField(path: string): boolean {
  const n = norm(path);
  return (/loop/.test(n) && /utili[sz]/.test(n)) || norm(leafOf(path)) === 'elu';
}

/** A field holding the process's CPU time: `cpu.userMs`, `cpuUsage.system`, `cpu.total_ms`. */
function cpuPart(path: string): 'user' | 'system' | 'total' | null {
  const n = norm(path);
  if (!/cpu/.test(n)) return null;
  const leaf = norm(leafOf(path));
  if (/^(user|usertime)/.test(leaf) || /user(ms|us|micros|millis|time)?$/.test(leaf)) return 'user';
  if (/^(system|sys)/.test(leaf) || /(system|sys)(ms|us|micros|millis|time)?$/.test(leaf)) return 'system';
  if (/^total(ms|us|micros|millis|time)?$/.test(leaf)) return 'total';
  return null;
}

/** Milliseconds per unit the key's suffix names; null when it names none. */
export function unitOf(leaf: string): number | null {
  if (/(?:Ms|MS|_ms|-ms|Millis|_millis|Milliseconds|_milliseconds|(?:delay|lag|max|mean|avg|p\d+)ms)$/.test(leaf)) return 1;
  if (/(?:Ns|NS|_ns|Nanos|_nanos|Nanoseconds|_nanoseconds)$/.test(leaf)) return 1e-6;
  if (/(?:Us|US|_us|µs|Micros|_micros|Microseconds|_microseconds)$/.test(leaf)) return 1e-3;
  if (/(?:Seconds|_seconds|Secs|_secs|Sec|_sec|_s)$/.test(leaf)) return 1000;
  return null;
}

interface Series {
  row: LogMetricRow;
  points: LogMetricPoint[];
}

/** The reporting lines of one (file, process, message): their delay, CPU and utilization per line. */
interface Report {
  ts: number;
  eventId: number;
  fileId: number;
  line: number;
  delayMs: number;
  field: string;
  cpuMs: number | null;
  utilization: number | null;
}

function delayScale(s: Series): number {
  const u = unitOf(leafOf(s.row.field));
  if (u !== null) return u;
  const usual = percentile(sortedNumbers(s.points.map((p) => p.value)), 50);
  return usual >= NS_BASELINE ? 1e-6 : 1;
}

/**
 * CPU ms per line from the group's CPU series: user + system (or total), in the key's unit (unitless keys
 * are `process.cpuUsage()`'s microseconds), differenced when the series only grows (cumulative since start).
 */
function cpuByEvent(series: readonly Series[]): Map<number, number> {
  const out = new Map<number, number>();
  const parts = series.map((s) => ({ s, part: cpuPart(s.row.field) })).filter((x) => x.part !== null);
  const use = parts.some((x) => x.part !== 'total') ? parts.filter((x) => x.part !== 'total') : parts;
  for (const { s } of use) {
    const scale = unitOf(leafOf(s.row.field)) ?? 1e-3;
    const pts = s.points;
    let cumulative = pts.length >= MIN_REPORTS;
    for (let i = 1; i < pts.length && cumulative; i++) if (pts[i]!.value < pts[i - 1]!.value) cumulative = false;
    for (let i = 0; i < pts.length; i++) {
      const v = cumulative ? (i === 0 ? null : pts[i]!.value - pts[i - 1]!.value) : pts[i]!.value;
      if (v === null) continue;
      out.set(pts[i]!.eventId, (out.get(pts[i]!.eventId) ?? 0) + v * scale);
    }
  }
  return out;
}

function reportsOf(group: readonly Series[]): Report[] {
  const delays = group.filter((s) => isDelayField(s.row.field));
  const byEvent = new Map<number, Report>();
  for (const s of delays) {
    const scale = delayScale(s);
    for (const p of s.points) {
      const ms = p.value * scale;
      const r = byEvent.get(p.eventId);
      if (!r) byEvent.set(p.eventId, { ts: p.ts, eventId: p.eventId, fileId: p.fileId, line: p.line, delayMs: ms, field: s.row.field, cpuMs: null, utilization: null });
      else if (ms > r.delayMs) Object.assign(r, { delayMs: ms, field: s.row.field });
    }
  }
  const cpu = cpuByEvent(group);
  const elu = group.find((s) => isUtilizationField(s.row.field));
  const eluBy = new Map((elu?.points ?? []).map((p) => [p.eventId, p.value > 1 && p.value <= 100 ? p.value / 100 : p.value]));
  const out = [...byEvent.values()].sort((a, b) => a.ts - b.ts || a.line - b.line);
  for (const r of out) {
    r.cpuMs = cpu.get(r.eventId) ?? null;
    r.utilization = eluBy.get(r.eventId) ?? null;
  }
  return out;
}

/** The delay series of a bundle, grouped by the lines that carry them. */
function groups(ctx: DetectContext): { row: LogMetricRow; series: Series[] }[] {
  const rows = ctx.store.logMetrics.list(ctx.bundleId);
  const byGroup = new Map<string, LogMetricRow[]>();
  for (const r of rows) {
    const k = `${r.fileId}|${r.pid ?? ''}|${r.message}`;
    const list = byGroup.get(k);
    if (list) list.push(r);
    else byGroup.set(k, [r]);
  }
  const out: { row: LogMetricRow; series: Series[] }[] = [];
  for (const list of byGroup.values()) {
    const first = list.find((r) => isDelayField(r.field));
    if (!first) continue;
    const wanted = list.filter((r) => isDelayField(r.field) || isUtilizationField(r.field) || cpuPart(r.field) !== null);
    out.push({ row: first, series: wanted.map((row) => ({ row, points: ctx.store.logMetrics.points(row.id) })) });
  }
  return out;
}

export const eventLoopDelay: Signature<typeof EVENT_LOOP_DELAY, EventLoopDelayData, LoopDelayOcc> = {
  id: EVENT_LOOP_DELAY,
  title: 'Event-loop delay',
  severity: 'info',
  explanation:
    'How late the Node event loop ran, as the service logs it about itself (perf_hooks.monitorEventLoopDelay, ' +
    "@fastify/under-pressure's memoryUsage(), a lag probe). While one callback runs synchronously — a big JSON.stringify, a " +
    'regular expression backtracking, crypto or compression with *Sync, a loop over a large array — nothing else runs: no ' +
    'request is read, no timer fires, no log line is written. A delay far above the service’s usual one is such a block; the ' +
    "same report's CPU time and event-loop utilization say whether the loop was busy running code or not run at all.",
  fix:
    'Find the synchronous work that ran then (the request that took as long as the block, a CPU profile with --cpu-prof); move it ' +
    'off the event loop (worker_threads, a job queue, streaming, async crypto/zlib) or bound it (input size limits, safe regular ' +
    'expressions); alert on the event-loop delay.',
  references: [
    'https://nodejs.org/api/perf_hooks.html#perf_hooksmonitoreventloopdelayoptions',
    'https://nodejs.org/en/learn/asynchronous-work/dont-block-the-event-loop',
    'https://github.com/nodejs/node/issues/34661',
    'https://github.com/fastify/under-pressure',
  ],
  detect(ctx) {
    const findings: FindingDraft<EventLoopDelayData, LoopDelayOcc>[] = [];
    const files = new Map(ctx.store.files.list(ctx.bundleId).map((f) => [f.id, f.path]));
    for (const g of groups(ctx)) {
      const reports = reportsOf(g.series);
      if (reports.length < MIN_REPORTS) continue;
      const baselineMs = percentile(sortedNumbers(reports.map((r) => r.delayMs)), 50);
      const thresholdMs = Math.max(FLOOR_MS, RATIO * baselineMs);
      const pid = g.row.pid;
      const file = files.get(g.row.fileId) ?? g.row.path;
      const occ = (r: Report, i: number): LoopDelayOcc => {
        const intervalMs = i > 0 ? r.ts - reports[i - 1]!.ts : null;
        const blocked = r.delayMs >= thresholdMs;
        // A block ended by the time its report ran: it lasted (at least, for a mean) its delay, within the interval.
        const start = blocked ? r.ts - Math.min(r.delayMs, intervalMs ?? r.delayMs) : r.ts;
        return {
          ts: start, end: r.ts, lineTs: r.ts, fileId: r.fileId, line: r.line, ref: `event:${r.eventId}`,
          process: pid !== null ? `pid:${pid}` : `file:${r.fileId}`,
          pid, delayMs: r.delayMs, baselineMs, field: r.field, blocked, intervalMs, cpuMs: r.cpuMs, utilization: r.utilization,
        };
      };
      const all = reports.map(occ);
      const blocks = all.filter((o) => o.blocked);
      const maxDelayMs = Math.max(...reports.map((r) => r.delayMs));
      const field = reports.reduce((a, b) => (b.delayMs > a.delayMs ? b : a)).field;
      const data: EventLoopDelayData = {
        file, fileId: g.row.fileId, pid, message: g.row.message, field, baselineMs, thresholdMs, reports: reports.length, blocked: blocks.length, maxDelayMs,
      };
      // The timer's period: the median interval (a block makes one interval long).
      const every = reports.length > 1 ? percentile(sortedNumbers(reports.slice(1).map((r, i) => r.ts - reports[i]!.ts)), 50) : null;
      findings.push({
        signature: this.id,
        severity: 'info',
        title: `${file} reports its event-loop delay`,
        summary:
          `${file}${pid !== null ? ` (pid ${pid})` : ''} logs its event-loop delay (${field}) ${every ? `about every ${formatMs(every)}` : ''} in ` +
          `"${g.row.message}": usually ${fmt(baselineMs)}, at most ${fmt(maxDelayMs)}.`,
        first: reports[0]!.ts,
        last: reports.at(-1)!.ts,
        count: reports.length,
        data,
        evidence: [],
        occurrences: all,
      });
      if (blocks.length === 0) continue;
      const worst = blocks.reduce((a, b) => (b.delayMs > a.delayMs ? b : a));
      findings.push({
        signature: this.id,
        severity: maxDelayMs >= HIGH_MS ? 'high' : 'medium',
        title: `The event loop of ${pid !== null ? `pid ${pid}` : file} was blocked`,
        summary:
          `${file} reported an event-loop delay far above its usual ${fmt(baselineMs)} ${plural(blocks.length, 'time')} ` +
          `(${field} up to ${fmt(worst.delayMs)}, ${Math.round(worst.delayMs / Math.max(baselineMs, 0.001))}× the usual).`,
        first: blocks[0]!.ts,
        last: blocks.at(-1)!.end ?? null,
        count: blocks.length,
        data,
        evidence: blocks.slice(0, 5).map((o) => ({ fileId: o.fileId, line: o.line, ts: o.lineTs ?? null, ref: o.ref!, note: `event-loop delay ${fmt(o.delayMs)} (usually ${fmt(baselineMs)})` })),
        occurrences: blocks,
      });
    }
    return findings;
  },
};

/** A delay as people read it: "0.3 ms", "227 ms", "26.7 s". */
export function fmt(ms: number): string {
  if (ms < 10) return `${ms.toFixed(ms < 1 ? 2 : 1)} ms`;
  return formatMs(ms);
}
