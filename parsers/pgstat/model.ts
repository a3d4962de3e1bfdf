/**
 * Records of `pg_stat_activity` captures as psql prints them (aligned, `-x` expanded, `--csv`, `-A`
 * unaligned): one `SnapshotMeta` per result table, then one `PgBackend` per row; a capture whose psql
 * could not run the query (server down, refused) is a `PgCaptureError` instead of rows.
 */
import type { SnapshotMeta } from '../types';

export interface PgBackend {
  type: 'pg-backend';
  pid: number;
  datname?: string;
  usename?: string;
  applicationName?: string;
  clientAddr?: string;
  backendType?: string;
  /** `active`, `idle`, `idle in transaction`, `idle in transaction (aborted)`, `fastpath function call`, `disabled`; null when empty or not selected. */
  state: string | null;
  waitEventType: string | null;
  waitEvent: string | null;
  /** UTC ms of the timestamptz columns; null when empty (no transaction open) or not selected. */
  backendStart: number | null;
  xactStart: number | null;
  queryStart: number | null;
  stateChange: number | null;
  query: string | null;
  /** The row's own `now()` / `captured_at` column, when the query selected one. */
  capturedAt: number | null;
  /** 1-based first and last line (a value holding a newline spans lines). */
  line: number;
  endLine: number;
}

/** What psql printed instead of a result: `psql: error: connection to server … failed: Connection refused`. */
export interface PgCaptureError {
  type: 'pg-capture-error';
  message: string;
  /** The server was not there or not taking connections (refused, shutting down, starting up, out of slots). */
  unreachable: boolean;
  line: number;
  endLine: number;
}

export type PgStatRecord = SnapshotMeta | PgBackend | PgCaptureError;
