/**
 * A cgroup that ran out of its CPU quota: between two captures of its `cpu.stat`, the kernel held its
 * runnable threads off the CPU in a large share of the scheduling periods (CFS bandwidth throttling).
 * Each stretch between captures is one occurrence, so that root-cause rules can ask what happened in
 * the service while it was throttled, and how much of the time its threads waited for CPU.
 */
import type { Occurrence } from '../../model/occurrence';
import type { SnapRef } from '../../store/snapshot-queries';
import { plural } from '../findings-from-hits';
import { seriesBy, snapEvidence } from '../series';
import type { DetectContext, Signature } from '../types';

export const CPU_THROTTLING = 'cpu-throttling';

/**
 * A stretch counts as throttled from this share of its scheduling periods throttled: the default of the
 * Prometheus Operator's CPUThrottlingHigh alert (kubernetes-mixin), the threshold fleets already page on.
 */
export const THROTTLED_SHARE = 0.25;
/** From this share most periods ran into the quota: the cgroup was held to its limit, not clipped at peaks. */
const SEVERE_SHARE = 0.5;

const NAMES = ['cpu.nr_periods', 'cpu.nr_throttled', 'cpu.throttled_ms', 'cpu.usage_ms', 'cpu.quota_cores', 'cgroup.file'] as const;

export interface ThrottleOcc extends Occurrence {
  pid: number | null;
  /** The cgroup, as the path of its cpu.stat's folder when the capture printed it. */
  cgroup: string;
  /** Scheduling periods with runnable threads in the stretch, and how many of them hit the quota. */
  periods: number;
  throttled: number;
  /** throttled / periods. */
  share: number;
  /**
   * Time the cgroup's run queues spent throttled, per second of the stretch (summed over CPUs, as the
   * kernel counts it): 0.5 means runnable threads were held off the CPU for half of the time or more.
   */
  stallPerSecond: number | null;
  /** CPU the cgroup used, in cores, over the stretch (from cpuacct.usage / usage_usec). */
  usedCores: number | null;
  /** Its quota in cores at the end of the stretch; null for no limit or not captured. */
  quotaCores: number | null;
}

