/**
 * Child process of the benchmark: build (forced) the full-text index of one bundle in a database that
 * `run-analyze.ts` just filled, then run one phrase search on it; report the build's time, the
 * process's peak RSS (the build runs in a worker thread of this process), and the search's hits and
 * time as JSON on stdout. Exits 1 when the build does not end `ready`.
 */
import { search } from '../engine/search/search';
import { startSearchIndex } from '../engine/search/job';
import { Store } from '../engine/store';

const [dbPath, id] = process.argv.slice(2);
const bundleId = Number(id);
const started = performance.now();
const outcome = await startSearchIndex(dbPath!, bundleId, { force: true }).done;
const ms = performance.now() - started;
if (outcome.state !== 'ready') {
  process.stderr.write(`search index build of bundle ${bundleId} in ${dbPath}: ${JSON.stringify(outcome)}\n`);
  process.exit(1);
}
const store = Store.open(dbPath!);
const q0 = performance.now();
const r = search(store, bundleId, '"Connection is not available"', { limit: 100 });
const queryMs = performance.now() - q0;
store.close();
process.stdout.write(
  JSON.stringify({ ms, events: outcome.events, maxRssKb: process.resourceUsage().maxRSS, queryMs, hits: r.ok ? r.total : null, hitsExact: r.ok ? r.totalExact : null }) + '\n',
);
