/**
 * The cgroup files the parser knows, what each holds, and pure readers for their line shapes. Names
 * and units follow model.ts.
 */
import type { CgroupVersion } from './model';

type Unit = 'ns' | 'us' | 'count';

export interface ValueSpec {
  name: string;
  unit: Unit;
  /** Set when the value says which interface printed it (nr_* counters are in both). */
  cgroup: CgroupVersion | null;
}

export type FileSpec =
  | { file: string; kind: 'stat' | 'stat-local' | 'pressure' | 'max'; cgroup: CgroupVersion | null }
  | { file: string; kind: 'single'; cgroup: CgroupVersion; value: ValueSpec; unlimited?: string }
  | { file: string; kind: 'unread'; cgroup: CgroupVersion | null; reason: string };

const single = (file: string, cgroup: CgroupVersion, name: string, unit: Unit, unlimited?: string): FileSpec => {
  const spec: FileSpec = { file, kind: 'single', cgroup, value: { name, unit, cgroup } };
  if (unlimited !== undefined) spec.unlimited = unlimited;
  return spec;
};
const PER_CPU = 'per-CPU usage is not read (cpuacct.usage is the total)';

const SPECS: FileSpec[] = [
  { file: 'cpu.stat', kind: 'stat', cgroup: null },
  { file: 'cpu.stat.local', kind: 'stat-local', cgroup: null },
  { file: 'cpu.max', kind: 'max', cgroup: 'v2' },
  { file: 'cpu.pressure', kind: 'pressure', cgroup: 'v2' },
  single('cpu.max.burst', 'v2', 'cpu.burst_limit_ms', 'us'),
  single('cpu.weight', 'v2', 'cpu.weight', 'count'),
  single('cpu.cfs_period_us', 'v1', 'cpu.period_ms', 'us'),
  single('cpu.cfs_quota_us', 'v1', 'cpu.quota_ms', 'us', '-1'),
  single('cpu.cfs_burst_us', 'v1', 'cpu.burst_limit_ms', 'us'),
  single('cpu.shares', 'v1', 'cpu.shares', 'count'),
  single('cpuacct.usage', 'v1', 'cpu.usage_ms', 'ns'),
  single('cpuacct.usage_user', 'v1', 'cpu.user_ms', 'ns'),
  single('cpuacct.usage_sys', 'v1', 'cpu.system_ms', 'ns'),
  { file: 'cpuacct.stat', kind: 'unread', cgroup: 'v1', reason: 'cpuacct.stat is not read (USER_HZ ticks; cpuacct.usage_user and _sys give the same in ns)' },
  { file: 'cpuacct.usage_percpu', kind: 'unread', cgroup: 'v1', reason: PER_CPU },
  { file: 'cpuacct.usage_percpu_user', kind: 'unread', cgroup: 'v1', reason: PER_CPU },
  { file: 'cpuacct.usage_percpu_sys', kind: 'unread', cgroup: 'v1', reason: PER_CPU },
  { file: 'cpuacct.usage_all', kind: 'unread', cgroup: 'v1', reason: PER_CPU },
];

const BY_FILE = new Map(SPECS.map((s) => [s.file, s]));
/** Longest first, so `cpu.stat.local` is found before `cpu.stat` in a name. */
const NAMES_LONGEST_FIRST = SPECS.map((s) => s.file).sort((a, b) => b.length - a.length);

/** The system-wide PSI file: the same lines as a cgroup's cpu.pressure. */
const PROC_PRESSURE: FileSpec = { file: 'cpu.pressure', kind: 'pressure', cgroup: null };

/** The spec of a cgroup file by its base name (`/sys/fs/cgroup/x/cpu.max` → cpu.max), or null. */
export function fileSpec(path: string): FileSpec | null {
  if (/(?:^|\/)pressure\/cpu$/.test(path)) return PROC_PRESSURE;
  return BY_FILE.get(baseName(path)) ?? null;
}

export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? path : path.slice(i + 1);
}

/** A known cgroup file named inside a bundle file's name (`cgroup2-root-cpu.stat`, `pod-a.cpu.max.txt`). */
export function fileNamedIn(name: string): FileSpec | null {
  const base = baseName(name);
  for (const f of NAMES_LONGEST_FIRST) {
    let at = base.indexOf(f);
    while (at >= 0) {
      const before = base[at - 1];
      const after = base[at + f.length];
      if ((before === undefined || !/\w/.test(before)) && (after === undefined || !/\w/.test(after))) return BY_FILE.get(f)!;
      at = base.indexOf(f, at + 1);
    }
  }
  return null;
}

