import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, spawnedScripts } from './build-electron';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rootline-spawned-'));
  mkdirSync(join(dir, 'search'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('spawnedScripts', () => {
  it('finds worker and child-process starts, preferring the TypeScript body of a tsx loader', () => {
    writeFileSync(join(dir, 'search', 'build-worker.mjs'), "import { tsImport } from 'tsx/esm/api';\nawait tsImport('./build-worker.ts', import.meta.url);\n");
    writeFileSync(join(dir, 'search', 'build-worker.ts'), 'export {};\n');
    writeFileSync(join(dir, 'search', 'query-process.mjs'), "import Database from 'better-sqlite3';\n");
    const source = [
      "const worker = new Worker(new URL('./build-worker.mjs', import.meta.url), { workerData: data });",
      "const child = fork(new URL('./query-process.mjs', import.meta.url), [], {",
      "const other = new URL('../../docs/SCHEMA.md', import.meta.url);",
    ].join('\n');
    expect(spawnedScripts(source, join(dir, 'search', 'job.ts'))).toEqual([
      { named: join(dir, 'search', 'build-worker.mjs'), entry: join(dir, 'search', 'build-worker.ts') },
      { named: join(dir, 'search', 'query-process.mjs'), entry: join(dir, 'search', 'query-process.mjs') },
    ]);
    expect(spawnedScripts("const REPO = fileURLToPath(new URL('../../', import.meta.url));", join(dir, 'engine.ts'))).toEqual([]);
  });

  it("finds the engine's own worker starts in its sources", () => {
    const found = (file: string) => spawnedScripts(readFileSync(join(ROOT, file), 'utf8'), join(ROOT, file));
    expect(found('engine/api/ingest-job.ts')).toEqual([{ named: join(ROOT, 'engine/api/ingest-worker.mjs'), entry: join(ROOT, 'engine/api/ingest-worker.ts') }]);
    expect(found('engine/search/job.ts')).toEqual([{ named: join(ROOT, 'engine/search/build-worker.mjs'), entry: join(ROOT, 'engine/search/build-worker.ts') }]);
  });
});
