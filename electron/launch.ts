/** Small pure helpers of the main process: where the built files are, and what the command line and the page say. */
import { fileURLToPath } from 'node:url';

export interface AppFiles {
  /** dist/electron/preload.cjs */
  preload: string;
  /** dist/renderer/index.html, and its file:// URL (what the IPC sender check compares with). */
  rendererHtml: string;
  rendererUrl: string;
  /** The app's root (package.json, samples/, README.md). */
  root: string;
}

/** Paths relative to the bundled main script, dist/electron/main.cjs. */
export function appFiles(mainUrl: string): AppFiles {
  const rendererUrl = new URL('../renderer/index.html', mainUrl).href;
  return {
    preload: fileURLToPath(new URL('./preload.cjs', mainUrl)),
    rendererHtml: fileURLToPath(rendererUrl),
    rendererUrl,
    root: fileURLToPath(new URL('../../', mainUrl)),
  };
}

/**
 * The bundle to open from a command line (`rootline-desktop <bundle>`, a second launch, `npm start --
 * <bundle>`). `electron main.cjs <bundle>` carries the app path first; a packaged app does not.
 */
export function bundleFromArgv(argv: readonly string[], isDefaultApp: boolean): string | null {
  const rest = argv.slice(isDefaultApp ? 2 : 1);
  return rest.find((a) => a.length > 0 && !a.startsWith('-')) ?? null;
}

/** The bundle the page shows (`#/b/<ref>/<view>…`), or null on the home and progress pages. */
export function bundleRefFromUrl(url: string): string | null {
  const hash = url.includes('#') ? url.slice(url.indexOf('#')) : '';
  const m = /^#\/b\/([^/?#]+)/.exec(hash);
  if (!m?.[1]) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

/** A file name for a postmortem of a bundle: `postmortem-<name>.md`, safe on every OS. */
export function postmortemFileName(bundleName: string, anonymize: boolean): string {
  const base = bundleName.replace(/\.(tar\.gz|tgz|tar|zip|gz)$/i, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 80) || 'bundle';
  return `postmortem-${base}${anonymize ? '-anonymised' : ''}.md`;
}

/** A suggested name from the page, made safe to join to a folder: no directories, no odd characters. */
export function safeFileName(suggested: string, fallback = 'rootline-export.txt'): string {
  const last = suggested.split(/[\\/]/).pop() ?? '';
  const clean = last.replace(/[^A-Za-z0-9._ -]+/g, '_').replace(/^[. ]+/, '').trim().slice(0, 120);
  return clean || fallback;
}
