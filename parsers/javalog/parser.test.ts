import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText, utcTime } from '../../test/support/parse-fixture';
import { LEVELS, type LogRecord, type SkippedLine } from '../types';
import { javaLogParser } from './index';
import { MAX_CONTINUATION } from './parser';

const parse = (text: string, time = utcTime()) => parseText<LogRecord>(javaLogParser, text, 'app.log', time);

/** Every line number 1..lineCount is inside a record or skipped; returns the uncovered ones. */
function uncovered(records: LogRecord[], skipped: SkippedLine[], lineCount: number): number[] {
  const seen = new Set<number>();
  for (const r of records) for (let l = r.line; l <= r.endLine; l++) seen.add(l);
  for (const s of skipped) seen.add(s.line);
  const out: number[] = [];
  for (let l = 1; l <= lineCount; l++) if (!seen.has(l)) out.push(l);
  return out;
}

describe('multi-line records', () => {
  const text = [
    '2024-03-01 12:00:01.100 ERROR 77 --- [onnection adder] com.zaxxer.hikari.pool.HikariPool        : HikariPool-1 - Exception during pool initialization.',
    'org.postgresql.util.PSQLException: Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct',
    '\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:342)',
    '\tat org.postgresql.Driver.connect(Driver.java:282)',
    '\t... 42 more',
    '',
    'Caused by: java.net.ConnectException: Connection refused',
    '\tat java.base/sun.nio.ch.Net.connect0(Native Method)',
    '\tSuppressed: java.io.IOException: close failed',
    '\t\tat java.base/java.net.Socket.close(Socket.java:1)',
    'Caused by: java.io.EOFException',
    '2024-03-01 12:00:02.000  INFO 77 --- [           main] c.e.App                                  : next',
  ].join('\n');

  it('folds frames, causes, `... more`, Suppressed and blank lines into the record above', () => {
    const { records, skipped } = parse(text);
    expect(skipped).toEqual([]);
    expect(records).toHaveLength(2);
    const [r] = records;
    expect(r).toMatchObject({ line: 1, endLine: 11, level: LEVELS.ERROR, pid: 77, thread: 'onnection adder', kind: 'hikari.init-failed' });
    expect(r!.continuation).toHaveLength(10);
    expect(r!.continuation[4]).toBe('');
    expect(r!.fields.exception).toEqual({ type: 'org.postgresql.util.PSQLException', message: 'Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct' });
    expect(r!.fields.causes).toEqual([{ type: 'java.net.ConnectException', message: 'Connection refused' }, { type: 'java.io.EOFException' }]);
    expect(r!.fields.pool).toBe('HikariPool-1');
  });

  it('measures offset and length in bytes from the first line to the end of the last', () => {
    const { records } = parse(text);
    const lines = text.split('\n');
    const bytes = (n: number) => Buffer.byteLength(lines.slice(0, n).join('\n')) + (n > 0 ? 1 : 0);
    expect(records[0]!.offset).toBe(0);
    expect(records[0]!.length).toBe(bytes(11) - 1);
    expect(records[1]!.offset).toBe(bytes(11));
    expect(records[1]!.length).toBe(Buffer.byteLength(lines[11]!));
  });

  it('keeps the first lines, later causes, and counts the rest of a very long trace', () => {
    const frames = Array.from({ length: 400 }, (_, i) => `\tat com.example.Deep.call${i}(Deep.java:${i + 1})`);
    const long = ['2024-01-01 00:00:00.000 ERROR [main] com.example.App - boom', 'java.lang.IllegalStateException: deep', ...frames, 'Caused by: java.sql.SQLException: root cause', '\tat com.example.Db.q(Db.java:1)', '2024-01-01 00:00:01.000 INFO [main] com.example.App - after'];
    const { records } = parse(long.join('\n'));
    expect(records).toHaveLength(2);
    const r = records[0]!;
    expect(r.line).toBe(1);
    expect(r.endLine).toBe(long.length - 1);
    expect(r.continuation).toHaveLength(MAX_CONTINUATION + 1);
    expect(r.continuation[MAX_CONTINUATION]).toBe('Caused by: java.sql.SQLException: root cause');
    expect(r.fields.continuationOmitted).toBe(403 - (MAX_CONTINUATION + 1)); // exception + 400 frames + cause + frame, minus what was kept
    expect(r.fields.causes).toEqual([{ type: 'java.sql.SQLException', message: 'root cause' }]);
    expect(r.length).toBe(Buffer.byteLength(long.slice(0, -1).join('\n')));
  });

  it('folds prefixed stack lines (`12:20:46 [SEVERE]     at …`) into the previous record', () => {
    const { records } = parse(
      [
        '12:20:46 [SEVERE] java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 10003ms.',
        '12:20:46 [SEVERE]     at com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:676)',
        '12:20:46 [SEVERE] Caused by: java.io.EOFException: gone',
        '12:20:47 [INFO] next',
      ].join('\n'),
    );
    expect(records).toHaveLength(2);
    expect(records[0]!.continuation).toEqual(['    at com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:676)', 'Caused by: java.io.EOFException: gone']);
    expect(records[0]!.fields).toMatchObject({ causes: [{ type: 'java.io.EOFException', message: 'gone' }], timeoutMs: 10003 });
  });

  it('splits pasted traces that have no headers at new top-level exceptions', () => {
    const { records } = parse(['java.lang.IllegalStateException: a', '\tat com.x.A.a(A.java:1)', 'java.lang.IllegalArgumentException: b', '\tat com.x.B.b(B.java:2)'].join('\n'));
    expect(records.map((r) => [r.line, r.endLine, r.ts, r.tq, r.level])).toEqual([
      [1, 2, null, 'none', null],
      [3, 4, null, 'none', null],
    ]);
  });

  it('takes the message from the next line when the header ends at the logger (hikari/14 layout)', () => {
    const { records, skipped } = parse(
      '[2020-09-20 01:28:56, +05:30] [] [HikariPool-1 housekeeper] DEBUG com.zaxxer.hikari.pool.HikariPool\nHikariPool-1 - After cleanup  stats (total=30, active=0, idle=30, waiting=0)\n\n',
    );
    expect(skipped.map((s) => s.reason)).toEqual(['blank line between records']);
    expect(records[0]).toMatchObject({ line: 1, endLine: 2, continuation: [], message: 'HikariPool-1 - After cleanup  stats (total=30, active=0, idle=30, waiting=0)', kind: 'hikari.stats', tq: 'explicit', ts: Date.UTC(2020, 8, 19, 19, 58, 56) });
  });

  it('reads java.util.logging two-line records', () => {
    const { records } = parse(['Nov 22, 2026 2:55:30 AM org.apache.catalina.startup.Catalina start', 'INFO: Server startup in 1234 ms', 'Nov 22, 2026 2:55:31 AM org.apache.catalina.core.StandardContext startInternal', 'SEVERE: One or more listeners failed to start.'].join('\n'));
    expect(records.map((r) => [r.line, r.endLine, r.level, r.logger, r.message])).toEqual([
      [1, 2, LEVELS.INFO, 'org.apache.catalina.startup.Catalina', 'Server startup in 1234 ms'],
      [3, 4, LEVELS.ERROR, 'org.apache.catalina.core.StandardContext', 'One or more listeners failed to start.'],
    ]);
  });
});

