/**
 * %CPU from top: per process (its own row, or the sum of its threads when only `top -H` listed it) and
 * per thread (`top -H`, the busiest few of each process). 100 is one core, as top prints it.
 */
import { processCpuPoints } from '../signatures/os/top-cpu';
import type { Store } from '../store';
import type { TopTaskRow } from '../store/snapshot-queries';
import { seriesId, type SeriesDef } from './series-types';
import { seriesBy } from '../signatures/series';

/** Threads charted per process: the busiest by peak. */
const TOP_THREADS = 5;

const who = (command: string | null, pid: number | null, host: string | null) => `${command ? `${command} ` : ''}(pid ${pid ?? '?'}${host ? ` on ${host}` : ''})`;

export function topCpuSeries(store: Store, bundle: number): SeriesDef[] {
  const rows = store.series.topTasks(bundle).filter((r) => r.capturedAt !== null && r.cpu !== null);
  if (rows.length === 0) return [];
  const out: SeriesDef[] = [];
  const procs = seriesBy(processCpuPoints(rows), (p) => `${p.row.host ?? ''}|${p.pid ?? ''}`);
  for (const [, pts] of [...procs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const first = pts[0]!;
    out.push({
      id: seriesId('proc-cpu', first.row.host, first.pid), group: 'cpu', label: `%CPU: ${who(first.command, first.pid, first.row.host)}`, unit: '%',
      points: pts.map((p) => ({ ts: p.row.capturedAt!, value: p.cpu, ref: `snapshot:${p.row.sid}`, fileId: p.row.fileId, line: p.line })),
    });
  }
  const threads = seriesBy(rows.filter((r) => r.isThread && r.tgid !== null), (r) => `${r.host ?? ''}|${r.tgid}`);
  for (const [, list] of [...threads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const byTid = [...seriesBy(list, (r) => String(r.pid)).values()];
    const peak = (ts: TopTaskRow[]) => Math.max(...ts.map((t) => t.cpu ?? 0));
    const busiest = byTid.filter((ts) => peak(ts) > 0).sort((a, b) => peak(b) - peak(a) || (a[0]!.pid ?? 0) - (b[0]!.pid ?? 0)).slice(0, TOP_THREADS);
    for (const ts of busiest) {
      const t = ts[0]!;
      const main = list.find((r) => r.pid === r.tgid);
      out.push({
        id: seriesId('thread-cpu', t.host, t.tgid, t.pid), group: 'cpu', label: `%CPU of thread ${t.pid}${t.command ? ` "${t.command}"` : ''}: ${who(main?.command ?? null, t.tgid, t.host)}`, unit: '%',
        points: ts.map((r) => ({ ts: r.capturedAt!, value: r.cpu!, ref: `snapshot:${r.sid}`, fileId: r.fileId, line: r.taskLine ?? r.line })),
      });
    }
  }
  return out;
}
