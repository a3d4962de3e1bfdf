/** Child process of the benchmark: analyse one path and report time, peak RSS and per-phase seconds as JSON on stdout. */
import { analyzePath } from '../engine/api/analyze';

const [path, db] = process.argv.slice(2);
const started = performance.now();
const phases: Record<string, number> = {};
let phase = 'reading';
let phaseStart = started;
const report = await analyzePath(path!, {
  db,
  force: true,
  timelineIndex: false, // as `rootline analyze` does
  onProgress: (p) => {
    if (p.phase === phase) return;
    const now = performance.now();
    phases[phase] = (now - phaseStart) / 1000;
    phase = p.phase;
    phaseStart = now;
  },
});
const ms = performance.now() - started;
phases[phase] = (performance.now() - phaseStart) / 1000;
process.stdout.write(
  JSON.stringify({ ms, bundleId: report.bundle.id, maxRssKb: process.resourceUsage().maxRSS, bytes: report.bundle.bytes, lines: report.bundle.lines, records: report.bundle.records, top: report.rootCauses[0]?.cause ?? null, phases }) + '\n',
);
