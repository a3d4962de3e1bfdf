/**
 * Chart series: which ones to show first (the ones the findings are about), how selected series
 * share charts, and how their points line up for uPlot with each point's evidence kept alongside.
 */
import type { SeriesGroup, SeriesInfo, SeriesPoint } from '../../../../../engine/timeline/series-types';

/** Parts of a series id (`hikari/HikariPool-1@25595/active`), unescaped like the engine's `seriesParts`. */
export const idParts = (id: string): string[] => id.split('/').map((p) => p.replace(/%2F/gi, '/').replace(/%25/g, '%'));

export interface FindingLike {
  signature: string;
  severity: string;
  data?: Record<string, unknown>;
}

const SEVERITY: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

const byMaxDesc = (a: SeriesInfo, b: SeriesInfo) => b.max - a.max || b.points - a.points || a.id.localeCompare(b.id);

/** Function name of a goroutine frame ("net/http.(*persistConn).writeLoop /usr/lib/…:2392" → "net/http.(*persistConn).writeLoop"). */
const frameFn = (frame: unknown): string | null => (typeof frame === 'string' && frame.trim() ? frame.trim().split(/\s+/)[0]! : null);

/** Pool names a Hikari finding names (`pools: ["HikariPool-1"]` or `pools: { "HikariPool-1": 10 }`). */
function poolsOf(data: Record<string, unknown> | undefined): string[] {
  const p = data?.pools;
  if (Array.isArray(p)) return p.filter((x): x is string => typeof x === 'string');
  if (p && typeof p === 'object') return Object.keys(p);
  return [];
}

const HIKARI_ORDER = ['active', 'idle', 'waiting', 'total'];

function hikariSeries(all: readonly SeriesInfo[], pools: string[]): SeriesInfo[] {
  const hs = all.filter((s) => s.group === 'hikari');
  const instances = new Map<string, SeriesInfo[]>();
  for (const s of hs) {
    const inst = idParts(s.id)[1] ?? '';
    const pool = inst.split('@')[0]!;
    if (pools.length && !pools.includes(pool)) continue;
    instances.set(inst, [...(instances.get(inst) ?? []), s]);
  }
  // The pool instance with the most samples (the process that ran longest), then the busiest.
  const best = [...instances.values()].sort(
    (a, b) => Math.max(...b.map((s) => s.points)) - Math.max(...a.map((s) => s.points)) || Math.max(...b.map((s) => s.max)) - Math.max(...a.map((s) => s.max)),
  )[0];
  if (!best) return pools.length ? hikariSeries(all, []) : [];
  const rank = (s: SeriesInfo) => {
    const i = HIKARI_ORDER.indexOf(idParts(s.id)[2] ?? '');
    return i < 0 ? 99 : i;
  };
  return [...best].sort((a, b) => rank(a) - rank(b));
}

function fdSeries(all: readonly SeriesInfo[], pid: unknown): SeriesInfo[] {
  const p = typeof pid === 'number' || typeof pid === 'string' ? String(pid) : null;
  const mine = (s: SeriesInfo) => p === null || idParts(s.id)[2] === p;
  const totals = all.filter((s) => idParts(s.id)[0] === 'fd' && mine(s)).sort(byMaxDesc).slice(0, 2);
  const peer = all.filter((s) => idParts(s.id)[0] === 'fd-peer' && mine(s) && s.max > 1).sort(byMaxDesc).slice(0, 1);
  return [...totals, ...peer];
}

function goroutineSeries(all: readonly SeriesInfo[], data: Record<string, unknown> | undefined): SeriesInfo[] {
  const totals = all.filter((s) => idParts(s.id)[0] === 'goroutines').sort(byMaxDesc).slice(0, 1);
  const groups = all.filter((s) => idParts(s.id)[0] === 'goroutine-group');
  const fn = frameFn(data?.frame);
  const named = fn ? groups.filter((s) => s.label.includes(`in ${fn} [`)) : [];
  return [...totals, ...(named.length ? named : groups.sort(byMaxDesc).slice(0, 3))];
}