export interface CpuThrottlingData {
  cgroup: string;
  pid: number | null;
  stretches: number;
  /** Share of throttled periods in the stretch with the most of them. */
  worstShare: number;
  /** Total time throttled across the stretches, ms. */
  throttledMs: number | null;
  quotaCores: number | null;
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

/** The cgroup a capture read: the folder of its cpu.stat, without the v1 controller hierarchy's name. */
function cgroupOf(c: Capture): string {
  const stat = [...c.values.entries()].find(([k, v]) => k.startsWith('cgroup.file') && /cpu\.stat$/.test(v.value))?.[1].value;
  // A bare `cat cpu.stat` names no folder: the cgroup is not known.
  if (!stat || !stat.includes('/')) return '';
  return stat.replace(/\/cpu\.stat$/, '').replace(/^\/sys\/fs\/cgroup\/(?:cpu,cpuacct|cpuacct,cpu|cpu|unified)(?=\/|$)/, '') || '/';
}

function captures(rows: ReturnType<DetectContext['store']['series']['factsOf']>): Capture[] {
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

export const cpuThrottling: Signature<typeof CPU_THROTTLING, CpuThrottlingData, ThrottleOcc> = {
  id: CPU_THROTTLING,
  title: 'CPU throttled by its cgroup quota',
  severity: 'high',
  explanation:
    'The kernel gives a cgroup (a container, a systemd service) a CPU quota per scheduling period; once its threads have used it ' +
    'they wait, runnable but not run, until the next period. Between these captures the quota ran out in many of the periods: ' +
    'every request took longer than its own work, timers fired late and queues grew, while the process looked idle to itself.',
  fix:
    'Raise or remove the CPU limit (Kubernetes resources.limits.cpu, systemd CPUQuota, docker --cpus) or lower what the service ' +
    'does per period (fewer threads, smaller bursts, GC threads sized to the quota: the JVM reads it with -XX:+UseContainerSupport).',
  references: [
    'https://docs.kernel.org/scheduler/sched-bwc.html',
    'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/cputhrottlinghigh/',
  ],
  detect(ctx) {
    const rows = ctx.store.series.factsOf(ctx.bundleId, NAMES);
    if (rows.length === 0) return [];
    const series = seriesBy(
      captures(rows).filter((c) => c.ref.capturedAt !== null && num(c, 'cpu.nr_periods') !== null && num(c, 'cpu.nr_throttled') !== null),
      (c) => `${c.ref.host ?? ''}|${c.pid ?? ''}|${cgroupOf(c)}`,
    );
    const out: ReturnType<typeof cpuThrottling.detect> = [];
    for (const list of series.values()) {
      list.sort((a, b) => a.ref.capturedAt! - b.ref.capturedAt!);
      const occs: ThrottleOcc[] = [];
      for (let i = 1; i < list.length; i++) {
        const a = list[i - 1]!;
        const b = list[i]!;
        const dt = b.ref.capturedAt! - a.ref.capturedAt!;
        const periods = num(b, 'cpu.nr_periods')! - num(a, 'cpu.nr_periods')!;
        const throttled = num(b, 'cpu.nr_throttled')! - num(a, 'cpu.nr_throttled')!;
        // A counter that went back is a new cgroup under the same name: no stretch across it.
        if (dt <= 0 || periods <= 0 || throttled < 0) continue;
        const share = throttled / periods;
        if (share < THROTTLED_SHARE) continue;
        const tA = num(a, 'cpu.throttled_ms');
        const tB = num(b, 'cpu.throttled_ms');
        const uA = num(a, 'cpu.usage_ms');
        const uB = num(b, 'cpu.usage_ms');
        const line = b.values.get('cpu.nr_throttled')!.line ?? b.ref.line;
        occs.push({
          ts: a.ref.capturedAt!, end: b.ref.capturedAt!, lineTs: b.ref.capturedAt!, fileId: b.ref.fileId, line, ref: `snapshot:${b.ref.sid}`,
          ...(b.pid !== null ? { process: `pid:${b.pid}` } : {}),
          pid: b.pid, cgroup: cgroupOf(b), periods, throttled, share,
          stallPerSecond: tA !== null && tB !== null && tB >= tA ? (tB - tA) / dt : null,
          usedCores: uA !== null && uB !== null && uB >= uA ? (uB - uA) / dt : null,
          // The quota in force while it throttled: a capture after the limit was lifted says `max`.
          quotaCores: num(a, 'cpu.quota_cores') ?? num(b, 'cpu.quota_cores'),
        });
      }
      if (occs.length === 0) continue;
      const last = list.at(-1)!;
      // The headline stretch: the most periods throttled (a stretch of two periods, both throttled, is 100 % and says little).
      const worst = occs.reduce((x, y) => (y.throttled > x.throttled ? y : x));
      const stalls = occs.map((o) => (o.stallPerSecond === null ? null : o.stallPerSecond * (o.end! - o.ts!)));
      const throttledMs = stalls.every((s) => s !== null) ? stalls.reduce((s, x) => s! + x!, 0)! : null;
      const cgroup = cgroupOf(last);
      const quota = worst.quotaCores;
      out.push({
        signature: this.id,
        severity: worst.share >= SEVERE_SHARE ? 'high' : 'medium',
        title: this.title,
        summary:
          `${cgroup && cgroup !== '/' ? `cgroup ${cgroup}` : 'The cgroup'}${last.pid !== null ? ` (pid ${last.pid})` : ''} was throttled in ` +
          `${worst.throttled} of ${worst.periods} scheduling periods (${Math.round(worst.share * 100)} %) between two captures at worst` +
          `${quota !== null ? `, against a quota of ${quota} ${quota === 1 ? 'core' : 'cores'}` : ''}; ` +
          `${plural(occs.length, 'stretch', 'stretches')} between captures throttled in ${Math.round(THROTTLED_SHARE * 100)} % of periods or more.`,
        first: occs[0]!.ts!,
        last: occs.at(-1)!.end!,
        count: occs.length,
        data: { cgroup, pid: last.pid, stretches: occs.length, worstShare: worst.share, throttledMs, quotaCores: quota },
        evidence: [...occs].sort((x, y) => y.share - x.share).slice(0, 3).map((o) =>
          snapEvidence(list.find((c) => `snapshot:${c.ref.sid}` === o.ref)!.ref, o.line, `${o.throttled} of ${o.periods} periods throttled since the capture before`),
        ),
        occurrences: occs,
      });
    }
    return out;
  },
};
