/**
 * Every HikariCP wording the classifier types, instantiated from the format strings in HikariCP's
 * sources (brettwooldridge/HikariCP; the file and version are cited per row). `{}` placeholders are
 * filled with realistic values.
 */
import { describe, expect, it } from 'vitest';
import { classifyHikari, poolBefore } from './classify';
import { ALL_KINDS_LISTED, HIKARI_KINDS } from './kinds';

const HIKARI = { logger: 'com.zaxxer.hikari.pool.HikariPool' };

interface Row {
  /** Source file and version the wording comes from. */
  src: string;
  message: string;
  continuation?: string[];
  hint?: { logger?: string };
  kind: string;
  fields: Record<string, unknown>;
}

const ROWS: Row[] = [
  // --- housekeeper: starvation and clock changes (HikariPool.HouseKeeper) ---
  {
    src: 'HikariPool.java 3.x-6.x: "{} - Thread starvation or clock leap detected (housekeeper delta={})."',
    message: 'HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m13s50ms252µs185ns).',
    kind: 'hikari.starvation',
    fields: { pool: 'HikariPool-1', deltaMs: 73050, deltaText: '1m13s50ms252µs185ns' },
  },
  {
    src: 'HikariPool.java 2.4.7-2.5 (ClockSource TIMEUNIT_DISPLAY_VALUES with U+03BC)',
    message: 'HikariPool-3 - Thread starvation or clock leap detected (housekeeper delta=1h2m5s15ms949μs613ns).',
    kind: 'hikari.starvation',
    fields: { pool: 'HikariPool-3', deltaMs: 3725015 },
  },
  {
    src: 'HikariPool.java 2.4.6 (format arguments swapped, issue #668)',
    message: '1m5s204ms948μs145ns - Thread starvation or clock leap detected (housekeeper delta=HikariPool-1).',
    kind: 'hikari.starvation',
    fields: { pool: 'HikariPool-1', deltaMs: 65204, deltaText: '1m5s204ms948μs145ns', swappedArgs: true },
  },
  {
    src: 'HikariPool.java 3.x-6.x: "{} - Retrograde clock change detected (housekeeper delta={}), soft-evicting connections from pool."',
    message: 'HikariPool-1 - Retrograde clock change detected (housekeeper delta=-3s2ms), soft-evicting connections from pool.',
    kind: 'hikari.retrograde-clock',
    fields: { pool: 'HikariPool-1', deltaMs: -3002, deltaText: '-3s2ms' },
  },
  {
    src: 'HikariPool.java 2.4: "{} - Unusual system clock change detected, soft-evicting connections from pool."',
    message: 'HikariPool-0 - Unusual system clock change detected, soft-evicting connections from pool.',
    kind: 'hikari.clock-change',
    fields: { pool: 'HikariPool-0' },
  },
  {
    src: 'HikariPool.java 2.3: "Unusual system clock change detected, soft-evicting connections from pool." (no pool)',
    message: 'Unusual system clock change detected, soft-evicting connections from pool.',
    kind: 'hikari.clock-change',
    fields: {},
  },

  // --- connection timeouts (HikariPool.createTimeoutException) ---
  {
    src: 'HikariPool.java 2.4-5.0: poolName + " - Connection is not available, request timed out after " + elapsed + "ms."',
    message: 'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30001ms.',
    kind: 'hikari.timeout',
    fields: { pool: 'HikariPool-1', timeoutMs: 30001, exceptionType: 'java.sql.SQLTransientConnectionException' },
  },
  {
    src: 'HikariPool.java 5.1+: "... timed out after " + elapsed + "ms (total=" + … + ", waiting=" + … + ")"',
    message: 'HikariPool-1 - Connection is not available, request timed out after 30001ms (total=10, active=10, idle=0, waiting=3)',
    kind: 'hikari.timeout',
    fields: { pool: 'HikariPool-1', timeoutMs: 30001, total: 10, active: 10, idle: 0, waiting: 3 },
  },
  {
    src: 'HikariPool.java 5.1.0 (closing parenthesis missing)',
    message: 'HikariPool-2 - Connection is not available, request timed out after 5000ms (total=4, active=4, idle=0, waiting=12',
    kind: 'hikari.timeout',
    fields: { pool: 'HikariPool-2', timeoutMs: 5000, total: 4, active: 4, idle: 0, waiting: 12 },
  },
  {
    src: 'Spring JdbcTemplate wrapping the 2.4+ timeout (CannotGetJdbcConnectionException, nested exception)',
    message:
      'org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; nested exception is java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 10000ms.',
    hint: { logger: 'o.s.b.a.jdbc.DataSourceHealthIndicator' },
    kind: 'hikari.timeout',
    fields: {
      pool: 'HikariPool-1',
      timeoutMs: 10000,
      exceptionType: 'java.sql.SQLTransientConnectionException',
      wrappedBy: 'org.springframework.jdbc.CannotGetJdbcConnectionException',
    },
  },
  {
    src: 'Hibernate SqlExceptionHelper re-logging the timeout message (engine signature sample)',
    message: 'HikariPool-1 - Connection is not available, request timed out after 491632ms.',
    hint: { logger: 'o.h.engine.jdbc.spi.SqlExceptionHelper' },
    kind: 'hikari.timeout',
    fields: { pool: 'HikariPool-1', timeoutMs: 491632 },
  },
  {
    src: 'HikariPool.java 2.0-2.3: String.format("Timeout after %dms of waiting for a connection.", …)',
    message: 'java.sql.SQLTimeoutException: Timeout after 30000ms of waiting for a connection.',
    kind: 'hikari.timeout',
    fields: { timeoutMs: 30000, exceptionType: 'java.sql.SQLTimeoutException' },
  },
  {
    src: 'timeout only in a continuation line (Caused by) under an application message',
    message: 'Request processing failed',
    continuation: [
      'org.springframework.transaction.CannotCreateTransactionException: Could not open JPA EntityManager for transaction',
      '\tat org.springframework.orm.jpa.JpaTransactionManager.doBegin(JpaTransactionManager.java:467)',
      'Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=7)',
      '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
    ],
    hint: { logger: 'o.a.c.c.C.[.[.[/].[dispatcherServlet]' },
    kind: 'hikari.timeout',
    fields: { pool: 'HikariPool-1', timeoutMs: 30000, total: 10, active: 10, idle: 0, waiting: 7 },
  },
  {
    src: 'HikariPool.logPoolState("Timeout failure ") followed by its exception (stdout/stderr interleaved, fixture 16)',
    message: 'HikariPool-1 - Timeout failure stats (total=10, active=10, idle=0, waiting=0)',
    continuation: ['java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30004ms.'],
    hint: HIKARI,
    kind: 'hikari.timeout',
    fields: { pool: 'HikariPool-1', timeoutMs: 30004, total: 10, active: 10, idle: 0, waiting: 0 },
  },

  // --- pool statistics (HikariPool.logPoolState) ---
  ...(
    [
      ['Pool ', 'Pool'],
      ['Before cleanup ', 'Before cleanup'],
      ['After cleanup  ', 'After cleanup'],
      ['After adding ', 'After adding'],
      ['Timeout failure ', 'Timeout failure'],
      ['Before shutdown ', 'Before shutdown'],
      ['After shutdown ', 'After shutdown'],
      ['Before closing ', 'Before closing'],
      ['After closing ', 'After closing'],
      ['', 'Pool'],
    ] as const
  ).map(
    ([prefix, phase]): Row => ({
      src: `HikariPool.java 2.4-6.x: "{} - {}stats (total={}, active={}, idle={}, waiting={})" with prefix "${prefix}"`,
      message: `HikariPool-1 - ${prefix}stats (total=10, active=4, idle=6, waiting=2)`,
      hint: HIKARI,
      kind: 'hikari.stats',
      fields: { pool: 'HikariPool-1', phase, total: 10, active: 4, idle: 6, waiting: 2 },
    }),
  ),
  {
    src: 'HikariPool.java 2.3: "{}pool stats {} (total={}, inUse={}, avail={}, waiting={})"',
    message: 'Before cleanup pool stats HikariPool-0 (total=20, inUse=20, avail=0, waiting=1)',
    hint: HIKARI,
    kind: 'hikari.stats',
    fields: { pool: 'HikariPool-0', phase: 'Before cleanup', total: 20, active: 20, idle: 0, waiting: 1 },
  },
  {
    src: 'HikariPool.java 2.0: "{}Pool stats {} (total={}, inUse={}, avail={}, waiting={})" with prefix "Before pool cleanup "',
    message: 'Before pool cleanup Pool stats db (total=5, inUse=1, avail=4, waiting=0)',
    hint: HIKARI,
    kind: 'hikari.stats',
    fields: { pool: 'db', phase: 'Before pool cleanup', total: 5, active: 1, idle: 4, waiting: 0 },
  },
  {
    src: 'HikariPool.java 2.4 with a TAB in the prefix ("Before cleanup\\t")',
    message: 'HikariPool-1 - Before cleanup\tstats (total=2, active=0, idle=2, waiting=0)',
    hint: HIKARI,
    kind: 'hikari.stats',
    fields: { pool: 'HikariPool-1', phase: 'Before cleanup', total: 2 },
  },

  // --- pool filling (HikariPool.fillPool / addBagItem / PoolEntryCreator) ---
  {
    src: 'HikariPool.java 3.x-4.x: "{} - Fill pool skipped, pool is at sufficient level."',
    message: 'Hikari - Fill pool skipped, pool is at sufficient level.',
    hint: HIKARI,
    kind: 'hikari.fill-skipped',
    fields: { pool: 'Hikari' },
  },
  {
    src: 'HikariPool.java 6.x: "{} - Fill pool skipped, pool has sufficient level or currently being filled (queueDepth={})."',
    message: 'HikariPool-1 - Fill pool skipped, pool has sufficient level or currently being filled (queueDepth=2).',
    hint: HIKARI,
    kind: 'hikari.fill-skipped',
    fields: { pool: 'HikariPool-1', queueDepth: 2 },
  },
  {
    src: 'HikariPool.java 4.x-5.x: "{} - Add connection elided, waiting {}, queue {}"',
    message: 'HikariPool-1 - Add connection elided, waiting 47, queue 50',
    hint: HIKARI,
    kind: 'hikari.add-elided',
    fields: { pool: 'HikariPool-1', waiting: 47, queue: 50 },
  },
  {
    src: 'HikariPool.java 6.x: "{} - Add connection elided, waiting={}, adders pending/running={}"',
    message: 'HikariPool-1 - Add connection elided, waiting=0, adders pending/running=2',
    hint: HIKARI,
    kind: 'hikari.add-elided',
    fields: { pool: 'HikariPool-1', waiting: 0, queue: 2 },
  },
  {
    src: 'HikariPool.java 3.x-6.x: "{} - Added connection {}"',
    message: 'HikariPool-1 - Added connection org.postgresql.jdbc.PgConnection@3c258b8e',
    hint: HIKARI,
    kind: 'hikari.added',
    fields: { pool: 'HikariPool-1', connection: 'org.postgresql.jdbc.PgConnection@3c258b8e' },
  },
  {
    src: 'HikariPool.java 4.x-6.x KeepaliveTask: "{} - keepalive: connection {} is alive"',
    message: 'prod-pool - keepalive: connection org.postgresql.jdbc.PgConnection@6d16cbcd is alive',
    hint: HIKARI,
    kind: 'hikari.keepalive',
    fields: { pool: 'prod-pool', connection: 'org.postgresql.jdbc.PgConnection@6d16cbcd' },
  },
  {
    src: 'HikariPool.java 6.x: "{} - Connection add failed, sleeping with backoff: {}ms"',
    message: 'HikariPool-1 - Connection add failed, sleeping with backoff: 40ms',
    hint: HIKARI,
    kind: 'hikari.connect-failed',
    fields: { pool: 'HikariPool-1', backoffMs: 40 },
  },
  {
    src: 'HikariPool.java 3.x: "{} - Cannot acquire connection from data source"',
    message: 'HikariPool-1 - Cannot acquire connection from data source',
    hint: HIKARI,
    kind: 'hikari.connect-failed',
    fields: { pool: 'HikariPool-1' },
  },
  {
    src: 'HikariPool.java 4.x-6.x: "{} - Error thrown while acquiring connection from data source"',
    message: 'HikariPool-1 - Error thrown while acquiring connection from data source',
    hint: HIKARI,
    kind: 'hikari.connect-failed',
    fields: { pool: 'HikariPool-1' },
  },
  {
    src: 'PoolBase.java 3.x-6.x: "{} - Failed to create/setup connection: {}"',
    message: 'HikariPool-1 - Failed to create/setup connection: Connection refused',
    hint: { logger: 'com.zaxxer.hikari.pool.PoolBase' },
    kind: 'hikari.connect-failed',
    fields: { pool: 'HikariPool-1', reason: 'Connection refused' },
  },
  {
    src: 'HikariPool.java 3.x-6.x: "{} - Exception during pool initialization."',
    message: 'HikariPool-1 - Exception during pool initialization.',
    continuation: ['org.postgresql.util.PSQLException: Connection to 127.0.0.1:5432 refused.'],
    hint: HIKARI,
    kind: 'hikari.init-failed',
    fields: { pool: 'HikariPool-1' },
  },
  {
    src: 'HikariPool.PoolInitializationException: "Failed to initialize pool: " + t.getMessage()',
    message: 'Application run failed',
    continuation: [
      'com.zaxxer.hikari.pool.HikariPool$PoolInitializationException: Failed to initialize pool: Access denied for user',
      '\tat com.zaxxer.hikari.pool.HikariPool.throwPoolInitializationException(HikariPool.java:596)',
    ],
    hint: { logger: 'o.s.boot.SpringApplication' },
    kind: 'hikari.init-failed',
    fields: { reason: 'Access denied for user' },
  },
  {
    src: 'HikariPool.java 3.x-6.x: poolName + " - Interrupted during connection acquisition"',
    message: 'java.sql.SQLException: HikariPool-1 - Interrupted during connection acquisition',
    hint: HIKARI,
    kind: 'hikari.interrupted',
    fields: { pool: 'HikariPool-1', during: 'connection acquisition' },
  },
  {
    src: 'HikariPool.java 3.x-6.x: "Unexpected exception in housekeeping task"',
    message: 'Unexpected exception in housekeeping task',
    hint: HIKARI,
    kind: 'hikari.housekeeper-error',
    fields: {},
  },

  // --- connection closing and validation (PoolBase) ---
  ...(
    [
      '(connection has passed maxLifetime)',
      '(connection is dead)',
      '(connection is evicted or dead)',
      '(connection was evicted)',
      '(connection evicted)',
      '(connection evicted by user)',
      '(connection has passed idleTimeout)',
      '(connection aborted during shutdown)',
      '(connection is broken)',
      '(initialization check complete and minimumIdle is zero)',
    ] as const
  ).map(
    (reason): Row => ({
      src: `PoolBase.java 3.x-6.x: "{} - Closing connection {}: {}" with ${reason}`,
      message: `HikariPool-1 - Closing connection com.mysql.cj.jdbc.ConnectionImpl@2860d11c: ${reason}`,
      hint: { logger: 'com.zaxxer.hikari.pool.PoolBase' },
      kind: 'hikari.closing',
      fields: { pool: 'HikariPool-1', connection: 'com.mysql.cj.jdbc.ConnectionImpl@2860d11c', reason: reason.slice(1, -1) },
    }),
  ),
  {
    src: 'PoolBase.java: connection toString with ": " inside (SQL Server ConnectionID)',
    message: 'HikariPool-1 - Closing connection ConnectionID:3 ClientConnectionId: 5e8a2a95-6c46: (connection is evicted or dead)',
    hint: { logger: 'com.zaxxer.hikari.pool.PoolBase' },
    kind: 'hikari.closing',
    fields: { connection: 'ConnectionID:3 ClientConnectionId: 5e8a2a95-6c46', reason: 'connection is evicted or dead' },
  },
  {
    src: 'BaseHikariPool.java 2.3: "Closing connection {} in pool {}{}" (addendum " (reason)")',
    message: 'Closing connection com.mysql.jdbc.JDBC4Connection@1 in pool HikariPool-0 (connection has passed maxLifetime)',
    hint: HIKARI,
    kind: 'hikari.closing',
    fields: { pool: 'HikariPool-0', connection: 'com.mysql.jdbc.JDBC4Connection@1', reason: 'connection has passed maxLifetime' },
  },
  {
    src: 'PoolBase.java 3.x-6.x: "{} - Closing connection {} failed"',
    message: 'HikariPool-1 - Closing connection org.mariadb.jdbc.MariaDbConnection@7b76d704 failed',
    hint: { logger: 'com.zaxxer.hikari.pool.PoolBase' },
    kind: 'hikari.close-failed',
    fields: { pool: 'HikariPool-1', connection: 'org.mariadb.jdbc.MariaDbConnection@7b76d704' },
  },
  {
    src: 'PoolBase.java 3.3+: "{} - Failed to validate connection {} ({}). Possibly consider using a shorter maxLifetime value."',
    message:
      'HikariPool-1 - Failed to validate connection com.mysql.cj.jdbc.ConnectionImpl@1066d1f0 (No operations allowed after connection closed.). Possibly consider using a shorter maxLifetime value.',
    hint: { logger: 'com.zaxxer.hikari.pool.PoolBase' },
    kind: 'hikari.validation-failed',
    fields: { pool: 'HikariPool-1', connection: 'com.mysql.cj.jdbc.ConnectionImpl@1066d1f0', reason: 'No operations allowed after connection closed.', maxLifetimeHint: true },
  },
  {
    src: 'PoolBase.java 2.5-3.2: "{} - Failed to validate connection {} ({})"',
    message: 'HikariPool-1 - Failed to validate connection org.mariadb.jdbc.MariaDbConnection@7b76d704 (Connection.setNetworkTimeout cannot be called on a closed connection)',
    hint: { logger: 'com.zaxxer.hikari.pool.PoolBase' },
    kind: 'hikari.validation-failed',
    fields: { reason: 'Connection.setNetworkTimeout cannot be called on a closed connection', maxLifetimeHint: false },
  },
  {
    src: 'relocated package (eu.kennytv.maintenance.lib.hikari.pool.PoolBase), 3.3+ wording',
    message:
      'HikariPool-1 - Failed to validate connection eu.kennytv.maintenance.lib.mysql.cj.jdbc.ConnectionImpl@e3992a4 (No operations allowed after connection closed.). Possibly consider using a shorter maxLifetime value.',
    hint: { logger: 'eu.kennytv.maintenance.lib.hikari.pool.PoolBase' },
    kind: 'hikari.validation-failed',
    fields: { pool: 'HikariPool-1', maxLifetimeHint: true },
  },
  {
    src: 'relocated package (o.a.s.s.c.z.h.p.PoolBase, SeaTunnel)',
    message: 'HikariPool-8 - Failed to validate connection org.postgresql.jdbc.PgConnection@1 (This connection has been closed.)',
    hint: { logger: 'o.a.s.s.c.z.h.p.PoolBase' },
    kind: 'hikari.validation-failed',
    fields: { pool: 'HikariPool-8', reason: 'This connection has been closed.' },
  },
  {
    src: 'PoolElf.java 2.4: "{} - Connection {} failed alive test with exception {}"',
    message: 'mydbpool - Connection org.mariadb.jdbc.MySQLConnection@325932c7 failed alive test with exception Could not read resultset: unexpected end of stream',
    hint: { logger: 'com.zaxxer.hikari.pool.PoolElf' },
    kind: 'hikari.validation-failed',
    fields: { pool: 'mydbpool', connection: 'org.mariadb.jdbc.MySQLConnection@325932c7', reason: 'Could not read resultset: unexpected end of stream', maxLifetimeHint: false },
  },
  {
    src: 'PoolBase.java 3.x-6.x: "{} - Failed to execute{} connection test query ({})."',
    message: 'HikariPool-1 - Failed to execute isValid() for connection, configure connection test query (Method not supported).',
    hint: { logger: 'com.zaxxer.hikari.pool.PoolBase' },
    kind: 'hikari.test-query-failed',
    fields: { pool: 'HikariPool-1', reason: 'Method not supported', isValid: true },
  },
  {
    src: 'PoolBase.java 3.x-6.x: "{} - Reset ({}) on connection {}"',
    message: 'HikariPool-1 - Reset (autoCommit, isolation) on connection org.postgresql.jdbc.PgConnection@1a2b',
    hint: { logger: 'com.zaxxer.hikari.pool.PoolBase' },
    kind: 'hikari.reset',
    fields: { pool: 'HikariPool-1', connection: 'org.postgresql.jdbc.PgConnection@1a2b', states: ['autoCommit', 'isolation'] },
  },

  // --- broken connections (ProxyConnection.checkException) ---
  {
    src: 'ProxyConnection.java 2.6-6.x: "{} - Connection {} marked as broken because of SQLSTATE({}), ErrorCode({})"',
    message: 'springHikariCP - Connection com.mysql.jdbc.JDBC4Connection@6f4c5ea1 marked as broken because of SQLSTATE(08S01), ErrorCode(0)',
    hint: { logger: 'c.zaxxer.hikari.pool.ProxyConnection' },
    kind: 'hikari.broken',
    fields: { pool: 'springHikariCP', connection: 'com.mysql.jdbc.JDBC4Connection@6f4c5ea1', sqlState: '08S01', errorCode: 0 },
  },
  {
    src: 'ConnectionProxy.java 2.3/2.4: "Connection {} ({}) marked as broken because of SQLSTATE({}), ErrorCode({})."',
    message: 'Connection org.postgresql.jdbc4.Jdbc4Connection@5d1b (HikariPool-0) marked as broken because of SQLSTATE(08006), ErrorCode(0).',
    hint: { logger: 'com.zaxxer.hikari.proxy.ConnectionProxy' },
    kind: 'hikari.broken',
    fields: { pool: 'HikariPool-0', connection: 'org.postgresql.jdbc4.Jdbc4Connection@5d1b', sqlState: '08006', errorCode: 0 },
  },
  {
    src: 'ConnectionProxy.java 2.0: "Connection {} marked as broken because of SQLSTATE({}), ErrorCode({}): {}"',
    message: 'Connection com.mysql.jdbc.JDBC4Connection@1f marked as broken because of SQLSTATE(08S01), ErrorCode(0): null',
    hint: { logger: 'com.zaxxer.hikari.proxy.ConnectionProxy' },
    kind: 'hikari.broken',
    fields: { connection: 'com.mysql.jdbc.JDBC4Connection@1f', sqlState: '08S01', errorCode: 0 },
  },
  {
    src: 'ProxyConnection.java 3.x: "{} - Connection {} marked as broken because of an exception closing open statements during Connection.close()"',
    message: 'HikariPool-1 - Connection conn7 marked as broken because of an exception closing open statements during Connection.close()',
    hint: { logger: 'com.zaxxer.hikari.pool.ProxyConnection' },
    kind: 'hikari.broken',
    fields: { pool: 'HikariPool-1', connection: 'conn7', reason: 'an exception closing open statements during Connection.close()' },
  },
  {
    src: 'ProxyConnection.java 2.5-6.x: "{} - Executed rollback on connection {} due to dirty commit state on close()."',
    message: 'HikariPool-2 - Executed rollback on connection org.sqlite.jdbc4.JDBC4Connection@6d1dcdff due to dirty commit state on close().',
    hint: { logger: 'com.zaxxer.hikari.pool.ProxyConnection' },
    kind: 'hikari.rollback',
    fields: { pool: 'HikariPool-2', connection: 'org.sqlite.jdbc4.JDBC4Connection@6d1dcdff' },
  },

  // --- leak detection (ProxyLeakTask / LeakTask / ConnectionProxy) ---
  {
    src: 'ProxyLeakTask.java 3.x-6.x: "Connection leak detection triggered for {} on thread {}, stack trace follows" + exception',
    message: 'Connection leak detection triggered for org.postgresql.jdbc.PgConnection@1d2e3f on thread http-nio-8080-exec-7, stack trace follows',
    continuation: [
      'java.lang.Exception: Apparent connection leak detected',
      '\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:128)',
      '\tat org.springframework.jdbc.datasource.DataSourceUtils.fetchConnection(DataSourceUtils.java:158)',
      '\tat org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:376)',
      '\tat com.example.orders.OrderRepository.findOpen(OrderRepository.java:57)',
      '\tat com.example.orders.OrderService.list(OrderService.java:22)',
    ],
    hint: { logger: 'com.zaxxer.hikari.pool.ProxyLeakTask' },
    kind: 'hikari.leak',
    fields: {
      connection: 'org.postgresql.jdbc.PgConnection@1d2e3f',
      thread: 'http-nio-8080-exec-7',
      frame: 'com.example.orders.OrderRepository.findOpen(OrderRepository.java:57)',
    },
  },
  {
    src: 'ProxyLeakTask.java 2.6: "Connection leak detection triggered for {}, stack trace follows"',
    message: 'Connection leak detection triggered for com.mysql.jdbc.JDBC4Connection@9a1, stack trace follows',
    continuation: [
      'java.lang.Exception: Apparent connection leak detected',
      '\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:100)',
      '\tat org.hibernate.engine.jdbc.connections.internal.DatasourceConnectionProviderImpl.getConnection(DatasourceConnectionProviderImpl.java:122)',
      '\tat com.sun.proxy.$Proxy88.getConnection(Unknown Source)',
      '\tat app//com.acme.billing.InvoiceJob.run(InvoiceJob.java:41)',
    ],
    hint: { logger: 'com.zaxxer.hikari.pool.ProxyLeakTask' },
    kind: 'hikari.leak',
    fields: { connection: 'com.mysql.jdbc.JDBC4Connection@9a1', frame: 'app//com.acme.billing.InvoiceJob.run(InvoiceJob.java:41)' },
  },
  {
    src: 'LeakTask.java 2.4: "Connection leak detection triggered for connection {}, stack trace follows"',
    message: 'Connection leak detection triggered for connection com.mysql.jdbc.JDBC4Connection@77, stack trace follows',
    hint: { logger: 'com.zaxxer.hikari.pool.LeakTask' },
    kind: 'hikari.leak',
    fields: { connection: 'com.mysql.jdbc.JDBC4Connection@77' },
  },
  {
    src: 'ConnectionProxy.java 1.x: "Connection leak detection triggered, stack trace follows"',
    message: 'Connection leak detection triggered, stack trace follows',
    hint: { logger: 'com.zaxxer.hikari.proxy.ConnectionProxy' },
    kind: 'hikari.leak',
    fields: {},
  },
  {
    src: 'ProxyLeakTask exception without its header line (fixture 13)',
    message: 'java.lang.Exception: Apparent connection leak detected',
    continuation: ['\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:128)', '\tat com.example.Dao.load(Dao.java:9)'],
    kind: 'hikari.leak',
    fields: { frame: 'com.example.Dao.load(Dao.java:9)' },
  },
  {
    src: 'ProxyLeakTask.java 3.x-6.x: "Previously reported leaked connection {} on thread {} was returned to the pool (unleaked)"',
    message: 'Previously reported leaked connection org.postgresql.jdbc.PgConnection@1d2e3f on thread http-nio-8080-exec-7 was returned to the pool (unleaked)',
    hint: { logger: 'com.zaxxer.hikari.pool.ProxyLeakTask' },
    kind: 'hikari.unleaked',
    fields: { connection: 'org.postgresql.jdbc.PgConnection@1d2e3f', thread: 'http-nio-8080-exec-7' },
  },
  {
    src: 'ProxyLeakTask.java 2.6: "Previously reported leaked connection {} was returned to the pool (unleaked)"',
    message: 'Previously reported leaked connection com.mysql.jdbc.JDBC4Connection@9a1 was returned to the pool (unleaked)',
    hint: { logger: 'com.zaxxer.hikari.pool.ProxyLeakTask' },
    kind: 'hikari.unleaked',
    fields: { connection: 'com.mysql.jdbc.JDBC4Connection@9a1' },
  },

  // --- configuration (HikariConfig.validate / validateNumerics / logConfiguration) ---
  ...(
    [
      ['maxLifetime is less than 30000ms, setting to default 1800000ms.', 'maxLifetime'],
      ['keepaliveTime is less than 30000ms, disabling it.', 'keepaliveTime'],
      ['keepaliveTime is greater than or equal to maxLifetime, disabling it.', 'keepaliveTime'],
      ['leakDetectionThreshold is less than 2000ms or more than maxLifetime, disabling it.', 'leakDetectionThreshold'],
      ['connectionTimeout is less than 250ms, setting to 30000ms.', 'connectionTimeout'],
      ['validationTimeout is less than 250ms, setting to 5000ms.', 'validationTimeout'],
      ['idleTimeout is close to or more than maxLifetime, disabling it.', 'idleTimeout'],
      ['idleTimeout is less than 10000ms, setting to default 600000ms.', 'idleTimeout'],
      ['idleTimeout has been set but has no effect because the pool is operating as a fixed size pool.', 'idleTimeout'],
      ['using dataSource and ignoring dataSourceClassName.', 'dataSourceClassName'],
      ['using dataSourceClassName and ignoring jdbcUrl.', 'jdbcUrl'],
      ['cannot use driverClassName and dataSourceClassName together.', 'driverClassName'],
      ['jdbcUrl is required with driverClassName.', 'jdbcUrl'],
      ['dataSource or dataSourceClassName or jdbcUrl is required.', 'dataSource'],
    ] as const
  ).map(
    ([text, setting]): Row => ({
      src: `HikariConfig.java 3.x-6.x: "{} - ${text}"`,
      message: `HikariPool-1 - ${text}`,
      hint: { logger: 'com.zaxxer.hikari.HikariConfig' },
      kind: 'hikari.config-warning',
      fields: { pool: 'HikariPool-1', setting, text },
    }),
  ),
  ...(
    [
      ['Driver does not support get/set network timeout for connections. (feature not supported)', 'networkTimeout'],
      ['A validationTimeout of less than 1 second cannot be honored on drivers without setNetworkTimeout() support.', 'validationTimeout'],
      ['Failed to set query timeout for statement. (Method not supported)', 'queryTimeout'],
      ['Failed to set login timeout for data source. (not implemented)', 'loginTimeout'],
      ['Default transaction isolation level detection failed (Connection is closed).', 'transactionIsolation'],
    ] as const
  ).map(
    ([text, setting]): Row => ({
      src: `PoolBase.java 3.x-6.x: "{} - ${text}"`,
      message: `HikariPool-1 - ${text}`,
      hint: { logger: 'com.zaxxer.hikari.pool.PoolBase' },
      kind: 'hikari.config-warning',
      fields: { pool: 'HikariPool-1', setting, text },
    }),
  ),
  {
    src: 'HikariConfig.java 2.3: "maxLifetime is less than 120000ms, using default {}ms." (no pool prefix)',
    message: 'maxLifetime is less than 120000ms, using default 1800000ms.',
    hint: { logger: 'com.zaxxer.hikari.HikariConfig' },
    kind: 'hikari.config-warning',
    fields: { setting: 'maxLifetime' },
  },
  {
    src: 'HikariConfig.java 2.3: "No connection wait timeout is set, this might cause an infinite wait."',
    message: 'No connection wait timeout is set, this might cause an infinite wait.',
    hint: { logger: 'com.zaxxer.hikari.HikariConfig' },
    kind: 'hikari.config-warning',
    fields: { setting: 'connectionTimeout' },
  },
  {
    src: 'HikariConfig.java 3.x-6.x: "{} - configuration:"',
    message: 'HikariPool-1 - configuration:',
    hint: { logger: 'com.zaxxer.hikari.HikariConfig' },
    kind: 'hikari.config-header',
    fields: { pool: 'HikariPool-1' },
  },
  {
    src: 'HikariConfig.java 2.x: "HikariCP pool {} configuration:"',
    message: 'HikariCP pool HikariPool-0 configuration:',
    hint: { logger: 'com.zaxxer.hikari.HikariConfig' },
    kind: 'hikari.config-header',
    fields: { pool: 'HikariPool-0' },
  },
  {
    src: 'HikariConfig.java logConfiguration: (prop + "....").substring(0, 32) + value',
    message: 'maximumPoolSize.................10',
    hint: { logger: 'com.zaxxer.hikari.HikariConfig' },
    kind: 'hikari.config',
    fields: { key: 'maximumPoolSize', value: '10' },
  },
  {
    src: 'HikariConfig.java logConfiguration: string values are quoted',
    message: 'poolName........................"HikariPool-1"',
    hint: { logger: 'com.zaxxer.hikari.HikariConfig' },
    kind: 'hikari.config',
    fields: { key: 'poolName', value: 'HikariPool-1' },
  },

  // --- lifecycle (HikariDataSource / HikariPool.shutdown) ---
  ...(
    [
      ['HikariPool-1 - Starting...', 'hikari.start', 'HikariDataSource.java 3.x-6.x'],
      ['HikariPool-1 - Start completed.', 'hikari.start-completed', 'HikariDataSource.java 3.x-6.x'],
      ['HikariPool-1 - Shutdown initiated...', 'hikari.shutdown', 'HikariDataSource.java 3.x-6.x'],
      ['HikariPool-1 - Shutdown completed.', 'hikari.shutdown-completed', 'HikariDataSource.java 3.x-6.x'],
      ['HikariPool-1 - is starting.', 'hikari.start', 'HikariDataSource.java 2.4'],
      ['HikariPool-1 - Started.', 'hikari.start', 'HikariDataSource.java 2.5'],
      ['HikariPool-1 - Close initiated...', 'hikari.shutdown', 'HikariPool.java 2.5'],
      ['HikariPool-1 - Closed.', 'hikari.shutdown-completed', 'HikariPool.java 2.5'],
      ['HikariCP pool HikariPool-1 is starting.', 'hikari.start', 'HikariDataSource.java 2.0-2.3'],
      ['HikariCP pool HikariPool-1 is shutting down.', 'hikari.shutdown', 'BaseHikariPool.java 2.0-2.2'],
      ['Hikari pool HikariPool-1 is shutting down.', 'hikari.shutdown', 'HikariPool.java 2.3'],
    ] as const
  ).map(
    ([message, kind, src]): Row => ({ src, message, hint: { logger: 'com.zaxxer.hikari.HikariDataSource' }, kind, fields: { pool: 'HikariPool-1' } }),
  ),
  {
    src: 'HikariDataSource.java 3.x-6.x: "{} - Interrupted during closing"',
    message: 'HikariPool-1 - Interrupted during closing',
    hint: { logger: 'com.zaxxer.hikari.HikariDataSource' },
    kind: 'hikari.interrupted',
    fields: { pool: 'HikariPool-1', during: 'closing' },
  },

  // --- driver loading (DriverDataSource) and JMX (PoolBase.handleMBeans) ---
  {
    src: 'DriverDataSource.java 3.x-6.x: "Loaded driver with class name {} for jdbcUrl={}"',
    message: 'Loaded driver with class name org.postgresql.Driver for jdbcUrl=jdbc:postgresql://db:5432/app',
    hint: { logger: 'com.zaxxer.hikari.util.DriverDataSource' },
    kind: 'hikari.driver',
    fields: { driverClass: 'org.postgresql.Driver', jdbcUrl: 'jdbc:postgresql://db:5432/app' },
  },
  {
    src: 'DriverDataSource.java 3.x-6.x: "Driver class {} found in Thread context class loader {}"',
    message: 'Driver class com.mysql.cj.jdbc.Driver found in Thread context class loader jdk.internal.loader.ClassLoaders$AppClassLoader@1',
    hint: { logger: 'com.zaxxer.hikari.util.DriverDataSource' },
    kind: 'hikari.driver',
    fields: { driverClass: 'com.mysql.cj.jdbc.Driver' },
  },
  {
    src: 'PoolBase.java 3.x-6.x: "{} - JMX name ({}) is already registered."',
    message: 'HikariPool-1 - JMX name (HikariPool-1) is already registered.',
    hint: { logger: 'com.zaxxer.hikari.pool.PoolBase' },
    kind: 'hikari.jmx',
    fields: { pool: 'HikariPool-1' },
  },
  {
    src: 'PoolBase.java 3.x-6.x: "{} - Failed to {} management beans."',
    message: 'HikariPool-1 - Failed to register management beans.',
    hint: { logger: 'com.zaxxer.hikari.pool.PoolBase' },
    kind: 'hikari.jmx',
    fields: { pool: 'HikariPool-1', text: 'Failed to register management beans.' },
  },
];

