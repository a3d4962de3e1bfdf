/**
 * Generates the benchmark log: a Spring Boot application log with HikariCP lines mixed in, stack
 * traces, and two freezes (starvation warnings after a silence). Deterministic (seeded), streamed.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mulberry32 } from './rng';

const rng = mulberry32;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}
const logger = (name: string) => name.padEnd(40).slice(0, 40);

const PATHS = ['/api/orders', '/api/orders/{id}', '/api/users/me', '/api/cart', '/api/search', '/actuator/health'];

export async function generateSpringBootLog(file: string, lines: number, seed = 42): Promise<void> {
  const rand = rng(seed);
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let t = Date.UTC(2026, 10, 20, 0, 0, 0);
  let written = 0;
  let buf = '';
  const freezes = new Set([Math.floor(lines * 0.4), Math.floor(lines * 0.75)]);
  let nextStats = t + 30_000;
  const emit = async (s: string, n = 1) => {
    buf += s;
    written += n;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  };
  while (written < lines) {
    t += Math.floor(rand() * 40);
    if (freezes.has(written)) {
      freezes.delete(written);
      const delta = 60_000 + Math.floor(rand() * 60_000);
      t += delta;
      await emit(`${stamp(t)}  WARN 4242 --- [l-1 housekeeper] ${logger('com.zaxxer.hikari.pool.HikariPool')} : HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=${Math.floor(delta / 60000)}m${Math.floor((delta % 60000) / 1000)}s${delta % 1000}ms).\n`);
      nextStats = t + 30_000;
      continue;
    }
    if (t >= nextStats) {
      nextStats += 30_000;
      const active = Math.floor(rand() * 6);
      await emit(`${stamp(t)} DEBUG 4242 --- [l-1 housekeeper] ${logger('com.zaxxer.hikari.pool.HikariPool')} : HikariPool-1 - Pool stats (total=10, active=${active}, idle=${10 - active}, waiting=0)\n`);
      await emit(`${stamp(t)} DEBUG 4242 --- [l-1 housekeeper] ${logger('com.zaxxer.hikari.pool.HikariPool')} : HikariPool-1 - Fill pool skipped, pool has sufficient level or currently being filled (queueDepth=0).\n`);
      continue;
    }
    const thread = `nio-8080-exec-${1 + Math.floor(rand() * 200)}`.slice(-15).padStart(15);
    const r = rand();
    if (r < 0.002) {
      await emit(
        `${stamp(t)} ERROR 4242 --- [${thread}] ${logger('o.a.c.c.C.[.[.[/].[dispatcherServlet]')} : Servlet.service() for servlet [dispatcherServlet] threw exception\n` +
          'java.lang.IllegalStateException: order 81723 is locked\n' +
          '\tat com.example.orders.OrderService.update(OrderService.java:118)\n' +
          '\tat com.example.orders.OrderController.put(OrderController.java:64)\n' +
          '\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)\n' +
          '\t... 48 common frames omitted\n',
        6,
      );
    } else if (r < 0.01) {
      await emit(`${stamp(t)}  WARN 4242 --- [${thread}] ${logger('c.e.orders.InventoryClient')} : inventory call slow: ${200 + Math.floor(rand() * 800)} ms\n`);
    } else if (r < 0.3) {
      await emit(`${stamp(t)} DEBUG 4242 --- [${thread}] ${logger('o.s.jdbc.datasource.DataSourceUtils')} : Fetching JDBC Connection from DataSource\n`);
    } else {
      const path = PATHS[Math.floor(rand() * PATHS.length)];
      await emit(`${stamp(t)}  INFO 4242 --- [${thread}] ${logger('c.e.web.RequestLoggingFilter')} : GET ${path} 200 ${1 + Math.floor(rand() * 40)}ms\n`);
    }
  }
  out.write(buf);
  out.end();
  await once(out, 'finish');
}