describe('HikariCP records in context', () => {
  it('types a leak report with its borrowing frame, and a timeout with its cause chain', () => {
    const { records } = parse(
      [
        '2024-05-02 10:11:12.345  WARN 4242 --- [l-1 housekeeper] com.zaxxer.hikari.pool.ProxyLeakTask     : Connection leak detection triggered for org.postgresql.jdbc.PgConnection@1d2e3f on thread http-nio-8080-exec-7, stack trace follows',
        'java.lang.Exception: Apparent connection leak detected',
        '\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:128) ~[HikariCP-5.0.1.jar:na]',
        '\tat org.springframework.jdbc.datasource.DataSourceUtils.fetchConnection(DataSourceUtils.java:159) ~[spring-jdbc-5.3.9.jar:5.3.9]',
        '\tat com.example.orders.OrderRepository.findOpen(OrderRepository.java:57) ~[classes/:na]',
        '2024-05-02 10:11:40.001 ERROR 4242 --- [nio-8080-exec-9] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() threw exception',
        'org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; nested exception is java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.',
        '\tat org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:82)',
        'Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.',
        '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
        'Caused by: org.postgresql.util.PSQLException: Connection to db:5432 refused.',
        '\t... 12 more',
      ].join('\n'),
    );
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      kind: 'hikari.leak',
      fields: { connection: 'org.postgresql.jdbc.PgConnection@1d2e3f', thread: 'http-nio-8080-exec-7', frame: 'com.example.orders.OrderRepository.findOpen(OrderRepository.java:57)' },
    });
    expect(records[1]).toMatchObject({
      kind: 'hikari.timeout',
      fields: {
        pool: 'HikariPool-1',
        timeoutMs: 30000,
        wrappedBy: 'org.springframework.jdbc.CannotGetJdbcConnectionException',
        causes: [
          { type: 'java.sql.SQLTransientConnectionException', message: 'HikariPool-1 - Connection is not available, request timed out after 30000ms.' },
          { type: 'org.postgresql.util.PSQLException', message: 'Connection to db:5432 refused.' },
        ],
      },
    });
  });
});

