/**
 * `npm run bench` (first part): for each size in BENCH_SIZES (lines, comma-separated; default
 * 500000,2000000,4000000), a Spring Boot log generated once into .cache/bench (outside git), then in
 * the same run on that file, page cache warmed before each:
 *   - lnav, when it is on PATH: `lnav -n -c ';SELECT count(*) …'` timed wall-clock, its peak RSS
 *     through /usr/bin/time when there is one;
 *   - Rootline: ingest + analyse into a fresh database in a child process (seconds, MB/s, lines/s,
 *     peak RSS, seconds per phase);
 *   - the full-text index built on that database in another child; "search ready" is the analysis
 *     plus the index build.
 * Prints a Markdown table (also written to .cache/bench/latest.md, for the README), the machine, and
 * the goals as "goal met" / "goal not met". A benchmark, not a test: numbers vary with the machine and
 * its load, and no timing fails the run (a child that crashes does, after the table).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSpringBootLog, springBootLogName } from './generate-springboot-log';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, '.cache', 'bench');
const LNAV_QUERY = ';SELECT count(*) FROM all_logs WHERE log_body LIKE "%Connection is not available%"';
/** Goals: analysis ≤ 0.33 × lnav's time, search ready ≤ 1.0 × lnav's, peak RSS at the largest size ≤ 1.2 × at the smallest. */
const GOAL_RATIO = 0.33;
const GOAL_SEARCH_RATIO = 1.0;
const GOAL_FLAT_RSS = 1.2;

function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (sizes.length === 0 || sizes.some((n) => !Number.isSafeInteger(n) || n <= 0)) {
    process.stderr.write(`BENCH_SIZES must be line counts separated by commas (e.g. 500000,2000000), not ${JSON.stringify(text)}\n`);
    process.exit(2);
  }
  return [...new Set(sizes)].sort((a, b) => a - b);
}
const SIZES = parseSizes(process.env.BENCH_SIZES ?? '500000,2000000,4000000');

interface AnalyzeResult {
  ms: number;
  bundleId: number;
  maxRssKb: number;
  lines: number;
  records: number;
  top: string | null;
  phases: Record<string, number>;
}
interface SearchBuildResult {
  ms: number;
  events: number;
  maxRssKb: number;
  queryMs: number;
  hits: number | null;
  hitsExact: boolean | null;
}
interface LnavResult {
  seconds: number;
  rssKb: number | null;
  count: number | null;
}
interface Row {
  lines: number;
  bytes: number;
  analyze: AnalyzeResult | null;
  /** The analyze child process's wall-clock time. */
  wallMs: number | null;
  search: SearchBuildResult | null;
  lnav: LnavResult | null;
}

/** The young-generation size `rootline` starts itself with (bin/rootline.mjs). */
const CLI_FLAGS = ['--max-semi-space-size=4'];

