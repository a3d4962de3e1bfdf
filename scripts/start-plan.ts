/**
 * The decisions of `npm start`, kept pure so they are tested without Electron: launch the desktop app
 * when its runtime can run, else say why and serve the same UI to a browser.
 */
import type { ElectronInstall, NativeState } from './electron-runtime';

export interface StartFlags {
  /** --browser: skip Electron altogether. */
  browser: boolean;
  /** --no-download: do not try to fetch the runtime or build the native module. */
  download: boolean;
  port?: number;
  bundle?: string;
}

export function parseStartArgs(argv: readonly string[]): StartFlags {
  const flags: StartFlags = { browser: false, download: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--browser') flags.browser = true;
    else if (a === '--no-download') flags.download = false;
    else if (a === '--port' || a.startsWith('--port=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port must be a port number, not "${v ?? ''}"`);
      flags.port = n;
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a} (npm start [-- [--browser] [--no-download] [--port N] [bundle]])`);
    else flags.bundle = a;
  }
  return flags;
}

/** Try the first-launch download of the runtime? Only when it is missing for a reason a download fixes. */
export function shouldDownload(install: ElectronInstall, flags: StartFlags): boolean {
  return !flags.browser && flags.download && install.state === 'missing' && install.downloadable;
}

/** Try building better-sqlite3 for Electron? Only when the runtime is there and the build is not. */
export function shouldRebuildNative(install: ElectronInstall, native: NativeState, flags: StartFlags): boolean {
  return !flags.browser && flags.download && install.state === 'present' && !native.ready;
}

export interface Environment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

export type StartPlan = { mode: 'electron'; executable: string; nativeModules: string } | { mode: 'browser'; reason: string };

/** Electron when everything it needs is here; otherwise the browser, with the reason to print. */
export function planStart(install: ElectronInstall, native: NativeState, flags: StartFlags, where: Environment): StartPlan {
  if (flags.browser) return { mode: 'browser', reason: 'browser mode was asked for (--browser)' };
  if (install.state === 'missing') {
    const hint = install.downloadable ? (flags.download ? ' and could not be downloaded' : ' (--no-download)') : '';
    return { mode: 'browser', reason: `${install.reason}${hint}` };
  }
  if (!native.ready) return { mode: 'browser', reason: `${native.reason}; run \`npm run rebuild:electron\` (it needs network access)` };
  if (where.platform === 'linux' && !where.env.DISPLAY && !where.env.WAYLAND_DISPLAY) {
    return { mode: 'browser', reason: 'there is no display to open a window on ($DISPLAY and $WAYLAND_DISPLAY are unset)' };
  }
  return { mode: 'electron', executable: install.executable, nativeModules: native.modules };
}

/** An Electron that fails this soon after launch never showed a window: fall back to the browser. */
export const EARLY_EXIT_MS = 8000;

export interface ElectronExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Launch error (spawn failed: missing libraries, not executable…). */
  error?: string;
  elapsedMs: number;
}

export type AfterExit = { fallback: true; reason: string } | { fallback: false; exitCode: number };

/**
 * A clean exit is the user quitting (or handing over to an instance already running). A failure right
 * after launch means the runtime cannot run here; a failure later is a crash of a running app, which
 * is reported, not papered over with a browser.
 */
export function afterElectronExit(exit: ElectronExit, earlyMs = EARLY_EXIT_MS): AfterExit {
  if (exit.error) return { fallback: true, reason: `Electron could not be started (${exit.error})` };
  if (exit.code === 0) return { fallback: false, exitCode: 0 };
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  if (exit.elapsedMs < earlyMs) return { fallback: true, reason: `Electron ${how} ${Math.round(exit.elapsedMs)} ms after launch` };
  return { fallback: false, exitCode: exit.code ?? 1 };
}

/** The environment of the Electron process: never "run as Node", and the native module built for it. */
export function electronEnv(env: NodeJS.ProcessEnv, nativeModules: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, ROOTLINE_NATIVE_MODULES: nativeModules };
  delete out.ELECTRON_RUN_AS_NODE;
  return out;
}