describe('console captures', () => {
  it('reads Spring Boot lines colored with ANSI escapes', () => {
    const line =
      '\u001b[2m2024-01-01 12:00:00.000\u001b[0;39m \u001b[33m WARN\u001b[0;39m \u001b[35m4242\u001b[0;39m \u001b[2m---\u001b[0;39m \u001b[2m[l-1 housekeeper]\u001b[0;39m \u001b[36mcom.zaxxer.hikari.pool.HikariPool       \u001b[0;39m \u001b[2m:\u001b[0;39m HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m13s50ms).';
    const { records } = parse(line + '\n');
    expect(records[0]).toMatchObject({ level: LEVELS.WARN, pid: 4242, thread: 'l-1 housekeeper', kind: 'hikari.starvation', fields: { deltaMs: 73050 }, length: Buffer.byteLength(line) });
    expect(javaLogParser.sniff({ name: 'console.log', lines: [line, line, line] })).toMatchObject({ kind: 'java-log' });
  });
});

describe('lines outside records', () => {
  it('turns lines before the first header into a record without time', () => {
    const { records, skipped } = parse('\n==> app.out <==\n2024-01-01 00:00:00.000 INFO [main] com.x.App - hi\n');
    expect(skipped).toEqual([{ type: 'skipped', line: 1, offset: 0, reason: 'blank line' }]);
    expect(records[0]).toMatchObject({ line: 2, endLine: 2, ts: null, tq: 'none', level: null, message: '==> app.out <==' });
    expect(records[1]).toMatchObject({ line: 3, ts: Date.UTC(2024, 0, 1), tq: 'assumed' });
  });

  it('keeps `tail -f` file separators as records of their own, also between records', () => {
    const { records } = parse('==> a.log <==\n2024-01-01 00:00:00.000 ERROR [main] com.x.App - boom\njava.lang.IllegalStateException: x\n==> b.log <==\n2024-01-01 00:00:01.000 INFO [main] com.x.App - b\n');
    expect(records.map((r) => [r.line, r.endLine, r.message])).toEqual([
      [1, 1, '==> a.log <=='],
      [2, 3, 'boom'],
      [4, 4, '==> b.log <=='],
      [5, 5, 'b'],
    ]);
  });

  it('reports blank lines between records as skipped with a reason', () => {
    const { records, skipped } = parse('2024-01-01 00:00:00.000 INFO [main] com.x.App - a\n\n\n2024-01-01 00:00:01.000 INFO [main] com.x.App - b\n\n');
    expect(records.map((r) => [r.line, r.endLine])).toEqual([
      [1, 1],
      [4, 4],
    ]);
    expect(skipped.map((s) => [s.line, s.reason])).toEqual([
      [2, 'blank line between records'],
      [3, 'blank line between records'],
      [5, 'blank line between records'],
    ]);
  });
});

describe('glued lines from interleaved streams', () => {
  it('ends one record and starts the next inside the line, splitting its bytes', () => {
    const l1 = '13:28:51,198 DEBUG com.zaxxer.hikari.pool.HikariPool-logPoolState:403 - HikariPool-1 - Timeout failure stats (total=10, active=10, idle=0, waiting=0)';
    const l2a = 'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30004ms.';
    const l2b = '13:28:51,201  INFO com.zaxxer.hikari.HikariDataSource-close:347 - HikariPool-1 - Shutdown initiated...';
    const { records } = parse(`${l1}\n${l2a}${l2b}\n`);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ line: 1, endLine: 2, offset: 0, length: l1.length + 1 + l2a.length, kind: 'hikari.timeout' });
    expect(records[1]).toMatchObject({ line: 2, endLine: 2, offset: l1.length + 1 + l2a.length, length: l2b.length, kind: 'hikari.shutdown', level: LEVELS.INFO });
  });

  it('splits at the right byte for multi-byte text before the join', () => {
    const a = 'java.lang.IllegalStateException: Größe µs';
    const b = '2024-01-01 00:00:01,000 INFO [main] com.x.App - next';
    const { records } = parse(`2024-01-01 00:00:00,000 ERROR [main] com.x.App - boom\n${a}${b}\n`);
    const head = Buffer.byteLength('2024-01-01 00:00:00,000 ERROR [main] com.x.App - boom\n');
    expect(records[1]).toMatchObject({ offset: head + Buffer.byteLength(a), length: b.length });
  });
});

