/**
 * The built app, end to end without Electron: scripts/build-electron.ts bundles main.cjs (engine
 * inside), the preload and the engine's worker/child scripts; main.cjs then runs under plain Node
 * with a stand-in `electron` module (testing/fake-electron.cjs) and is driven over its IPC handlers
 * the way the renderer would (testing/drive-main.cjs): open a sample from the command line, ingest,
 * overview, the ingest and the search index built in workers, SQL in the child process, refusals.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron, type BuildResult } from '../scripts/build-electron';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SAMPLE = join(ROOT, 'samples', 'incident-3-hikari-starvation', 'bundle');

let app: string;
let built: BuildResult;

beforeAll(async () => {
  // An app root like the packaged one: package.json beside dist/electron/.
  app = mkdtempSync(join(tmpdir(), 'rootline-electron-app-'));
  copyFileSync(join(ROOT, 'package.json'), join(app, 'package.json'));
  mkdirSync(join(app, 'dist'));
  built = await buildElectron({ root: ROOT, outDir: join(app, 'dist', 'electron'), quiet: true });
});

afterAll(() => rmSync(app, { recursive: true, force: true }));

describe('build:electron', () => {
  it('writes main, preload and the scripts the engine starts, loading only electron, Node and better-sqlite3', () => {
    expect(built.files).toEqual(['build-worker.mjs', 'ingest-worker.mjs', 'line-messages-worker.mjs', 'main.cjs', 'parse-worker.mjs', 'preload.cjs', 'query-process.mjs']);
    expect(built.externals['preload.cjs']).toEqual(['electron']);
    expect(built.externals['main.cjs']).toContain('electron');
    for (const [file, mods] of Object.entries(built.externals)) {
      if (file.endsWith('.mjs')) expect(mods, file).not.toContain('electron');
      for (const m of mods) expect(m === 'electron' || isBuiltin(m), `${file}: ${m}`).toBe(true);
    }
    // better-sqlite3 goes through the one shim ($ROOTLINE_NATIVE_MODULES, else node_modules)
    for (const f of ['main.cjs', 'build-worker.mjs', 'ingest-worker.mjs', 'line-messages-worker.mjs', 'query-process.mjs']) {
      expect(readFileSync(join(app, 'dist', 'electron', f), 'utf8'), f).toContain('req(dir ? req.resolve("better-sqlite3", { paths: [dir] }) : "better-sqlite3")');
    }
  });

  it('leaves no import.meta in the CommonJS bundles and points spawned scripts into app.asar.unpacked', () => {
    const main = readFileSync(join(app, 'dist', 'electron', 'main.cjs'), 'utf8');
    expect(main).not.toMatch(/import\.meta/);
    expect(main).toMatch(/new URL\("\.\/build-worker\.mjs", __rootline_unpacked_url\)/);
    expect(main).toMatch(/new URL\("\.\/ingest-worker\.mjs", __rootline_unpacked_url\)/);
    expect(main).toMatch(/new URL\("\.\/query-process\.mjs", __rootline_unpacked_url\)/);
    // The ingest worker starts the parse worker beside it (both unpacked).
    expect(readFileSync(join(app, 'dist', 'electron', 'ingest-worker.mjs'), 'utf8')).toMatch(/new URL\("\.\/parse-worker\.mjs", import\.meta\.url\)/);
    expect(main).toContain("replace(/\\/app\\.asar\\//, '/app.asar.unpacked/')");
    expect(readFileSync(join(app, 'dist', 'electron', 'preload.cjs'), 'utf8')).not.toMatch(/import\.meta/);
  });
});

describe('the built main process', () => {
  it('serves the engine API over IPC to our window only', async () => {
    const home = join(app, 'home');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--require', join(ROOT, 'electron', 'testing', 'fake-electron.cjs'), join(ROOT, 'electron', 'testing', 'drive-main.cjs'), join(app, 'dist', 'electron', 'main.cjs'), SAMPLE],
      { env: { ...process.env, ROOTLINE_HOME: home, FAKE_ELECTRON_USER_DATA: join(app, 'user-data'), ROOTLINE_NATIVE_MODULES: join(ROOT, 'node_modules') }, timeout: 120_000 },
    );
    const out = JSON.parse(stdout) as Record<string, unknown> & { webPreferences: Record<string, unknown> };
    expect(out.channels).toContain('shell:saveFile');
    expect(out.webPreferences).toMatchObject({ preload: join(app, 'dist', 'electron', 'preload.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(out.rendererUrl).toBe(`file://${join(app, 'dist', 'renderer', 'index.html')}`);
    expect(out.version).toEqual({ ok: true, result: { version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version, schema: expect.any(Number) } });
    expect(out.navigate).toMatch(/^#\/open\/[0-9a-f-]{36}$/);
    expect(out.job).toEqual({ status: 'done', error: null });
    expect(out.polled).toBe('done');
    expect(out.overview).toMatchObject({ files: expect.any(Number) });
    expect((out.overview as { rootCauses: unknown[] }).rootCauses.length).toBeGreaterThan(0);
    expect(out.searchStatus).toMatchObject({ state: 'ready' });
    expect(out.search).toMatchObject({ ok: true });
    expect((out.search as { hits: number }).hits).toBeGreaterThan(0);
    expect(out.sql).toMatchObject({ ok: true, columns: ['n'] });
    expect(out.sqlRefused).toMatchObject({ ok: false, error: { code: 'not-read-only' } });
    expect(out.notFound).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(out.foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(out.menu).toEqual({ top: ['&File', '&Edit', '&View', '&Help'], recent: ['incident-3-hikari-starvation/bundle'], exportEnabled: true });
    expect(out.session).toMatchObject({ permission: false, csp: { responseHeaders: { 'Content-Security-Policy': [expect.stringContaining("script-src 'self'")] } } });
  });
});
