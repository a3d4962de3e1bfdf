/** cgroup CPU accounting (cpu.stat, cpu.max, cpu.cfs_quota_us/period_us, cpuacct.usage, cpu.pressure): the parser and its records. */
export { cgroupCpuParser } from './parser';
export { sniffCgroupCpu } from './sniff';
export type { CgroupFact, CgroupOutput, CgroupRecord, CgroupVersion } from './model';