describe('times', () => {
  it('rolls time-only logs over midnight when the clock goes back by more than 12 h', () => {
    const ref = Date.UTC(2026, 10, 22);
    const { records } = parse('23:59:58,000 INFO x.Y - a\n00:00:02,500 INFO x.Y - b\n00:00:01,000 INFO x.Y - c (small step back: same day)\n', utcTime(ref));
    expect(records.map((r) => r.ts)).toEqual([ref + 86_398_000, ref + 86_400_000 + 2500, ref + 86_400_000 + 1000]);
  });

  it('leaves time-only records without time when the engine has no reference day', () => {
    const { records } = parse('12:00:00,000 INFO x.Y - a\n', utcTime(null));
    expect(records[0]).toMatchObject({ ts: null, tq: 'none', level: LEVELS.INFO });
  });

  it('uses the printed zone (explicit) and the assumed zone otherwise', () => {
    const plus9 = { localToUtc: (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) => Date.UTC(y, mo - 1, d, h - 9, mi, s, ms), referenceDay: null };
    const { records } = parse('2024-01-01 12:00:00.000+02:00 INFO [main] x.Y - a\n2024-01-01 12:00:00.000 INFO [main] x.Y - b\n2024-01-01 13:30:00.000 INFO [main] x.Y - c\n', plus9);
    expect(records.map((r) => [r.ts, r.tq])).toEqual([
      [Date.UTC(2024, 0, 1, 10), 'explicit'],
      [Date.UTC(2024, 0, 1, 3), 'assumed'],
      [Date.UTC(2024, 0, 1, 4, 30), 'assumed'],
    ]);
  });
});

describe('HikariConfig dump', () => {
  it('carries the pool of `{pool} - configuration:` down to the dump lines', () => {
    const dump = (pool: string, key: string, value: string) =>
      `2026-11-22 13:00:45.186 DEBUG 1 --- [           main] com.zaxxer.hikari.HikariConfig           : ${pool ? `${pool} - configuration:` : (key + '.'.repeat(32)).slice(0, 32) + value}`;
    const { records } = parse([dump('HikariPool-1', '', ''), dump('', 'maximumPoolSize', '10'), dump('reporting', '', ''), dump('', 'maximumPoolSize', '4')].join('\n'));
    expect(records.map((r) => [r.kind, r.fields])).toEqual([
      ['hikari.config-header', { pool: 'HikariPool-1' }],
      ['hikari.config', { key: 'maximumPoolSize', value: '10', pool: 'HikariPool-1' }],
      ['hikari.config-header', { pool: 'reporting' }],
      ['hikari.config', { key: 'maximumPoolSize', value: '4', pool: 'reporting' }],
    ]);
  });
});

describe('typed messages besides HikariCP', () => {
  it('types Hibernate SqlExceptionHelper `SQL Error: 0, SQLState: 08003` as jdbc.sql-error', () => {
    const { records } = parse(
      '2021-01-31 07:15:05.201  WARN 30747 --- [or-http-epoll-1] o.h.engine.jdbc.spi.SqlExceptionHelper   : SQL Error: 0, SQLState: 08003\n' +
        '2021-01-31 07:15:05.201 ERROR 30747 --- [or-http-epoll-1] o.h.engine.jdbc.spi.SqlExceptionHelper   : No operations allowed after connection closed.\n',
    );
    expect(records[0]).toMatchObject({ kind: 'jdbc.sql-error', fields: { errorCode: 0, sqlState: '08003' } });
    expect(records[1]!.kind).toBeNull();
    const noState = parse('2026-11-22 13:03:44.808  WARN 1 --- [nio-8080-exec-6] c.e.r.jdbc.SqlErrorLogger : SQL Error: 1205, SQLState: null\n').records[0]!;
    expect(noState).toMatchObject({ kind: 'jdbc.sql-error', fields: { errorCode: 1205, sqlState: null } });
  });
});

