import type { LogRecord } from '../../../parsers/types';
import type { FindingDraft } from '../../model/finding';
import type { EventRow } from '../../store';
import { evidenceOf, fieldsOf, plural } from '../findings-from-hits';
import { LOG_KINDS } from '../log-kinds';
import type { Signature } from '../types';

const MINUTE = 60_000;
/** A burst minute has at least this many 5xx … */
const MIN_ERRORS = 5;
/** … making up at least this share of that minute's requests. */
const MIN_SHARE = 0.1;

function status(r: { fields: Record<string, unknown> }): number {
  return Number(r.fields.statusCode) || 0;
}

interface Burst {
  from: number;
  to: number;
  errors: EventRow[];
  requests: number;
}

export const http5xxBurst: Signature = {
  id: 'http-5xx-burst',
  title: 'Burst of HTTP 5xx responses',
  severity: 'high',
  explanation:
    'For at least a minute a noticeable share of requests ended in a server error. The service failed on its own side: an ' +
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
    const perMinute = ctx.store.events.histogram(ctx.bundleId, LOG_KINDS.httpRequest, MINUTE);
    const bursts: Burst[] = [];
    let cur: Burst | null = null;
    const byMinute = new Map<number, EventRow[]>();
    for (const e of errors) {
      const m = Math.floor(e.ts! / MINUTE) * MINUTE;
      const list = byMinute.get(m);
      if (list) list.push(e);
      else byMinute.set(m, [e]);
    }
    for (const m of [...byMinute.keys()].sort((a, b) => a - b)) {
      const errs = byMinute.get(m)!;
      const total = perMinute.get(m) ?? errs.length;
      if (errs.length < MIN_ERRORS || errs.length / total < MIN_SHARE) continue;
      if (cur && m - cur.to <= MINUTE) {
        cur.to = m + MINUTE;
        cur.errors.push(...errs);
        cur.requests += total;
      } else {
        cur = { from: m, to: m + MINUTE, errors: [...errs], requests: total };
        bursts.push(cur);
      }
    }
    return bursts.slice(0, 10).map((b): FindingDraft => {
      const codes = new Map<number, number>();
      for (const e of b.errors) {
        const s = Number(fieldsOf(e).statusCode);
        codes.set(s, (codes.get(s) ?? 0) + 1);
      }
      const share = Math.round((100 * b.errors.length) / b.requests);
      return {
        signature: this.id,
        severity: share >= 50 ? 'critical' : 'high',
        title: this.title,
        summary: `${plural(b.errors.length, 'server error')} in ${plural((b.to - b.from) / MINUTE, 'minute')} (${share}% of ${b.requests} requests): ${[...codes.entries()].map(([c, n]) => `${c} ×${n}`).join(', ')}.`,
        first: b.errors[0]!.ts,
        last: b.errors.at(-1)!.ts,
        count: b.errors.length,
        data: { requests: b.requests, sharePercent: share, codes: Object.fromEntries(codes) },
        evidence: [evidenceOf(b.errors[0]!, 'first error of the burst'), ...b.errors.slice(1, 3).map((e) => evidenceOf(e)), evidenceOf(b.errors.at(-1)!, 'last error of the burst')]
          .filter((e, i, all) => all.findIndex((x) => x.ref === e.ref) === i),
      };
    });
  },
};
