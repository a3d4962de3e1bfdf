/**
 * `npm run dist [-- <electron-builder options>]`: builds the renderer and the Electron bundle, then
 * packages the app with electron-builder (electron-builder.yml: AppImage and deb on Linux, dmg on
 * macOS, nsis on Windows; e.g. `npm run dist -- --linux deb`).
 *
 * Cannot run in this workplace: electron-builder downloads the Electron runtime for each target and
 * the packaging tools (AppImage, nsis, dmg) from GitHub, and `npmRebuild: true` rebuilds
 * better-sqlite3 for Electron, which needs the Electron headers (see rebuild-electron.ts). A machine
 * with network access and a C++ toolchain runs it as is; macOS targets need macOS, signing needs keys.
 *
 * electron-builder's rebuild happens in place, in this repository's node_modules, which leaves
 * better-sqlite3 built for Electron and unusable by Node (the CLI, `rootline serve`, the tests).
 * Afterwards — whether packaging worked or not — this puts Node's build back with `npm rebuild`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const win = process.platform === 'win32';

function run(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', shell: win });
  return r.status ?? 1;
}

async function main(): Promise<number> {
  if (run('npm', ['run', '-s', 'build']) !== 0) return 1;
  await buildElectron({ root: ROOT });
  const packaged = run('npx', ['--no-install', 'electron-builder', '--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)]);
  process.stderr.write('restoring the Node build of better-sqlite3 (electron-builder rebuilt it for Electron) …\n');
  const restored = run('npm', ['rebuild', 'better-sqlite3']);
  if (restored !== 0) process.stderr.write('could not rebuild better-sqlite3 for Node: run `npm rebuild better-sqlite3` before using the CLI or the tests\n');
  return packaged || restored;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`dist failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
