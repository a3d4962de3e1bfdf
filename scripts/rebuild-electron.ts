/**
 * `npm run rebuild:electron`: builds better-sqlite3 for Electron's ABI with @electron/rebuild, into
 * .cache/electron-native/ — a copy, so the repository's own node_modules stay built for Node (the CLI,
 * the bridge and the tests need that build; one module cannot serve both ABIs). `npm start` hands the
 * copy to Electron through $ROOTLINE_NATIVE_MODULES (see build-electron.ts). Packaging does not use it:
 * electron-builder rebuilds for Electron itself (`npmRebuild: true`, see scripts/dist.ts).
 *
 * What it needs, and why it cannot run in this workplace: the Electron headers for node-gyp
 * (node-v<version>-headers.tar.gz from the Electron headers server, or a mirror given by
 * $ELECTRON_REBUILD_DIST_URL), or a prebuilt better-sqlite3 for Electron from its GitHub releases,
 * plus python3, make and a C++ compiler. Without network access neither download can happen; the
 * script checks the headers server first (15 s) and stops with a message instead of hanging in node-gyp.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NATIVE_MARKER, nativeDir } from './electron-runtime';

export const DEFAULT_HEADERS_URL = 'https://www.electronjs.org/headers';
/** better-sqlite3 and what it requires at run time. */
export const NATIVE_PACKAGES = ['better-sqlite3', 'bindings', 'file-uri-to-path'] as const;

export class RebuildError extends Error {
  override name = 'RebuildError';
}

export function headersTarball(headersUrl: string, electronVersion: string): string {
  return `${headersUrl.replace(/\/+$/, '')}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz`;
}

/** node-gyp's header caches (its own, and @electron/rebuild's): with the headers there, no download is needed. */
export function cachedHeaderDirs(electronVersion: string, env: NodeJS.ProcessEnv = process.env, home = homedir()): string[] {
  const caches = [
    join(home, '.electron-gyp'),
    env.XDG_CACHE_HOME ? join(env.XDG_CACHE_HOME, 'node-gyp') : join(home, '.cache', 'node-gyp'),
    join(home, 'Library', 'Caches', 'node-gyp'),
    ...(env.LOCALAPPDATA ? [join(env.LOCALAPPDATA, 'node-gyp', 'Cache')] : []),
  ];
  return caches.map((c) => join(c, electronVersion)).filter((d) => existsSync(join(d, 'include', 'node', 'node_version.h')));
}

/** Can the headers be downloaded? Resolves, or rejects with a RebuildError that says what to do. */
export async function checkHeadersReachable(url: string, timeoutMs = 15_000): Promise<void> {
  let status: number;
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    status = res.status;
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.name === 'TimeoutError' ? `no answer in ${Math.round(timeoutMs / 1000)} s` : (err.cause?.code ?? err.cause?.message ?? err.message);
    throw new RebuildError(
      `cannot download the Electron headers (${url}: ${why}).\n` +
        'rebuild:electron needs network access to the Electron headers (or set $ELECTRON_REBUILD_DIST_URL to a mirror), ' +
        'plus python3, make and a C++ compiler. Without it, `npm start` runs Rootline in the browser instead.',
    );
  }
  if (status >= 400) throw new RebuildError(`the Electron headers are not at ${url} (HTTP ${status}); check $ELECTRON_REBUILD_DIST_URL`);
}

/** A self-contained copy of better-sqlite3 to build: package.json plus the packages it needs. */
export function stageNativeCopy(root: string, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  const deps: Record<string, string> = {};
  for (const name of NATIVE_PACKAGES) {
    const from = join(root, 'node_modules', name);
    if (!existsSync(from)) throw new RebuildError(`node_modules/${name} is missing; run \`npm ci\` first`);
    // Node's own build of the module stays behind: the copy is compiled anew for Electron.
    cpSync(from, join(dir, 'node_modules', name), { recursive: true, filter: (src) => relative(from, src).split(/[\\/]/)[0] !== 'build' });
    deps[name] = (JSON.parse(readFileSync(join(from, 'package.json'), 'utf8')) as { version: string }).version;
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'rootline-electron-native', private: true, dependencies: deps }, null, 2)}\n`);
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RebuildError(`${what} did not finish in ${Math.round(ms / 60000)} min`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export interface RebuildOptions {
  root: string;
  electronVersion: string;
  headersUrl?: string;
  /** The whole rebuild (download and compile). */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export async function rebuildForElectron(opts: RebuildOptions): Promise<string> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const headersUrl = opts.headersUrl ?? process.env.ELECTRON_REBUILD_DIST_URL ?? DEFAULT_HEADERS_URL;
  const dir = nativeDir(opts.root);
  if (cachedHeaderDirs(opts.electronVersion).length === 0) await checkHeadersReachable(headersTarball(headersUrl, opts.electronVersion));
  log(`building better-sqlite3 for Electron ${opts.electronVersion} in ${dir} …`);
  stageNativeCopy(opts.root, dir);
  const { rebuild } = await import('@electron/rebuild');
  await withTimeout(
    rebuild({ buildPath: dir, electronVersion: opts.electronVersion, onlyModules: ['better-sqlite3'], force: true, headerURL: headersUrl }),
    opts.timeoutMs ?? 10 * 60_000,
    'the rebuild',
  );
  writeFileSync(join(dir, NATIVE_MARKER), opts.electronVersion);
  log(`better-sqlite3 is built for Electron ${opts.electronVersion}`);
  return dir;
}

export function electronVersion(root: string): string {
  const file = join(root, 'node_modules', 'electron', 'package.json');
  if (!existsSync(file)) throw new RebuildError('node_modules/electron is missing; run `npm ci` first');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rootPath = fileURLToPath(new URL('../', import.meta.url));
  Promise.resolve()
    .then(() => rebuildForElectron({ root: rootPath, electronVersion: electronVersion(rootPath) }))
    .catch((e: unknown) => {
      process.stderr.write(`rebuild:electron failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    });
}