/** top's %CPU of the process, then its busiest threads (top -H). */
function cpuSeries(all: readonly SeriesInfo[], pid: unknown): SeriesInfo[] {
  const p = typeof pid === 'number' || typeof pid === 'string' ? String(pid) : null;
  const proc = all.filter((s) => idParts(s.id)[0] === 'proc-cpu' && (p === null || idParts(s.id)[2] === p)).sort(byMaxDesc).slice(0, 1);
  const threads = all.filter((s) => idParts(s.id)[0] === 'thread-cpu' && s.max > 0 && (p === null || idParts(s.id)[2] === p)).sort(byMaxDesc).slice(0, 2);
  return [...proc, ...threads];
}

function threadSeries(all: readonly SeriesInfo[]): SeriesInfo[] {
  const ts = all.filter((s) => s.group === 'threads');
  const order = ['BLOCKED', 'RUNNABLE', 'WAITING', 'TIMED_WAITING'];
  const rank = (s: SeriesInfo) => {
    const i = order.indexOf(idParts(s.id).at(-1) ?? '');
    return i < 0 ? 99 : i;
  };
  return ts.sort((a, b) => rank(a) - rank(b) || b.points - a.points).slice(0, 4);
}

const prefixed = (all: readonly SeriesInfo[], first: string, last?: string) =>
  all.filter((s) => {
    const p = idParts(s.id);
    return p[0] === first && (last === undefined || p.at(-1) === last);
  });

/** Log metric series a finding was read from (`data.series`: one `{ seriesId }` or a list of them). */
function logMetricRefs(data: Record<string, unknown> | undefined, all: readonly SeriesInfo[]): SeriesInfo[] {
  const refs = Array.isArray(data?.series) ? data.series : data?.series ? [data.series] : [];
  const ids = refs.map((r) => (r && typeof r === 'object' ? (r as { seriesId?: unknown }).seriesId : null)).filter((x): x is string => typeof x === 'string');
  return ids.map((id) => all.find((s) => s.id === id)).filter((s): s is SeriesInfo => !!s);
}

/** The series one finding is about, most telling first. */
export function seriesForFinding(f: FindingLike, all: readonly SeriesInfo[]): SeriesInfo[] {
  const sig = f.signature;
  // A finding read from metrics inside a log charts the series it was read from.
  const fromLog = logMetricRefs(f.data, all);
  if (fromLog.length) return fromLog;
  if (sig.startsWith('hikari-') || sig === 'pool-waiters') {
    const h = hikariSeries(all, poolsOf(f.data));
    // Starvation is about the host, not the pool: GC pauses show whether the JVM itself stopped.
    return sig === 'hikari-starvation' ? [...h, ...prefixed(all, 'gc'), ...prefixed(all, 'cpu')] : h;
  }
  if (sig === 'fd-growth' || sig === 'node-emfile') return fdSeries(all, f.data?.pid);
  if (sig === 'close-wait-accumulation') return [...prefixed(all, 'sockets', 'CLOSE_WAIT').sort(byMaxDesc).slice(0, 1), ...prefixed(all, 'sockets', 'ESTABLISHED').sort(byMaxDesc).slice(0, 1)];
  if (['goroutine-growth', 'goroutine-blocked', 'busy-goroutines', 'grpc-transport-growth', 'http-body-leak'].includes(sig)) return goroutineSeries(all, f.data);
  if (sig === 'recv-queue-backlog') return prefixed(all, 'queue', 'recv');
  if (sig === 'send-queue-backlog') return prefixed(all, 'queue', 'send');
  if (['lock-contention', 'stuck-threads', 'thread-count-growth', 'java-deadlock'].includes(sig)) return threadSeries([...all]);
  if (sig === 'cpu-throttling') return prefixed(all, 'cpu');
  if (['go-lock-contention', 'go-sql-pool-waiters'].includes(sig)) return goroutineSeries(all, f.data);
  if (sig === 'busy-threads' || sig === 'process-cpu') return cpuSeries(all, f.data?.pid);
  if (sig === 'pg-idle-in-transaction') {
    const app = typeof f.data?.app === 'string' ? f.data.app : null;
    const idle = prefixed(all, 'pg-state', 'idle in transaction').filter((s) => app === null || idParts(s.id)[2] === app);
    return [...idle, ...prefixed(all, 'pg-idle-tx-age')].slice(0, 3);
  }
  if (sig === 'pg-lock-waits') return [...prefixed(all, 'pg-lock-waits'), ...prefixed(all, 'pg-state', 'active').sort(byMaxDesc).slice(0, 1)];
  if (sig.startsWith('gc-') || sig === 'heap-growth' || sig === 'jvm-out-of-memory' || sig === 'log-silence-gap') return prefixed(all, 'gc');
  return [];
}

