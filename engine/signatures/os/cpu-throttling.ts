/**
 * A cgroup that ran out of its CPU quota: between two captures of its `cpu.stat`, the kernel held its
 * runnable threads off the CPU in a large share of the scheduling periods (CFS bandwidth throttling).
 * Each stretch between captures is one occurrence, so that root-cause rules can ask what happened in
 * the service while it was throttled, and how much of the time its threads waited for CPU.
 */
import type { Occurrence } from '../../model/occurrence';
import { plural } from '../findings-from-hits';
import { snapEvidence } from '../series';
import { cgroupCpu, type Stretch } from './cgroup-stretches';
import type { Signature } from '../types';

export const CPU_THROTTLING = 'cpu-throttling';

/**
 * A stretch counts as throttled from this share of its scheduling periods throttled: the default of the
 * Prometheus Operator's CPUThrottlingHigh alert (kubernetes-mixin), the threshold fleets already page on.
 */
export const THROTTLED_SHARE = 0.25;
/** From this share most periods ran into the quota: the cgroup was held to its limit, not clipped at peaks. */
const SEVERE_SHARE = 0.5;

/** One throttled stretch between two captures (see Stretch for its measures). */
export interface ThrottleOcc extends Occurrence, Pick<Stretch, 'periods' | 'throttled' | 'share' | 'stallPerSecond' | 'usedCores' | 'quotaCores'> {
  pid: number | null;
  /** The cgroup, as the path of its cpu.stat's folder when the capture printed it. */
  cgroup: string;
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
    const out: ReturnType<typeof cpuThrottling.detect> = [];
    for (const g of cgroupCpu(ctx.store, ctx.bundleId)) {
      const occs: ThrottleOcc[] = g.stretches
        .filter((s) => s.periods > 0 && s.share >= THROTTLED_SHARE)
        .map((s) => ({
          ts: s.from, end: s.to, lineTs: s.to, fileId: s.snap.fileId, line: s.line, ref: `snapshot:${s.snap.sid}`,
          ...(g.pid !== null ? { process: `pid:${g.pid}` } : {}),
          pid: g.pid, cgroup: g.cgroup, periods: s.periods, throttled: s.throttled, share: s.share,
          stallPerSecond: s.stallPerSecond, usedCores: s.usedCores, quotaCores: s.quotaCores,
        }));
      if (occs.length === 0) continue;
      // The headline stretch: the most periods throttled (a stretch of two periods, both throttled, is 100 % and says little).
      const worst = occs.reduce((x, y) => (y.throttled > x.throttled ? y : x));
      const stalls = occs.map((o) => (o.stallPerSecond === null ? null : o.stallPerSecond * (o.end! - o.ts!)));
      const throttledMs = stalls.every((s) => s !== null) ? stalls.reduce((s, x) => s! + x!, 0)! : null;
      const quota = worst.quotaCores;
      out.push({
        signature: this.id,
        severity: worst.share >= SEVERE_SHARE ? 'high' : 'medium',
        title: this.title,
        summary:
          `${g.cgroup && g.cgroup !== '/' ? `cgroup ${g.cgroup}` : 'The cgroup'}${g.pid !== null ? ` (pid ${g.pid})` : ''} was throttled in ` +
          `${worst.throttled} of ${worst.periods} scheduling periods (${Math.round(worst.share * 100)} %) between two captures at worst` +
          `${quota !== null ? `, against a quota of ${quota} ${quota === 1 ? 'core' : 'cores'}` : ''}; ` +
          `${plural(occs.length, 'stretch', 'stretches')} between captures throttled in ${Math.round(THROTTLED_SHARE * 100)} % of periods or more.`,
        first: occs[0]!.ts!,
        last: occs.at(-1)!.end!,
        count: occs.length,
        data: { cgroup: g.cgroup, pid: g.pid, stretches: occs.length, worstShare: worst.share, throttledMs, quotaCores: quota },
        evidence: [...occs].sort((x, y) => y.share - x.share || y.throttled - x.throttled).slice(0, 3).map((o) => {
          const s = g.stretches.find((x) => `snapshot:${x.snap.sid}` === o.ref)!;
          return snapEvidence(s.snap, o.line, `${o.throttled} of ${o.periods} periods throttled since the capture before`);
        }),
        occurrences: occs,
      });
    }
    return out;
  },
};
