/**
 * Fields of metrics inside logs that the growth and saturation signatures know by name: goroutine
 * counts, open descriptors, and connection pool statistics (node-postgres `pg.Pool` totalCount /
 * idleCount / waitingCount, Go `database/sql` DBStats, generic `pool.{total,idle,active,waiting,max}`).
 * Names are compared without case, `_`, `-` or `.`: `numGoroutine`, `num_goroutine`, `NumGoroutine`.
 */

export type PoolRole = 'total' | 'idle' | 'inUse' | 'waiting' | 'waitCount' | 'max';
export type LogMetricRole = 'goroutines' | 'fds' | `pool.${PoolRole}`;

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** `runtime.NumGoroutine()` as services name it, and Prometheus' `go_goroutines`. */
const GOROUTINES = new Set(['goroutines', 'goroutine', 'numgoroutine', 'numgoroutines', 'goroutinecount', 'gogoroutines', 'ngoroutines']);
/** Open descriptors: `ls /proc/self/fd | wc -l`, Prometheus' `process_open_fds`, Node's `process.getActiveResourcesInfo` counts named so. */
const FDS = new Set(['openfds', 'openfd', 'fds', 'numfds', 'fdcount', 'fdsopen', 'openfiledescriptors', 'processopenfds', 'openfiles', 'numopenfiles']);

/** Pool statistics by name: pg.Pool, database/sql DBStats, HikariCP's MXBean, generic. */
const POOL: Record<string, PoolRole> = {
  totalcount: 'total', openconnections: 'total', totalconnections: 'total', total: 'total', size: 'total',
  idlecount: 'idle', idle: 'idle', idleconnections: 'idle',
  inuse: 'inUse', activeconnections: 'inUse', active: 'inUse', activecount: 'inUse', busy: 'inUse', used: 'inUse',
  waitingcount: 'waiting', waiting: 'waiting', pending: 'waiting', pendingcount: 'waiting', threadsawaitingconnection: 'waiting', waiters: 'waiting',
  waitcount: 'waitCount',
  maxopenconnections: 'max', max: 'max', maxsize: 'max', maximumpoolsize: 'max', maxconnections: 'max',
};
/** A pool's numbers are named like anything else's (`total`, `idle`): the path or the message must say it is a pool. */
const POOL_CONTEXT = /pool|conn|sql|database|postgres|mysql|redis|hikari|datasource/i;
/** `db`, `dbStats`, `DBStats`, `pg`: the short words only as words (`upgrade` is no pool). */
const POOL_WORD = /(?:^|[^a-zA-Z])(?:db|DB|Db|pg|PG)(?:$|[^a-z])/;
const poolContext = (s: string): boolean => POOL_CONTEXT.test(s) || POOL_WORD.test(s);

export function leafOf(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? path : path.slice(i + 1);
}

/** The object a field sits in (`pool.idleCount` → `pool`; `goroutines` → ''): a pool's fields share it. */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? '' : path.slice(0, i);
}

/** What a signature can read a field as, or null. */
export function roleOf(message: string, path: string): LogMetricRole | null {
  const leaf = norm(leafOf(path));
  if (GOROUTINES.has(leaf)) return 'goroutines';
  if (FDS.has(leaf)) return 'fds';
  const pool = POOL[leaf];
  if (pool && (poolContext(parentOf(path)) || poolContext(message) || /connection/i.test(leafOf(path)))) return `pool.${pool}`;
  return null;
}