const FALLBACK: [string, string?][] = [['hikari'], ['fd'], ['goroutines'], ['queue', 'recv'], ['sockets', 'ESTABLISHED'], ['threads'], ['gc'], ['cpu', 'throttled']];

/**
 * The series shown before the user picks: those of the findings (worst first), then a CPU metric
 * when the bundle has one; when no finding above "info" points at any, one telling series per kind
 * of data; the series of "info" findings last.
 */
export function defaultSeries(findings: readonly FindingLike[], all: readonly SeriesInfo[], max = 8): string[] {
  const out: string[] = [];
  const add = (ss: readonly SeriesInfo[]) => {
    for (const s of ss) if (out.length < max && !out.includes(s.id)) out.push(s.id);
  };
  const ordered = [...findings].sort((a, b) => (SEVERITY[b.severity] ?? 0) - (SEVERITY[a.severity] ?? 0));
  for (const f of ordered) if ((SEVERITY[f.severity] ?? 0) > 0) add(seriesForFinding(f, all));
  add(all.filter((s) => s.group === 'metrics' && /cpu/i.test(idParts(s.id).slice(2).join('/'))).slice(0, 1));
  if (out.length === 0) {
    for (const [first, last] of FALLBACK) {
      if (first === 'hikari') add(hikariSeries(all, []));
      else add(prefixed(all, first, last).sort(byMaxDesc).slice(0, 1));
      if (out.length >= 4) break;
    }
  }
  for (const f of ordered) if ((SEVERITY[f.severity] ?? 0) === 0) add(seriesForFinding(f, all));
  if (out.length === 0) add(all.slice(0, 2));
  return out;
}

// ---- Charts -----------------------------------------------------------------------------------

export const GROUP_TITLES: Record<SeriesGroup, string> = {
  fds: 'Open descriptors',
  sockets: 'Sockets by state',
  queues: 'Socket queues',
  threads: 'Java threads',
  goroutines: 'Goroutines',
  hikari: 'HikariCP pool',
  gc: 'GC pauses',
  cpu: 'CPU (top, cgroup throttling)',
  metrics: 'Metrics',
  'log-metrics': 'Metrics in logs',
  postgres: 'PostgreSQL (pg_stat_activity, connections)',
};

export interface ChartSpec {
  key: string;
  title: string;
  unit: string;
  ids: string[];
  /** Legend labels when the series' own are not the best (a metric's are its tag values). */
  legend?: string[];
}

/** `process_cpu_seconds_rate{instance="…", job="api-server"} (metrics/x.csv)` → `process_cpu_seconds_rate`. */
export const metricName = (label: string): string => label.replace(/\s*\([^()]*\)\s*$/, '').replace(/\{.*\}$/, '').trim() || label;

