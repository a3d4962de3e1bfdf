/**
 * Generates the benchmark log: a Spring Boot application log with HikariCP lines mixed in, stack
 * traces, two freezes (starvation warnings after a silence) and one pool-exhaustion episode (requests
 * timing out on `HikariPool-1 - Connection is not available`, laid out as Spring Boot 2.0 prints them
 * with HikariCP 2.7.9 and Hibernate 5.2). Deterministic (seeded), streamed.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
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

/** Bump when the generated content changes, so that logs cached under the old name are not reused. */
export const GENERATOR_VERSION = 2;

/** The cached log's file name for a line count (and a seed other than the default). */
export function springBootLogName(lines: number, seed = 42): string {
  return `springboot-v${GENERATOR_VERSION}-${lines}${seed === 42 ? '' : `-seed${seed}`}.log`;
}

/** Generates `file` unless it exists (into a temporary name first, so a stopped run leaves no half file behind). */
export async function ensureSpringBootLog(file: string, lines: number, seed = 42): Promise<void> {
  if (existsSync(file)) return;
  process.stderr.write(`generating ${file} (${lines.toLocaleString('en-US')} lines, once)…\n`);
  await generateSpringBootLog(file + '.tmp', lines, seed);
  execFileSync('mv', [file + '.tmp', file]);
}

/** Where the freezes happen and the pool-exhaustion episode starts, as fractions of the lines. */
const FREEZES_AT = [0.4, 0.75];
const EXHAUSTION_AT = 0.6;
/** Requests that time out in the episode (20 lines each, over about 4 s). */
const EXHAUSTION_TIMEOUTS = 20;

const HIKARI_JAR = '~[HikariCP-2.7.9.jar!/:na]';
const HIBERNATE_JAR = '~[hibernate-core-5.2.17.Final.jar!/:5.2.17.Final]';
const SPRING_ORM_JAR = '~[spring-orm-5.0.8.RELEASE.jar!/:5.0.8.RELEASE]';
const SPRING_TX_JAR = '~[spring-tx-5.0.8.RELEASE.jar!/:5.0.8.RELEASE]';
const APP_JAR = '~[classes!/:0.0.1-SNAPSHOT]';
/**
 * The stack of the root cause as the dispatcher servlet prints it: HikariCP 2.7.9's own frames and
 * line numbers, then Hibernate's and Spring's on the way to the transaction, cut short.
 */
const TIMEOUT_FRAMES = [
  `com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:669) ${HIKARI_JAR}`,
  `com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:183) ${HIKARI_JAR}`,
  `com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:148) ${HIKARI_JAR}`,
  `com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:128) ${HIKARI_JAR}`,
  `org.hibernate.engine.jdbc.connections.internal.DatasourceConnectionProviderImpl.getConnection(DatasourceConnectionProviderImpl.java:122) ${HIBERNATE_JAR}`,
  `org.hibernate.internal.NonContextualJdbcConnectionAccess.obtainConnection(NonContextualJdbcConnectionAccess.java:35) ${HIBERNATE_JAR}`,
  `org.hibernate.resource.jdbc.internal.LogicalConnectionManagedImpl.acquireConnectionIfNeeded(LogicalConnectionManagedImpl.java:106) ${HIBERNATE_JAR}`,
  `org.hibernate.resource.jdbc.internal.LogicalConnectionManagedImpl.getPhysicalConnection(LogicalConnectionManagedImpl.java:136) ${HIBERNATE_JAR}`,
  `org.hibernate.engine.transaction.internal.TransactionImpl.begin(TransactionImpl.java:86) ${HIBERNATE_JAR}`,
  `org.springframework.orm.jpa.vendor.HibernateJpaDialect.beginTransaction(HibernateJpaDialect.java:184) ${SPRING_ORM_JAR}`,
  `org.springframework.orm.jpa.JpaTransactionManager.doBegin(JpaTransactionManager.java:402) ${SPRING_ORM_JAR}`,
  `org.springframework.transaction.support.AbstractPlatformTransactionManager.getTransaction(AbstractPlatformTransactionManager.java:378) ${SPRING_TX_JAR}`,
  `com.example.orders.OrderController.put(OrderController.java:64) ${APP_JAR}`,
]
  .map((f) => `\tat ${f}\n`)
  .join('');
