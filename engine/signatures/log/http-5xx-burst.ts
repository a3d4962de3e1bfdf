import type { LogRecord } from '../../../parsers/types';
import type { FindingDraft } from '../../model/finding';
import type { EventRow } from '../../store';
import { evidenceOf, eventOccurrence, fieldsOf, plural } from '../findings-from-hits';
import { LOG_KINDS } from '../log-kinds';
import type { Occurrence } from '../../model/occurrence';
import { percentile, poissonTail } from '../stats';
import type { Signature } from '../types';

export const HTTP_5XX_BURST = 'http-5xx-burst';

export interface Http5xxData {
  requests: number;
  sharePercent: number;
  /** Status → count. */
  codes: Record<number, number>;
  /** The service's usual share of server errors (per cent) the burst was judged against. */
  baselinePercent: number;
}

export interface ServerErrorOcc extends Occurrence {
  status: number;
}

/** Bursts are reported by the minute: the grain people read dashboards and incident timelines in. */
const MINUTE = 60_000;
/** Fewer server errors than this in a minute are not a burst whatever the baseline: one or two failures are an anecdote. */
const MIN_ERRORS = 3;
/** Expected number of minutes wrongly called a burst per bundle. */
const ALPHA = 0.01;

function status(r: { fields: Record<string, unknown> }): number {
  return Number(r.fields.statusCode) || 0;
}

interface Burst {
  from: number;
  to: number;
  errors: EventRow[];
  requests: number;
}

/** Buckets that estimate the usual share: short enough that a brief outage fills only some of them. */
const BASELINE_BUCKET_MS = 10_000;

/**
 * The service's usual error share: errors over requests in its calmer half of 10-second buckets (those
 * at or below the median share), so that the bursts being judged do not raise their own baseline. At
 * least one error in all requests, so that a service that never failed is not alarmed by its first error.
 */
function baselineShare(buckets: readonly { errors: number; requests: number }[], totalRequests: number): number {
  const shares = Float64Array.from(buckets.map((m) => m.errors / m.requests)).sort();
  const cut = shares.length ? percentile(shares, 50) : 0;
  let e = 0;
  let n = 0;
  for (const m of buckets) {
    if (m.errors / m.requests > cut) continue;
    e += m.errors;
    n += m.requests;
  }
  return Math.max(n > 0 ? e / n : 0, 1 / Math.max(1, totalRequests));
}

export const http5xxBurst: Signature<typeof HTTP_5XX_BURST, Http5xxData, ServerErrorOcc> = {
  id: HTTP_5XX_BURST,
  title: 'Burst of HTTP 5xx responses',
  severity: 'high',
  explanation:
    "For at least a minute far more requests ended in a server error than the service's own baseline makes likely. The service failed on its own side: an " +
    'exception, a dependency (database, downstream service) failing or timing out, or the process being overloaded.',
  fix: 'Open the first errors of the burst and the errors logged just before them: the 5xx is the symptom, the cause is usually logged a few lines earlier.',
  references: ['https://www.rfc-editor.org/rfc/rfc9110#name-server-error-5xx'],
  samples: {
    parser: 'pino',
    match: ['{"level":30,"time":1700000000000,"pid":7,"hostname":"api","reqId":"req-9","res":{"statusCode":503},"responseTime":30001.2,"msg":"request completed"}'],
    noMatch: [
      '{"level":30,"time":1700000000000,"pid":7,"hostname":"api","reqId":"req-8","res":{"statusCode":404},"responseTime":2.1,"msg":"request completed"}',
      '{"level":50,"time":1700000000000,"pid":7,"hostname":"api","msg":"upstream returned 503"}',
    ],
  },
  match: (r: LogRecord) => r.kind === LOG_KINDS.httpRequest && status(r) >= 500,
  detect(ctx) {
    const errors = ctx.store.hits.events(ctx.bundleId, this.id).filter((e) => e.ts !== null);
    if (errors.length < MIN_ERRORS) return [];
    const perMinute = ctx.streamed?.histogram(LOG_KINDS.httpRequest, MINUTE) ?? ctx.store.events.histogram(ctx.bundleId, LOG_KINDS.httpRequest, MINUTE);
    const byMinute = new Map<number, EventRow[]>();
    for (const e of errors) {
      const m = e.ts! - (e.ts! % MINUTE);
      const list = byMinute.get(m);
      if (list) list.push(e);
      else byMinute.set(m, [e]);
    }
    const errorsIn = new Map<number, number>();
    for (const e of errors) {
      const k = e.ts! - (e.ts! % BASELINE_BUCKET_MS);
      errorsIn.set(k, (errorsIn.get(k) ?? 0) + 1);
    }
    const baseline = ctx.streamed?.histogram(LOG_KINDS.httpRequest, BASELINE_BUCKET_MS) ?? ctx.store.events.histogram(ctx.bundleId, LOG_KINDS.httpRequest, BASELINE_BUCKET_MS);
    const buckets = [...baseline.entries()]
      .map(([k, requests]) => ({ requests: Math.max(requests, errorsIn.get(k) ?? 0), errors: errorsIn.get(k) ?? 0 }));
    const total = buckets.reduce((n, m) => n + m.requests, 0);
    const p0 = baselineShare(buckets, total);
    const tests = Math.max(1, perMinute.size);
    const bursts: Burst[] = [];
    let cur: Burst | null = null;
    for (const m of [...byMinute.keys()].sort((a, b) => a - b)) {
      const errs = byMinute.get(m)!;
      const requests = Math.max(perMinute.get(m) ?? 0, errs.length);
      // Improbable at the baseline share for that minute's traffic, over all minutes tested.
      if (errs.length < MIN_ERRORS || poissonTail(errs.length, requests * p0) * tests >= ALPHA) continue;
      if (cur && m - cur.to <= MINUTE) {
        cur.to = m + MINUTE;
        cur.errors.push(...errs);
        cur.requests += requests;
      } else {
        cur = { from: m, to: m + MINUTE, errors: [...errs], requests };
        bursts.push(cur);
      }
    }
    return bursts.slice(0, 10).map((b): FindingDraft<Http5xxData, ServerErrorOcc> => {
      const codes = new Map<number, number>();
      for (const e of b.errors) {
        const s = Number(fieldsOf(e).statusCode);
        codes.set(s, (codes.get(s) ?? 0) + 1);
      }
      const share = Math.round((100 * b.errors.length) / b.requests);
      const baseline = Math.round(p0 * 1000) / 10;
      return {
        signature: this.id,
        severity: share >= 50 ? 'critical' : 'high',
        title: this.title,
        summary:
          `${plural(b.errors.length, 'server error')} in ${plural((b.to - b.from) / MINUTE, 'minute')} (${share}% of ${b.requests} requests, ` +
          `against ${baseline}% usually): ${[...codes.entries()].map(([c, n]) => `${c} ×${n}`).join(', ')}.`,
        first: b.errors[0]!.ts,
        last: b.errors.at(-1)!.ts,
        count: b.errors.length,
        data: { requests: b.requests, sharePercent: share, codes: Object.fromEntries(codes), baselinePercent: baseline },
        evidence: [evidenceOf(b.errors[0]!, 'first error of the burst'), ...b.errors.slice(1, 3).map((e) => evidenceOf(e)), evidenceOf(b.errors.at(-1)!, 'last error of the burst')]
          .filter((e, i, all) => all.findIndex((x) => x.ref === e.ref) === i),
        occurrences: b.errors.map((e) => {
          const f = fieldsOf(e);
          return { ...eventOccurrence(e, f), status: Number(f.statusCode) || 0 };
        }),
      };
    });
  },
};
