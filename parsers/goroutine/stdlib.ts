/**
 * Is a frame the program's own code or Go's? A package is standard library when its first path
 * element has no dot (module paths like `github.com/…` do) and it is not `main`, and either its file
 * sits under a GOROOT-style `…/src/<pkg>/` (or a -trimpath `<pkg>/…`) or its root is a known
 * standard root. Local module paths without a dot (`myapp/internal/x`) therefore count as user code.
 */
import type { GoFrame } from './model';

const STD_ROOTS = new Set([
  'archive', 'bufio', 'bytes', 'cmp', 'compress', 'container', 'context', 'crypto', 'database', 'debug',
  'embed', 'encoding', 'errors', 'expvar', 'flag', 'fmt', 'go', 'hash', 'html', 'image', 'index', 'internal',
  'io', 'iter', 'log', 'maps', 'math', 'mime', 'net', 'os', 'path', 'plugin', 'reflect', 'regexp', 'runtime',
  'slices', 'sort', 'strconv', 'strings', 'structs', 'sync', 'syscall', 'testing', 'text', 'time', 'unicode',
  'unique', 'unsafe', 'weak', 'vendor',
]);

export function isStdFrame(f: GoFrame): boolean {
  const pkg = f.pkg;
  if (pkg === '' || pkg === 'main') return false;
  const root = pkg.split('/', 1)[0]!;
  if (root.includes('.')) return false;
  if (f.file.includes(`/src/${pkg}/`) || f.file.startsWith(`${pkg}/`)) return true;
  return STD_ROOTS.has(root);
}

export function isRuntimeFrame(f: GoFrame): boolean {
  return f.pkg === 'runtime' || f.pkg.startsWith('runtime/internal/') || f.pkg.startsWith('internal/runtime/');
}
