/**
 * Header layouts, one row per format: the first lines of the hikari fixtures plus layouts the brief
 * and common Java frameworks use (Spring Boot 3 `[app] [thread]`, logback/log4j defaults, JUL,
 * Tomcat, Kafka, ZooKeeper, Hadoop/Spark, Dropwizard, log4j TTCC).
 */
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../types';
import { parseHeader } from './header';

const { TRACE, DEBUG, INFO, WARN, ERROR } = LEVELS;

describe('parseHeader: layouts', () => {
  it.each([
    [
      'Spring Boot 2',
      '2021-01-31 07:13:55.627  WARN 30747 --- [l-1 housekeeper] com.zaxxer.hikari.pool.HikariPool        : HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m13s50ms252µs185ns).',
      { level: WARN, pid: 30747, thread: 'l-1 housekeeper', logger: 'com.zaxxer.hikari.pool.HikariPool', message: 'HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m13s50ms252µs185ns).' },
    ],
    [
      'Spring Boot 3 (ISO with offset, padded thread)',
      '2022-11-25T10:49:32.404+08:00  INFO 13105 --- [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat initialized with port(s): 8080 (http)',
      { level: INFO, pid: 13105, thread: 'main', logger: 'o.s.b.w.embedded.tomcat.TomcatWebServer', message: 'Tomcat initialized with port(s): 8080 (http)', time: { zone: '+08:00' } },
    ],
    [
      'Spring Boot 3.4 ([app] [thread])',
      '2024-12-01T08:00:00.000Z  WARN 4242 --- [orders] [nio-8080-exec-1] c.e.orders.Api                           : slow',
      { level: WARN, thread: 'nio-8080-exec-1', logger: 'c.e.orders.Api', message: 'slow' },
    ],
    [
      'Spring Boot with Tomcat logger name holding brackets',
      '2024-01-10 03:12:44.001 ERROR 911 --- [nio-8080-exec-3] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() threw exception',
      { level: ERROR, logger: 'o.a.c.c.C.[.[.[/].[dispatcherServlet]', message: 'Servlet.service() threw exception' },
    ],
    [
      'log4j %d [%t] %-5p %c - %m',
      '2023-08-15 08:47:40,719 [HikariPool-1 connection adder] DEBUG com.zaxxer.hikari.pool.HikariPool - HikariPool-1 - Added connection com.mysql.jdbc.JDBC4Connection@13dfcf58',
      { level: DEBUG, thread: 'HikariPool-1 connection adder', logger: 'com.zaxxer.hikari.pool.HikariPool', message: 'HikariPool-1 - Added connection com.mysql.jdbc.JDBC4Connection@13dfcf58' },
    ],
    [
      'logback %d %p [%c{0}] %m with UTC suffix (pool name is not a logger)',
      '2024-02-27 13:57:51,819UTC WARN [HikariPool] bitcoin-s-wallet-db - Thread starvation or clock leap detected (housekeeper delta=25m48s166ms).',
      { level: WARN, logger: 'HikariPool', message: 'bitcoin-s-wallet-db - Thread starvation or clock leap detected (housekeeper delta=25m48s166ms).', time: { zone: 'UTC' } },
    ],
    [
      'logback %d %p %c - %m',
      '2017-12-06 06:06:25.179 WARN  c.zaxxer.hikari.pool.ProxyConnection - springHikariCP - Connection x marked as broken because of SQLSTATE(08S01), ErrorCode(0)',
      { level: WARN, logger: 'c.zaxxer.hikari.pool.ProxyConnection', message: 'springHikariCP - Connection x marked as broken because of SQLSTATE(08S01), ErrorCode(0)' },
    ],
    [
      'log4j with caller location [File.java:411]',
      '2019-02-05 16:59:51,177 DEBUG [HikariPool-1 housekeeper] com.zaxxer.hikari.pool.HikariPool [HikariPool.java:411] HikariPool-1 - Pool stats (total=10, active=0, idle=10, waiting=0)',
      { thread: 'HikariPool-1 housekeeper', logger: 'com.zaxxer.hikari.pool.HikariPool', message: 'HikariPool-1 - Pool stats (total=10, active=0, idle=10, waiting=0)' },
    ],
    [
      'log4j %c-%M:%L, time only',
      '13:28:51,201  INFO com.zaxxer.hikari.HikariDataSource-close:347 - HikariPool-1 - Shutdown initiated...',
      { level: INFO, logger: 'com.zaxxer.hikari.HikariDataSource', message: 'HikariPool-1 - Shutdown initiated...', time: { date: false, h: 13 } },
    ],
    [
      'leading TAB, [logger] [thread] - msg',
      '\t2026-01-30 15:19:30,724 DEBUG [o.a.s.s.c.z.h.p.HikariPool    ] [HikariPool-8 housekeeper] - HikariPool-8 - Pool stats (total=2, active=2, idle=0, waiting=0)',
      { level: DEBUG, logger: 'o.a.s.s.c.z.h.p.HikariPool', thread: 'HikariPool-8 housekeeper', message: 'HikariPool-8 - Pool stats (total=2, active=2, idle=0, waiting=0)' },
    ],
    [
      'TAB-separated fields, thread with spaces',
      '2016-09-26T04:12:25.316+0300\tDEBUG\tgeneric-jdbc-query-executor connection closer\tcom.zaxxer.hikari.pool.PoolBase\tgeneric-jdbc-query-executor - Closing connection c1: (connection has passed maxLifetime)',
      { level: DEBUG, thread: 'generic-jdbc-query-executor connection closer', logger: 'com.zaxxer.hikari.pool.PoolBase', message: 'generic-jdbc-query-executor - Closing connection c1: (connection has passed maxLifetime)' },
    ],
    [
      'thread first, [logger(line)]',
      '[DubboServerHandler-10.1.137.131:20901-thread-599] 2020-02-18 00:10:00,056 WARN [c.z.h.p.ProxyConnection(157)] HikariPool-1 - Connection c marked as broken',
      { level: WARN, thread: 'DubboServerHandler-10.1.137.131:20901-thread-599', logger: 'c.z.h.p.ProxyConnection', message: 'HikariPool-1 - Connection c marked as broken' },
    ],
    [
      'custom %d[ %p] pid [traceId] [thread:id] [logger.?:?]',
      '2025-01-23 09:26:56.732[ WARN] 122093 [e8df73a25e59414cbce13469d4f583eb] [XNIO-2 task-93:229665871] [c.g.z.boot.handler.DefaultGlobalExceptionHandler.?:?] Exception:',
      { level: WARN, pid: 122093, thread: 'XNIO-2 task-93:229665871', logger: 'c.g.z.boot.handler.DefaultGlobalExceptionHandler', message: 'Exception:' },
    ],
    [
      'separate offset, logger at line end (message on the next line)',
      '[2020-09-20 01:28:56, +05:30] [] [HikariPool-1 housekeeper] DEBUG com.zaxxer.hikari.pool.HikariPool',
      { level: DEBUG, thread: 'HikariPool-1 housekeeper', logger: 'com.zaxxer.hikari.pool.HikariPool', message: '', time: { zone: '+05:30' } },
    ],
    [
      'no timestamp: [thread] LEVEL logger - msg',
      '[HikariPool-1 connection adder] DEBUG com.zaxxer.hikari.pool.HikariPool - HikariPool-1 - Added connection c',
      { time: null, level: DEBUG, thread: 'HikariPool-1 connection adder', logger: 'com.zaxxer.hikari.pool.HikariPool' },
    ],
    [
      'no timestamp: LEVEL logger - msg',
      'DEBUG com.zaxxer.hikari.pool.HikariPool - HikariPool-1 - Pool stats (total=1, active=0, idle=1, waiting=0)',
      { time: null, level: DEBUG, logger: 'com.zaxxer.hikari.pool.HikariPool' },
    ],
    [
      'Paper/Spigot console [time LEVEL] [logger]: msg',
      '[19:06:57 WARN] [eu.kennytv.maintenance.lib.hikari.pool.PoolBase]: HikariPool-1 - Failed to validate connection c',
      { level: WARN, logger: 'eu.kennytv.maintenance.lib.hikari.pool.PoolBase', message: 'HikariPool-1 - Failed to validate connection c', time: { date: false, h: 19 } },
    ],
    [
      'Minecraft console wrapping an slf4j-simple line',
      '[09:12:42] [User Authenticator #1/WARN]: [User Authenticator #1] WARN fr.xephi.authme.libs.zaxxer.hikari.pool.PoolBase - AuthMeMYSQLPool - Failed to validate connection c',
      { level: WARN, thread: 'User Authenticator #1', logger: 'fr.xephi.authme.libs.zaxxer.hikari.pool.PoolBase', message: 'AuthMeMYSQLPool - Failed to validate connection c' },
    ],
    [
      'BungeeCord/JUL console: time [SEVERE] msg',
      '12:20:46 [SEVERE] java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 10003ms.',
      { level: ERROR, message: 'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 10003ms.' },
    ],
    [
      'Cloud Foundry prefix: the CF clock (with zone) wins, the app line gives the rest',
      '2018-11-29T14:09:47.011+01:00 [APP/PROC/WEB/0] [OUT] 2018-11-29 13:09:47,010 DEBUG com.zaxxer.hikari.pool.HikariPool : HikariPool-1 - After cleanup stats (total=1, active=0, idle=1, waiting=0)',
      { level: DEBUG, logger: 'com.zaxxer.hikari.pool.HikariPool', message: 'HikariPool-1 - After cleanup stats (total=1, active=0, idle=1, waiting=0)', time: { h: 14, zone: '+01:00' } },
    ],
    [
      'logback default %d{HH:mm:ss.SSS} [%t] %-5level %logger{36} - %msg',
      '11:15:17.488 [HikariPool-1 connection closer] DEBUG com.zaxxer.hikari.pool.PoolBase - HikariPool-1 - Closing connection c: (connection has passed maxLifetime)',
      { level: DEBUG, thread: 'HikariPool-1 connection closer', logger: 'com.zaxxer.hikari.pool.PoolBase' },
    ],
    [
      'log4j TTCC (relative ms)',
      '111699 [DefaultDispatcher-worker-1] DEBUG com.zaxxer.hikari.pool.ProxyConnection - HikariPool-2 - Executed rollback on connection c due to dirty commit state on close().',
      { time: null, level: DEBUG, thread: 'DefaultDispatcher-worker-1', logger: 'com.zaxxer.hikari.pool.ProxyConnection' },
    ],
    [
      'Kafka [%d] %p %m (%c)',
      '[2016-12-19 20:39:48,918] WARN [ReplicaFetcherThread-0-2], Error in fetch kafka.server.ReplicaFetcherThread$FetchRequest@26408511 (kafka.server.ReplicaFetcherThread)',
      { level: WARN, thread: 'ReplicaFetcherThread-0-2', logger: 'kafka.server.ReplicaFetcherThread' },
    ],
    [
      'ZooKeeper %d - %p [%t] - %m',
      '2015-07-29 19:04:29,071 - WARN  [SendWorker:188978561024:QuorumCnxManager$SendWorker@688] - Send worker leaving thread',
      { level: WARN, thread: 'SendWorker:188978561024:QuorumCnxManager$SendWorker@688', message: 'Send worker leaving thread' },
    ],
    [
      'Hadoop %d %p [%t] %c: %m',
      '2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application appattempt_1445144423722_0020_000001',
      { level: INFO, thread: 'main', logger: 'org.apache.hadoop.mapreduce.v2.app.MRAppMaster', message: 'Created MRAppMaster for application appattempt_1445144423722_0020_000001' },
    ],
    [
      'Spark yy/MM/dd %p %c: %m',
      '17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers for [TERM, HUP, INT]',
      { level: INFO, logger: 'executor.CoarseGrainedExecutorBackend', message: 'Registered signal handlers for [TERM, HUP, INT]' },
    ],
    [
      'Tomcat OneLineFormatter',
      '22-Nov-2026 02:55:30.123 SEVERE [main] org.apache.catalina.core.StandardContext.startInternal One or more listeners failed to start.',
      { level: ERROR, thread: 'main', logger: 'org.apache.catalina.core.StandardContext.startInternal', message: 'One or more listeners failed to start.' },
    ],
    [
      'JUL SimpleFormatter first line (level on the next line)',
      'Nov 22, 2026 2:55:30 AM org.apache.catalina.startup.Catalina start',
      { level: null, logger: 'org.apache.catalina.startup.Catalina', julPending: true },
    ],
    [
      'Dropwizard LEVEL [%d] %c: %m',
      'INFO  [2024-01-01 12:00:00,123] io.dropwizard.server.ServerFactory: Starting app',
      { level: INFO, logger: 'io.dropwizard.server.ServerFactory', message: 'Starting app' },
    ],
    ['JUL FINE level', '2024-01-01 12:00:00.000 FINE [pool-1-thread-1] com.example.Cache - miss', { level: DEBUG }],
    ['TRACE', '2024-01-01 12:00:00.000 TRACE [main] com.example.Cache - detail', { level: TRACE }],
    ['Spark %c{1}: (CamelCase class before the colon)', '17/06/09 20:10:41 INFO SparkContext: Running Spark version 2.1.0', { logger: 'SparkContext', message: 'Running Spark version 2.1.0' }],
    ['a capitalised word with a colon is message, not logger', '2024-01-01 12:00:00 INFO Started: app', { level: INFO, message: 'Started: app' }],
  ])('%s', (_name, line, want) => {
    const h = parseHeader(line);
    expect(h, line).not.toBeNull();
    expect(h).toMatchObject(want);
  });
});

