/**
 * Test support: a small but realistic incident bundle written to a temp dir and ingested the way
 * the engine does it — a Spring Boot/logback application log with HikariCP lines and a stack trace,
 * its rotated file from the day before, a pino NDJSON API log, and two lsof snapshots whose TCP
 * sockets to PostgreSQL grow. The generator is seeded, so the expected counts are known.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PARSERS } from '../../../parsers';
import { analyzeBundle } from '../../analysis/analyze';
import { ingestBundle } from '../../ingest/ingest';
import { SIGNATURES } from '../../signatures';
import { Store } from '../../store';
import { mulberry32 } from '../../../bench/rng';

export const T0 = Date.UTC(2026, 10, 22, 4, 18, 0, 0);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export function springStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

const rng = mulberry32;

const LOGGER = (name: string) => name.padEnd(40).slice(0, 40);
const line = (ms: number, level: string, thread: string, logger: string, msg: string) =>
  `${springStamp(ms)} ${level.padStart(5)} 4242 --- [${thread.padStart(15).slice(-15)}] ${LOGGER(logger)} : ${msg}`;

export interface FixtureCounts {
  /** Records per level name in the two Spring logs together. */
  spring: Record<'DEBUG' | 'INFO' | 'WARN' | 'ERROR', number>;
  poolStats: number;
  pino: Record<30 | 40 | 50, number>;
  /** Numeric descriptors of pid 4242 in the two lsof snapshots. */
  lsofFds: [number, number];
}

export interface FixtureBundle {
  dir: string;
  store: Store;
  bundleId: number;
  counts: FixtureCounts;
}

