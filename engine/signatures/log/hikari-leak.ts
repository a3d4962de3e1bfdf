import type { LogRecord } from '../../../parsers/types';
import { fieldsOf, plural, singleFinding } from '../findings-from-hits';
import { LOG_KINDS } from '../log-kinds';
import type { Occurrence } from '../../model/occurrence';
import type { Signature } from '../types';

export const HIKARI_LEAK = 'hikari-leak';

export interface HikariLeakData {
  frames: { frame: string; count: number }[];
  threads: string[];
  /** Warnings whose connection HikariCP later reported returned ("unleaked"). */
  returned: number;
}

/** One leak warning; `thread` is the borrowing thread it names. */
export interface LeakOcc extends Occurrence {
  connection: string | null;
  frame: string | null;
  pool: string | null;
  /** HikariCP later logged this connection as returned ("unleaked"): held long, not lost. */
  returned: boolean;
}

export const hikariLeak: Signature<typeof HIKARI_LEAK, HikariLeakData, LeakOcc> = {
  id: HIKARI_LEAK,
  title: 'Connection leak detected',
  severity: 'high',
  explanation:
    'HikariCP saw a connection borrowed for longer than leakDetectionThreshold without being returned. The stack printed with the ' +
    'warning is where the connection was borrowed: code on that path opens a connection (or a transaction) and does not close it, ' +
    'or holds it across slow work. Leaked connections stay "active", so the pool drains until requests time out.',
  fix:
    'Open the borrowing frame and make sure the connection is closed on every path (try-with-resources, @Transactional boundaries, ' +
    'no connection held across remote calls). An "unleaked" message later means the code was only slow, not leaking.',
  references: ['https://github.com/brettwooldridge/HikariCP#infrequently-used', 'https://github.com/brettwooldridge/HikariCP/issues/1397'],
  samples: {
    parser: 'java-log',
    match: [
      '2024-05-02 10:11:12.345  WARN 4242 --- [l-1 housekeeper] com.zaxxer.hikari.pool.ProxyLeakTask     : Connection leak detection triggered for org.postgresql.jdbc.PgConnection@1d2e3f on thread http-nio-8080-exec-7, stack trace follows\n' +
        'java.lang.Exception: Apparent connection leak detected\n' +
        '\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:128)\n' +
        '\tat com.example.orders.OrderRepository.findOpen(OrderRepository.java:57)',
    ],
    noMatch: [
      '2024-05-02 10:11:40.001  INFO 4242 --- [l-1 housekeeper] com.zaxxer.hikari.pool.ProxyLeakTask     : Previously reported leaked connection org.postgresql.jdbc.PgConnection@1d2e3f on thread http-nio-8080-exec-7 was returned to the pool (unleaked)',
    ],
  },
  match: (r: LogRecord) => r.kind === LOG_KINDS.hikariLeak,
  detect(ctx) {
    // HikariCP says "unleaked" when a reported connection comes back: that code was slow, not leaking.
    const returned = new Map<string, number>();
    for (const e of ctx.store.events.ofKinds(ctx.bundleId, [LOG_KINDS.hikariUnleaked])) {
      const c = fieldsOf(e).connection;
      if (typeof c === 'string' && e.ts !== null) returned.set(c, e.ts);
    }
    return singleFinding(this, ctx, (events, count) => {
      const frames = new Map<string, number>();
      const threads = new Set<string>();
      let back = 0;
      for (const e of events) {
        const f = fieldsOf(e);
        if (typeof f.frame === 'string') frames.set(f.frame, (frames.get(f.frame) ?? 0) + 1);
        if (typeof f.thread === 'string') threads.add(f.thread);
        if (isReturned(f, e.ts, returned)) back++;
      }
      const top = [...frames.entries()].sort((a, b) => b[1] - a[1]);
      const where = top[0] ? `; most were borrowed at ${top[0][0]} (${top[0][1]})` : '';
      const unleaked = back ? `; ${back === count ? 'all' : back} of them later returned to the pool ("unleaked": held long, not lost)` : '';
      return {
        // Connections that all came back were held long by slow work, not leaked.
        severity: back === count ? 'low' : this.severity,
        summary: `${plural(count, 'connection')} held past the leak-detection threshold${where}${unleaked}.`,
        data: { frames: top.slice(0, 10).map(([frame, n]) => ({ frame, count: n })), threads: [...threads].slice(0, 20), returned: back },
      };
    }, (e, base, f) => {
      const occ: LeakOcc = { ...base, connection: str(f.connection), frame: str(f.frame), pool: str(f.pool), returned: isReturned(f, e.ts, returned) };
      // The thread that matters is the borrower the warning names, not the leak task's own thread.
      if (typeof f.thread === 'string') occ.thread = f.thread;
      return occ;
    });
  },
};

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function isReturned(f: Record<string, unknown>, ts: number | null, returned: ReadonlyMap<string, number>): boolean {
  const at = typeof f.connection === 'string' ? returned.get(f.connection) : undefined;
  return at !== undefined && (ts === null || at >= ts);
}
