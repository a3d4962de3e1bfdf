/**
 * text-log on real files: Go logs made by __fixtures__/golog/main.go (std `log`, logrus text,
 * slog text, zap console, and the std log in the CRI format), PostgreSQL 15 logs made by
 * __fixtures__/make-postgres-logs.sh, and public artifacts from the corpus (loghub Apache error
 * log, HDFS, Linux syslog, Android logcat; an Apache combined access log; docker compose output).
 */
import { describe, expect, it } from 'vitest';
import { parseFixture, utcTime } from '../../test/support/parse-fixture';
import { LEVELS, type LogRecord } from '../types';
import { textLogParser } from './index';
import { accountingProblems, countBy } from './test-support';

const GO = '../../parsers/textlog/__fixtures__/';

function parse(rel: string) {
  const r = parseFixture<LogRecord>(textLogParser, rel, utcTime());
  expect(accountingProblems(r.records, r.skipped, r.lineCount), rel).toEqual([]);
  return r;
}

function errOf(r: LogRecord): Record<string, unknown> | undefined {
  return r.fields.err as Record<string, unknown> | undefined;
}

describe('Go standard log (go-stdlog.log)', () => {
  const { records, lineCount } = parse(GO + 'go-stdlog.log');

  it('has one record per log line, the panic folded into the last', () => {
    expect(lineCount).toBe(23);
    expect(records).toHaveLength(12);
    const last = records.at(-1)!;
    expect([last.line, last.endLine]).toEqual([12, 23]);
    expect(last.kind).toBe('go.panic');
    expect(last.level).toBe(LEVELS.FATAL);
    expect(last.fields.panic).toBe('order cache corrupted: nil entry for key 42');
    expect(last.continuation[0]).toBe('panic: order cache corrupted: nil entry for key 42');
  });

  it('reads the microsecond stamp as wall-clock time and the caller', () => {
    expect(records[0]!.ts).toBe(Date.UTC(2026, 10, 22, 4, 15, 54, 736));
    expect(records[0]!.tq).toBe('assumed');
    expect(records[0]!.fields.caller).toBe('server.go:3228');
    expect(records[0]!.message).toBe('http: Accept error: accept tcp 127.0.0.1:37051: accept4: too many open files; retrying in 5ms');
  });

  it('types every Go network error as pino err fields', () => {
    const codes = records.map((r) => errOf(r)?.code ?? null);
    expect(codes).toEqual(['EMFILE', 'EMFILE', 'EMFILE', null, 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EMFILE', 'EMFILE', null, null]);
    expect(errOf(records[4]!)).toEqual({
      type: 'net.OpError', message: 'dial tcp 127.0.0.1:1: connect: connection refused', code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port: 1,
    });
    expect(errOf(records[0]!)).toMatchObject({ code: 'EMFILE', syscall: 'accept4', address: '127.0.0.1', port: 37051 });
    expect(errOf(records[6]!)).toMatchObject({ code: 'ECONNRESET', syscall: 'read', address: '127.0.0.1', port: 40287 });
    expect(errOf(records[9]!)).toMatchObject({ code: 'EMFILE', syscall: 'socket', address: '127.0.0.1', port: 3306 });
    expect(records[4]!.fields.exception).toEqual({ type: 'net.OpError', message: 'dial tcp 127.0.0.1:1: connect: connection refused' });
    expect(records[4]!.kind).toBe('net.error');
  });

  it('takes ERROR/WARN words after the caller as levels; plain lines have none', () => {
    expect(records.map((r) => r.level)).toEqual([50, 50, 50, null, 50, 40, 50, 50, 50, 50, null, 60]);
  });
});

describe('Go logs through logrus, slog and zap (text encoders)', () => {
  it('logrus text: logfmt with quoted values, second-precision UTC times', () => {
    const { records } = parse(GO + 'go-logrus-text.log');
    expect(records).toHaveLength(9);
    expect(records[0]).toMatchObject({ ts: Date.UTC(2026, 10, 22, 4, 15, 55), tq: 'explicit', level: LEVELS.INFO, message: 'starting order-service' });
    expect(records[0]!.fields.extra).toEqual({ listen: '127.0.0.1:0', version: '1.4.2' });
    expect(records.map((r) => errOf(r)?.code ?? null)).toEqual([null, 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EMFILE', 'EMFILE', null, null]);
    expect(records[2]!.level).toBe(LEVELS.WARN); // level=warning
    const panic = records[8]!;
    expect(panic).toMatchObject({ level: LEVELS.FATAL, kind: 'go.panic', line: 9, endLine: 26 });
    expect(panic.fields.levelLabel).toBe('panic');
  });

  it('logrus text: the request line becomes an http.request record', () => {
    const { records } = parse(GO + 'go-logrus-text.log');
    expect(records[7]).toMatchObject({ kind: 'http.request', fields: { method: 'GET', url: '/orders/42', statusCode: 200, responseTimeMs: 12 } });
  });

  it('slog text: millisecond times, upper-case levels, err=…', () => {
    const { records } = parse(GO + 'go-slog-text.log');
    expect(records).toHaveLength(9);
    expect(records[1]).toMatchObject({ ts: Date.UTC(2026, 10, 22, 4, 15, 55, 478), tq: 'explicit', level: LEVELS.ERROR, message: 'cannot reach database' });
    expect(errOf(records[1]!)).toMatchObject({ code: 'ECONNREFUSED', port: 1 });
    expect(records[8]!.endLine).toBe(18);
  });

  it('zap console: tab columns, JSON tail, stack lines folded', () => {
    const { records, lineCount } = parse(GO + 'go-zap-console.log');
    expect(lineCount).toBe(82);
    expect(records).toHaveLength(9);
    expect(records[0]).toMatchObject({ ts: Date.UTC(2026, 10, 22, 4, 15, 55, 257), level: LEVELS.INFO, message: 'starting order-service' });
    expect(records[0]!.fields).toMatchObject({ format: 'zap-console', caller: 'gobuild/main.go:222', extra: { version: '1.4.2', listen: '127.0.0.1:0' } });
    expect(records[1]).toMatchObject({ line: 2, endLine: 10, level: LEVELS.ERROR });
    expect(records[1]!.continuation[0]).toBe('main.zapLogger.Error');
    expect(errOf(records[1]!)).toMatchObject({ code: 'ECONNREFUSED' });
    expect(records[8]).toMatchObject({ level: LEVELS.FATAL, kind: 'go.panic', endLine: 82 });
  });

  it('CRI wrapper: the runtime time (UTC) wins over the zone-less Go stamp', () => {
    const { records } = parse(GO + 'go-stdlog-cri.log');
    expect(records).toHaveLength(12);
    expect(records[0]).toMatchObject({ ts: Date.UTC(2026, 10, 22, 4, 15, 55, 697), tq: 'explicit' });
    expect(records[0]!.fields).toMatchObject({ stream: 'stderr', caller: 'server.go:3228', err: { code: 'EMFILE' } });
    expect(records[11]).toMatchObject({ kind: 'go.panic', endLine: 23 });
  });
});

describe('PostgreSQL 15 server logs', () => {
  it("default prefix '%m [%p] ': severities, pids, typed messages, STATEMENT folded", () => {
    const { records, lineCount } = parse(GO + 'pg15-default-prefix.log');
    expect(lineCount).toBe(40);
    expect(records).toHaveLength(35);
    expect(countBy(records, (r) => r.level)).toEqual({ 30: 29, 50: 3, 60: 3 });
    const tooMany = records.find((r) => r.kind === 'postgres.too-many-clients')!;
    expect(tooMany).toMatchObject({ ts: Date.UTC(2026, 10, 22, 4, 14, 25, 399), tq: 'explicit', level: LEVELS.FATAL, pid: 24567, message: 'sorry, too many clients already', logger: 'postgres' });
    expect(records.find((r) => r.kind === 'postgres.idle-session-timeout')).toMatchObject({ pid: 24602, level: LEVELS.FATAL, ts: Date.UTC(2026, 10, 22, 4, 14, 28, 505) });
    expect(records.find((r) => r.kind === 'postgres.shutdown')!.message).toBe('received fast shutdown request');
    const timeout = records.find((r) => r.kind === 'postgres.statement-timeout')!;
    expect(timeout.endLine - timeout.line).toBe(1);
    expect(timeout.fields.pg).toEqual({ severity: 'ERROR', statement: "set statement_timeout = '200ms'; select pg_sleep(2)" });
    const div = records.find((r) => r.message === 'division by zero')!;
    expect(div.endLine - div.line).toBe(3); // STATEMENT line and its two wrapped lines
    expect((div.fields.pg as { statement: string }).statement).toBe('select count(*)\n\t    from pg_class\n\t   where 1/0 = 1');
  });

  it("Debian prefix '%m [%p] %q%u@%d ' and a named zone (CET = UTC+1)", () => {
    const { records } = parse(GO + 'pg15-debian-prefix-berlin.log');
    expect(records).toHaveLength(35);
    expect(records[0]).toMatchObject({ ts: Date.UTC(2026, 10, 22, 4, 14, 31, 744), tq: 'explicit', level: LEVELS.INFO, pid: 24641 });
    const idle = records.find((r) => r.kind === 'postgres.idle-session-timeout')!;
    expect(idle.ts).toBe(Date.UTC(2026, 10, 22, 4, 14, 35, 921));
    expect(idle.fields.pg).toEqual({ severity: 'FATAL', user: 'postgres', db: 'postgres' });
    expect(records.find((r) => r.message.startsWith('database "nosuchdb"'))!.fields.pg).toMatchObject({ db: 'nosuchdb' });
    // `[unknown]@[unknown]`: the user is not known yet when the connection is received.
    expect(records[5]!.fields.pg).toEqual({ severity: 'LOG', conn: { host: '127.0.0.1', port: 40044 } });
  });
});

describe('corpus: loghub samples, access log, docker compose', () => {
  it('Apache error log: ctime stamps in brackets, [notice]/[error]', () => {
    const { records } = parse('corpus/large/loghub-Apache_2k.log');
    expect(records).toHaveLength(2000);
    expect(countBy(records, (r) => r.level)).toEqual({ 30: 1405, 50: 595 });
    expect(records[0]).toMatchObject({ ts: Date.UTC(2005, 11, 4, 4, 47, 44), message: 'workerEnv.init() ok /etc/httpd/conf/workers2.properties', fields: { format: 'apache-error', levelLabel: 'notice' } });
    expect(records[1]).toMatchObject({ level: LEVELS.ERROR, message: 'mod_jk child workerEnv in error state 6' });
  });

  it('HDFS: yyMMdd HHmmss stamps, the thread id before the level is not message', () => {
    const { records } = parse('corpus/large/loghub-HDFS_2k.log');
    expect(records).toHaveLength(2000);
    expect(countBy(records, (r) => r.level)).toEqual({ 30: 1920, 40: 80 });
    expect(records[0]!.ts).toBe(Date.UTC(2008, 10, 9, 20, 36, 15));
    expect(records[0]!.message).toBe('dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating');
  });

  it('Linux syslog: no year (taken from the reference day), host, program, pid', () => {
    const { records } = parse('corpus/large/loghub-Linux_2k.log');
    expect(records).toHaveLength(2000);
    expect(records[0]).toMatchObject({ ts: Date.UTC(2026, 5, 14, 15, 16, 1), tq: 'assumed', pid: 19939, logger: 'sshd(pam_unix)', fields: { format: 'syslog', host: 'combo' } });
    expect(records.every((r) => r.ts !== null)).toBe(true);
    const reset = records.find((r) => (r.fields.err as { code?: string } | undefined)?.code === 'ECONNRESET')!;
    expect(reset.logger).toBe('xinetd');
  });

  it('Android logcat threadtime: pid, tid, level letter, tag', () => {
    const { records } = parse('corpus/large/loghub-Android_2k.log');
    expect(records).toHaveLength(2000);
    expect(countBy(records, (r) => r.level)).toEqual({ 10: 257, 20: 650, 30: 920, 40: 170, 50: 3 });
    expect(records[0]).toMatchObject({ ts: Date.UTC(2026, 2, 17, 16, 13, 38, 811), pid: 1702, thread: '2395', logger: 'WindowManager', level: LEVELS.DEBUG });
  });

  it('Apache combined access log: http.request records with pino-http fields', () => {
    const { records } = parse('corpus/large/elastic-examples-apache_logs-head2000.log');
    expect(records).toHaveLength(2000);
    expect(records.every((r) => r.kind === 'http.request')).toBe(true);
    expect(countBy(records, (r) => r.fields.statusCode)).toEqual({ 200: 1845, 206: 21, 301: 62, 304: 37, 404: 35 });
    expect(records[0]).toMatchObject({ ts: Date.UTC(2015, 4, 17, 10, 5, 3), tq: 'explicit', level: LEVELS.INFO });
    expect(records[0]!.fields).toMatchObject({
      method: 'GET', url: '/presentations/logstash-monitorama-2013/images/kibana-search.png', statusCode: 200, remoteAddress: '83.149.9.216', bytes: 203023,
    });
    expect(records[0]!.fields.responseTimeMs).toBeUndefined(); // Combined format has no timing
    expect(records.filter((r) => r.fields.statusCode === 404).every((r) => r.level === LEVELS.WARN)).toBe(true);
  });

  it('docker compose: service column and ANSI stripped, untimed Flask lines, Redis stamps', () => {
    const { records } = parse('corpus/misc/lnav-logfile_docker_compose.0-ansi.log');
    expect(records).toHaveLength(15);
    expect(records[0]).toMatchObject({ ts: null, line: 1, endLine: 2, message: "* Serving Flask app 'app.py'", fields: { service: 'web-1' } });
    expect(records[1]).toMatchObject({ level: LEVELS.WARN, line: 3 });
    const redis = records.filter((r) => r.fields.service === 'redis-1');
    expect(redis).toHaveLength(12);
    expect(redis[0]).toMatchObject({ ts: Date.UTC(2024, 3, 25, 5, 32, 35, 18), pid: 1, level: LEVELS.INFO, message: 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo' });
    expect(redis[2]!.level).toBe(LEVELS.WARN); // `#` is Redis' warning
  });
});

describe('PostgreSQL 15 log_connections / log_disconnections (parsers/pgstat/__fixtures__/pg15-connections.log)', () => {
  it('types the three lines of a session and reads their fields; the pid ties them together', () => {
    const { records } = parse('../../parsers/pgstat/__fixtures__/pg15-connections.log');
    const of = (kind: string) => records.filter((r) => r.kind === kind);
    expect(of('postgres.connection-received')).toHaveLength(40);
    expect(of('postgres.connection-authorized')).toHaveLength(40);
    expect(of('postgres.disconnection')).toHaveLength(40);
    const auth = of('postgres.connection-authorized').find((r) => r.line === 18)!;
    expect(auth.fields.pg).toEqual({ severity: 'LOG', conn: { user: 'shop_app', database: 'shop', application: 'cart-service' } });
    const received = of('postgres.connection-received').find((r) => r.pid === auth.pid)!;
    expect((received.fields.pg as { conn: unknown }).conn).toEqual({ host: '127.0.0.1', port: expect.any(Number) });
    const bye = of('postgres.disconnection').find((r) => r.line === 77)!;
    expect(bye.fields.pg).toEqual({ severity: 'LOG', conn: { sessionMs: 24, user: 'shop_app', database: 'shop', host: '127.0.0.1', port: 39874 } });
    expect(of('postgres.disconnection').find((r) => r.line === 8)!.fields.pg).toMatchObject({ conn: { host: '[local]', user: 'postgres', database: 'postgres' } });
  });
});