/** cpu.stat keys, v1 and v2. */
export const STAT_KEYS: Record<string, ValueSpec> = {
  nr_periods: { name: 'cpu.nr_periods', unit: 'count', cgroup: null },
  nr_throttled: { name: 'cpu.nr_throttled', unit: 'count', cgroup: null },
  nr_bursts: { name: 'cpu.nr_bursts', unit: 'count', cgroup: null },
  throttled_time: { name: 'cpu.throttled_ms', unit: 'ns', cgroup: 'v1' },
  throttled_usec: { name: 'cpu.throttled_ms', unit: 'us', cgroup: 'v2' },
  burst_time: { name: 'cpu.burst_ms', unit: 'ns', cgroup: 'v1' },
  burst_usec: { name: 'cpu.burst_ms', unit: 'us', cgroup: 'v2' },
  usage_usec: { name: 'cpu.usage_ms', unit: 'us', cgroup: 'v2' },
  user_usec: { name: 'cpu.user_ms', unit: 'us', cgroup: 'v2' },
  system_usec: { name: 'cpu.system_ms', unit: 'us', cgroup: 'v2' },
  nice_usec: { name: 'cpu.nice_ms', unit: 'us', cgroup: 'v2' },
  'core_sched.force_idle_usec': { name: 'cpu.core_sched_force_idle_ms', unit: 'us', cgroup: 'v2' },
  wait_sum: { name: 'cpu.wait_ms', unit: 'ns', cgroup: 'v1' },
};

/** cpu.stat.local keys (kernel 6.8+): throttling of this cgroup alone, not inherited from its parents. */
export const STAT_LOCAL_KEYS: Record<string, ValueSpec> = {
  throttled_time: { name: 'cpu.throttled_local_ms', unit: 'ns', cgroup: 'v1' },
  throttled_usec: { name: 'cpu.throttled_local_ms', unit: 'us', cgroup: 'v2' },
};

/** A kernel value in the unit of its normalised name. */
export function convert(raw: number, unit: Unit): number {
  return unit === 'ns' ? raw / 1e6 : unit === 'us' ? raw / 1e3 : raw;
}

/** `==> /sys/fs/cgroup/cpu/x/cpu.stat <==` (head/tail with several files): the path, or null. */
export function parseSectionHeader(text: string): string | null {
  const m = /^==> (.+) <==$/.exec(text.trim());
  return m ? m[1]! : null;
}

/** `nr_periods 201`: a cpu.stat-style line. */
export function parseKeyValue(text: string): { key: string; value: number } | null {
  const m = /^([a-z][a-z0-9_.]{0,60})\s+(\d{1,20})$/.exec(text.trim());
  return m ? { key: m[1]!, value: Number(m[2]) } : null;
}

/** `2000 100000` or `max 100000`: a cpu.max line (its meaning depends on the file name). */
export function parseQuotaPeriod(text: string): { quota: number | 'max'; period: number } | null {
  const m = /^(max|\d{1,20})\s+(\d{1,20})$/.exec(text.trim());
  return m ? { quota: m[1] === 'max' ? 'max' : Number(m[1]), period: Number(m[2]) } : null;
}

/** One value alone on its line: `100000`, `-1`, `max`. */
export function parseBareValue(text: string): string | null {
  const t = text.trim();
  return /^(?:-?\d{1,20}|max)$/.test(t) ? t : null;
}

export interface PressureLine {
  which: 'some' | 'full';
  avg10: number;
  avg60: number;
  avg300: number;
  /** µs */
  total: number;
}

/** `some avg10=48.84 avg60=10.72 avg300=2.31 total=6938552` (PSI). */
export function parsePressure(text: string): PressureLine | null {
  const m = /^(some|full) avg10=(\d+\.\d+) avg60=(\d+\.\d+) avg300=(\d+\.\d+) total=(\d{1,20})$/.exec(text.trim());
  if (!m) return null;
  return { which: m[1] as 'some' | 'full', avg10: Number(m[2]), avg60: Number(m[3]), avg300: Number(m[4]), total: Number(m[5]) };
}

/** `head: cannot open '…/cpu.max' for reading: No such file or directory`, `cat: …: Permission denied`. */
export function isToolError(text: string): boolean {
  return /^(?:head|cat|tail|sudo|sh|bash): /.test(text);
}

/**
 * The files a command line reads (`head -n 50 a b`, `cat /sys/fs/cgroup/cpu.max`): the words of its
 * first stage that are paths or known cgroup file names. Options and their values are left out.
 */
export function filesOfCommand(command: string): { tool: string; files: string[] } | null {
  const stage = command.split(/\s*(?:\||;|&&)\s*/)[0]!.trim();
  const words = stage.split(/\s+/).filter((w) => w !== '');
  while (words[0] === 'sudo' || words[0] === 'doas') words.shift();
  const tool = words.shift();
  if (!tool || !/^(?:cat|head|tail|more|less)$/.test(baseName(tool))) return null;
  const files = words.filter((w) => !w.startsWith('-') && (w.includes('/') || fileSpec(w) !== null));
  return { tool: baseName(tool), files };
}