/**
 * Tracing layouts. Sleuth lines: the Spring Cloud Sleuth reference guide's log-correlation example
 * (Sleuth 2, `,exportable`) and a Sleuth 3 application's output quoted in a public write-up
 * (`[app,trace,span]`, `[,,]` outside a request); the others from samples/ (healthy-noisy
 * orders-service.log, two-incidents-freeze-then-db-restart billing-service.log).
 */
describe('parseHeader: tracing ids', () => {
  it.each([
    [
      'Sleuth/Micrometer `[app,trace,span] %t --- %logger : %m`, bare thread',
      '2026-12-07 13:21:39,959 ERROR [orders-service,4195caf935e16b86,4195caf935e16b86] http-nio-18181-exec-3 --- c.e.orders.web.GlobalExceptionHandler : GET /api/v1/orders/export.csv?days=30 failed: client aborted the response',
      { level: ERROR, thread: 'http-nio-18181-exec-3', logger: 'c.e.orders.web.GlobalExceptionHandler', message: 'GET /api/v1/orders/export.csv?days=30 failed: client aborted the response', traceId: '4195caf935e16b86', spanId: '4195caf935e16b86' },
    ],
    [
      'same layout outside a request (`[app,,]`), thread with a space',
      '2026-12-07 13:20:43,416 DEBUG [orders-service,,] orders-db housekeeper --- com.zaxxer.hikari.pool.HikariPool : orders-db - Pool stats (total=1, active=0, idle=1, waiting=0)',
      { level: DEBUG, thread: 'orders-db housekeeper', logger: 'com.zaxxer.hikari.pool.HikariPool', message: 'orders-db - Pool stats (total=1, active=0, idle=1, waiting=0)' },
    ],
    [
      'same layout, padded level, main thread',
      '2026-12-07 13:20:42,911  INFO [orders-service,,] main --- c.e.orders.OrdersServiceApplication : Starting OrdersServiceApplication v1.8.3 using Java 17.0.15 with PID 23217',
      { level: INFO, thread: 'main', logger: 'c.e.orders.OrdersServiceApplication', message: 'Starting OrdersServiceApplication v1.8.3 using Java 17.0.15 with PID 23217' },
    ],
    [
      'Spring Boot 2 + Sleuth 2 `[app,trace,span,exportable] pid --- [thread]`',
      '2016-02-26 11:15:47.561  INFO [service1,2485ec27856c56f4,2485ec27856c56f4,true] 68058 --- [nio-8081-exec-1] i.s.c.sleuth.docs.service1.Application   : Hello from service1. Calling service2',
      { level: INFO, pid: 68058, thread: 'nio-8081-exec-1', logger: 'i.s.c.sleuth.docs.service1.Application', message: 'Hello from service1. Calling service2', traceId: '2485ec27856c56f4', spanId: '2485ec27856c56f4' },
    ],
    [
      'Spring Boot 2 + Sleuth 3 `[app,trace,span] pid --- [thread]`',
      '2023-05-22 17:03:27.418  INFO [coupon-backoffice-api,176f65330d2c3f74,176f65330d2c3f74] 44842 --- [pon-listener-10] b.r.c.b.a.s.service.order.OrderFacade    : $$ 주문 저장 후 149999 번째 $$',
      { level: INFO, pid: 44842, thread: 'pon-listener-10', logger: 'b.r.c.b.a.s.service.order.OrderFacade', traceId: '176f65330d2c3f74', spanId: '176f65330d2c3f74' },
    ],
    [
      'Sleuth 3 without an application name',
      '2023-05-22 16:58:36.968  INFO [,520342ce2c4c66a4,520342ce2c4c66a4] 44349 --- [pon-listener-22] b.r.c.b.a.s.service.order.OrderService   : $$ 주문 저장 후 149999 번째 $$',
      { pid: 44349, thread: 'pon-listener-22', logger: 'b.r.c.b.a.s.service.order.OrderService', traceId: '520342ce2c4c66a4', spanId: '520342ce2c4c66a4' },
    ],
    [
      'Sleuth 3 outside a request (`[,,]`), padded thread',
      '2023-05-22 16:55:38.748  INFO [,,] 44349 --- [    Test worker] b.r.c.b.a.s.s.OrderTransactionTest       : Started OrderTransactionTest in 18.73 seconds (JVM running for 20.699)',
      { pid: 44349, thread: 'Test worker', logger: 'b.r.c.b.a.s.s.OrderTransactionTest', message: 'Started OrderTransactionTest in 18.73 seconds (JVM running for 20.699)' },
    ],
    [
      'MDC `[%thread] [%X{traceId:-},%X{spanId:-}] %logger - %msg`',
      '2026-12-07T08:13:12.777-05:00 INFO  [XNIO-1 task-12] [7fdc40f59932dda6f40da48bfb6ef878,57ffd9541ac4cf4c] c.e.billing.web.AccessLogFilter - "GET /api/v1/accounts/4516/invoices?status=open HTTP/1.1" 200 68ms',
      { level: INFO, thread: 'XNIO-1 task-12', logger: 'c.e.billing.web.AccessLogFilter', message: '"GET /api/v1/accounts/4516/invoices?status=open HTTP/1.1" 200 68ms', traceId: '7fdc40f59932dda6f40da48bfb6ef878', spanId: '57ffd9541ac4cf4c', time: { zone: '-05:00' } },
    ],
    [
      'MDC outside a request (`[,]`)',
      '2026-12-07T08:13:11.461-05:00 INFO  [main] [,] com.example.billing.BillingService - Starting billing-service on Java 17.0.15 (pid 15656, zone America/New_York)',
      { level: INFO, thread: 'main', logger: 'com.example.billing.BillingService', message: 'Starting billing-service on Java 17.0.15 (pid 15656, zone America/New_York)' },
    ],
  ])('%s', (_name, line, want) => {
    const h = parseHeader(line);
    expect(h, line).not.toBeNull();
    expect(h).toMatchObject(want);
    if (!('traceId' in want)) expect(h!.traceId ?? h!.spanId).toBeUndefined();
  });

  it('leaves ids out of brackets that are not tracing ones', () => {
    // A single trace id (no span) stays out of thread and logger, as before, without becoming traceId.
    const h = parseHeader('2025-01-23 09:26:56.732[ WARN] 122093 [e8df73a25e59414cbce13469d4f583eb] [XNIO-2 task-93:229665871] [c.g.z.boot.handler.DefaultGlobalExceptionHandler.?:?] Exception:');
    expect(h).toMatchObject({ thread: 'XNIO-2 task-93:229665871', logger: 'c.g.z.boot.handler.DefaultGlobalExceptionHandler' });
    expect(h!.traceId).toBeUndefined();
  });
});

