/** `pg_stat_activity` rows → pg_backends; a capture psql could not take → a snapshot fact. */
import type { PgBackend, PgCaptureError } from '../../../parsers/pgstat';
import type { SnapshotWriter } from '../../store/snapshots';

/**
 * The capturing psql's own session: active, running the query that reads the view, which a `left(query, N)`
 * may have cut before its name; when the query selected now(), its transaction began at that very instant.
 */
export function isCaptureSession(b: Pick<PgBackend, 'state' | 'query' | 'xactStart' | 'capturedAt'>): boolean {
  return b.state === 'active' && (/\bpg_stat_activity\b/i.test(b.query ?? '') || (b.capturedAt !== null && b.xactStart === b.capturedAt));
}

export function writePgBackend(w: SnapshotWriter, sid: number, b: PgBackend): void {
  w.pgBackends.add(
    sid, b.line, b.endLine, b.pid, b.datname ?? null, b.usename ?? null, b.applicationName ?? null, b.clientAddr ?? null, b.backendType ?? null,
    b.state, b.waitEventType, b.waitEvent, b.backendStart, b.xactStart, b.queryStart, b.stateChange, b.query, isCaptureSession(b) ? 1 : 0,
  );
}

/** `pg-unreachable` (the server was not there) or `pg-capture-error` (it answered with an error), with psql's message. */
export function writePgCaptureError(w: SnapshotWriter, sid: number, e: PgCaptureError): void {
  w.facts.add(sid, e.line, e.unreachable ? 'pg-unreachable' : 'pg-capture-error', e.message);
}