const DISPATCHER_FAILED =
  'Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed; nested exception is ' +
  'org.springframework.transaction.CannotCreateTransactionException: Could not open JPA EntityManager for transaction; nested exception is ' +
  'org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection] with root cause';

export async function generateSpringBootLog(file: string, lines: number, seed = 42): Promise<void> {
  const rand = rng(seed);
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let t = Date.UTC(2026, 10, 20, 0, 0, 0);
  let written = 0;
  let buf = '';
  // Thresholds, not exact line numbers: a multi-line entry may step over one.
  const freezes = FREEZES_AT.map((f) => Math.floor(lines * f));
  let exhaustionAt: number | null = Math.floor(lines * EXHAUSTION_AT);
  let nextStats = t + 30_000;
  const emit = async (s: string, n = 1) => {
    buf += s;
    written += n;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  };
  const execThread = () => `nio-8080-exec-${1 + Math.floor(rand() * 200)}`.slice(-15).padStart(15);

  /**
   * The pool's 10 connections held by slow requests: each waiting request gives up after 30 s. Per
   * timeout HikariCP logs its pool state at DEBUG, Hibernate's SqlExceptionHelper logs the SQL state
   * (null: no connection attempt failed, the pool was just empty) and the exception's message, the
   * dispatcher servlet the request's failure with the root cause's stack, and the request log a 500.
   */
  const poolExhaustion = async () => {
    let waiting = EXHAUSTION_TIMEOUTS + 6;
    for (let i = 0; i < EXHAUSTION_TIMEOUTS; i++) {
      t += 50 + Math.floor(rand() * 300);
      waiting = Math.max(0, waiting - 1 - Math.floor(rand() * 2));
      const thread = execThread();
      const after = 30_000 + Math.floor(rand() * 12);
      const message = `HikariPool-1 - Connection is not available, request timed out after ${after}ms.`;
      const head = (level: string, name: string) => `${stamp(t)} ${level.padStart(5)} 4242 --- [${thread}] ${logger(name)} : `;
      await emit(
        `${head('DEBUG', 'com.zaxxer.hikari.pool.HikariPool')}HikariPool-1 - Timeout failure stats (total=10, active=10, idle=0, waiting=${waiting})\n` +
          `${head('WARN', 'o.h.engine.jdbc.spi.SqlExceptionHelper')}SQL Error: 0, SQLState: null\n` +
          `${head('ERROR', 'o.h.engine.jdbc.spi.SqlExceptionHelper')}${message}\n` +
          `${head('ERROR', 'o.a.c.c.C.[.[.[/].[dispatcherServlet]')}${DISPATCHER_FAILED}\n` +
          '\n' +
          `java.sql.SQLTransientConnectionException: ${message}\n` +
          TIMEOUT_FRAMES +
          `${head('INFO', 'c.e.web.RequestLoggingFilter')}PUT /api/orders/{id} 500 ${after + 3}ms\n`,
        7 + TIMEOUT_FRAMES.split('\n').length - 1,
      );
    }
  };

  while (written < lines) {
    t += Math.floor(rand() * 40);
    if (freezes.length > 0 && written >= freezes[0]!) {
      freezes.shift();
      const delta = 60_000 + Math.floor(rand() * 60_000);
      t += delta;
      await emit(`${stamp(t)}  WARN 4242 --- [l-1 housekeeper] ${logger('com.zaxxer.hikari.pool.HikariPool')} : HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=${Math.floor(delta / 60000)}m${Math.floor((delta % 60000) / 1000)}s${delta % 1000}ms).\n`);
      nextStats = t + 30_000;
      continue;
    }
    if (exhaustionAt !== null && written >= exhaustionAt) {
      exhaustionAt = null;
      await poolExhaustion();
      continue;
    }
    if (t >= nextStats) {
      nextStats += 30_000;
      const active = Math.floor(rand() * 6);
      await emit(`${stamp(t)} DEBUG 4242 --- [l-1 housekeeper] ${logger('com.zaxxer.hikari.pool.HikariPool')} : HikariPool-1 - Pool stats (total=10, active=${active}, idle=${10 - active}, waiting=0)\n`);
      await emit(`${stamp(t)} DEBUG 4242 --- [l-1 housekeeper] ${logger('com.zaxxer.hikari.pool.HikariPool')} : HikariPool-1 - Fill pool skipped, pool has sufficient level or currently being filled (queueDepth=0).\n`);
      continue;
    }
    const thread = execThread();
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
