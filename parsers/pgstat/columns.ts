/**
 * Which result columns are `pg_stat_activity`'s. A header is one when it names `pid` and at least two
 * other columns of the view; columns in any order, unknown ones (users add `age(...)`, `datid`…) kept
 * out of the rows. The capture time may be a column of its own (`SELECT now() AS captured_at, …`).
 */

/** Columns of the view a row keeps (PostgreSQL 10–17 names). */
export const ROW_COLUMNS = [
  'pid', 'datname', 'usename', 'application_name', 'client_addr', 'backend_type', 'state', 'wait_event_type', 'wait_event',
  'backend_start', 'xact_start', 'query_start', 'state_change', 'query',
] as const;
export type RowColumn = (typeof ROW_COLUMNS)[number];

/** Other columns of the view: they make a header more certainly pg_stat_activity's but are not kept. */
const OTHER_VIEW_COLUMNS = new Set(['datid', 'leader_pid', 'usesysid', 'client_hostname', 'client_port', 'backend_xid', 'backend_xmin', 'query_id', 'waiting']);

/** Names users give the capture time (`now()` unnamed prints as `now`). */
export const TIME_COLUMNS = new Set(['now', 'captured_at', 'capture_time', 'collected_at', 'sampled_at', 'snapshot_time', 'clock_timestamp', 'current_timestamp', 'statement_timestamp', 'transaction_timestamp']);

export interface Columns {
  names: string[];
  /** Index of each kept column in `names`. */
  index: Partial<Record<RowColumn, number>>;
  time: number | null;
}

const KEPT = new Set<string>(ROW_COLUMNS);

/** Column names as cells (trimmed, lower case) → columns, or null when they are not a pg_stat_activity header. */
export function columnsOf(cells: readonly string[]): Columns | null {
  const names = cells.map((c) => c.trim().toLowerCase());
  if (names.length < 3 || names.length > 60 || !names.includes('pid')) return null;
  let known = 0;
  const index: Partial<Record<RowColumn, number>> = {};
  let time: number | null = null;
  names.forEach((n, i) => {
    if (KEPT.has(n)) {
      if (index[n as RowColumn] === undefined) index[n as RowColumn] = i;
      if (n !== 'pid') known++;
    } else if (OTHER_VIEW_COLUMNS.has(n)) known++;
    else if (TIME_COLUMNS.has(n) && time === null) time = i;
  });
  return known >= 2 ? { names, index, time } : null;
}