/** The tag that names a metric's source: its `job` (or first) tag value, else "value". */
export function metricTag(label: string): string {
  const tags = /\{(.*)\}/.exec(label)?.[1];
  if (!tags) return 'value';
  const pairs = [...tags.matchAll(/([\w.-]+)\s*=\s*"([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as const);
  return (pairs.find(([k]) => k === 'job') ?? pairs[0])?.[1] || 'value';
}

/**
 * Where a log metric is charted: fields of one object of one line (`pool.totalCount`, `pool.idleCount`,
 * `pool.waitingCount`) share a chart when they share a unit and a scale (within two decades: a pool's
 * counts together, its cumulative wait count and wait time apart); a top-level field has its own.
 */
export function logMetricChart(s: Pick<SeriesInfo, 'id' | 'unit' | 'max' | 'min'>): { key: string; title: string; legend: string } {
  const [, fileId, pid, message = '', field = ''] = idParts(s.id);
  const dot = field.lastIndexOf('.');
  const parent = dot < 0 ? '' : field.slice(0, dot);
  const leaf = field.slice(dot + 1);
  const scale = Math.floor(Math.log10(Math.max(1, Math.abs(s.max), Math.abs(s.min))) / 2);
  const object = parent || field;
  return { key: `log:${fileId}/${pid}/${message}/${object}|${s.unit}|${scale}`, title: `${message} · ${object}`, legend: parent ? leaf : field };
}

/** Selected series → charts: one per kind of data (each metrics CSV column alone, its scale is its own), in selection order. */
export function chartSpecs(selected: readonly string[], infos: readonly SeriesInfo[]): ChartSpec[] {
  const byId = new Map(infos.map((s) => [s.id, s]));
  const charts = new Map<string, ChartSpec & { units: string[] }>();
  for (const id of selected) {
    const s = byId.get(id);
    if (!s) continue;
    const lm = s.group === 'log-metrics' ? logMetricChart(s) : null;
    const key = lm ? lm.key : s.group === 'metrics' ? `metric:${id}` : s.group;
    const title = lm ? lm.title : s.group === 'metrics' ? metricName(s.label) : GROUP_TITLES[s.group];
    const c = charts.get(key) ?? { key, title, unit: '', ids: [], units: [], ...(s.group === 'metrics' || lm ? { legend: [] } : {}) };
    c.ids.push(id);
    c.legend?.push(lm ? lm.legend : metricTag(s.label));
    if (s.unit && !c.units.includes(s.unit)) c.units.push(s.unit);
    charts.set(key, c);
  }
  return [...charts.values()].map(({ units, ...c }) => ({ ...c, unit: units.join(' / ') }));
}

/** "google.golang.org/grpc.(*ccBalancerWrapper).watcher" → "grpc.(*ccBalancerWrapper).watcher": package paths say little in a legend. */
const lastPathPart = (w: string): string => (w.includes('/') && !w.includes(':') && !w.startsWith('(') ? w.slice(w.lastIndexOf('/') + 1) || w : w);

/** A Go frame in a label: "net/http.(*persistConn).writeLoop" → "persistConn.writeLoop" (the type says more than the package). */
const compactFrame = (w: string): string => {
  const m = /^(?:[\w.-]+\/)*[\w-]+\.\(\*?([\w]+)\)\.([\w.]+)$/.exec(w);
  return m ? `${m[1]}.${m[2]}` : lastPathPart(w);
};

/**
 * The distinctive part of each label: words all labels share at the start or the end are dropped
 * ("HikariPool-1 active connections (pid 1)", "HikariPool-1 idle connections (pid 1)" → "active", "idle");
 * a label that is nothing but the shared words is the total ("Goroutines (pid 1)" among groups → "all").
 */
export function shortLabels(labels: readonly string[]): string[] {
  if (labels.length < 2) return labels.map((l) => l.split(' ').map(lastPathPart).join(' '));
  const words = labels.map((l) => l.split(' '));
  const same = (i: (w: string[]) => string | undefined) => words.every((w) => i(w) !== undefined && i(w) === i(words[0]!));
  let suf = 0;
  while (same((w) => w[w.length - 1 - suf]) && words.every((w) => w.length - suf > 1)) suf++;
  const cut = words.map((w) => w.slice(0, w.length - suf));
  let pre = 0;
  while (cut.every((w) => w[pre] !== undefined && w[pre] === cut[0]![pre])) pre++;
  const out = cut.map((w) =>
    w.length <= pre
      ? 'all'
      : w
          .slice(pre)
          .map(compactFrame)
          .join(' ')
          .replace(/^in /, '')
          .replace(/^Descriptors to /, '→ ')
          .replace(/[:,]$/, ''),
  );
  if (out.filter((x) => x === 'all').length > 1) return labels.map((l) => l.split(' ').map(lastPathPart).join(' '));
  // Groups beside a total: a state they all share ("[select]") says nothing either.
  const parts = out.filter((x) => x !== 'all');
  const last = parts[0]?.split(' ').at(-1);
  if (parts.length > 1 && last && /^\[.*\]$/.test(last) && parts.every((x) => x.endsWith(` ${last}`))) {
    for (let i = 0; i < out.length; i++) if (out[i] !== 'all') out[i] = out[i]!.slice(0, -(last.length + 1));
  }
  // Groups with the same top frame (different stacks below) get a number.
  const seen = new Map<string, number>();
  return out.map((x) => {
    const k = (seen.get(x) ?? 0) + 1;
    seen.set(x, k);
    return k === 1 ? x : `${x} #${k}`;
  });
}

/** Cuts the middle out of a long label, keeping both ends ("http.(*persistConn).writeLoop" → "http.(*pers…).writeLoop"): the end tells series apart. */
export function ellipsizeMiddle(s: string, max: number): string {
  if (s.length <= max || max < 5) return s;
  const tail = Math.ceil((max - 1) * 0.6);
  const head = max - 1 - tail;
  return `${s.slice(0, head)}…${s.slice(s.length - tail)}`;
}

export interface Aligned {
  /** Every time any series has a point, ascending. */
  xs: number[];
  /** Per series, the value at each x (null: no point there). */
  ys: (number | null)[][];
  /** Per series, the point at each x — what a click opens. */
  points: (SeriesPoint | null)[][];
}

/** Lines series up on one x array (uPlot's data shape), keeping each point's evidence. */
export function alignSeries(list: readonly { points: readonly SeriesPoint[] }[]): Aligned {
  const set = new Set<number>();
  for (const s of list) for (const p of s.points) set.add(p.ts);
  const xs = [...set].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const ys: (number | null)[][] = [];
  const points: (SeriesPoint | null)[][] = [];
  for (const s of list) {
    const col: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    const pcol: (SeriesPoint | null)[] = new Array<SeriesPoint | null>(xs.length).fill(null);
    for (const p of s.points) {
      const i = at.get(p.ts)!;
      col[i] = p.value;
      pcol[i] = p;
    }
    ys.push(col);
    points.push(pcol);
  }
  return { xs, ys, points };
}

/** Index of the x nearest to `ts` (-1 when there is none). */
export function nearestIndex(xs: readonly number[], ts: number): number {
  if (xs.length === 0) return -1;
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < ts) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(xs[lo - 1]! - ts) <= Math.abs(xs[lo]! - ts)) return lo - 1;
  return lo;
}