/** Writes the bundle and returns its file texts with the expected counts. */
export function writeFixtureBundle(dir = mkdtempSync(join(tmpdir(), 'rl-timeline-'))): { dir: string; counts: FixtureCounts } {
  const rand = rng(7);
  const counts: FixtureCounts = { spring: { DEBUG: 0, INFO: 0, WARN: 0, ERROR: 0 }, poolStats: 0, pino: { 30: 0, 40: 0, 50: 0 }, lsofFds: [0, 0] };
  const put = (p: string, text: string) => {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  };

  // Yesterday's rotated log: a quiet evening, a few requests an hour.
  const old: string[] = [];
  for (let t = T0 - 30 * 3_600_000; t < T0 - 20 * 3_600_000; t += 600_000 + Math.floor(rand() * 600_000)) {
    old.push(line(t, 'INFO', 'nio-8080-exec-1', 'c.e.web.RequestLoggingFilter', `GET /api/orders 200 ${5 + Math.floor(rand() * 20)}ms`));
    counts.spring.INFO++;
  }
  put('logs/app.log.1', old.join('\n') + '\n');

  // Today: ten minutes of traffic, pool stats every 30 s, a freeze at 04:23 and its aftermath.
  const app: string[] = [line(T0, 'INFO', 'main', 'c.e.orders.OrdersApplication', 'Started OrdersApplication in 4.213 seconds (JVM running for 4.902)')];
  counts.spring.INFO++;
  let nextStats = T0 + 30_000;
  const freezeAt = T0 + 5 * 60_000;
  let frozen = false;
  for (let t = T0 + 50; t < T0 + 10 * 60_000; t += 200 + Math.floor(rand() * 1800)) {
    if (!frozen && t >= freezeAt) {
      frozen = true;
      t += 73_050;
      app.push(line(t, 'WARN', 'l-1 housekeeper', 'com.zaxxer.hikari.pool.HikariPool', 'HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m13s50ms252µs185ns).'));
      counts.spring.WARN++;
      for (let i = 0; i < 3; i++) {
        app.push(
          line(t + 20 + i * 7, 'ERROR', 'nio-8080-exec-' + (3 + i), 'o.h.engine.jdbc.spi.SqlExceptionHelper', 'HikariPool-1 - Connection is not available, request timed out after 30000ms.'),
          'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.',
          '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
          '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:197)',
        );
        counts.spring.ERROR++;
      }
      continue;
    }
    if (t >= nextStats) {
      nextStats += 30_000;
      const active = frozen ? 10 : 1 + Math.floor(rand() * 4);
      app.push(line(t, 'DEBUG', 'l-1 housekeeper', 'com.zaxxer.hikari.pool.HikariPool', `HikariPool-1 - Pool stats (total=10, active=${active}, idle=${10 - active}, waiting=${frozen ? 4 : 0})`));
      counts.spring.DEBUG++;
      counts.poolStats++;
      continue;
    }
    const r = rand();
    if (r < 0.05) {
      app.push(line(t, 'WARN', 'nio-8080-exec-2', 'c.e.orders.InventoryClient', `inventory call slow: ${300 + Math.floor(rand() * 700)} ms`));
      counts.spring.WARN++;
    } else if (r < 0.3) {
      app.push(line(t, 'DEBUG', 'nio-8080-exec-4', 'o.s.jdbc.datasource.DataSourceUtils', 'Fetching JDBC Connection from DataSource'));
      counts.spring.DEBUG++;
    } else {
      app.push(line(t, 'INFO', 'nio-8080-exec-9', 'c.e.web.RequestLoggingFilter', `GET /api/cart 200 ${2 + Math.floor(rand() * 30)}ms`));
      counts.spring.INFO++;
    }
  }
  put('logs/app.log', app.join('\n') + '\n');

  // The Node.js API in front of it, logging with pino (numeric levels, epoch ms).
  const pino: string[] = [];
  for (let t = T0 + 120; t < T0 + 10 * 60_000; t += 500 + Math.floor(rand() * 3000)) {
    const slow = t > freezeAt && t < freezeAt + 90_000;
    const level = slow ? (rand() < 0.5 ? 50 : 40) : rand() < 0.04 ? 40 : 30;
    counts.pino[level as 30 | 40 | 50]++;
    const status = level === 50 ? 503 : 200;
    pino.push(
      JSON.stringify({
        level, time: t, pid: 31018, hostname: 'api-1', req: { id: pino.length + 1, method: 'GET', url: '/cart', remoteAddress: '10.0.0.9', remotePort: 40000 + pino.length },
        res: { statusCode: status }, responseTime: slow ? 2000 + Math.floor(rand() * 28000) : 5 + Math.floor(rand() * 40),
        msg: level === 50 ? 'request errored' : level === 40 ? 'request slow' : 'request completed',
      }),
    );
  }
  put('logs/api.log', pino.join('\n') + '\n');

  // lsof -p 4242 -nP, twice; the second has more sockets to PostgreSQL.
  const lsof = (stamp: string, sockets: number): string => {
    const rows = [
      `# captured ${stamp} host=db-client pid=4242 cmd=lsof -p 4242 -nP`,
      'COMMAND  PID USER   FD   TYPE DEVICE SIZE/OFF    NODE NAME',
      'java    4242 app  cwd    DIR  254,0     4096 2179135 /opt/orders',
      'java    4242 app  txt    REG  254,0    14336 2181983 /usr/lib/jvm/java-17/bin/java',
      'java    4242 app    0r   CHR    1,3      0t0       3 /dev/null',
      'java    4242 app    1w   REG  254,0   120406 2146373 /var/log/orders/app.log',
      'java    4242 app    2w   REG  254,0        0 2182162 /var/log/orders/app.err',
      'java    4242 app    3r   REG  254,0 65536000 5324854 /usr/lib/jvm/java-17/lib/modules',
      'java    4242 app    4u  IPv6 192176      0t0     TCP *:8080 (LISTEN)',
    ];
    for (let i = 0; i < sockets; i++) rows.push(`java    4242 app   ${String(10 + i).padStart(2)}u  IPv4 ${200000 + i}      0t0     TCP 10.0.0.7:${41000 + i}->10.0.0.5:5432 (ESTABLISHED)`);
    return rows.join('\n') + '\n';
  };
  put('snapshots/lsof-20261122T042000Z.txt', lsof('2026-11-22T04:20:00Z', 4));
  put('snapshots/lsof-20261122T042500Z.txt', lsof('2026-11-22T04:25:00Z', 12));
  counts.lsofFds = [5 + 4, 5 + 12];
  return { dir, counts };
}

/** Writes (with `extra` files), ingests (zone UTC) and analyses the fixture bundle into `db` (default: in memory). */
export async function fixtureBundle(db = ':memory:', extra: Record<string, string> = {}): Promise<FixtureBundle> {
  const { dir, counts } = writeFixtureBundle();
  for (const [p, text] of Object.entries(extra)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  const store = Store.open(db);
  const r = await ingestBundle(store, dir, {
    tz: 'UTC', parsers: PARSERS, signatures: SIGNATURES, contentRoot: null,
    afterLoad: (id) => void analyzeBundle(store, id, SIGNATURES),
  });
  return { dir, store, bundleId: r.bundle.id, counts };
}
