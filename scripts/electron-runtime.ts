/**
 * What the Electron package in node_modules has on disk, read without loading it: `require('electron')`
 * downloads the runtime when it is missing, and that download is exactly what may be impossible.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronInstall =
  | { state: 'present'; executable: string; version: string }
  | { state: 'missing'; version: string | null; reason: string; downloadable: boolean };

export function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * Mirrors electron/index.js and install.js: `path.txt` names the executable inside `dist/`, and
 * `dist/version` says which runtime was unpacked there ($ELECTRON_OVERRIDE_DIST_PATH replaces dist/).
 */
export function probeElectron(electronDir: string, env: NodeJS.ProcessEnv = process.env): ElectronInstall {
  const pkg = readText(join(electronDir, 'package.json'));
  if (pkg === null) return { state: 'missing', version: null, reason: 'the electron package is not installed (run `npm ci`)', downloadable: false };
  const version = (JSON.parse(pkg) as { version: string }).version;
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
  const pathTxt = readText(join(electronDir, 'path.txt'));
  if (pathTxt === null && !env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { state: 'missing', version, reason: `the Electron ${version} runtime has not been downloaded (node_modules/electron/path.txt is missing)`, downloadable: true };
  }
  const executable = join(dist, pathTxt || 'electron');
  if (!existsSync(executable)) return { state: 'missing', version, reason: `the Electron runtime is missing (${executable} does not exist)`, downloadable: true };
  if (!env.ELECTRON_OVERRIDE_DIST_PATH) {
    const unpacked = readText(join(dist, 'version'))?.replace(/^v/, '');
    if (unpacked && unpacked !== version) {
      return { state: 'missing', version, reason: `the downloaded Electron runtime is ${unpacked}, the electron package is ${version}`, downloadable: true };
    }
  }
  return { state: 'present', executable, version };
}

/** Where `npm run rebuild:electron` builds better-sqlite3 for Electron, outside the repository's node_modules. */
export function nativeDir(root: string): string {
  return join(root, '.cache', 'electron-native');
}

export const NATIVE_MARKER = 'electron-version';

export type NativeState = { ready: true; modules: string } | { ready: false; reason: string };

/** Whether better-sqlite3 has been built for this Electron version (rebuild-electron.ts writes the marker last). */
export function probeNative(dir: string, electronVersion: string): NativeState {
  const built = readText(join(dir, NATIVE_MARKER));
  const binary = join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (built === null || !existsSync(binary)) return { ready: false, reason: `better-sqlite3 has not been built for Electron ${electronVersion}` };
  if (built !== electronVersion) return { ready: false, reason: `better-sqlite3 was built for Electron ${built}, not ${electronVersion}` };
  return { ready: true, modules: join(dir, 'node_modules') };
}
