/**
 * `npm start [-- [--browser] [--no-download] [--port N] [bundle]]`: builds the renderer and the Electron
 * bundle, then launches the desktop app. Electron downloads its runtime on first launch; where that
 * is impossible (no access to its download server, no display, better-sqlite3 not built for Electron,
 * or a runtime that dies right away) this says why on stderr and serves the same UI to a browser
 * instead, like `rootline serve`, printing the URL on stdout.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../cli/commands/serve';
import { buildElectron } from './build-electron';
import { nativeDir, probeElectron, probeNative, type ElectronInstall } from './electron-runtime';
import { afterElectronExit, electronEnv, parseStartArgs, planStart, shouldDownload, shouldRebuildNative, type ElectronExit, type StartFlags } from './start-plan';
import { rebuildForElectron } from './rebuild-electron';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron');
const DOWNLOAD_TIMEOUT_MS = Number(process.env.ROOTLINE_ELECTRON_DOWNLOAD_TIMEOUT_MS) || 5 * 60_000;

const say = (line: string) => process.stderr.write(`${line}\n`);

function buildRenderer(): void {
  say('building the renderer …');
  // The build's chatter goes to stderr: stdout is for the URL of browser mode.
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error('the renderer build failed (see above)');
}

/** Electron's own first-launch download (node_modules/electron/install.js), bounded in time. */
function downloadRuntime(version: string | null): Promise<void> {
  say(`downloading the Electron ${version ?? ''} runtime (first launch) …`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ELECTRON_DIR, 'install.js')], { cwd: ROOT, stdio: ['ignore', 2, 'pipe'] });
    let err = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-2000)));
    const timer = setTimeout(() => {
      say(`the download did not finish in ${Math.round(DOWNLOAD_TIMEOUT_MS / 1000)} s; giving up`);
      child.kill();
    }, DOWNLOAD_TIMEOUT_MS);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      if (!ok) {
        const first = err.split('\n').find((l) => l.trim()) ?? 'no reason given';
        say(`the download failed: ${first.trim()}`);
      }
      resolve();
    };
    child.on('error', () => done(false));
    child.on('exit', (code) => done(code === 0));
  });
}

function launchElectron(executable: string, nativeModules: string, flags: StartFlags): Promise<ElectronExit> {
  const started = performance.now();
  const args = [join(ROOT, 'dist', 'electron', 'main.cjs'), ...(flags.bundle ? [flags.bundle] : [])];
  say('starting Rootline (Electron) …');
  return new Promise((resolve) => {
    const child = spawn(executable, args, { cwd: ROOT, stdio: 'inherit', env: electronEnv(process.env, nativeModules) });
    const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
    process.on('SIGINT', forward('SIGINT'));
    process.on('SIGTERM', forward('SIGTERM'));
    child.on('error', (e) => resolve({ code: null, signal: null, error: e.message, elapsedMs: performance.now() - started }));
    child.on('exit', (code, signal) => resolve({ code, signal, elapsedMs: performance.now() - started }));
  });
}

async function browserMode(reason: string, flags: StartFlags): Promise<void> {
  say(`Rootline cannot open its desktop window: ${reason}.`);
  say('Starting it in browser mode instead (the same UI, served on this machine only).');
  const s = await serve(flags.bundle, { port: flags.port !== undefined ? String(flags.port) : undefined });
  process.stdout.write(`Rootline is serving on ${s.url}\nOpen that URL in a browser (it carries this run's access token). Ctrl+C stops it.\n`);
  const stop = () => void s.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await new Promise(() => {}); // serve until interrupted
}

async function main(): Promise<void> {
  const flags = parseStartArgs(process.argv.slice(2));
  buildRenderer();

  let install: ElectronInstall = probeElectron(ELECTRON_DIR);
  if (shouldDownload(install, flags)) {
    await downloadRuntime(install.version);
    install = probeElectron(ELECTRON_DIR);
  }
  let native = probeNative(nativeDir(ROOT), install.state === 'present' ? install.version : '');
  if (install.state === 'present' && shouldRebuildNative(install, native, flags)) {
    try {
      await rebuildForElectron({ root: ROOT, electronVersion: install.version, log: say });
    } catch (e) {
      say(`could not build better-sqlite3 for Electron: ${(e as Error).message}`);
    }
    native = probeNative(nativeDir(ROOT), install.version);
  }

  const plan = planStart(install, native, flags, { platform: process.platform, env: process.env });
  if (plan.mode === 'browser') return browserMode(plan.reason, flags);

  say('building the Electron bundle …');
  await buildElectron({ root: ROOT, quiet: true });
  const exit = await launchElectron(plan.executable, plan.nativeModules, flags);
  const next = afterElectronExit(exit);
  if (next.fallback) return browserMode(next.reason, flags);
  process.exit(next.exitCode);
}

main().catch((e: unknown) => {
  say(`npm start failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
