/**
 * Builds a bundle's index from a script run by tsx (as `npm run rootline` runs the CLI), to show the
 * worker starts there too: `tsx engine/search/testing/build-under-tsx.ts <db> <bundle id>`.
 * Prints the outcome and the number of progress reports as one JSON line.
 */
import { startSearchIndex } from '../job';

const [dbPath, bundleId] = process.argv.slice(2);
const job = startSearchIndex(dbPath!, Number(bundleId), { force: true });
let reports = 0;
job.onProgress(() => reports++);
const outcome = await job.done;
process.stdout.write(`${JSON.stringify({ outcome, reports })}\n`);