describe('classifyHikari: HikariCP source wordings', () => {
  it.each(ROWS.map((r) => [r.src, r] as const))('%s', (_src, row) => {
    const got = classifyHikari(row.message, row.continuation ?? [], row.hint ?? {});
    expect(got, row.message).not.toBeNull();
    expect(got!.kind).toBe(row.kind);
    expect(got!.fields).toMatchObject(row.fields);
    for (const v of Object.values(got!.fields)) expect(v).not.toBeUndefined();
  });

  it('covers every kind of the union with at least one wording', () => {
    expect(ALL_KINDS_LISTED).toBe(true);
    const seen = new Set(ROWS.map((r) => r.kind));
    for (const k of HIKARI_KINDS) expect(seen, k).toContain(k);
  });
});

describe('classifyHikari: what it must not type', () => {
  it.each([
    ['an application starvation message', 'Thread starvation in our own executor, queue=40', { logger: 'c.e.App' }],
    ['an HTTP client timeout', 'HTTP request timed out after 30000ms', { logger: 'c.e.Client' }],
    ['a generic "Starting..." of another component', 'Tomcat - Starting...', { logger: 'o.a.catalina.core.StandardService' }],
    ['an application "Added connection" line', 'pool - Added connection to websocket registry', { logger: 'c.e.ws.Registry' }],
    ['dotted text that is not a 32-column config dump', 'waiting.....done', { logger: 'com.zaxxer.hikari.HikariConfig' }],
    ['a plain message', 'GET /api/orders 200 12ms', {}],
  ])('%s', (_name, message, hint) => {
    expect(classifyHikari(message, [], hint)).toBeNull();
  });

  it('never throws on odd input', () => {
    for (const m of ['', ' - ', ' - Thread starvation or clock leap detected', 'stats (total=', 'Closing connection ', 'x - Closing connection : (', 'Reset (', '....', '(total=1, active=x)']) {
      expect(() => classifyHikari(m, ['', '\tat ', 'Caused by: '], {})).not.toThrow();
    }
  });
});

describe('poolBefore', () => {
  it('takes the text between the previous separator and " - "', () => {
    const t = 'x.SQLTransientConnectionException: HikariPool-1 - Connection is not available';
    expect(poolBefore(t, t.indexOf('Connection is'))).toBe('HikariPool-1');
    const u = '[thread] WARN a.b.PoolBase - AuthMeMYSQLPool - Failed to validate';
    expect(poolBefore(u, u.indexOf('Failed'))).toBe('AuthMeMYSQLPool');
    expect(poolBefore('Failed to validate', 0)).toBeUndefined();
  });
});
