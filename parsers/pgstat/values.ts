/** One result row's cells → a `PgBackend`, or the reason it is not one. */
import { parseIsoStamp } from '../time';
import type { TimeContext } from '../types';
import type { Columns, RowColumn } from './columns';
import type { PgBackend } from './model';

/**
 * A timestamptz as psql prints it with DateStyle ISO (`2026-12-07 16:33:05.450917+00`, `…+05:30`); a
 * zone-less one (a `timestamp` cast) is read in the bundle's zone. Other DateStyles are not read.
 */
export function pgTime(ctx: TimeContext, text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const r = parseIsoStamp(ctx, t);
  return r && r.length >= t.length - 1 ? r.ts : null;
}

export function backendOf(ctx: TimeContext, cols: Columns, cells: readonly string[], line: number, endLine: number): PgBackend | string {
  const get = (c: RowColumn): string | undefined => {
    const i = cols.index[c];
    return i === undefined ? undefined : cells[i];
  };
  const text = (c: RowColumn): string | null => {
    const v = get(c)?.trim();
    return v ? v : null;
  };
  const pidText = (get('pid') ?? '').trim();
  if (!/^\d{1,10}$/.test(pidText)) return `row without a numeric pid ("${pidText.slice(0, 20)}")`;
  const time = (c: RowColumn) => {
    const v = get(c);
    return v === undefined ? null : pgTime(ctx, v);
  };
  const b: PgBackend = {
    type: 'pg-backend',
    pid: Number(pidText),
    state: text('state'),
    waitEventType: text('wait_event_type'),
    waitEvent: text('wait_event'),
    backendStart: time('backend_start'),
    xactStart: time('xact_start'),
    queryStart: time('query_start'),
    stateChange: time('state_change'),
    // The query keeps its inner layout; only psql's padding around it goes.
    query: get('query')?.replace(/^\s+|\s+$/g, '') || null,
    capturedAt: cols.time === null ? null : pgTime(ctx, cells[cols.time] ?? ''),
    line,
    endLine,
  };
  for (const [key, col] of [['datname', 'datname'], ['usename', 'usename'], ['applicationName', 'application_name'], ['clientAddr', 'client_addr'], ['backendType', 'backend_type']] as const) {
    const v = text(col);
    if (v !== null) b[key] = v;
  }
  return b;
}
