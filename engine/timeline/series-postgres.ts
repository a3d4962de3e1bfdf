/**
 * PostgreSQL's side of the pool on the timeline. From `pg_stat_activity` captures: backends per state
 * for each database and application, the age of the oldest transaction left idle, and backends waiting
 * on a lock (the capturing psql's own session left out). From the server log's log_connections /
 * log_disconnections lines: connections opened and closed per application, counted per interval, so a
 * pool that reconnects constantly or a client that connects per request shows as churn.
 */
import { appOf, isIdleInTransaction } from '../signatures/db/pg-captures';
import { LOG_KINDS } from '../signatures/log-kinds';
import type { Store } from '../store';
import { pgBackendRows, pgConnectionEvents, type PgBackendRow } from '../store/pg-activity';
import { seriesId, type SeriesDef } from './series-types';

// The signatures' names for a backend's application and its states, so a finding's app is its series' too.
const idleTx = isIdleInTransaction;

export function pgActivitySeries(store: Store, bundle: number): SeriesDef[] {
  const rows = pgBackendRows(store.db, bundle).filter((r) => r.capturedAt !== null);
  if (rows.length === 0) return [];
  // Every capture is a point of every series (0 when it saw none), so a drop shows.
  const caps = [...new Map(rows.map((r) => [r.sid, r])).values()];
  const backends = rows.filter((r) => !r.isCapture);
  const out: SeriesDef[] = [];
  const point = (c: PgBackendRow, value: number, line = c.line) => ({ ts: c.capturedAt!, value, ref: `snapshot:${c.sid}`, fileId: c.fileId, line });
  const keys = new Map<string, { db: string | null; app: string; state: string }>();
  for (const r of backends) keys.set(`${r.datname ?? ''}|${appOf(r)}|${r.state ?? '?'}`, { db: r.datname, app: appOf(r), state: r.state ?? '?' });
  for (const [key, k] of [...keys].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.push({
      id: seriesId('pg-state', k.db, k.app, k.state), group: 'postgres', unit: 'backends',
      label: `PostgreSQL backends ${k.state}: ${k.app}${k.db ? ` on ${k.db}` : ''}`,
      points: caps.map((c) => {
        const mine = backends.filter((r) => r.sid === c.sid && `${r.datname ?? ''}|${appOf(r)}|${r.state ?? '?'}` === key);
        return point(c, mine.length, mine[0]?.rowLine);
      }),
    });
  }
  for (const db of [...new Set(backends.map((r) => r.datname ?? ''))].sort()) {
    const inDb = (c: PgBackendRow) => backends.filter((r) => r.sid === c.sid && (r.datname ?? '') === db);
    const label = db ? ` on ${db}` : '';
    if (backends.some((r) => (r.datname ?? '') === db && idleTx(r))) {
      out.push({
        id: seriesId('pg-idle-tx-age', db), group: 'postgres', unit: 's', label: `Oldest transaction left idle in transaction${label}`,
        points: caps.map((c) => {
          const open = inDb(c).filter((r) => idleTx(r) && r.xactStart !== null).sort((a, b) => a.xactStart! - b.xactStart!);
          return point(c, open[0] ? Math.max(0, (c.capturedAt! - open[0].xactStart!) / 1000) : 0, open[0]?.rowLine);
        }),
      });
    }
    if (backends.some((r) => (r.datname ?? '') === db && r.waitEventType === 'Lock')) {
      out.push({
        id: seriesId('pg-lock-waits', db), group: 'postgres', unit: 'backends', label: `Backends waiting on a lock${label}`,
        points: caps.map((c) => {
          const waiting = inDb(c).filter((r) => r.waitEventType === 'Lock');
          return point(c, waiting.length, waiting[0]?.rowLine);
        }),
      });
    }
  }
  return out;
}

/** Bucket widths for connection counts: the first that puts the log's connection lines in at most this many buckets. */
const WIDTHS_MS = [1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000, 3_600_000, 86_400_000];
const MAX_BUCKETS = 120;

export function pgConnectionSeries(store: Store, bundle: number): SeriesDef[] {
  const events = pgConnectionEvents(store.db, bundle, [LOG_KINDS.pgConnectionAuthorized, LOG_KINDS.pgDisconnection]);
  if (events.length === 0) return [];
  const out: SeriesDef[] = [];
  for (const fileId of [...new Set(events.map((e) => e.fileId))]) {
    const evs = events.filter((e) => e.fileId === fileId);
    const span = evs.at(-1)!.ts - evs[0]!.ts;
    const width = WIDTHS_MS.find((w) => span / w <= MAX_BUCKETS) ?? WIDTHS_MS.at(-1)!;
    // A disconnection names no application: the backend pid ties it to its connection authorized line.
    const appByPid = new Map<number, string>();
    const buckets = new Map<string, Map<number, { n: number; id: number; line: number }>>();
    for (const e of evs) {
      const opened = e.kind === LOG_KINDS.pgConnectionAuthorized;
      const who = (opened ? e.app : e.pid !== null ? appByPid.get(e.pid) : undefined) ?? e.app ?? `${e.user ?? '?'}@${e.db ?? '?'}`;
      if (opened && e.pid !== null) appByPid.set(e.pid, who);
      const key = `${who}\u0000${opened ? 'opened' : 'closed'}`;
      const b = Math.floor(e.ts / width) * width;
      const series = buckets.get(key) ?? new Map();
      const cur = series.get(b);
      if (cur) cur.n++;
      else series.set(b, { n: 1, id: e.id, line: e.line });
      buckets.set(key, series);
    }
    const per = width >= 60_000 ? `${width / 60_000} min` : `${width / 1000} s`;
    for (const [key, series] of [...buckets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const [who, what] = key.split('\u0000') as [string, 'opened' | 'closed'];
      out.push({
        id: seriesId('pg-conn', fileId, who, what), group: 'postgres', unit: 'connections',
        label: `PostgreSQL connections ${what} per ${per}: ${who}`,
        points: [...series].map(([ts, v]) => ({ ts, value: v.n, ref: `event:${v.id}`, fileId, line: v.line })),
      });
    }
  }
  return out;
}
