/**
 * Goroutines waiting for a connection from Go's database/sql pool, read from goroutine dumps. database/sql
 * prints nothing when a caller waits: a caller that finds MaxOpenConns connections open parks in
 * `database/sql.(*DB).conn` on a `select` over its request channel and its context (sql.go, "Out of free
 * connections or we were asked not to use one"), and when the context's deadline passes it fails with the
 * context's own `context deadline exceeded`, the words of any other timeout. The dump is what says it was a
 * pool wait (or the logged DBStats' WaitCount: pool-stats-logs.ts).
 */
import type { FindingDraft } from '../../model/finding';
import type { Occurrence } from '../../model/occurrence';
import { storedFunc, storedUserFrame } from '../../../parsers/goroutine';
import { parseJson } from '../../store/json';
import type { GroupPoint } from '../../store/snapshot-queries';
import { plural } from '../findings-from-hits';
import { seriesBy, snapEvidence, spanOccurrence } from '../series';
import type { Signature } from '../types';
import { oneDumpPerInstant } from '../../store/goroutine-captures';

export const GO_SQL_POOL_WAITERS = 'go-sql-pool-waiters';

/** One or two callers waiting are an ordinary moment of a busy pool; three is a queue (as pool-waiters for HikariCP). */
const MIN_WAITERS = 3;

export interface GoSqlPoolWaitersData {
  waiters: number;
  goroutines: number;
  /** Goroutines inside a database call meanwhile (network wait under database/sql): what holds the connections. */
  inDatabase: number;
  /** The code that asked for a connection: the waiters' first frame outside database/sql and the runtime. */
  callers: string[];
}

const framesOf = (g: GroupPoint): string[] => parseJson<string[]>(g.frames, []);
/** The first frame the goroutine is in, runtime frames (a SIGQUIT trace prints them) skipped. */
const topFunc = (frames: readonly string[]): string => storedFunc(frames.find((f) => !f.startsWith('runtime.')));

export function isPoolWait(g: GroupPoint): boolean {
  return g.state === 'select' && topFunc(framesOf(g)) === 'database/sql.(*DB).conn';
}

function isInDatabase(g: GroupPoint): boolean {
  const frames = framesOf(g);
  return g.state === 'IO wait' && frames.some((f) => f.startsWith('database/sql.'));
}

export const goSqlPoolWaiters: Signature<typeof GO_SQL_POOL_WAITERS, GoSqlPoolWaitersData> = {
  id: GO_SQL_POOL_WAITERS,
  title: 'Goroutines waiting for a database/sql connection',
  severity: 'high',
  explanation:
    'The goroutine dump shows callers parked in database/sql.(*DB).conn: every one of MaxOpenConns connections was in use and they ' +
    'queue for one. database/sql logs nothing about it; a caller whose context expires there fails with "context deadline exceeded", ' +
    'indistinguishable in the log from any other timeout. Whoever holds the connections — goroutines inside queries, rows or ' +
    'transactions never closed — is the next thing to look at.',
  fix:
    'In the same dump, look at the goroutines holding connections (network waits under database/sql are running queries; none at ' +
    'all means connections held by code: unclosed *sql.Rows, a Tx never committed or rolled back). Fix slow queries or the leak; ' +
    'then size SetMaxOpenConns from the database side, and log db.Stats() (WaitCount, WaitDuration) to see it without a dump.',
  references: ['https://pkg.go.dev/database/sql#DB.SetMaxOpenConns', 'https://pkg.go.dev/database/sql#DBStats', 'https://go.dev/doc/database/manage-connections'],
  detect(ctx) {
    const rows = ctx.store.series.groups(ctx.bundleId, 'goroutine');
    const dumps = ctx.store.series.dumps(ctx.bundleId, 'goroutine');
    const pids = new Map(dumps.map((d) => [d.sid, d.pid]));
    // A debug=1 and a debug=2 dump (or a SIGQUIT trace) of the same instant are one queue, not two.
    const kept = new Set(oneDumpPerInstant(dumps, rows).map((d) => d.sid));
    const bySnap = seriesBy(rows.filter((g) => kept.has(g.sid)), (g) => String(g.sid));
    const out: FindingDraft<GoSqlPoolWaitersData, Occurrence>[] = [];
    for (const groups of bySnap.values()) {
      const waiting = groups.filter(isPoolWait);
      const waiters = waiting.reduce((a, g) => a + g.count, 0);
      if (waiters < MIN_WAITERS) continue;
      const d = waiting[0]!;
      const inDatabase = groups.filter(isInDatabase).reduce((a, g) => a + g.count, 0);
      const total = groups.reduce((a, g) => a + g.count, 0);
      const callers = [...new Set(waiting.map((g) => storedFunc(storedUserFrame(framesOf(g)))))];
      out.push({
        signature: this.id,
        severity: 'high',
        title: `${plural(waiters, 'goroutine')} waiting for a database/sql connection`,
        summary:
          `${plural(waiters, 'goroutine')} of ${total} wait in database/sql.(*DB).conn for a free connection (from ${callers.slice(0, 3).join(', ')})` +
          (inDatabase ? `, while ${plural(inDatabase, 'goroutine')} ${inDatabase === 1 ? 'is' : 'are'} inside database calls.` : '; none is inside a database call.'),
        first: d.capturedAt,
        last: d.capturedAt,
        count: waiters,
        data: { waiters, goroutines: total, inDatabase, callers },
        evidence: [
          ...waiting.slice(0, 2).map((g) => snapEvidence(g, g.groupLine ?? g.line, `waits in database/sql.(*DB).conn (${storedFunc(storedUserFrame(framesOf(g)))})`)),
          ...groups.filter(isInDatabase).slice(0, 1).map((g) => snapEvidence(g, g.groupLine ?? g.line, 'inside a database call')),
        ],
        occurrences: [spanOccurrence(d, d, d.groupLine ?? d.line, pids.get(d.sid) ?? null, `${plural(waiters, 'goroutine')} waiting for a connection`)],
      });
    }
    return out;
  },
};