/** The point of series `k` nearest in time to `ts`, within `maxMs`; null when none is that close. */
export function pointNear(a: Aligned, k: number, ts: number, maxMs = Infinity): SeriesPoint | null {
  const col = a.points[k];
  if (!col || a.xs.length === 0) return null;
  const i = nearestIndex(a.xs, ts);
  let best: SeriesPoint | null = null;
  for (let d = 0; d < a.xs.length; d++) {
    const cands = [col[i - d], col[i + d]].filter((p): p is SeriesPoint => !!p);
    for (const p of cands) if (!best || Math.abs(p.ts - ts) < Math.abs(best.ts - ts)) best = p;
    // Past this distance nothing closer can come.
    const reach = Math.min(i - d >= 0 ? Math.abs(a.xs[i - d]! - ts) : Infinity, i + d < a.xs.length ? Math.abs(a.xs[i + d]! - ts) : Infinity);
    if (best && reach > Math.abs(best.ts - ts)) break;
    if (reach === Infinity) break;
  }
  return best && Math.abs(best.ts - ts) <= maxMs ? best : null;
}

/** The point a click at (`ts`, `value`) means: the nearest in time among the series, the closest in value on a tie of time. */
export function pickPoint(a: Aligned, ts: number, value: number | null, maxMs: number): { series: number; point: SeriesPoint } | null {
  let best: { series: number; point: SeriesPoint; dt: number; dv: number } | null = null;
  for (let k = 0; k < a.points.length; k++) {
    const p = pointNear(a, k, ts, maxMs);
    if (!p) continue;
    const dt = Math.abs(p.ts - ts);
    const dv = value === null ? 0 : Math.abs(p.value - value);
    if (!best || dt < best.dt || (dt === best.dt && dv < best.dv)) best = { series: k, point: p, dt, dv };
  }
  return best ? { series: best.series, point: best.point } : null;
}

