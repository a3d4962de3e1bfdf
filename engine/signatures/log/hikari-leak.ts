import type { LogRecord } from '../../../parsers/types';
import { fieldsOf, plural, singleFinding } from '../findings-from-hits';
import { LOG_KINDS } from '../log-kinds';
import type { Signature } from '../types';

export const hikariLeak: Signature = {
  id: 'hikari-leak',
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
    return singleFinding(this, ctx, (events, count) => {
      const frames = new Map<string, number>();
      const threads = new Set<string>();
      for (const e of events) {
        const f = fieldsOf(e);
        if (typeof f.frame === 'string') frames.set(f.frame, (frames.get(f.frame) ?? 0) + 1);
        if (typeof f.thread === 'string') threads.add(f.thread);
      }
      const top = [...frames.entries()].sort((a, b) => b[1] - a[1]);
      const where = top[0] ? `; most were borrowed at ${top[0][0]} (${top[0][1]})` : '';
      return {
        summary: `${plural(count, 'connection')} held past the leak-detection threshold${where}.`,
        data: { frames: top.slice(0, 10).map(([frame, n]) => ({ frame, count: n })), threads: [...threads].slice(0, 20) },
      };
    });
  },
};
