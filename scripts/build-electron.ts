/**
 * `npm run build:electron`: bundles the Electron main process (with the whole engine inside) and the
 * preload with esbuild, so neither the packaged app nor `npm start` needs tsx or the TypeScript sources:
 *
 *   dist/electron/main.cjs     electron/main.ts + engine/**, CommonJS; `electron` and `better-sqlite3` external
 *   dist/electron/preload.cjs  electron/preload.ts; may require nothing but `electron` (sandboxed preload)
 *   dist/electron/<name>.mjs   the scripts the engine starts in a worker thread or a child process
 *                              (`new Worker(new URL('./x.mjs', import.meta.url))`, `fork(new URL(…))`),
 *                              bundled from their TypeScript body when the .mjs is only a tsx loader
 *
 * The engine finds its files through `import.meta.url`, which CommonJS lacks: every module of main.cjs
 * sees the URL of main.cjs instead. dist/electron/ is two levels below the app root, like engine/api/,
 * so `new URL('../../', import.meta.url)` (package.json, samples/) still lands on the root. Where the
 * engine starts a worker or a child process, the URL points into app.asar.unpacked: those scripts and
 * better-sqlite3 are unpacked in the packaged app (electron-builder.yml), as a worker or a forked Node
 * cannot load a script from inside the archive.
 *
 * better-sqlite3 is loaded through one shim: from $ROOTLINE_NATIVE_MODULES when set (`npm start`
 * points it at the copy `npm run rebuild:electron` built for Electron's ABI, so the repository's own
 * node_modules stay built for Node, for the CLI and the tests), else as usual.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const NATIVE = ['better-sqlite3'] as const;
/** Electron 45 runs Node 22. */
const TARGET = 'node22';

const META_URL = '__rootline_meta_url';
const UNPACKED_URL = '__rootline_unpacked_url';
const CJS_BANNER = [
  `const ${META_URL} = require('node:url').pathToFileURL(__filename).href;`,
  `const ${UNPACKED_URL} = ${META_URL}.replace(/\\/app\\.asar\\//, '/app.asar.unpacked/');`,
].join('\n');
const ESM_BANNER = "import { createRequire as __rootline_createRequire } from 'node:module';\nconst require = __rootline_createRequire(import.meta.url);";

/** A worker or child-process start: `new Worker(new URL('./x.mjs', import.meta.url)` or `fork(new URL(…))`. */
const SPAWN_SITE = /(?:new Worker|fork)\(\s*new URL\(\s*'\.\/([A-Za-z0-9_-]+\.mjs)'\s*,\s*import\.meta\.url\s*\)/g;

export interface Sidecar {
  /** The script the engine names, e.g. engine/search/build-worker.mjs. */
  named: string;
  /** What gets bundled into dist/electron/<name>. */
  entry: string;
}

/** The worker and child-process scripts a source file starts. */
export function spawnedScripts(source: string, file: string): Sidecar[] {
  const out: Sidecar[] = [];
  for (const m of source.matchAll(SPAWN_SITE)) {
    const named = join(dirname(file), m[1]!);
    const ts = named.replace(/\.mjs$/, '.ts');
    // A .mjs that only loads its TypeScript body (tsx, load-body.mjs) is replaced by that body, bundled.
    const loaderOnly = existsSync(named) && /tsImport\(|loadBody\(/.test(readFileSync(named, 'utf8'));
    out.push({ named, entry: loaderOnly && existsSync(ts) ? ts : named });
  }
  return out;
}

/** Rewrites `import.meta.url` of engine sources for the CommonJS bundle and collects what they spawn. */
function engineUrls(sidecars: Map<string, Sidecar>): Plugin {
  return {
    name: 'rootline-import-meta',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const spawned = spawnedScripts(source, args.path);
        for (const s of spawned) sidecars.set(basename(s.named), s);
        const contents = source.replaceAll('import.meta.url', spawned.length ? UNPACKED_URL : META_URL);
        return { contents, loader: 'ts' };
      });
    },
  };
}

