/**
 * A cgroup's CPU accounting between consecutive captures of its `cpu.stat`: for each stretch, the
 * scheduling periods with runnable threads, how many hit the quota, the time its run queues spent
 * throttled and the CPU it used. The cpu-throttling signature and the timeline's CPU charts read it.
 */
import type { Store } from '../../store';
import type { SnapRef } from '../../store/snapshot-queries';
import { seriesBy } from '../series';

const NAMES = ['cpu.nr_periods', 'cpu.nr_throttled', 'cpu.throttled_ms', 'cpu.usage_ms', 'cpu.quota_cores', 'cgroup.file'] as const;

export interface Stretch {
  /** Capture times at its start and end (UTC ms). */
  from: number;
  to: number;
  /** The capture at its end: its snapshot, and the line of its nr_throttled. */
  snap: SnapRef;
  line: number;
  periods: number;
  throttled: number;
  /** throttled / periods. */
  share: number;
  /**
   * Run-queue time throttled per second of the stretch, summed over CPUs as the kernel counts it: 0.5
   * means runnable threads were held off the CPU half of the time or more. Null if not captured.
   */
  stallPerSecond: number | null;
  /** CPU used over the stretch, in cores (from cpuacct.usage / usage_usec); null if not captured. */
  usedCores: number | null;
  /** The quota in force, in cores; null for no limit or not captured. */
  quotaCores: number | null;
  /** The two captures show different quotas: it was changed during the stretch. */
  quotaChanged: boolean;
}

export interface CgroupCpu {
  /** The cgroup, as the folder of its cpu.stat without the v1 hierarchy's name; '' when the capture printed no path. */
  cgroup: string;
  host: string | null;
  pid: number | null;
  stretches: Stretch[];
}

interface Capture {
  ref: SnapRef;
  pid: number | null;
  values: Map<string, { value: string; line: number | null }>;
}

function num(c: Capture, name: string): number | null {
  const v = c.values.get(name)?.value;
  if (v === undefined || v === 'max') return null;
  const x = Number(v);
  return Number.isFinite(x) ? x : null;
}

function cgroupOf(c: Capture): string {
  const stat = [...c.values.entries()].find(([k, v]) => k.startsWith('cgroup.file') && /cpu\.stat$/.test(v.value))?.[1].value;
  // A bare `cat cpu.stat` names no folder: the cgroup is not known.
  if (!stat || !stat.includes('/')) return '';
  return stat.replace(/\/cpu\.stat$/, '').replace(/^\/sys\/fs\/cgroup\/(?:cpu,cpuacct|cpuacct,cpu|cpu|unified)(?=\/|$)/, '') || '/';
}

function captures(rows: ReturnType<Store['series']['factsOf']>): Capture[] {
  const bySid = new Map<number, Capture>();
  for (const r of rows) {
    let c = bySid.get(r.sid);
    if (!c) bySid.set(r.sid, (c = { ref: r, pid: r.pid, values: new Map() }));
    // A capture may read several files: keep each path (cgroup.file#n), and the first value of any other name.
    const key = r.name === 'cgroup.file' ? `cgroup.file#${c.values.size}` : r.name;
    if (r.value !== null && !c.values.has(key)) c.values.set(key, { value: r.value, line: r.factLine });
  }
  return [...bySid.values()];
}

/** Every timed cgroup's stretches between its consecutive captures, throttled or not. */
export function cgroupCpu(store: Store, bundleId: number): CgroupCpu[] {
  const rows = store.series.factsOf(bundleId, NAMES);
  if (rows.length === 0) return [];
  const series = seriesBy(
    captures(rows).filter((c) => c.ref.capturedAt !== null && num(c, 'cpu.nr_periods') !== null && num(c, 'cpu.nr_throttled') !== null),
    (c) => `${c.ref.host ?? ''}|${c.pid ?? ''}|${cgroupOf(c)}`,
  );
  const out: CgroupCpu[] = [];
  for (const list of series.values()) {
    list.sort((a, b) => a.ref.capturedAt! - b.ref.capturedAt!);
    const stretches: Stretch[] = [];
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1]!;
      const b = list[i]!;
      const dt = b.ref.capturedAt! - a.ref.capturedAt!;
      const periods = num(b, 'cpu.nr_periods')! - num(a, 'cpu.nr_periods')!;
      const throttled = num(b, 'cpu.nr_throttled')! - num(a, 'cpu.nr_throttled')!;
      // A counter that went back is a new cgroup under the same name: no stretch across it.
      if (dt <= 0 || periods < 0 || throttled < 0) continue;
      const tA = num(a, 'cpu.throttled_ms');
      const tB = num(b, 'cpu.throttled_ms');
      const uA = num(a, 'cpu.usage_ms');
      const uB = num(b, 'cpu.usage_ms');
      stretches.push({
        from: a.ref.capturedAt!, to: b.ref.capturedAt!, snap: b.ref, line: b.values.get('cpu.nr_throttled')!.line ?? b.ref.line,
        periods, throttled, share: periods > 0 ? throttled / periods : 0,
        stallPerSecond: tA !== null && tB !== null && tB >= tA ? (tB - tA) / dt : null,
        usedCores: uA !== null && uB !== null && uB >= uA ? (uB - uA) / dt : null,
        // The quota in force while it throttled: a capture after the limit was lifted says `max`.
        quotaCores: num(a, 'cpu.quota_cores') ?? num(b, 'cpu.quota_cores'),
        quotaChanged: a.values.get('cpu.quota_cores')?.value !== b.values.get('cpu.quota_cores')?.value,
      });
    }
    const last = list.at(-1)!;
    if (stretches.length) out.push({ cgroup: cgroupOf(last), host: last.ref.host, pid: last.pid, stretches });
  }
  return out;
}
