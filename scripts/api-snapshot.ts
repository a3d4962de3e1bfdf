/**
 * Every API answer a user sees for each sample bundle, written as one JSON file per sample, so that
 * a change meant to keep behaviour (a storage change, say) can be compared with the version before
 * it: overview, guide, sources, seven timeline queries, file lines, four searches, the postmortem.
 * Times of the run, database paths and the checkout's own path are left out or replaced.
 *
 *   git worktree add /tmp/before <commit>      (and link node_modules into it)
 *   npx tsx scripts/api-snapshot.ts /tmp/before /tmp/snap-before
 *   npx tsx scripts/api-snapshot.ts "$PWD" /tmp/snap-after
 *   npx tsx scripts/api-snapshot.ts --compare /tmp/snap-before /tmp/snap-after
 *
 * The first argument is the checkout whose samples are read; the engine is this checkout's, so run
 * it from the checkout being measured.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RootlineEngine } from '../engine/api/engine';

/** Keys whose values differ from run to run. */
const VOLATILE = /^(buildMs|elapsedMs|updatedAt|startedAt|finishedAt|openedAt|opened_at|generatedAt|ingestedAt|ingestMs|builtAt|db)$/;

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => !VOLATILE.test(k)).map(([k, x]) => [k, strip(x)]));
  return v;
}

async function snapshot(root: string, out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  const home = mkdtempSync(join(tmpdir(), 'rl-snapshot-'));
  const engine = new RootlineEngine({ home, samplesDir: join(root, 'samples') });
  const norm = (v: unknown) => JSON.parse(JSON.stringify(v).split(root).join('ROOT').split(home).join('HOME')) as unknown;
  for (const s of await engine.samples()) {
    const job = await engine.ingest({ path: s.path });
    const done = (await engine.waitJob(job.id)) as { result?: { bundle: string } };
    if (!done.result) throw new Error(`${s.name}: ingest failed: ${JSON.stringify(done).slice(0, 300)}`);
    const b = done.result.bundle;
    const r: Record<string, unknown> = { overview: await engine.overview(b), guide: await engine.guide(b), sources: await engine.timelineSources(b) };
    const t0 = await engine.timeline(b, {});
    r.t0 = t0;
    if (t0.nextCursor) r.t1 = await engine.timeline(b, { cursor: t0.nextCursor });
    const mid = (t0.from + t0.to) / 2;
    r.tzoom = await engine.timeline(b, { from: mid - 60_000, to: mid + 60_000, limit: 200 });
    r.tinfo = await engine.timeline(b, { filters: { levels: [30] }, limit: 300 });
    r.treq = await engine.timeline(b, { filters: { kinds: ['http.request'] }, limit: 300 });
    r.ttext = await engine.timeline(b, { filters: { text: 'connection' }, limit: 300 });
    r.tmin = await engine.timeline(b, { filters: { minLevel: 40 } });
    const sources = r.sources as { fileId: number }[];
    r.lines = sources.length ? await engine.fileLines(b, sources[0]!.fileId, 1, 40) : null;
    for (let i = 0; i < 300 && (await engine.searchStatus(b)).state !== 'ready'; i++) await new Promise((ok) => setTimeout(ok, 100));
    for (const q of ['connection', 'GET', 'timeout', 'started']) r[`search:${q}`] = await engine.search(b, q, { limit: 50 });
    r.report = await engine.exportPostmortem(b);
    writeFileSync(join(out, `${s.name}.json`), JSON.stringify(strip(norm(r)), null, 1));
    console.log(`${s.name}: written`);
  }
}

function compare(a: string, b: string): number {
  let differ = 0;
  for (const f of readdirSync(a).filter((x) => x.endsWith('.json')).sort()) {
    const x = JSON.parse(readFileSync(join(a, f), 'utf8')) as Record<string, unknown>;
    const y = JSON.parse(readFileSync(join(b, f), 'utf8')) as Record<string, unknown>;
    const keys = Object.keys(x).filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]));
    if (keys.length) differ++;
    console.log(`${f.replace(/\.json$/, '')}: ${keys.length ? `differs in ${keys.join(', ')}` : 'same'}`);
  }
  return differ;
}

const args = process.argv.slice(2);
if (args[0] === '--compare') process.exitCode = compare(args[1]!, args[2]!) > 0 ? 1 : 0;
else await snapshot(args[0]!, args[1]!);
process.exit();
