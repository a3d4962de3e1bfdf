// Loads the TypeScript body of a worker thread, or the CLI, when Rootline runs from its sources (the
// CLI, the bridge, the tests; the desktop build bundles the bodies ahead: scripts/build-electron.ts).
//
// tsx's scoped import transforms the engine module by module through a loader thread in every
// worker: about a second and 70 MB per worker on a 2-core machine. Instead the body is bundled once
// with esbuild into node_modules/.cache/rootline-workers/ and rebuilt only when one of its sources
// changes (their sizes and mtimes are kept beside the bundle); packages stay external, and each
// source keeps its own `import.meta.url`, so its relative URLs (the workers it starts) still resolve.
// If esbuild cannot bundle, tsx's scoped import is used as before.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'rootline-workers');

/** Whether every source the bundle was made from is unchanged. */
function fresh(manifestPath) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return false;
  }
  for (const [file, sig] of Object.entries(manifest.inputs)) {
    try {
      const st = statSync(join(ROOT, file));
      if (`${st.size}:${st.mtimeMs}` !== sig) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Each source sees its own URL, not the bundle's. */
const ownUrls = {
  name: 'rootline-own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
      if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const loader = args.path.endsWith('.ts') ? 'ts' : 'js';
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader };
    });
  },
};

async function bundle(entry, out, manifestPath) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    absWorkingDir: ROOT,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [ownUrls],
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const st = statSync(join(ROOT, file));
    inputs[file] = `${st.size}:${st.mtimeMs}`;
  }
  mkdirSync(CACHE, { recursive: true });
  // Two workers may build at once: each writes its own file and renames it into place.
  const tmp = `${out}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  renameSync(tmp, out);
  writeFileSync(`${manifestPath}.${process.pid}`, JSON.stringify({ inputs }));
  renameSync(`${manifestPath}.${process.pid}`, manifestPath);
}

/** Where the bundle of the .ts file `entry` (an absolute path) is kept. */
export function bundlePath(entry) {
  const key = createHash('sha1').update(entry).digest('hex').slice(0, 12);
  return join(CACHE, `${basename(entry, '.ts')}-${key}.mjs`);
}

/** Loads `relative` (a .ts file) resolved against `base` (the caller's import.meta.url); its exports. */
export async function loadModule(relative, base) {
  const entry = fileURLToPath(new URL(relative, base));
  const out = bundlePath(entry);
  const manifest = `${out}.json`;
  try {
    if (!fresh(manifest)) await bundle(entry, out, manifest);
  } catch {
    const { tsImport } = await import('tsx/esm/api');
    return tsImport(relative, base);
  }
  return import(pathToFileURL(out).href);
}

/** Runs a worker's or child process's body (its exports are not needed). */
export async function loadBody(relative, base) {
  await loadModule(relative, base);
}
