/**
 * Records of the cgroup CPU accounting parser: one `SnapshotMeta` per capture, then one `CgroupFact`
 * per value, with the kernel's names and units normalised so that v1 and v2 read alike.
 *
 * | name | unit | read from (v1 / v2) |
 * |---|---|---|
 * | `cpu.nr_periods`, `cpu.nr_throttled`, `cpu.nr_bursts` | count | `cpu.stat` (both) |
 * | `cpu.throttled_ms` | ms | `cpu.stat` `throttled_time` (ns) / `throttled_usec` |
 * | `cpu.burst_ms` | ms | `cpu.stat` `burst_time` (ns) / `burst_usec` |
 * | `cpu.usage_ms` | ms | `cpuacct.usage` (ns) / `cpu.stat` `usage_usec` |
 * | `cpu.user_ms`, `cpu.system_ms` | ms | `cpuacct.usage_user`, `cpuacct.usage_sys` (ns) / `user_usec`, `system_usec` |
 * | `cpu.nice_ms` | ms | — / `cpu.stat` `nice_usec` (kernels 6.x) |
 * | `cpu.core_sched_force_idle_ms` | ms | — / `cpu.stat` `core_sched.force_idle_usec` |
 * | `cpu.wait_ms` | ms | `cpu.stat` `wait_sum` (ns, with schedstats on) / — |
 * | `cpu.throttled_local_ms` | ms | `cpu.stat.local` `throttled_time` (ns) / `throttled_usec` |
 * | `cpu.period_ms` | ms | `cpu.cfs_period_us` / `cpu.max` second field |
 * | `cpu.quota_ms` | ms or `max` | `cpu.cfs_quota_us` (`-1` = `max`) / `cpu.max` first field |
 * | `cpu.quota_cores` | cores or `max` | quota ÷ period (0.02 = 2 % of one CPU); only when both are known, or the quota is `max` |
 * | `cpu.burst_limit_ms` | ms | `cpu.cfs_burst_us` / `cpu.max.burst` |
 * | `cpu.shares` / `cpu.weight` | relative | `cpu.shares` / `cpu.weight` |
 * | `cpu.pressure.{some,full}_avg{10,60,300}` | % of wall time | `cpu.pressure` (PSI) |
 * | `cpu.pressure.{some,full}_total_ms` | ms | `cpu.pressure` `total=` (µs) |
 * | `cgroup.file` | path | one per file read in the snapshot (at its `==> … <==` line, or its first value) |
 * | `cgroup.version` | `v1`, `v2` or `v1+v2` | one per snapshot, when the files tell |
 *
 * No limit is the string `max` (the kernel's own v2 spelling; v1 prints `-1`), never null, so a stored
 * value is always either a number or `max`.
 */
import type { SnapshotMeta, SkippedLine } from '../types';

export type CgroupVersion = 'v1' | 'v2';

export interface CgroupFact {
  type: 'cgroup-fact';
  /** Normalised name (`cpu.throttled_ms`, …): see the table above. */
  name: string;
  /**
   * In the unit the name says (`_ms`, `_cores`, a count). A string only for `max` (no limit), the path
   * of `cgroup.file` and the version of `cgroup.version`.
   */
  value: number | string;
  line: number;
  /** What the kernel printed: the key (`throttled_time`), or the file name for one-value files (`cpu.cfs_quota_us`). */
  key: string;
  /**
   * The file the value came from: its path as the `==> … <==` header or the command printed it, the
   * bundle file's own name when that names the cgroup file, else the file its keys identify (`cpu.stat`).
   */
  source: string;
  /** Which cgroup interface printed it; null when nothing tells. */
  cgroup: CgroupVersion | null;
}

export type CgroupRecord = SnapshotMeta | CgroupFact;
export type CgroupOutput = CgroupRecord | SkippedLine;
