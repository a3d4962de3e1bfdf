/**
 * Line layouts and error texts one by one. The sample lines are hand-written in the formats the
 * servers document (nginx `log_format` with `$request_time`, Apache `%D`, klog, journald
 * short-iso, Python's default `%(asctime)s - %(name)s - %(levelname)s - %(message)s`), except where
 * a comment names a real source.
 */
import { describe, expect, it } from 'vitest';
import { parseText, utcTime } from '../../test/support/parse-fixture';
import { LEVELS, type LogRecord } from '../types';
import { textLogParser } from './index';
import { netErrorOf } from './net-error';
import { readPgLine } from './postgres';
import { accountingProblems } from './test-support';

function one(line: string, ref: number | null = Date.UTC(2026, 10, 22)): LogRecord {
  const r = parseText<LogRecord>(textLogParser, line + '\n', 'x.log', utcTime(ref));
  expect(r.records).toHaveLength(1);
  return r.records[0]!;
}

describe('error texts → err codes', () => {
  it.each([
    // The brief's examples, as Go's net package prints them.
    ['dial tcp 10.0.0.7:3306: connect: connection refused', { code: 'ECONNREFUSED', syscall: 'connect', address: '10.0.0.7', port: 3306 }],
    ['accept tcp [::]:8080: accept4: too many open files', { code: 'EMFILE', syscall: 'accept4', address: '::', port: 8080 }],
    ['read tcp 1.2.3.4:5->6.7.8.9:10: read: connection reset by peer', { code: 'ECONNRESET', syscall: 'read', address: '6.7.8.9', port: 10 }],
    ['write tcp 1.2.3.4:5->6.7.8.9:10: write: broken pipe', { code: 'EPIPE', syscall: 'write', address: '6.7.8.9', port: 10 }],
    ['read tcp 1.2.3.4:5->6.7.8.9:10: i/o timeout', { code: 'ETIMEDOUT', syscall: 'read', address: '6.7.8.9', port: 10 }],
    ['dial tcp 10.0.0.7:3306: i/o timeout', { code: 'ETIMEDOUT', syscall: 'dial', address: '10.0.0.7', port: 3306 }],
    ['dial tcp: lookup db.internal on 10.0.0.2:53: no such host', { code: 'ENOTFOUND', syscall: 'lookup' }],
    ['listen tcp :8080: bind: address already in use', { code: 'EADDRINUSE', syscall: 'bind', port: 8080 }],
    // Node, Python and nginx spellings.
    ['connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port: 5432 }],
    ['ConnectionRefusedError: [Errno 111] Connection refused', { code: 'ECONNREFUSED', errno: 111 }],
    [
      'connect() failed (111: Connection refused) while connecting to upstream, client: 10.1.1.1, server: api, request: "GET /orders HTTP/1.1", upstream: "http://127.0.0.1:8080/orders", host: "api"',
      { code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port: 8080, errno: 111 },
    ],
    ['accept4() failed (24: Too many open files)', { code: 'EMFILE', syscall: 'accept4' }],
  ])('%s', (text, expected) => {
    expect(netErrorOf(text)).toMatchObject(expected);
  });

  it('cuts the Go error out of a wrapping message', () => {
    expect(netErrorOf('cannot reach database: dial tcp 127.0.0.1:1: connect: connection refused attempt=1')!.message).toBe(
      'dial tcp 127.0.0.1:1: connect: connection refused',
    );
  });

  it('leaves ordinary text alone', () => {
    expect(netErrorOf('user 42 refused the terms')).toBeNull();
    expect(netErrorOf('retrying in 5ms')).toBeNull();
  });
});

describe('layouts', () => {
  it('nginx access log with $request_time (seconds) → responseTimeMs', () => {
    const r = one('10.0.0.9 - - [22/Nov/2026:02:55:30 +0900] "POST /api/orders?id=7 HTTP/1.1" 504 167 "-" "curl/8.4.0" 60.002');
    expect(r).toMatchObject({ kind: 'http.request', level: LEVELS.ERROR, ts: Date.UTC(2026, 10, 21, 17, 55, 30), tq: 'explicit' });
    expect(r.fields).toMatchObject({ method: 'POST', url: '/api/orders?id=7', statusCode: 504, responseTimeMs: 60002, remoteAddress: '10.0.0.9', bytes: 167, userAgent: 'curl/8.4.0' });
  });

  it('ingress-nginx: request_length (integer) before request_time (float)', () => {
    const r = one('192.168.1.5 - - [22/Nov/2026:02:55:30 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29" 104 0.001 [default-api-80] [] 10.244.1.7:8080 2 0.001 200 8c3f');
    expect(r.fields).toMatchObject({ statusCode: 200, responseTimeMs: 1, url: '/healthz' });
  });

  it('Apache %D (microseconds) at the end; rt=… key/value', () => {
    expect(one('127.0.0.1 - frank [22/Nov/2026:02:55:30 -0700] "GET /a.gif HTTP/1.0" 200 2326 "http://x/" "Mozilla/4.08" 1834567').fields.responseTimeMs).toBe(1834.567);
    expect(one('127.0.0.1 - - [22/Nov/2026:02:55:30 +0000] "GET / HTTP/1.1" 502 0 "-" "ua" rt=2.503 uct="0.000"').fields.responseTimeMs).toBe(2503);
  });

  it('Common Log Format without referer and agent; a junk request line keeps its status', () => {
    expect(one('127.0.0.1 user-identifier frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326').fields).toMatchObject({ method: 'GET', statusCode: 200 });
    const junk = one('10.0.0.1 - - [22/Nov/2026:02:55:30 +0000] "\\x16\\x03\\x01" 400 157 "-" "-"');
    expect(junk.fields.statusCode).toBe(400);
    expect(junk.fields.method).toBeUndefined();
  });

  it('nginx error log: level, pid#tid, errno-typed upstream failure', () => {
    const r = one('2026/11/22 02:55:30 [error] 31#31: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 172.18.0.1, server: _, request: "GET / HTTP/1.1", upstream: "http://172.18.0.3:3000/", host: "localhost"');
    expect(r).toMatchObject({ level: LEVELS.ERROR, pid: 31, thread: '31', kind: 'net.error' });
    expect(r.fields.err).toMatchObject({ code: 'ECONNREFUSED', address: '172.18.0.3', port: 3000 });
    expect(r.message.startsWith('connect() failed')).toBe(true);
  });

  it('klog: level letter, date without a year, thread id, caller', () => {
    const r = one('E1122 02:55:30.123456       1 reflector.go:138] failed to list *v1.Pod: Get "https://10.96.0.1:443/api/v1/pods": dial tcp 10.96.0.1:443: i/o timeout');
    expect(r).toMatchObject({ level: LEVELS.ERROR, ts: Date.UTC(2026, 10, 22, 2, 55, 30, 123), thread: '1', fields: { caller: 'reflector.go:138', err: { code: 'ETIMEDOUT', port: 443 } } });
  });

  it('klog and syslog dates without a year stay untimed without a reference day', () => {
    expect(one('Nov 22 02:55:30 host app[7]: hello', null)).toMatchObject({ ts: null, tq: 'none', pid: 7 });
  });

  it('journald short-iso and a dockerd logrus body inside syslog', () => {
    const r = one('2026-11-22T02:55:30+0000 node-1 dockerd[812]: time="2026-11-22T02:55:30.123456789Z" level=error msg="Handler for POST /containers/create returned error" error="too many open files"');
    expect(r).toMatchObject({ level: LEVELS.ERROR, pid: 812, logger: 'dockerd', message: 'Handler for POST /containers/create returned error', ts: Date.UTC(2026, 10, 22, 2, 55, 30) });
    expect(r.fields).toMatchObject({ host: 'node-1', err: { code: 'EMFILE' } });
  });

  it('RFC 3164 with a priority: the severity gives the level', () => {
    expect(one('<11>Nov 22 02:55:30 web-1 app[99]: disk full')).toMatchObject({ level: LEVELS.ERROR, logger: 'app', pid: 99 });
  });

  it("Python's default format and a traceback: exception from the last line, errno typed", () => {
    const r = parseText<LogRecord>(textLogParser, [
      '2026-11-22 02:55:30,123 - app.db - ERROR - cannot connect',
      'Traceback (most recent call last):',
      '  File "/app/db.py", line 12, in connect',
      '    sock.connect(addr)',
      'ConnectionRefusedError: [Errno 111] Connection refused',
      '2026-11-22 02:55:31,000 - app - INFO - retrying',
    ].join('\n'), 'py.log', utcTime());
    expect(r.records).toHaveLength(2);
    expect(r.records[0]).toMatchObject({ level: LEVELS.ERROR, logger: 'app.db', message: 'cannot connect', ts: Date.UTC(2026, 10, 22, 2, 55, 30, 123), endLine: 5, kind: 'net.error' });
    expect(r.records[0]!.fields.exception).toEqual({ type: 'ConnectionRefusedError', message: '[Errno 111] Connection refused' });
    expect(r.records[0]!.fields.err).toMatchObject({ code: 'ECONNREFUSED', type: 'ConnectionRefusedError' });
  });

  it('bracketed ISO stamp and level, time of day with roll-over past midnight', () => {
    expect(one('[2026-11-22 02:55:30,123] WARNING in app: slow query')).toMatchObject({ level: LEVELS.WARN, ts: Date.UTC(2026, 10, 22, 2, 55, 30, 123) });
    const r = parseText<LogRecord>(textLogParser, '23:59:59.900 INFO tick\n00:00:00.100 INFO tock\n', 't.log', utcTime());
    expect(r.records.map((x) => x.ts)).toEqual([Date.UTC(2026, 10, 22, 23, 59, 59, 900), Date.UTC(2026, 10, 23, 0, 0, 0, 100)]);
  });

  it('go-kit logfmt starting with level=, slog durations as Go text', () => {
    const r = one('level=info ts=2026-11-22T02:55:30.5Z caller=http.go:88 method=GET path=/orders status=503 took=1.5s msg="request done"');
    expect(r).toMatchObject({ level: LEVELS.INFO, ts: Date.UTC(2026, 10, 22, 2, 55, 30, 500), kind: 'http.request', message: 'request done' });
    expect(r.fields).toMatchObject({ method: 'GET', url: '/orders', statusCode: 503, responseTimeMs: 1500, caller: 'http.go:88' });
  });

  it('PostgreSQL restart: the start line, the end of the shutdown, and not the startup note about the last one', () => {
    // samples/two-incidents-freeze-then-db-restart/bundle/logs/postgresql.log (PostgreSQL 15, default prefix)
    const r = parseText<LogRecord>(textLogParser, [
      '2026-12-07 13:15:48.354 UTC [15506] LOG:  received fast shutdown request',
      '2026-12-07 13:15:50.103 UTC [15506] LOG:  database system is shut down',
      '2026-12-07 13:16:13.233 UTC [18849] LOG:  starting PostgreSQL 15.18 (Debian 15.18-0+deb12u1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14+deb12u1) 12.2.0, 64-bit',
      '2026-12-07 13:16:13.249 UTC [18855] LOG:  database system was shut down at 2026-12-07 13:15:50 UTC',
      '2026-12-07 13:16:13.265 UTC [18849] LOG:  database system is ready to accept connections',
    ].join('\n'), 'postgresql.log', utcTime());
    expect(r.records.map((x) => [x.pid, x.kind])).toEqual([
      [15506, 'postgres.shutdown'],
      [15506, 'postgres.shutdown'],
      [18849, 'postgres.starting'],
      [18855, null],
      [18849, 'postgres.ready'],
    ]);
  });

  it('PostgreSQL lock waits and slow statements, with the holder in the DETAIL', () => {
    // samples/pool-exhausted-slow-queries/bundle/logs/postgresql.log (log_lock_waits, log_min_duration_statement = 1000)
    const r = parseText<LogRecord>(textLogParser, [
      '2026-12-07 11:11:47.988 -03 [7173] booking_app@booking LOG:  process 7173 still waiting for RowExclusiveLock on relation 16409 of database 16386 after 1000.099 ms',
      '2026-12-07 11:11:47.988 -03 [7173] booking_app@booking DETAIL:  Process holding the lock: 8127. Wait queue: 7173.',
      '2026-12-07 11:11:47.988 -03 [7173] booking_app@booking STATEMENT:  INSERT INTO bookings (slot_id, patient) VALUES ($1, $2) RETURNING id',
      '2026-12-07 11:11:50.572 -03 [7182] booking_app@booking LOG:  process 7182 still waiting for RowExclusiveLock on relation 16409 of database 16386 after 1000.087 ms at character 13',
    ].join('\n'), 'postgresql.log', utcTime());
    expect(r.records.map((x) => x.kind)).toEqual(['postgres.lock-wait', 'postgres.lock-wait']);
    expect(r.records[0]!.fields).toMatchObject({ pg: { detail: 'Process holding the lock: 8127. Wait queue: 7173.', user: 'booking_app' } });
    const slow = readPgLine('[7173] booking_app@booking LOG:  duration: 118889.386 ms  bind S_5: INSERT INTO bookings (slot_id, patient) VALUES ($1, $2) RETURNING id');
    expect(slow?.kind).toBe('postgres.slow-statement');
    expect(readPgLine('[7173] booking_app@booking LOG:  duration: 0.5 ms')?.kind).toBeNull();
  });

  it("PostgreSQL with pgBadger's `%t [%p]: user=…` prefix and an ambiguous zone abbreviation", () => {
    // samples/pool-exhausted-under-cpu-limit/bundle/logs/postgresql.log (log_line_prefix '%t [%p]: user=%u,db=%d,app=%a,client=%h ', zone Asia/Kolkata)
    const r = parseText<LogRecord>(textLogParser, [
      '2026-12-07 20:32:06 IST [18591]: user=stock_app,db=stock,app=stock-service,client=127.0.0.1 LOG:  process 18591 still waiting for AccessShareLock on relation 16403 of database 16386 after 1000.111 ms',
      '2026-12-07 20:32:06 IST [18591]: user=stock_app,db=stock,app=stock-service,client=127.0.0.1 DETAIL:  Process holding the lock: 19849. Wait queue: 18591, 18569, 18592, 18622, 18635, 18636, 18637, 18638, 18639, 18640.',
    ].join('\n'), 'postgresql.log', utcTime());
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({ kind: 'postgres.lock-wait', pid: 18591, fields: { pg: { user: 'stock_app', db: 'stock', detail: expect.stringContaining('Process holding the lock: 19849') } } });
  });

  it('PostgreSQL: a DETAIL of another backend does not fold into the open record', () => {
    const r = parseText<LogRecord>(textLogParser, [
      '2026-11-22 02:55:30.001 UTC [10] ERROR:  deadlock detected',
      '2026-11-22 02:55:30.001 UTC [10] DETAIL:  Process 10 waits for ShareLock on transaction 7; blocked by process 11.',
      '2026-11-22 02:55:30.002 UTC [12] HINT:  See server log for query details.',
    ].join('\n'), 'pg.log', utcTime());
    expect(r.records).toHaveLength(2);
    expect(r.records[0]).toMatchObject({ kind: 'postgres.deadlock', endLine: 2, fields: { pg: { detail: 'Process 10 waits for ShareLock on transaction 7; blocked by process 11.' } } });
    expect(r.records[1]).toMatchObject({ pid: 12, level: null, fields: { levelLabel: 'HINT' } });
  });

  it('Go runtime fatal error: folded, FATAL, typed', () => {
    const r = parseText<LogRecord>(textLogParser, '2026/11/22 02:55:30 serving\nfatal error: concurrent map writes\n\ngoroutine 7 [running]:\nmain.handler(...)\n\t/app/main.go:40 +0x1f\n', 'g.log', utcTime());
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({ level: LEVELS.FATAL, kind: 'go.panic', fields: { panic: 'concurrent map writes', exception: { type: 'fatal error' } }, endLine: 6 });
    expect(accountingProblems(r.records, r.skipped, r.lineCount)).toEqual([]);
  });

  it('blank lines before the first record are skipped with a reason; lines without a stamp before it are a record', () => {
    const r = parseText<LogRecord>(textLogParser, '\nstarting up\n2026-11-22 02:55:30 INFO ready\n', 'b.log', utcTime());
    expect(r.skipped).toEqual([{ type: 'skipped', line: 1, offset: 0, reason: 'blank line outside a record' }]);
    expect(r.records.map((x) => [x.line, x.ts === null])).toEqual([[2, true], [3, false]]);
  });

  it('CRI partial lines (P) join the next part', () => {
    const r = parseText<LogRecord>(textLogParser, '2026-11-22T02:55:30.1Z stdout P 2026-11-22 02:55:30 ERROR part one \n2026-11-22T02:55:30.1Z stdout F and two\n', 'c.log', utcTime());
    expect(r.records).toHaveLength(1);
    expect(r.records[0]!.message).toBe('part one and two');
    expect(r.records[0]!.endLine).toBe(2);
  });
});