describe('parseHeader: not headers', () => {
  it.each([
    ['stack frame', '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:182)'],
    ['exception line', 'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available'],
    ['cause', 'Caused by: java.net.ConnectException: Connection refused'],
    ['more', '\t... 42 more'],
    ['tail header', '==> ../../bundle/services/moderation-service.out <=='],
    ['prose', 'Sometimes the following exception error occurs'],
    ['prose with digits', 'The last packet successfully received from the server was 2,398,221 milliseconds ago.'],
    ['JUL second line', 'INFO: Server startup in 1234 ms'],
    ['level word without logger or time', 'ERROR 1045 (28000): Access denied for user'],
    ['JSON', '{"level":"INFO","message":"x"}'],
    ['Apache access log', '83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 203023'],
    ['goroutine header', 'goroutine 1 [running]:'],
    ['time only, no level', '12:00:01 the job ran'],
  ])('%s', (_name, line) => {
    const h = parseHeader(line);
    expect(h === null || h.foldBody !== undefined, JSON.stringify(h)).toBe(true);
  });

  it('marks a prefixed stack line as belonging to the previous record', () => {
    expect(parseHeader('12:20:46 [SEVERE]     at com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:676)')?.foldBody).toBe(
      '    at com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:676)',
    );
    expect(parseHeader('12:20:46 [SEVERE] Caused by: java.io.EOFException')?.foldBody).toBe('Caused by: java.io.EOFException');
  });
});
