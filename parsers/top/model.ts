/**
 * Records of `top -b` / `top -H -b` output (procps and procps-ng, and busybox's top): one
 * `SnapshotMeta` and one `TopSample` per iteration.
 */
import type { SnapshotMeta } from '../types';

export interface TopTask {
  /** A process id, or a thread id under `top -H`. */
  pid: number;
  user: string;
  /** %CPU (100 = one core). */
  cpu: number;
  /** %MEM; null when the table has no %MEM column (busybox prints %VSZ instead). */
  mem: number | null;
  /** R, S, D, Z, T, I… */
  state: string;
  /** TIME+ / TIME as printed (`0:01.34`, `11473:56`); empty when the table has none. */
  time: string;
  /** COMMAND: the program name, the thread name under -H, or the whole command line under -c. */
  command: string;
  /** RES in KiB (procps) when printed. */
  resKb?: number;
  /** VIRT (procps) or VSZ (busybox) in KiB when printed. */
  virtKb?: number;
  /** SHR (procps) in KiB when printed: with VIRT and RES, the same for every thread of one process. */
  shrKb?: number;
  /** The process of a thread, when top prints the TGID column (a configured `top -H`). */
  tgid?: number;
  /** 1-based line of the row (set by the parser). */
  line?: number;
}

export interface TopCpu {
  us: number;
  sy: number;
  ni: number;
  id: number;
  wa: number;
  hi: number;
  si: number;
  /** Steal time; 0 when the line does not print it. */
  st: number;
}

/** Memory lines normalised to KiB, whatever unit top used (`KiB Mem`, `MiB Mem`, `Mem: …k total`). */
export interface TopMem {
  totalKb?: number;
  freeKb?: number;
  usedKb?: number;
  /** `buff/cache` (procps-ng) or `buffers` (older procps). */
  buffCacheKb?: number;
  /** `avail Mem` (procps-ng). */
  availKb?: number;
  swapTotalKb?: number;
  swapFreeKb?: number;
  swapUsedKb?: number;
  /** Older procps print `cached` on the swap line. */
  cachedKb?: number;
}

export interface TopSample {
  type: 'top-sample';
  /** The wall-clock time top printed (`top - 02:55:30`), as text. */
  clock?: string;
  /** What follows `up`: `3 days,  4:05`, `29 min`. */
  uptimeText?: string;
  users?: number;
  load?: [number, number, number];
  /** The `Tasks:` / `Threads:` counts. */
  counts?: { total: number; running: number; sleeping: number; stopped: number; zombie: number };
  cpu?: TopCpu;
  mem?: TopMem;
  tasks: TopTask[];
  /** True for `top -H` (the summary says `Threads:`; rows are threads). */
  threads: boolean;
  line: number;
  endLine: number;
}

export type TopRecord = SnapshotMeta | TopSample;
