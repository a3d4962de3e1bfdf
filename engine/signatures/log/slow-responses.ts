import type { LogRecord } from '../../../parsers/types';
import { fieldsOf, formatMs, pickEvidence, plural, singleFinding } from '../findings-from-hits';
import { LOG_KINDS } from '../log-kinds';
import { ExactHistogram } from '../stats';
import type { Occurrence } from '../../model/occurrence';
import type { Signature } from '../types';

export const SLOW_RESPONSES = 'slow-responses';

export interface SlowResponsesData {
  thresholdMs: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  slow: number;
  requests: number;
}

/** One slow request; it was in flight from `ts` (its start) to `end` (when it was logged). */
export interface SlowOcc extends Occurrence {
  responseTimeMs: number;
  /** The request's method and URL as logged (null when the line has none): which route was slow. */
  method: string | null;
  url: string | null;
}

/** Candidates are recorded at ingest from this floor; the real threshold depends on the service's median. */
const FLOOR_MS = 1000;

function responseTime(r: { fields: Record<string, unknown> }): number {
  return Number(r.fields.responseTimeMs) || 0;
}

export const slowResponses: Signature<typeof SLOW_RESPONSES, SlowResponsesData, SlowOcc> = {
  id: SLOW_RESPONSES,
  title: 'Slow responses',
  severity: 'medium',
  explanation:
    'Requests took far longer than this service usually needs (at least 1 s and 10× its median). Requests that wait rather than ' +
    'work — on a pool, a lock, a slow dependency without a timeout — show up here before they become timeouts and errors.',
  fix:
    'Look at what the slow requests have in common (route, time, dependency) and what the process was waiting on then (pool stats, ' +
    'thread or goroutine dumps). Give every outbound call a timeout.',
  references: ['https://github.com/pinojs/pino-http#pinohttpopts-stream'],
  samples: {
    parser: 'pino',
    match: ['{"level":30,"time":1700000000000,"pid":7,"hostname":"api","reqId":"req-1","req":{"method":"GET","url":"/orders"},"res":{"statusCode":200},"responseTime":86012,"msg":"request completed"}'],
    noMatch: ['{"level":30,"time":1700000000000,"pid":7,"hostname":"api","reqId":"req-2","req":{"method":"GET","url":"/orders"},"res":{"statusCode":200},"responseTime":12.5,"msg":"request completed"}'],
  },
  match: (r: LogRecord) => r.kind === LOG_KINDS.httpRequest && responseTime(r) >= FLOOR_MS,
  detect(ctx) {
    const all = ctx.streamed?.responseTimes() ?? ExactHistogram.of(ctx.store.events.numbers(ctx.bundleId, LOG_KINDS.httpRequest, '$.responseTimeMs'));
    if (all.count === 0) return [];
    const median = all.percentile(50);
    const threshold = Math.max(FLOOR_MS, 10 * median);
    const slow = ctx.store.hits.events(ctx.bundleId, this.id).filter((e) => Number(fieldsOf(e).responseTimeMs) >= threshold);
    const worst = slow.reduce<(typeof slow)[number] | null>((a, b) => (!a || Number(fieldsOf(b).responseTimeMs) > Number(fieldsOf(a).responseTimeMs) ? b : a), null);
    const worstMs = worst ? Number(fieldsOf(worst).responseTimeMs) : 0;
    if (slow.length < 3 && worstMs < 10_000) return [];
    return singleFinding(this, ctx, () => ({
      severity: worstMs >= 10_000 || slow.length / all.count > 0.05 ? 'high' : 'medium',
      summary: `${plural(slow.length, 'request')} took over ${formatMs(threshold)} (median ${formatMs(median)}, p99 ${formatMs(all.percentile(99))}, slowest ${formatMs(worstMs)}).`,
      data: { thresholdMs: threshold, medianMs: median, p95Ms: all.percentile(95), p99Ms: all.percentile(99), maxMs: worstMs, slow: slow.length, requests: all.count },
      evidence: pickEvidence(slow, worst ? [[worst, 'slowest request']] : []),
    }), (e, base, f) => {
      const ms = Number(f.responseTimeMs) || 0;
      return {
        ...base, ts: e.ts === null ? null : e.ts - ms, end: e.ts, lineTs: e.ts, responseTimeMs: ms,
        method: typeof f.method === 'string' ? f.method : null, url: typeof f.url === 'string' ? f.url : null,
      };
    }, slow).map((f) => ({ ...f, count: slow.length, first: slow[0]?.ts ?? f.first, last: slow.at(-1)?.ts ?? f.last }));
  },
};
