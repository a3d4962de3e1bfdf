/**
 * A realistic small bundle for search and SQL console tests: a Spring Boot (logback default
 * pattern) log with HikariCP trouble and stack traces, and a pino NDJSON log of a Node service,
 * ingested with the real pipeline into a database file (workers need a file, not :memory:).
 * Counts of the phrases tests look for are exported so tests state expectations, not guesses.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PARSERS } from '../../../parsers';
import { ingestBundle } from '../../ingest/ingest';
import { SIGNATURES } from '../../signatures';
import { Store } from '../../store';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}
const spring = (ms: number, level: string, thread: string, logger: string, msg: string) =>
  `${stamp(ms)} ${level.padStart(5)} 4242 --- [${thread.padStart(15).slice(-15)}] ${logger.padEnd(40).slice(0, 40)} : ${msg}`;

export const T0 = Date.UTC(2026, 10, 22, 2, 0, 0);
const HIKARI = 'com.zaxxer.hikari.pool.HikariPool';
const TIMEOUT_TRACE = [
  'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.',
  '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
  '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:197)',
  '\tat org.hibernate.engine.jdbc.connections.internal.DatasourceConnectionProviderImpl.getConnection(DatasourceConnectionProviderImpl.java:122)',
  '\t... 42 common frames omitted',
];

/** How often the test bundle says what (whole records). */
export const COUNTS = {
  /** Spring: "HikariPool-1 - Connection is not available, request timed out after 30000ms." (ERROR, with a stack trace) */
  notAvailable: 3,
  /** Spring: "Thread starvation or clock leap detected" (WARN) */
  starvation: 2,
  /** Spring: "Pool stats (total=10, …)" (DEBUG) */
  poolStats: 20,
  /** Spring: "Completed order <n> for customer …" (INFO) */
  orders: 200,
  /** Of which customer café-Zoë */
  cafe: 10,
  /** pino: "request completed" (info) */
  requests: 60,
  /** pino: "connect ECONNREFUSED 10.0.0.5:5432" (error) */
  refused: 4,
};

export function springLog(): string {
  const out: string[] = [spring(T0, 'INFO', 'main', 'o.s.b.w.embedded.tomcat.TomcatWebServer', 'Tomcat started on port(s): 8080 (http) with context path \'\'')];
  let t = T0 + 1000;
  for (let i = 0; i < COUNTS.orders; i++) {
    t += 1500;
    const customer = i % 20 === 0 ? 'café-Zoë' : `customer-${i}`;
    out.push(spring(t, 'INFO', `nio-8080-exec-${(i % 8) + 1}`, 'c.e.shop.OrderService', `Completed order ${1000 + i} for customer ${customer} in ${10 + (i % 50)}ms`));
    if (i % 10 === 5) {
      out.push(spring(t + 3, 'DEBUG', 'l-1 housekeeper', HIKARI, `HikariPool-1 - Pool stats (total=10, active=${i % 10}, idle=${10 - (i % 10)}, waiting=0)`));
    }
    if (i === 120 || i === 160) {
      t += 73_050;
      out.push(spring(t, 'WARN', 'l-1 housekeeper', HIKARI, 'HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m13s50ms).'));
    }
    if (i === 121 || i === 161 || i === 162) {
      out.push(spring(t + 7, 'ERROR', 'nio-8080-exec-3', 'o.h.engine.jdbc.spi.SqlExceptionHelper', 'HikariPool-1 - Connection is not available, request timed out after 30000ms.'));
      out.push(...TIMEOUT_TRACE);
    }
  }
  t += 500;
  out.push(spring(t, 'WARN', 'nio-8080-exec-2', 'c.e.shop.WebhookController', 'Rejected payload <script>alert("x")</script> & "quoted" \'single\''));
  out.push(spring(t + 1, 'WARN', 'nio-8080-exec-2', 'c.e.shop.PaymentClient', '결제 요청 실패: 게이트웨이 응답 없음 (payment gateway timeout)'));
  out.push(spring(t + 2, 'INFO', 'nio-8080-exec-2', 'c.e.shop.Legacy', 'odd bytes \uE000\uE001 around the marker characters, Pool stats unaffected'));
  return out.join('\n') + '\n';
}

export function pinoLog(): string {
  const out: string[] = [];
  let t = T0 + 5000;
  for (let i = 0; i < COUNTS.requests; i++) {
    t += 4000;
    out.push(JSON.stringify({ level: 30, time: t, pid: 7, hostname: 'api-1', reqId: i, req: { method: 'GET', url: `/api/cart/${i}` }, res: { statusCode: 200 }, responseTime: 12 + i, msg: 'request completed' }));
    if (i % 15 === 14) {
      const err = { type: 'Error', message: 'connect ECONNREFUSED 10.0.0.5:5432', code: 'ECONNREFUSED', errno: -111, syscall: 'connect', address: '10.0.0.5', port: 5432, stack: 'Error: connect ECONNREFUSED 10.0.0.5:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)' };
      out.push(JSON.stringify({ level: 50, time: t + 1, pid: 7, hostname: 'api-1', err, msg: 'connect ECONNREFUSED 10.0.0.5:5432' }));
    }
  }
  return out.join('\n') + '\n';
}

export interface IncidentDb {
  dir: string;
  dbPath: string;
  bundlePath: string;
  bundleId: number;
  /** A store on the database. */
  store: Store;
  /** Closes the store and removes the temp dir. */
  cleanup(): void;
}

/** Writes the bundle into a fresh temp dir and ingests it into `<dir>/rootline.sqlite`. */
export async function buildIncidentDb(extraFiles: Record<string, string> = {}): Promise<IncidentDb> {
  const dir = mkdtempSync(join(tmpdir(), 'rl-search-'));
  const bundlePath = join(dir, 'bundle');
  const files = { 'logs/app.log': springLog(), 'logs/api.log': pinoLog(), ...extraFiles };
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(join(bundlePath, p, '..'), { recursive: true });
    writeFileSync(join(bundlePath, p), content);
  }
  const dbPath = join(dir, 'rootline.sqlite');
  const store = Store.open(dbPath);
  const r = await ingestBundle(store, bundlePath, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null, tz: 'UTC' });
  const cleanup = () => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, dbPath, bundlePath, bundleId: r.bundle.id, store, cleanup };
}

/** Ingests the same bundle again (as `--force` does): the search index of the old ingest is stale. */
export async function reingest(db: IncidentDb): Promise<void> {
  await ingestBundle(db.store, db.bundlePath, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null, tz: 'UTC', force: true });
}
