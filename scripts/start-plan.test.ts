import { describe, expect, it } from 'vitest';
import type { ElectronInstall, NativeState } from './electron-runtime';
import { afterElectronExit, EARLY_EXIT_MS, electronEnv, parseStartArgs, planStart, shouldDownload, shouldRebuildNative } from './start-plan';

const present: ElectronInstall = { state: 'present', executable: '/repo/node_modules/electron/dist/electron', version: '45.4.1' };
const notDownloaded: ElectronInstall = { state: 'missing', version: '45.4.1', reason: 'the Electron 45.4.1 runtime has not been downloaded (node_modules/electron/path.txt is missing)', downloadable: true };
const notInstalled: ElectronInstall = { state: 'missing', version: null, reason: 'the electron package is not installed (run `npm ci`)', downloadable: false };
const built: NativeState = { ready: true, modules: '/repo/.cache/electron-native/node_modules' };
const unbuilt: NativeState = { ready: false, reason: 'better-sqlite3 has not been built for Electron 45.4.1' };
const flags = parseStartArgs([]);
const desktop = { platform: 'linux' as const, env: { DISPLAY: ':0' } };

describe('parseStartArgs', () => {
  it('reads the switches and the bundle', () => {
    expect(parseStartArgs([])).toEqual({ browser: false, download: true });
    expect(parseStartArgs(['--browser', '--port', '8080', 'samples/x/bundle'])).toEqual({ browser: true, download: true, port: 8080, bundle: 'samples/x/bundle' });
    expect(parseStartArgs(['--no-download', '--port=0'])).toEqual({ browser: false, download: false, port: 0 });
    expect(() => parseStartArgs(['--port', 'x'])).toThrow('--port must be a port number');
    expect(() => parseStartArgs(['--frobnicate'])).toThrow('unknown option --frobnicate');
  });
});

describe('the start decision', () => {
  it('launches Electron when the runtime, the native module and a display are there', () => {
    expect(planStart(present, built, flags, desktop)).toEqual({ mode: 'electron', executable: present.executable, nativeModules: built.modules });
    expect(planStart(present, built, flags, { platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } }).mode).toBe('electron');
    expect(planStart(present, built, flags, { platform: 'darwin', env: {} }).mode).toBe('electron');
    expect(planStart(present, built, flags, { platform: 'win32', env: {} }).mode).toBe('electron');
  });

  it('falls back to the browser when the runtime is missing, saying why', () => {
    expect(planStart(notDownloaded, unbuilt, flags, desktop)).toEqual({ mode: 'browser', reason: `${notDownloaded.reason} and could not be downloaded` });
    expect(planStart(notDownloaded, unbuilt, parseStartArgs(['--no-download']), desktop)).toEqual({ mode: 'browser', reason: `${notDownloaded.reason} (--no-download)` });
    expect(planStart(notInstalled, unbuilt, flags, desktop)).toEqual({ mode: 'browser', reason: notInstalled.reason });
  });

  it('falls back when better-sqlite3 is not built for Electron, or there is no display, or browser mode is asked for', () => {
    expect(planStart(present, unbuilt, flags, desktop)).toEqual({ mode: 'browser', reason: `${unbuilt.reason}; run \`npm run rebuild:electron\` (it needs network access)` });
    expect(planStart(present, built, flags, { platform: 'linux', env: {} })).toEqual({ mode: 'browser', reason: expect.stringContaining('no display') });
    expect(planStart(present, built, parseStartArgs(['--browser']), desktop)).toEqual({ mode: 'browser', reason: 'browser mode was asked for (--browser)' });
  });

  it('tries the download and the native build only when they can help', () => {
    expect(shouldDownload(notDownloaded, flags)).toBe(true);
    expect(shouldDownload(notDownloaded, parseStartArgs(['--no-download']))).toBe(false);
    expect(shouldDownload(notDownloaded, parseStartArgs(['--browser']))).toBe(false);
    expect(shouldDownload(notInstalled, flags)).toBe(false);
    expect(shouldDownload(present, flags)).toBe(false);
    expect(shouldRebuildNative(present, unbuilt, flags)).toBe(true);
    expect(shouldRebuildNative(present, built, flags)).toBe(false);
    expect(shouldRebuildNative(notDownloaded, unbuilt, flags)).toBe(false);
    expect(shouldRebuildNative(present, unbuilt, parseStartArgs(['--no-download']))).toBe(false);
  });
});

describe('after Electron exits', () => {
  it('treats a failure right after launch as a missing runtime', () => {
    expect(afterElectronExit({ code: 127, signal: null, elapsedMs: 300 })).toEqual({ fallback: true, reason: 'Electron exited with code 127 300 ms after launch' });
    expect(afterElectronExit({ code: null, signal: 'SIGSEGV', elapsedMs: 1200 })).toEqual({ fallback: true, reason: 'Electron was killed by SIGSEGV 1200 ms after launch' });
    expect(afterElectronExit({ code: null, signal: null, error: 'spawn EACCES', elapsedMs: 2 })).toEqual({ fallback: true, reason: 'Electron could not be started (spawn EACCES)' });
  });

  it('passes a clean quit, and a later crash, through', () => {
    expect(afterElectronExit({ code: 0, signal: null, elapsedMs: 200 })).toEqual({ fallback: false, exitCode: 0 });
    expect(afterElectronExit({ code: 0, signal: null, elapsedMs: 3_600_000 })).toEqual({ fallback: false, exitCode: 0 });
    expect(afterElectronExit({ code: 3, signal: null, elapsedMs: EARLY_EXIT_MS + 1 })).toEqual({ fallback: false, exitCode: 3 });
    expect(afterElectronExit({ code: null, signal: 'SIGKILL', elapsedMs: EARLY_EXIT_MS * 10 })).toEqual({ fallback: false, exitCode: 1 });
  });

  it('launches Electron as Electron with the native modules built for it', () => {
    const env = electronEnv({ PATH: '/bin', ELECTRON_RUN_AS_NODE: '1' }, built.modules);
    expect(env).toEqual({ PATH: '/bin', ROOTLINE_NATIVE_MODULES: built.modules });
  });
});