/** A readable number for an axis or a legend: 1,234 / 3.2 M / 0.36. */
export function formatValue(v: number | null | undefined, unit = ''): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  let s: string;
  if (unit === 'bytes') {
    s = a >= 1024 ** 3 ? `${(v / 1024 ** 3).toFixed(1)} GiB` : a >= 1024 ** 2 ? `${(v / 1024 ** 2).toFixed(1)} MiB` : a >= 1024 ? `${(v / 1024).toFixed(1)} KiB` : `${Math.round(v)} B`;
    return s;
  }
  if (a >= 1e9) s = `${(v / 1e9).toFixed(1)} G`;
  else if (a >= 1e6) s = `${(v / 1e6).toFixed(1)} M`;
  else if (a >= 1e4) s = `${(v / 1e3).toFixed(0)} k`;
  else if (Number.isInteger(v)) s = v.toLocaleString('en-US');
  else s = a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
  return unit && unit !== 'bytes' && unit.length <= 3 ? `${s} ${unit}` : s;
}

/** A short y-axis label (the axis is 50 px wide): 977K, 1.9M for bytes; 2.5k, 12M otherwise. */
export function axisValue(v: number, unit = ''): string {
  if (!Number.isFinite(v)) return '';
  const a = Math.abs(v);
  const fix = (x: number) => (Math.abs(x) < 10 && !Number.isInteger(x) ? x.toFixed(1) : Math.round(x).toString());
  if (unit === 'bytes') {
    if (a >= 1024 ** 3) return `${fix(v / 1024 ** 3)}G`;
    if (a >= 1024 ** 2) return `${fix(v / 1024 ** 2)}M`;
    if (a >= 1024) return `${fix(v / 1024)}K`;
    return fix(v);
  }
  if (a >= 1e9) return `${fix(v / 1e9)}G`;
  if (a >= 1e6) return `${fix(v / 1e6)}M`;
  if (a >= 1e4) return `${fix(v / 1e3)}k`;
  if (Number.isInteger(v)) return v.toString();
  return a >= 100 ? v.toFixed(0) : a >= 1 ? v.toFixed(1).replace(/\.0$/, '') : v.toPrecision(2);
}

/** Points to ask for so the line has about one point per pixel (the engine keeps the extremes). */
export const pointsFor = (plotWidth: number): number => Math.max(50, Math.min(2000, Math.round(plotWidth)));

/** Whether a series is small enough to fetch whole once instead of per window. */
export const fetchWhole = (info: Pick<SeriesInfo, 'points'>, plotWidth: number): boolean => info.points <= pointsFor(plotWidth);