describe('robustness', () => {
  const vocabulary = [
    '2024-01-01 00:00:00.000  WARN 1 --- [main] c.z.h.p.HikariPool : HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m2s).',
    '2024-01-01 00:00:00,000 [t] DEBUG com.zaxxer.hikari.pool.HikariPool - HikariPool-1 - Pool stats (total=1, active=1, idle=0, waiting=2)',
    '12:00:00,000 INFO x.Y - time only',
    '[t] ERROR x.Y - no time',
    '\tat com.x.Y.m(Y.java:1)',
    '    at com.x.Y.m(Y.java:1)',
    'Caused by: java.io.IOException: x',
    '\t... 3 more',
    'java.sql.SQLException: boom',
    'java.sql.SQLException: glued12:00:01,000 INFO x.Y - glued',
    '{"time":"2024-01-01 00:00:00,000","level":"INFO","thread":"t","source":"x.Y","message":"json"}',
    '{"time": "2024-01-01", "message": "broken',
    '12:20:46 [SEVERE]     at com.x.Y.m(Y.java:1)',
    'Nov 22, 2026 2:55:30 AM x.Y start',
    'INFO: second line',
    '[2020-09-20 01:28:56, +05:30] [] [t] DEBUG x.Y',
    '',
    '   ',
    '==> file <==',
    '...',
  ];
  const line = fc.oneof(fc.constantFrom(...vocabulary), fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' ')));

  it('never throws and accounts for every line', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
        const text = lines.join('\n');
        let result!: ReturnType<typeof parse>;
        expect(() => (result = parse(text))).not.toThrow();
        const { records, skipped, lineCount } = result;
        expect(uncovered(records, skipped, lineCount)).toEqual([]);
        for (const r of records) {
          expect(r.line).toBeLessThanOrEqual(r.endLine);
          expect(r.length).toBeGreaterThanOrEqual(0);
          expect(r.offset + r.length).toBeLessThanOrEqual(Buffer.byteLength(text));
          expect(r.continuation.length).toBeLessThanOrEqual(MAX_CONTINUATION + 10);
        }
        for (let i = 1; i < records.length; i++) expect(records[i]!.offset).toBeGreaterThanOrEqual(records[i - 1]!.offset + records[i - 1]!.length);
      }),
      { numRuns: 300 },
    );
  });

  it('does not stall on pathological lines', () => {
    const evil = [
      '['.repeat(5000),
      '2024-01-01 00:00:00.000 INFO ' + '['.repeat(3000) + ']'.repeat(3000),
      '{"message": "' + '\\"'.repeat(5000),
      'a.'.repeat(5000) + 'Exception: x',
      '12:00:00,000 '.repeat(2000),
      'x - '.repeat(4000) + 'Connection is not available, request timed out after 1ms',
    ];
    const { records, skipped, lineCount } = parse(evil.join('\n'));
    expect(uncovered(records, skipped, lineCount)).toEqual([]);
  });
});

describe('tracing ids', () => {
  it('puts Sleuth and MDC trace/span ids on the record, and types the request line under them', () => {
    // healthy-noisy orders-service.log (Sleuth-style, bare thread) and two-incidents billing-service.log (MDC bracket)
    const { records } = parse(
      [
        '2026-12-07 13:20:43,416 DEBUG [orders-service,,] orders-db housekeeper --- com.zaxxer.hikari.pool.HikariPool : orders-db - Pool stats (total=1, active=0, idle=1, waiting=0)',
        '2026-12-07 13:21:39,959  INFO [orders-service,4195caf935e16b86,4195caf935e16b86] http-nio-18181-exec-3 --- com.example.orders.web.AccessLogFilter : GET /api/v1/orders/export.csv?days=30 200 1209ms',
        '2026-12-07T08:16:10.715-05:00 INFO  [XNIO-1 task-11] [ad648f5a30b0aaae65c6ca00693e0954,84bf168f5d70e3b7] c.e.billing.web.AccessLogFilter - "POST /api/v1/invoices/21899/payments HTTP/1.1" 500 10000ms',
      ].join('\n'),
    );
    expect(records.map((r) => [r.thread, r.logger, r.kind, r.fields.traceId, r.fields.spanId])).toEqual([
      ['orders-db housekeeper', 'com.zaxxer.hikari.pool.HikariPool', 'hikari.stats', undefined, undefined],
      ['http-nio-18181-exec-3', 'com.example.orders.web.AccessLogFilter', 'http.request', '4195caf935e16b86', '4195caf935e16b86'],
      ['XNIO-1 task-11', 'c.e.billing.web.AccessLogFilter', 'http.request', 'ad648f5a30b0aaae65c6ca00693e0954', '84bf168f5d70e3b7'],
    ]);
    expect(records[2]!.ts).toBe(Date.UTC(2026, 11, 7, 13, 16, 10, 715));
  });
});
