/**
 * `npm run bench` (second part): windowed timeline queries over the 2,000,000-line benchmark log.
 * The bundle (that log plus a smaller second instance's log, so a file filter means something) is
 * ingested once into .cache/bench and reused while the logs are unchanged. Then hundreds of windows
 * at random zooms (the whole range down to one minute) and positions, each asking for a page of rows
 * and a density histogram, and the p50/p95/max latencies. A benchmark, not a test: numbers vary with
 * the machine and its load.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareBundle } from '../engine/api/analyze';
import { buildTimelineSummary, timelineRange, timelineSources, timelineWindow, type TimelineQuery } from '../engine/timeline';
import { timelineQueries } from '../engine/timeline/queries';
import { generateSpringBootLog } from './generate-springboot-log';
import { mulberry32 } from './rng';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, '.cache', 'bench');
const LINES = Number(process.env.BENCH_LINES ?? 2_000_000);
const RUNS = Number(process.env.BENCH_TIMELINE_RUNS ?? 300);

async function ensureLog(file: string, lines: number, seed: number): Promise<void> {
  if (existsSync(file)) return;
  process.stderr.write(`generating ${file} (${lines.toLocaleString('en-US')} lines, once)…\n`);
  await generateSpringBootLog(file + '.tmp', lines, seed);
  execFileSync('mv', [file + '.tmp', file]);
}

const rng = mulberry32;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const fmt = (ms: number) => `${ms.toFixed(1).padStart(6)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

mkdirSync(CACHE, { recursive: true });
const main = join(CACHE, `springboot-${LINES}.log`);
await ensureLog(main, LINES, 42);
const bundle = join(CACHE, `timeline-bundle-${LINES}`);
mkdirSync(join(bundle, 'logs'), { recursive: true });
const app = join(bundle, 'logs', 'app.log');
if (!existsSync(app)) {
  try {
    linkSync(main, app); // same bytes as the analyze benchmark's log, without a second copy
  } catch {
    copyFileSync(main, app);
  }
}
await ensureLog(join(bundle, 'logs', 'worker.log'), Math.max(1000, Math.round(LINES / 10)), 7);

const dbPath = join(CACHE, `timeline-${LINES}.sqlite`);
let t0 = performance.now();
const prepared = await prepareBundle(bundle, { db: dbPath });
const { store, bundleId } = prepared;
const ingestMs = performance.now() - t0;
const q = timelineQueries(store);
let summaryMs: number | null = null;
if (q.unsummarised(bundleId) > 0) {
  t0 = performance.now();
  buildTimelineSummary(store, bundleId);
  summaryMs = performance.now() - t0;
}

const sources = timelineSources(store, bundleId);
const events = sources.reduce((n, s) => n + s.events, 0);
const range = timelineRange(store, bundleId)!;
const span = range.to - range.from;
const slots = (store.db.prepare('SELECT COUNT(*) AS n FROM timeline_counts').get() as { n: number }).n;
console.log(
  `timeline: ${events.toLocaleString('en-US')} events in ${sources.length} files over ${(span / 3_600_000).toFixed(1)} h; ` +
    `database ${mib(statSync(dbPath).size)} (${prepared.reused ? 'reused' : `ingested + analysed in ${(ingestMs / 1000).toFixed(1)} s`})`,
);
console.log(summaryMs === null ? `timeline summary: reused (${slots.toLocaleString('en-US')} slot rows)` : `timeline summary: built in ${(summaryMs / 1000).toFixed(2)} s (${slots.toLocaleString('en-US')} slot rows, timeline index included)`);

const rand = rng(1234);
/** A window from one minute to the whole range, log-uniform in width, anywhere in the range. */
function randomWindow(): { from: number; to: number } {
  const width = Math.round(60_000 * (span / 60_000) ** rand());
  const from = range.from + Math.floor(rand() * Math.max(1, span - width));
  return { from, to: from + width };
}

const fileIds = sources.map((s) => s.fileId);
const LEVELS: TimelineQuery['filters'][] = [{ minLevel: 40 }, { minLevel: 50 }, { levels: [20] }];
const kinds: Record<string, () => TimelineQuery> = {
  'no filter': () => ({ ...randomWindow() }),
  'level filter': () => ({ ...randomWindow(), filters: LEVELS[Math.floor(rand() * LEVELS.length)] }),
  'file filter': () => ({ ...randomWindow(), filters: { fileIds: [fileIds[Math.floor(rand() * fileIds.length)]!] } }),
};

function measure(make: () => TimelineQuery, runs: number, follow = false): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const query = { limit: 500, buckets: 200, ...make() };
    const s = performance.now();
    let w = timelineWindow(store, bundleId, query);
    if (follow && w.nextCursor) {
      const s2 = performance.now();
      w = timelineWindow(store, bundleId, { ...query, cursor: w.nextCursor });
      times.push(performance.now() - s2);
      continue;
    }
    times.push(performance.now() - s);
  }
  return times.sort((a, b) => a - b);
}

for (let i = 0; i < 20; i++) timelineWindow(store, bundleId, randomWindow()); // warm the page cache; not counted

console.log(`windowed query: 500 rows + 200-bucket density, ${RUNS} random windows per line (1 min … ${(span / 3_600_000).toFixed(1)} h), in ms:`);
let worstP95 = 0;
for (const [name, make] of Object.entries(kinds)) {
  const t = measure(make, RUNS);
  worstP95 = Math.max(worstP95, pct(t, 95));
  console.log(`  ${name.padEnd(36)} p50 ${fmt(pct(t, 50))}  p95 ${fmt(pct(t, 95))}  max ${fmt(t.at(-1)!)}`);
}
console.log(`  target p95 < 50 ms: ${worstP95 < 50 ? 'met' : 'NOT met'} (worst p95 ${worstP95.toFixed(1)} ms)`);

// Not in the headline: the next page, a kind filter, and a text filter (a scan until full-text search answers it).
console.log('other queries (not in the headline):');
const extra: [string, () => TimelineQuery, number, boolean][] = [
  ['next page (cursor)', kinds['no filter']!, 100, true],
  ['kind filter hikari.stats', () => ({ ...randomWindow(), filters: { kinds: ['hikari.stats'] } }), 100, false],
  ['text filter (LIKE scan)', () => ({ ...randomWindow(), filters: { text: 'clock leap' } }), 10, false],
];
for (const [name, make, runs, follow] of extra) {
  const t = measure(make, runs, follow);
  console.log(`  ${`${name}, ${runs} runs`.padEnd(36)} p50 ${fmt(pct(t, 50))}  p95 ${fmt(pct(t, 95))}  max ${fmt(t.at(-1)!)}`);
}
store.close();