/** Runs a bench/ script in a child Node process (as the CLI runs: bench/child.mjs, with its flags) and parses the JSON of its last stdout line. */
function runChild<T>(script: string, args: string[]): { result: T; wallMs: number } {
  const started = performance.now();
  const out = execFileSync(process.execPath, [...CLI_FLAGS, join(ROOT, 'bench', 'child.mjs'), script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { result: JSON.parse(out.trim().split('\n').at(-1)!) as T, wallMs: performance.now() - started };
}

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}
const LNAV = which('lnav');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const lnavVersion = LNAV ? (spawnSync(LNAV, ['-V'], { encoding: 'utf8' }).stdout ?? '').trim().replace(/^lnav\s+/, '') || 'unknown version' : null;

/** Reads the file once so that lnav and Rootline both start from a warm page cache. */
function warm(file: string): void {
  execFileSync('cat', [file], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function runLnav(lnav: string, file: string): LnavResult | string {
  const args = ['-n', '-c', LNAV_QUERY, file];
  const started = performance.now();
  const r = TIME ? spawnSync(TIME, ['-f', '%M', lnav, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 }) : spawnSync(lnav, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const seconds = (performance.now() - started) / 1000;
  if (r.error || r.status !== 0) return `lnav failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`;
  const rss = TIME ? Number((r.stderr ?? '').trim().split('\n').at(-1)) : NaN;
  const count = (r.stdout ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^\d+$/.test(l))
    .at(-1);
  return { seconds, rssKb: Number.isFinite(rss) ? rss : null, count: count === undefined ? null : Number(count) };
}

function removeDb(db: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
}

const n0 = (n: number) => Math.round(n).toLocaleString('en-US');
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const mib = (kb: number) => n0(kb / 1024);
// The whole child process, Node start included, as lnav's time includes its own start.
const analyzeSeconds = (r: Row) => (r.wallMs !== null ? r.wallMs / 1000 : null);
const searchReadySeconds = (r: Row) => (r.wallMs !== null && r.search ? (r.wallMs + r.search.ms) / 1000 : null);
const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? a / b : null);

mkdirSync(CACHE, { recursive: true });
const rows: Row[] = [];
let failed = false;
process.stdout.write(
  `analyze benchmark: ${SIZES.map(n0).join(', ')} lines; ${LNAV ? `lnav ${lnavVersion} at ${LNAV}${TIME ? '' : ' (no /usr/bin/time: no lnav RSS)'}` : 'lnav not installed: Rootline only'}\n`,
);
for (const lines of SIZES) {
  const log = join(CACHE, springBootLogName(lines));
  await ensureSpringBootLog(log, lines);
  const bytes = statSync(log).size;
  const row: Row = { lines, bytes, analyze: null, wallMs: null, search: null, lnav: null };
  rows.push(row);
  console.log(`\n${n0(lines)} lines, ${f1(bytes / 1e6)} MB (${log})`);

  if (LNAV) {
    warm(log);
    const r = runLnav(LNAV, log);
    if (typeof r === 'string') console.log(`  ${r}`);
    else {
      row.lnav = r;
      console.log(`  lnav: ${f2(r.seconds)} s${r.rssKb === null ? '' : `, peak RSS ${mib(r.rssKb)} MiB`}, ${r.count ?? '?'} messages with "Connection is not available"`);
    }
  }

  const db = join(CACHE, `analyze-bench-${lines}.sqlite`);
  removeDb(db);
  warm(log);
  try {
    const { result: a, wallMs } = runChild<AnalyzeResult>('run-analyze.ts', [log, db]);
    row.analyze = a;
    row.wallMs = wallMs;
    const s = wallMs / 1000;
    console.log(
      `  rootline analyze: ${f2(s)} s with Node start (${f2(a.ms / 1000)} s in the engine), ${f1(bytes / 1e6 / s)} MB/s, ${n0(a.lines / s)} lines/s, ` +
        `${n0(a.records)} records, peak RSS ${mib(a.maxRssKb)} MiB; top root cause: ${a.top ?? 'none'}`,
    );
    console.log(`  phases: ${Object.entries(a.phases).map(([p, sec]) => `${p} ${f2(sec)} s`).join(', ')}`);
    const { result: b } = runChild<SearchBuildResult>('run-search-build.ts', [db, String(a.bundleId)]);
    row.search = b;
    console.log(
      `  search index: ${f2(b.ms / 1000)} s for ${n0(b.events)} events, peak RSS ${mib(b.maxRssKb)} MiB; search ready ${f2(searchReadySeconds(row)!)} s; ` +
        `"Connection is not available": ${b.hits ?? '?'}${b.hitsExact === false ? '+' : ''} hits in ${f1(b.queryMs)} ms`,
    );
  } catch (e) {
    failed = true;
    console.log(`  rootline failed: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    removeDb(db);
  }
}

// The table, the machine, the goals.
const dash = '–';
const fmt = (v: number | null, f: (n: number) => string) => (v === null ? dash : f(v));
const header = ['lines', 'MB', 'Rootline s', 'MB/s', 'lines/s', 'peak RSS MiB', 'search ready s', 'lnav s', 'lnav RSS MiB', 'Rootline / lnav', 'search ready / lnav'];
const table = [
  `| ${header.join(' | ')} |`,
  `|${header.map(() => '---:|').join('')}`,
  ...rows.map((r) => {
    const s = analyzeSeconds(r);
    const cells = [
      n0(r.lines),
      f1(r.bytes / 1e6),
      fmt(s, f2),
      fmt(s === null ? null : r.bytes / 1e6 / s, f1),
      fmt(s === null || !r.analyze ? null : r.analyze.lines / s, n0),
      fmt(r.analyze?.maxRssKb ?? null, mib),
      fmt(searchReadySeconds(r), f2),
      fmt(r.lnav?.seconds ?? null, f2),
      fmt(r.lnav?.rssKb ?? null, mib),
      fmt(ratio(s, r.lnav?.seconds ?? null), f2),
      fmt(ratio(searchReadySeconds(r), r.lnav?.seconds ?? null), f2),
    ];
    return `| ${cells.join(' | ')} |`;
  }),
];

const cpus = os.cpus();
const machine =
  `Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${f1(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ` +
  `${lnavVersion ? `lnav ${lnavVersion}` : 'lnav not installed'}; load average ${os.loadavg().map(f2).join(' ')} at the end; ${new Date().toISOString().slice(0, 10)}.`;

/** One goal line: the worst value over the sizes against the limit. */
function goal(label: string, values: [number, number | null][], limit: number, missing: string): string {
  const known = values.filter((v): v is [number, number] => v[1] !== null);
  if (known.length === 0) return `- ${label}: not measured (${missing})`;
  const [worstLines, worst] = known.reduce((a, b) => (b[1] > a[1] ? b : a));
  const all = known.map(([l, v]) => `${f2(v)} at ${n0(l)}`).join(', ');
  return `- ${label}: ${all} lines; ${worst <= limit ? 'goal met' : 'goal not met'}${known.length > 1 ? ` (worst at ${n0(worstLines)})` : ''}`;
}
const noLnav = LNAV ? 'lnav failed' : 'lnav not installed';
const smallest = rows[0]!;
const largest = rows.at(-1)!;
const flat =
  rows.length < 2
    ? `- Flat memory, peak RSS at the largest size ≤ ${GOAL_FLAT_RSS} × at the smallest: not measured (one size)`
    : smallest.analyze && largest.analyze
      ? (() => {
          const v = largest.analyze.maxRssKb / smallest.analyze.maxRssKb;
          return `- Flat memory, peak RSS at ${n0(largest.lines)} lines / at ${n0(smallest.lines)} lines ≤ ${GOAL_FLAT_RSS}: ${mib(largest.analyze.maxRssKb)} / ${mib(smallest.analyze.maxRssKb)} MiB = ${f2(v)}; ${v <= GOAL_FLAT_RSS ? 'goal met' : 'goal not met'}`;
        })()
      : `- Flat memory: not measured (Rootline failed)`;
const goals = [
  goal(`Analysis time ≤ ${GOAL_RATIO} × lnav's`, rows.map((r) => [r.lines, ratio(analyzeSeconds(r), r.lnav?.seconds ?? null)]), GOAL_RATIO, noLnav),
  goal(`Search ready ≤ ${f1(GOAL_SEARCH_RATIO)} × lnav's open time`, rows.map((r) => [r.lines, ratio(searchReadySeconds(r), r.lnav?.seconds ?? null)]), GOAL_SEARCH_RATIO, noLnav),
  flat,
];

const note =
  'Rootline s: a process running `analyzePath` into a fresh SQLite database (ingest, signatures, diagnosis, timeline summary), wall-clock, Node start included. ' +
  'Search ready: that plus building the full-text index. lnav s: `lnav -n -c \';SELECT count(*) FROM all_logs WHERE log_body LIKE …\'` wall-clock. ' +
  'Page cache warm for both; generated Spring Boot logs with HikariCP lines (`bench/generate-springboot-log.ts`).';
const md = [...table, '', machine, '', note, '', 'Goals:', ...goals, ''].join('\n');
console.log(`\n${md}`);
writeFileSync(join(CACHE, 'latest.md'), md);
console.log(`(written to ${join(CACHE, 'latest.md')}; the timeline benchmark appends its p95 there)`);
if (failed) process.exitCode = 1;
