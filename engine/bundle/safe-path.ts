/**
 * Path rules for names read from archives: nothing absolute, nothing that climbs out of the bundle,
 * nothing a terminal or file system could misread. Names are data from the bundle, never trusted.
 */
export type PathVerdict = { ok: true; path: string } | { ok: false; reason: string };

const CONTROL = /[\u0000-\u001f\u007f]/;
const DRIVE = /^[A-Za-z]:/;

export const REASON = {
  empty: 'empty path',
  control: 'path contains control characters',
  absolute: 'absolute path',
  drive: 'absolute path (Windows drive letter)',
  parent: "path climbs out of the bundle ('..' segment)",
} as const;

/** Normalises an archive member name to a '/'-separated relative path, or says why it is refused. */
export function safeArchivePath(raw: string): PathVerdict {
  if (raw.length === 0) return { ok: false, reason: REASON.empty };
  if (CONTROL.test(raw)) return { ok: false, reason: REASON.control };
  const p = raw.replace(/\\/g, '/'); // `..\evil` and `\\server\x` are the same attacks with Windows separators
  if (p.startsWith('/')) return { ok: false, reason: REASON.absolute };
  if (DRIVE.test(p)) return { ok: false, reason: REASON.drive };
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') return { ok: false, reason: REASON.parent };
    parts.push(seg);
  }
  if (parts.length === 0) return { ok: false, reason: REASON.empty };
  const path = parts.join('/');
  if (DRIVE.test(path)) return { ok: false, reason: REASON.drive }; // `./C:x` is drive-relative on Windows
  return { ok: true, path };
}

/** A single file name read from a directory listing: only control characters are refused. */
export function safeFileName(name: string): string | null {
  return CONTROL.test(name) ? REASON.control : null;
}

/**
 * Whether a link target, read from the archive and resolved from the link's directory (`fromDir`,
 * '/'-separated, relative to the archive root), lands outside the archive. Absolute targets always do.
 */
export function linkEscapes(fromDir: string, target: string): boolean {
  const t = target.replace(/\\/g, '/');
  if (t.startsWith('/') || DRIVE.test(t)) return true;
  const stack = fromDir.split('/').filter((s) => s !== '' && s !== '.');
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (stack.length === 0) return true;
      stack.pop();
    } else stack.push(seg);
  }
  return false;
}

/** Directory part of a '/'-separated path ('' at the root). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** How a link is reported; the target is shown but never followed. */
export function linkReason(kind: 'symbolic' | 'hard', target: string, escapes: boolean): string {
  const shown = JSON.stringify(target.length > 200 ? `${target.slice(0, 200)}…` : target);
  if (escapes) return `${kind} link to ${shown}, outside the bundle (not followed)`;
  return kind === 'symbolic' ? 'symbolic link (not followed)' : `hard link to ${shown} (not followed; that entry is read on its own)`;
}

/** A raw name as it can be shown in a refusal: control characters escaped, length bounded. */
export function displayPath(raw: string): string {
  const shown = raw.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return shown.length > 500 ? `${shown.slice(0, 500)}…` : shown || '(empty name)';
}
