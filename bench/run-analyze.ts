/** Child process of the benchmark: analyse one path and report time and peak RSS as JSON on stdout. */
import { analyzePath } from '../engine/api/analyze';

const [path, db] = process.argv.slice(2);
const started = performance.now();
const report = await analyzePath(path!, { db, force: true });
const ms = performance.now() - started;
process.stdout.write(
  JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, bytes: report.bundle.bytes, lines: report.bundle.lines, records: report.bundle.records, top: report.rootCauses[0]?.cause ?? null }) + '\n',
);
