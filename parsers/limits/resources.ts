/** Names of the same resource limits in /proc/PID/limits, `ulimit` flags and prlimit / limits.conf. */

export const PROC_NAMES: Record<string, string> = {
  'Max cpu time': 'cpu', 'Max file size': 'fsize', 'Max data size': 'data', 'Max stack size': 'stack',
  'Max core file size': 'core', 'Max resident set': 'rss', 'Max processes': 'nproc', 'Max open files': 'nofile',
  'Max locked memory': 'memlock', 'Max address space': 'as', 'Max file locks': 'locks', 'Max pending signals': 'sigpending',
  'Max msgqueue size': 'msgqueue', 'Max nice priority': 'nice', 'Max realtime priority': 'rtprio', 'Max realtime timeout': 'rttime',
};

/** `ulimit -X` letter → resource (bash, zsh, dash, ksh). */
export const ULIMIT_FLAGS: Record<string, string> = {
  c: 'core', d: 'data', e: 'nice', f: 'fsize', i: 'sigpending', l: 'memlock', m: 'rss', n: 'nofile', p: 'pipe', q: 'msgqueue',
  r: 'rtprio', s: 'stack', t: 'cpu', u: 'nproc', v: 'as', x: 'locks', R: 'rttime', b: 'sbsize', k: 'kqueues', P: 'npts',
  T: 'threads', w: 'swap', N: 'nofile',
};

/** Resources limits.conf and prlimit name. */
export const RESOURCE_NAMES = new Set([
  'core', 'data', 'fsize', 'memlock', 'nofile', 'rss', 'stack', 'cpu', 'nproc', 'as', 'maxlogins', 'maxsyslogins', 'priority',
  'locks', 'sigpending', 'msgqueue', 'nice', 'rtprio', 'rttime', 'chroot',
]);

/** `unlimited` / `infinity` → null, a number → number, anything else → undefined (not a limit value). */
export function limitValue(s: string | undefined): number | null | undefined {
  if (s === undefined) return undefined;
  const v = s.toLowerCase();
  if (v === 'unlimited' || v === 'infinity' || v === '-1') return null;
  if (/^\d{1,20}$/.test(v)) return Number(v);
  return undefined;
}
