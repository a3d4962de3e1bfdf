import type { LogRecord } from '../../../parsers/types';
import type { Occurrence } from '../../model/occurrence';
import { fieldsOf, formatMs, pickEvidence, plural, singleFinding } from '../findings-from-hits';
import { LOG_KINDS } from '../log-kinds';
import type { Signature } from '../types';

export const DB_SLOW_QUERIES = 'db-slow-queries';

const KINDS: Record<string, SlowKind> = {
  [LOG_KINDS.pgLockWait]: 'lock-wait',
  [LOG_KINDS.pgSlowStatement]: 'slow-statement',
  [LOG_KINDS.pgStatementTimeout]: 'statement-timeout',
  [LOG_KINDS.pgLockTimeout]: 'lock-timeout',
};
type SlowKind = 'lock-wait' | 'slow-statement' | 'statement-timeout' | 'lock-timeout';

export interface DbSlowData {
  byKind: Partial<Record<SlowKind, number>>;
  /** Backends named as holding the locks others waited for, most often first, with who they were. */
  holders: { pid: number; times: number; session: string | null }[];
  maxMs: number;
}

export interface SlowQueryOcc extends Occurrence {
  what: SlowKind;
  /** How long it had waited (lock waits) or taken (slow statements); 0 when not printed. */
  ms: number;
  holders: number[];
  statement: string | null;
}

const MS = /(?:after|duration:) ([\d.]+) ms/;
/** `Process holding the lock: 8127.` / `Processes holding the lock: 8127, 8130.` */
const HOLDERS = /Process(?:es)? holding the lock: ([\d, ]+)\./;

function detailOf(f: Record<string, unknown>): { detail: string; statement: string | null } {
  const pg = (f.pg ?? {}) as { detail?: string; statement?: string };
  return { detail: pg.detail ?? '', statement: pg.statement ?? null };
}

export const dbSlowQueries: Signature<typeof DB_SLOW_QUERIES, DbSlowData, SlowQueryOcc> = {
  id: DB_SLOW_QUERIES,
  title: 'The database was slow: statements waited on locks or ran long',
  severity: 'medium',
  explanation:
    "The database server's own log shows statements waiting for locks other sessions held (log_lock_waits), statements running " +
    'longer than log_min_duration_statement, or statements cancelled by a statement or lock timeout. Every connection of an ' +
    'application pool stuck in such a statement is busy: the pool fills although nothing leaks and the process runs.',
  fix:
    'Find what held the lock (the holder pid in the DETAIL lines, its session in the connection lines) and why for so long: a ' +
    'maintenance job, a long transaction left open, a migration. Keep lock-taking work short and off peak, set lock_timeout and ' +
    'statement_timeout for the application role, and index what the slow statements scan.',
  references: ['https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-LOCK-WAITS', 'https://www.postgresql.org/docs/current/explicit-locking.html'],
  samples: {
    parser: 'text-log',
    // samples/pool-exhausted-slow-queries/bundle/logs/postgresql.log
    match: [
      '2026-12-07 11:11:47.988 -03 [7173] booking_app@booking LOG:  process 7173 still waiting for RowExclusiveLock on relation 16409 of database 16386 after 1000.099 ms',
      '2026-12-07 11:13:45.880 -03 [7173] booking_app@booking LOG:  duration: 118889.386 ms  bind S_5: INSERT INTO bookings (slot_id, patient) VALUES ($1, $2) RETURNING id',
    ],
    noMatch: ['2026-12-07 11:11:45.385 -03 [8127] ops@booking LOG:  connection authorized: user=ops database=booking application_name=psql'],
  },
  match: (r: LogRecord) => r.kind !== null && r.kind in KINDS,
  detect(ctx) {
    const sessions = new Map<string, string | null>();
    /** Who a backend was, from the server's own `connection authorized` line for that pid in the same file. */
    const sessionOf = (fileId: number, pid: number): string | null => {
      const key = `${fileId}|${pid}`;
      if (!sessions.has(key)) {
        const line = ctx.store.events.firstOfPid(fileId, pid, 'connection authorized');
        const m = line ? /user=(\S+) database=(\S+)(?: application_name=(\S+))?/.exec(line) : null;
        sessions.set(key, m ? `${m[1]}@${m[2]}${m[3] ? ` (${m[3]})` : ''}` : null);
      }
      return sessions.get(key) ?? null;
    };
    return singleFinding(this, ctx, (events, count) => {
      const byKind: Partial<Record<SlowKind, number>> = {};
      const holders = new Map<string, { pid: number; times: number; fileId: number }>();
      let maxMs = 0;
      let longest = events[0]!;
      for (const e of events) {
        const what = KINDS[e.kind ?? '']!;
        byKind[what] = (byKind[what] ?? 0) + 1;
        const ms = Number(MS.exec(e.message)?.[1]) || 0;
        if (ms > maxMs) {
          maxMs = ms;
          longest = e;
        }
        for (const pid of holdersOf(detailOf(fieldsOf(e)).detail)) {
          const h = holders.get(`${e.file_id}|${pid}`) ?? { pid, times: 0, fileId: e.file_id };
          h.times++;
          holders.set(`${e.file_id}|${pid}`, h);
        }
      }
      const top = [...holders.values()].sort((a, b) => b.times - a.times).slice(0, 5).map((h) => ({ pid: h.pid, times: h.times, session: sessionOf(h.fileId, h.pid) }));
      const parts = Object.entries(byKind).map(([k, n]) => plural(n, k.replace('-', ' ')));
      const who = top[0] ? `; most waited for pid ${top[0].pid}${top[0].session ? ` (${top[0].session})` : ''}` : '';
      return {
        summary: `${plural(count, 'slow database statement')} in the server log: ${parts.join(', ')}; up to ${formatMs(maxMs)}${who}.`,
        data: { byKind, holders: top, maxMs },
        evidence: pickEvidence(events, [[longest, 'longest']]),
      };
    }, (e, base, f) => {
      const { detail, statement } = detailOf(f);
      const ms = Number(MS.exec(e.message)?.[1]) || 0;
      // A statement is busy from when it started: a wait or a duration logged at its end reaches back that far.
      return { ...base, ts: e.ts === null ? null : e.ts - ms, end: e.ts, lineTs: e.ts, what: KINDS[e.kind ?? '']!, ms, holders: holdersOf(detail), statement };
    });
  },
};

function holdersOf(detail: string): number[] {
  const m = HOLDERS.exec(detail);
  return m ? m[1]!.split(/[, ]+/).filter(Boolean).map(Number) : [];
}
