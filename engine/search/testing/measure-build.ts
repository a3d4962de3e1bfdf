/**
 * Measures the index build and a few searches on a database already holding a bundle (e.g. the
 * 2,000,000-line benchmark log analysed with --db): `tsx engine/search/testing/measure-build.ts <db> [bundle id]`.
 * A measurement, not a test: numbers vary with the machine and its load. It rebuilds the bundle's index.
 */
import { statSync } from 'node:fs';
import { Store } from '../../store';
import { startSearchIndex } from '../job';
import { search } from '../search';

const [dbPath, id = '1'] = process.argv.slice(2);
const bundleId = Number(id);
const size = () => (statSync(dbPath!).size + (statSync(`${dbPath}-wal`, { throwIfNoEntry: false })?.size ?? 0)) / 1e6;
const store = Store.open(dbPath!);
const queries = ['starvation', '"Connection is not available"', 'HikariPool', 'pool*', 'completed -health', '"Pool stats" OR starvation'];

function timeSearches(label: string): void {
  for (const q of queries) {
    const t = performance.now();
    const r = search(store, bundleId, q, { limit: 100 });
    const ms = performance.now() - t;
    const what = r.ok ? `${r.total}${r.totalExact ? '' : '+'} hits${r.approximate ? ' (approximate)' : ''}` : r.error.code;
    console.log(`${label} ${JSON.stringify(q)}: ${ms.toFixed(0)} ms, ${what}`);
  }
}

console.log(`events: ${store.events.count(bundleId).toLocaleString('en-US')}, database ${size().toFixed(0)} MB`);
store.db.prepare('DELETE FROM search_index WHERE bundle_id = ?').run(bundleId);
timeSearches('fallback');
const t0 = performance.now();
let next = 0;
const job = startSearchIndex(dbPath!, bundleId, {
  force: true,
  onProgress: (p) => {
    if (p.done >= next) {
      console.log(`  ${((performance.now() - t0) / 1000).toFixed(1)} s: ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')}`);
      next += p.total / 10;
    }
  },
});
// The main thread stays free while the worker builds: count event-loop turns as a sign of that.
let turns = 0;
const tick = setInterval(() => turns++, 10);
const out = await job.done;
clearInterval(tick);
const wall = (performance.now() - t0) / 1000;
console.log(`build: ${JSON.stringify(out)}; wall ${wall.toFixed(1)} s (worker start included); main-thread ticks ${turns} of ~${Math.round(wall * 100)}`);
console.log(`database ${size().toFixed(0)} MB after`);
timeSearches('indexed');
store.close();
