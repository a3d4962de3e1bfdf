/**
 * CPU throttling over time, from cgroup cpu.stat captures: per cgroup, the share of its scheduling
 * periods that hit the quota between captures and, when the quota and usage were captured, the share
 * of the quota it used. Both in %, on one chart: a line at 100 % used with throttling high is a
 * service held to its limit.
 */
import { cgroupCpu } from '../signatures/os/cgroup-stretches';
import type { Store } from '../store';
import { seriesId, type SeriesDef } from './series-types';

export function cpuSeries(store: Store, bundle: number): SeriesDef[] {
  const out: SeriesDef[] = [];
  for (const g of cgroupCpu(store, bundle)) {
    const who = [g.cgroup, g.pid !== null ? `(pid ${g.pid})` : ''].filter(Boolean).join(' ');
    const name = who ? `: ${who}` : '';
    const at = (s: (typeof g.stretches)[number], value: number) => ({ ts: s.to, value, ref: `snapshot:${s.snap.sid}`, fileId: s.snap.fileId, line: s.line });
    out.push({
      id: seriesId('cpu', g.host, g.pid, g.cgroup, 'throttled'), group: 'cpu', label: `Throttled periods${name}`, unit: '%',
      points: g.stretches.map((s) => at(s, Math.round(s.share * 1000) / 10)),
    });
    // Only where one quota held the whole stretch: used against a quota lifted halfway means nothing.
    const used = g.stretches.filter((s) => s.usedCores !== null && s.quotaCores !== null && s.quotaCores > 0 && !s.quotaChanged);
    if (used.length) {
      out.push({
        id: seriesId('cpu', g.host, g.pid, g.cgroup, 'quota-used'), group: 'cpu', label: `Quota used${name}`, unit: '%',
        points: used.map((s) => at(s, Math.round((s.usedCores! / s.quotaCores!) * 1000) / 10)),
      });
    }
  }
  return out;
}
