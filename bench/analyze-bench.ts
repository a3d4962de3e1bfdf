/**
 * `npm run bench`: ingest + analyse a 2,000,000-line Spring Boot log (generated once, cached in
 * .cache/bench, outside git) and print throughput and peak RSS. A benchmark, not a test: numbers
 * vary with the machine and its load.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSpringBootLog } from './generate-springboot-log';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, '.cache', 'bench');
const LINES = Number(process.env.BENCH_LINES ?? 2_000_000);
const log = join(CACHE, `springboot-${LINES}.log`);

mkdirSync(CACHE, { recursive: true });
if (!existsSync(log)) {
  process.stderr.write(`generating ${log} (${LINES.toLocaleString('en-US')} lines, once)…\n`);
  await generateSpringBootLog(log + '.tmp', LINES);
  execFileSync('mv', [log + '.tmp', log]);
}
const size = statSync(log).size;
const db = join(CACHE, 'bench.sqlite');
rmSync(db, { force: true });
rmSync(db + '-wal', { force: true });
rmSync(db + '-shm', { force: true });
const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'run-analyze.ts'), log, db], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
const r = JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; maxRssKb: number; lines: number; records: number; top: string | null };
const mb = size / 1e6;
console.log(`analyze: ${mb.toFixed(1)} MB, ${r.lines.toLocaleString('en-US')} lines, ${r.records.toLocaleString('en-US')} records in ${(r.ms / 1000).toFixed(2)} s`);
console.log(`throughput: ${(mb / (r.ms / 1000)).toFixed(1)} MB/s, ${Math.round(r.lines / (r.ms / 1000)).toLocaleString('en-US')} lines/s`);
console.log(`peak RSS: ${(r.maxRssKb / 1024).toFixed(0)} MiB`);
console.log(`top root cause: ${r.top ?? 'none'}`);
