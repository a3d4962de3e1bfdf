import { describe, expect, it } from 'vitest';
import { LOG_TOKENS as T, tokenizeLogLine } from './log-language';

const tokens = (line: string) => tokenizeLogLine(line).map((t) => [t.text, t.token]);

describe('log tokenizer', () => {
  it('marks a Spring Boot line: timestamp, level, exception', () => {
    expect(tokens('2026-11-22 13:18:21.491  WARN 25595 --- [io-8080-exec-21] com.zaxxer.hikari.pool.ProxyConnection : HikariPool-1 - Connection org.postgresql.jdbc.PgConnection@1 marked as broken because of SQLSTATE(08006)')).toEqual([
      ['2026-11-22 13:18:21.491', T.timestamp],
      ['WARN', T.warn],
    ]);
    expect(tokens('org.postgresql.util.PSQLException: An I/O error occurred')).toEqual([['org.postgresql.util.PSQLException', T.exception]]);
  });

  it('marks whole stack-frame lines (Java and Go) and Caused by', () => {
    expect(tokens('\tat org.postgresql.core.v3.QueryExecutorImpl.execute(QueryExecutorImpl.java:356)')).toEqual([
      ['\tat org.postgresql.core.v3.QueryExecutorImpl.execute(QueryExecutorImpl.java:356)', T.frame],
    ]);
    expect(tokens('\t... 10 common frames omitted')).toEqual([['\t... 10 common frames omitted', T.frame]]);
    expect(tokens('\t... 3 more')).toEqual([['\t... 3 more', T.frame]]);
    expect(tokens('\t/usr/lib/go-1.19/src/runtime/proc.go:2247 +0x8c fp=0x7fffe48a8048 sp=0x7fffe48a8018 pc=0x43e1cc')[0]![1]).toBe(T.frame);
    expect(tokens('\t/usr/lib/go-1.19/src/runtime/sys_linux_amd64.s:559 +0x21')[0]![1]).toBe(T.frame);
    expect(tokens('Caused by: java.io.EOFException: null')).toEqual([
      ['Caused by:', T.caused],
      ['java.io.EOFException', T.exception],
    ]);
  });

  it('only takes frames and headers at the start of a line', () => {
    expect(tokens('message mentions at something')).toEqual([]);
    expect(tokens('x goroutine 12 [running]:')).toEqual([]);
  });

  it('marks goroutine and jstack thread headers', () => {
    expect(tokens('goroutine 2937 [IO wait]:')).toEqual([['goroutine 2937 [IO wait]:', T.thread]]);
    expect(tokens('goroutine 7 [select, 3 minutes]:')[0]).toEqual(['goroutine 7 [select, 3 minutes]:', T.thread]);
    expect(tokens('"HikariPool-1 housekeeper" #23 daemon prio=5 os_prio=0')[0]).toEqual(['"HikariPool-1 housekeeper"', T.thread]);
  });

  it('reads timestamps in the formats the samples print', () => {
    expect(tokens('[2026-11-22T13:15:19.963+0900][0.011s][info][gc] Using G1')[0]).toEqual(['2026-11-22T13:15:19.963+0900', T.timestamp]);
    expect(tokens('2026-11-22 13:14:08.456 KST [24052] LOG:  starting PostgreSQL')).toEqual([
      ['2026-11-22 13:14:08.456', T.timestamp],
      ['LOG', T.info],
    ]);
    expect(tokens('2026-11-22T04:16:55Z ERROR boom')).toEqual([
      ['2026-11-22T04:16:55Z', T.timestamp],
      ['ERROR', T.error],
    ]);
    expect(tokens('2026-11-22 04:16:55,123 UTC INFO x')[0]).toEqual(['2026-11-22 04:16:55,123 UTC', T.timestamp]);
    expect(tokens('13:18:21.491 [main] DEBUG x')).toEqual([
      ['13:18:21.491', T.timestamp],
      ['DEBUG', T.debug],
    ]);
    expect(tokens('Nov 22 04:16:55 host kernel: oom')[0]).toEqual(['Nov 22 04:16:55', T.timestamp]);
  });

  it('reads pino levels from JSON', () => {
    expect(tokens('{"level":50,"time":1795322206353,"msg":"boom"}')).toEqual([['"level":50', T.error]]);
    expect(tokens('{"level":40,"msg":"slow"}')).toEqual([['"level":40', T.warn]]);
    expect(tokens('{"level":30,"msg":"ok"}')).toEqual([['"level":30', T.info]]);
  });

  it('does not take level words inside other words or lower-case prose', () => {
    expect(tokens('ERRORS WARNED information error')).toEqual([]);
    expect(tokens('an Error occurred')).toEqual([]);
  });

  it('marks exception and error class names', () => {
    expect(tokens('java.lang.OutOfMemoryError: Java heap space')).toEqual([['java.lang.OutOfMemoryError', T.exception]]);
    expect(tokens('threw SQLTransientConnectionException here')).toEqual([['SQLTransientConnectionException', T.exception]]);
  });
});
