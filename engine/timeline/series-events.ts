/** Series read from log events: HikariCP pool stats lines and GC pauses, one point per line. */
import type { Store } from '../store';
import type { SeriesQueries } from '../store/timeline-queries';
import { seriesId, type SeriesDef } from './series-types';

const POOL_FIELDS = [
  ['active', 'active connections', 'connections'],
  ['idle', 'idle connections', 'connections'],
  ['waiting', 'threads waiting for a connection', 'threads'],
  ['total', 'total connections', 'connections'],
] as const;

/**
 * Active/idle/waiting/total per pool from `Pool stats (total=…, active=…)` lines. Two processes
 * logging the same pool name (two instances, or one restarted) get a series each, by pid.
 */
export function hikariSeries(sq: SeriesQueries, bundle: number): SeriesDef[] {
  const rows = sq.hikariStats(bundle).filter((r) => r.pool !== null);
  const pids = new Map<string, Set<number | null>>();
  for (const r of rows) pids.set(r.pool!, (pids.get(r.pool!) ?? new Set()).add(r.pid));
  const keyOf = (pool: string, pid: number | null) => (pids.get(pool)!.size > 1 ? `${pool}@${pid ?? '?'}` : pool);
  const out = new Map<string, SeriesDef>();
  for (const r of rows) {
    const pool = keyOf(r.pool!, r.pid);
    for (const [field, what, unit] of POOL_FIELDS) {
      const v = r[field];
      if (v === null || !Number.isFinite(Number(v))) continue;
      const id = seriesId('hikari', pool, field);
      let def = out.get(id);
      if (!def) {
        const label = `${r.pool} ${what}${pool !== r.pool ? ` (pid ${r.pid ?? '?'})` : ''}`;
        def = { id, group: 'hikari', label, unit, points: [] };
        out.set(id, def);
      }
      def.points.push({ ts: r.ts, value: Number(v), ref: `event:${r.id}`, fileId: r.fileId, line: r.line });
    }
  }
  return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Duration of every stop-the-world pause the GC logs record. */
export function gcSeries(store: Store, bundle: number): SeriesDef[] {
  const points = store.events
    .gcPauses(bundle)
    .filter((p) => Number.isFinite(p.pauseMs))
    .map((p) => ({ ts: p.ts, value: Number(p.pauseMs), ref: `event:${p.id}`, fileId: p.fileId, line: p.line }));
  return points.length ? [{ id: seriesId('gc', 'pause'), group: 'gc', label: 'GC pause duration', unit: 'ms', points }] : [];
}
