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