/** `better-sqlite3` from $ROOTLINE_NATIVE_MODULES when set (the copy built for Electron), else as usual. */
function nativeShim(): Plugin {
  const filter = new RegExp(`^(${NATIVE.join('|')})$`);
  return {
    name: 'rootline-native',
    setup(b) {
      b.onResolve({ filter }, (args) => (args.namespace === 'rootline-native' ? { path: args.path, external: true } : { path: args.path, namespace: 'rootline-native' }));
      b.onLoad({ filter: /.*/, namespace: 'rootline-native' }, (args) => {
        const name = JSON.stringify(args.path);
        // `require` is CommonJS's own in main.cjs, and the banner's createRequire in the .mjs scripts.
        return {
          contents: [
            'const req = require;',
            'const dir = process.env.ROOTLINE_NATIVE_MODULES;',
            `module.exports = req(dir ? req.resolve(${name}, { paths: [dir] }) : ${name});`,
          ].join('\n'),
          loader: 'js',
        };
      });
    },
  };
}

export interface BuildResult {
  outDir: string;
  files: string[];
  /** Modules each output still imports at run time. */
  externals: Record<string, string[]>;
}

function externalsOf(meta: Metafile, outDir: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [file, o] of Object.entries(meta.outputs)) {
    if (file.endsWith('.map')) continue;
    out[relative(outDir, join(process.cwd(), file))] = [...new Set(o.imports.filter((i) => i.external).map((i) => i.path))].sort();
  }
  return out;
}

export async function buildElectron(opts: { root?: string; outDir?: string; quiet?: boolean } = {}): Promise<BuildResult> {
  const root = opts.root ?? ROOT;
  const outDir = opts.outDir ?? join(root, 'dist', 'electron');
  rmSync(outDir, { recursive: true, force: true });
  const common: BuildOptions = {
    bundle: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: opts.quiet ? 'error' : 'warning',
    legalComments: 'none',
    absWorkingDir: root,
  };
  const sidecars = new Map<string, Sidecar>();

  const main = await build({
    ...common,
    entryPoints: { main: join(root, 'electron', 'main.ts') },
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    format: 'cjs',
    target: TARGET,
    external: ['electron'],
    banner: { js: CJS_BANNER },
    plugins: [engineUrls(sidecars), nativeShim()],
  });
  const preload = await build({
    ...common,
    entryPoints: { preload: join(root, 'electron', 'preload.ts') },
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    platform: 'browser',
    format: 'cjs',
    target: 'chrome140',
    external: ['electron'],
  });
  const metas: Metafile[] = [main.metafile!, preload.metafile!];
  for (const s of sidecars.values()) {
    const r = await build({
      ...common,
      entryPoints: [s.entry],
      outfile: join(outDir, basename(s.named)),
      platform: 'node',
      format: 'esm',
      target: TARGET,
      banner: { js: ESM_BANNER },
      plugins: [nativeShim()],
    });
    metas.push(r.metafile!);
  }

  const externals: Record<string, string[]> = {};
  for (const m of metas) Object.assign(externals, externalsOf(m, outDir));
  // The sandboxed preload can require `electron` only; the rest may load Node's and the native module.
  const bad = Object.entries(externals).flatMap(([file, mods]) =>
    mods.filter((m) => !(file === 'preload.cjs' ? m === 'electron' : m === 'electron' || isBuiltin(m) || (NATIVE as readonly string[]).includes(m))).map((m) => `${file} imports ${m}`),
  );
  if (bad.length) throw new Error(`the Electron bundles must not load these at run time:\n  ${bad.join('\n  ')}`);
  return { outDir, files: Object.keys(externals).sort(), externals };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  buildElectron()
    .then((r) => {
      const ms = Math.round(performance.now() - started);
      process.stdout.write(`built ${r.files.map((f) => join(relative(ROOT, r.outDir), f)).join(', ')} in ${ms} ms\n`);
    })
    .catch((e: unknown) => {
      process.stderr.write(`build:electron failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    });
}
