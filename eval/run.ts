/**
 * `npm run eval [folder…]`: analyses every sample under samples/ (and every folder given: a sample
 * folder with bundle/ and expected.json, a folder of such samples, or a bare bundle) into a fresh
 * database, scores it against its expected.json and prints one row per bundle, then precision and
 * recall per cause. Exits 1 when any judged bundle fails: CI runs it.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { analyzePath } from '../engine/api/analyze';
import { guidePath } from '../engine/api/guide';
import { loadExpected, type Expected } from './expected';
import { perCause, score, type Row } from './score';
import { table } from './table';

interface Target {
  name: string;
  bundle: string;
  expected: string | null;
}

function targetsIn(dir: string): Target[] {
  const abs = resolve(dir);
  if (existsSync(join(abs, 'bundle')) && statSync(join(abs, 'bundle')).isDirectory()) {
    return [{ name: basename(abs), bundle: join(abs, 'bundle'), expected: existsSync(join(abs, 'expected.json')) ? join(abs, 'expected.json') : null }];
  }
  const subs = readdirSync(abs, { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(abs, e.name, 'bundle')));
  if (subs.length) return subs.flatMap((e) => targetsIn(join(abs, e.name)));
  // A bare bundle: shown, not judged.
  return [{ name: basename(abs), bundle: abs, expected: existsSync(join(abs, 'expected.json')) ? join(abs, 'expected.json') : null }];
}

async function evaluate(t: Target, work: string): Promise<Row> {
  const exp: Expected | null = t.expected ? loadExpected(t.expected) : null;
  const db = join(work, `${t.name}.sqlite`);
  const report = await analyzePath(t.bundle, { db, force: true });
  const walk = await guidePath(t.bundle, { db });
  return score(t.name, report, walk.proposed?.id ?? null, exp);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const samples = resolve(import.meta.dirname, '..', 'samples');
  const all = [...targetsIn(samples), ...args.flatMap(targetsIn)];
  // A folder given that is also a sample is evaluated once.
  const targets = [...new Map(all.map((t) => [resolve(t.bundle), t])).values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  const work = mkdtempSync(join(tmpdir(), 'rootline-eval-'));
  const rows: Row[] = [];
  try {
    for (const t of targets) rows.push(await evaluate(t, work));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(table(rows, perCause(rows)));
  return rows.some((r) => !r.pass) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`eval: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(2);
  },
);
