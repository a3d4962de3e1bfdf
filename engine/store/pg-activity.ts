/**
 * Read side of pg_backends: every backend row of a bundle's `pg_stat_activity` captures with its
 * snapshot, in capture order, and the captures psql could not take. Signatures and timeline series
 * group them by database, application and state.
 */
import type { DB } from './open';
import type { SnapRef } from './snapshot-queries';

export interface PgBackendRow extends SnapRef {
  rowLine: number;
  pid: number;
  datname: string | null;
  usename: string | null;
  app: string | null;
  clientAddr: string | null;
  state: string | null;
  waitEventType: string | null;
  waitEvent: string | null;
  backendStart: number | null;
  xactStart: number | null;
  queryStart: number | null;
  stateChange: number | null;
  query: string | null;
  isCapture: number;
}

/** A capture of the view: its snapshot, whether psql reached the server, and its rows' count. */
export interface PgCapture extends SnapRef {
  /** psql's message when the capture failed (`pg-unreachable`: refused, shutting down…). */
  failure: { kind: 'pg-unreachable' | 'pg-capture-error'; message: string; line: number } | null;
  backends: number;
}

const SNAP_COLS = 's.id AS sid, s.file_id AS fileId, s.captured_at AS capturedAt, s.line AS line, s.host AS host, s.kind AS kind, s.command AS command';
const ORDER = 'ORDER BY s.captured_at IS NULL, s.captured_at, fl.path, s.seq';

export function pgBackendRows(db: DB, bundle: number): PgBackendRow[] {
  return db
    .prepare<{ bundle: number }, PgBackendRow>(
      `SELECT ${SNAP_COLS}, b.line AS rowLine, b.pid AS pid, b.datname AS datname, b.usename AS usename, b.application_name AS app,
              b.client_addr AS clientAddr, b.state AS state, b.wait_event_type AS waitEventType, b.wait_event AS waitEvent,
              b.backend_start AS backendStart, b.xact_start AS xactStart, b.query_start AS queryStart, b.state_change AS stateChange,
              b.query AS query, b.is_capture AS isCapture
       FROM pg_backends b JOIN snapshots s ON s.id = b.snapshot_id JOIN files fl ON fl.id = s.file_id
       WHERE fl.bundle_id = @bundle ${ORDER}, b.line`,
    )
    .all({ bundle });
}

export function pgCaptures(db: DB, bundle: number): PgCapture[] {
  const rows = db
    .prepare<{ bundle: number }, SnapRef & { fkind: string | null; fvalue: string | null; fline: number | null; backends: number }>(
      `SELECT ${SNAP_COLS}, f.name AS fkind, f.value AS fvalue, f.line AS fline,
              (SELECT COUNT(*) FROM pg_backends b WHERE b.snapshot_id = s.id AND b.is_capture = 0) AS backends
       FROM snapshots s JOIN files fl ON fl.id = s.file_id
       LEFT JOIN snapshot_facts f ON f.snapshot_id = s.id AND f.name IN ('pg-unreachable', 'pg-capture-error')
       WHERE fl.bundle_id = @bundle AND s.kind = 'pg-stat-activity' ${ORDER}`,
    )
    .all({ bundle });
  return rows.map(({ fkind, fvalue, fline, ...r }) => ({
    ...r,
    failure: fkind ? { kind: fkind as 'pg-unreachable' | 'pg-capture-error', message: fvalue ?? '', line: fline ?? r.line } : null,
  }));
}

/** A log_connections / log_disconnections line of a PostgreSQL server log. */
export interface PgConnEventRow {
  id: number;
  fileId: number;
  ts: number;
  line: number;
  pid: number | null;
  kind: string;
  app: string | null;
  user: string | null;
  db: string | null;
}

export function pgConnectionEvents(db: DB, bundle: number, kinds: readonly string[]): PgConnEventRow[] {
  return db
    .prepare<unknown[], PgConnEventRow>(
      `SELECT id, file_id AS fileId, ts, line, pid, kind, json_extract(fields, '$.pg.conn.application') AS app,
              json_extract(fields, '$.pg.conn.user') AS user, json_extract(fields, '$.pg.conn.database') AS db
       FROM events WHERE kind IN (${kinds.map(() => '?').join(',')}) AND ts IS NOT NULL
         AND file_id IN (SELECT id FROM files WHERE bundle_id = ?) ORDER BY file_id, ts, id`,
    )
    .all(...kinds, bundle);
}
