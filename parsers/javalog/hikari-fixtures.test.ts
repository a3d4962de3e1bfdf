/**
 * The 28 real HikariCP pastes of test/fixtures/corpus/hikari (see its PROVENANCE.md), table-driven:
 * sniffed as java-log, record and skip counts, record spans (stack traces fold), the kind of every
 * record, and the typed fields (pools, deltas, timeouts, stats, SQLSTATE, leak frame).
 */
import { describe, expect, it } from 'vitest';
import { fixtureLines, parseFixture } from '../../test/support/parse-fixture';
import { LEVELS, type LogRecord, type SkippedLine } from '../types';
import { javaLogParser } from './index';

const REF_DAY = Date.UTC(2026, 10, 22); // utcTime()'s reference day for time-only logs
const iso = (ts: number | null) => (ts === null ? null : new Date(ts).toISOString());

interface Case {
  file: string;
  records: number;
  skipped: number;
  /** `[line, endLine]` of each record, only where a record spans several lines or lines are missing. */
  spans?: [number, number][];
  /** Kind of each record without the `hikari.` prefix (null: untyped). */
  kinds: (string | null)[];
  check?: (r: LogRecord[], s: SkippedLine[]) => void;
}

const f = (r: LogRecord) => r.fields as Record<string, unknown>;

const CASES: Case[] = [
  {
    file: '01-starvation-springboot-tail.log',
    records: 8,
    skipped: 0,
    kinds: [null, 'starvation', 'starvation', 'starvation', 'starvation', 'starvation', 'starvation', null],
    check(r) {
      expect(r[0]).toMatchObject({ ts: null, tq: 'none', level: null, message: '==> ../../bundle/services/moderation-service.out <==' });
      expect(r[1]).toMatchObject({ level: LEVELS.WARN, pid: 4232, thread: 'l-1 housekeeper', logger: 'com.zaxxer.hikari.pool.HikariPool', tq: 'assumed' });
      expect(iso(r[1]!.ts)).toBe('2018-02-07T12:35:56.643Z');
      expect(r.slice(1, 7).map((x) => f(x).deltaMs)).toEqual([2151954, 157924, 636401, 247811, 218728, 2607289]);
      expect(new Set(r.slice(1, 7).map((x) => f(x).pool))).toEqual(new Set(['HikariPool-1']));
      expect(f(r[1]!).deltaText).toBe('35m51s954ms609µs641ns');
    },
  },
  {
    file: '02-starvation-multipool-utc.log',
    records: 10,
    skipped: 0,
    kinds: ['starvation', 'starvation', 'starvation', 'starvation', 'starvation', null, 'starvation', 'starvation', 'starvation', 'starvation'],
    check(r) {
      const starv = r.filter((x) => x.kind === 'hikari.starvation');
      expect(new Set(starv.map((x) => f(x).pool))).toEqual(new Set(['bitcoin-s-wallet-db', 'bitcoin-s-chain-db', 'bitcoin-s.dlc.db', 'bitcoin-s-node-db']));
      expect(starv.slice(0, 5).map((x) => f(x).deltaMs)).toEqual([1548166, 1548165, 1548165, 1548165, 1548165]);
      expect(f(starv[5]!).deltaMs).toBe(1030128);
      expect(f(starv[8]!).deltaMs).toBeUndefined(); // cut inside "(housekeeper de"
      expect(r.every((x) => x.tq === 'explicit')).toBe(true);
      expect(iso(r[0]!.ts)).toBe('2024-02-27T13:57:51.819Z');
      expect(r[5]).toMatchObject({ level: LEVELS.INFO, logger: 'NeutrinoNode', message: 'Running health checks for peers=Set()' });
    },
  },
  {
    file: '03-poolstats-fillpool-springboot.log',
    records: 8,
    skipped: 0,
    kinds: ['stats', 'fill-skipped', 'stats', 'fill-skipped', 'stats', 'fill-skipped', 'add-elided', 'closing'],
    check(r) {
      expect(f(r[0]!)).toEqual({ pool: 'Hikari', phase: 'Pool', total: 5, active: 0, idle: 5, waiting: 0 });
      expect(f(r[1]!)).toEqual({ pool: 'Hikari' });
      expect(f(r[6]!)).toEqual({ pool: 'Hikari', waiting: 0, queue: 5 });
      expect(r[7]).toMatchObject({ thread: 'Hikari connection closer', logger: 'com.zaxxer.hikari.pool.PoolBase' });
    },
  },
  {
    file: '04-poolstats-keepalive-elided.log',
    records: 7,
    skipped: 0,
    spans: [[1, 1], [2, 3], [4, 4], [5, 5], [6, 6], [7, 8], [9, 9]],
    kinds: ['stats', 'fill-skipped', 'closing', 'stats', 'keepalive', 'stats', null],
    check(r) {
      expect(f(r[1]!)).toEqual({ pool: 'prod-postingestion-pool', queueDepth: 0 });
      expect(r[1]!.continuation).toEqual(['...']); // the user's elision folds into the record above
      expect(f(r[2]!)).toEqual({ pool: 'prod-postingestion-pool', connection: 'org.postgresql.jdbc.PgConnection@3b2a1c76', reason: 'connection has passed maxLifetime' });
      expect(f(r[4]!)).toEqual({ pool: 'prod-postingestion-pool', connection: 'org.postgresql.jdbc.PgConnection@6d16cbcd' });
      expect(f(r[5]!)).toMatchObject({ total: 4, idle: 4 });
    },
  },
  {
    file: '05-connection-adder-log4j.log',
    records: 8,
    skipped: 0,
    kinds: Array(8).fill('added'),
    check(r) {
      expect(r[0]).toMatchObject({ thread: 'HikariPool-1 connection adder', logger: 'com.zaxxer.hikari.pool.HikariPool', level: LEVELS.DEBUG });
      expect(iso(r[0]!.ts)).toBe('2023-08-15T08:47:40.719Z');
      expect(f(r[0]!)).toEqual({ pool: 'HikariPool-1', connection: 'com.mysql.jdbc.JDBC4Connection@13dfcf58' });
    },
  },
  {
    file: '06-closer-adder-no-timestamp.log',
    records: 8,
    skipped: 0,
    kinds: ['added', 'stats', 'closing', 'closing', 'closing', 'closing', 'closing', 'closing'],
    check(r) {
      expect(r.every((x) => x.ts === null && x.tq === 'none' && x.level === LEVELS.DEBUG)).toBe(true);
      expect(f(r[1]!)).toEqual({ pool: 'HikariPool-1', phase: 'After adding', total: 13, active: 1, idle: 12, waiting: 0 });
      expect(f(r[2]!)).toMatchObject({ pool: 'HikariPool-1', reason: 'connection has passed maxLifetime' });
    },
  },
  {
    file: '07-failed-validate-springboot.log',
    records: 3,
    skipped: 0,
    spans: [[1, 1], [2, 2], [3, 5]],
    kinds: ['validation-failed', 'closing', 'close-failed'],
    check(r) {
      expect(f(r[0]!)).toEqual({
        pool: 'HikariPool-1',
        connection: 'org.mariadb.jdbc.MariaDbConnection@7b76d704',
        reason: 'Connection.setNetworkTimeout cannot be called on a closed connection',
        maxLifetimeHint: false,
      });
      expect(f(r[1]!)).toMatchObject({ reason: 'connection is dead' });
      expect(r[2]!.continuation[0]).toBe('');
      expect(f(r[2]!)).toMatchObject({ connection: 'org.mariadb.jdbc.MariaDbConnection@7b76d704', exception: { type: 'java.sql.SQLException' } });
    },
  },
  {
    file: '08-failed-validate-minecraft.log',
    records: 5,
    skipped: 0,
    kinds: Array(5).fill('validation-failed'),
    check(r) {
      expect(r.every((x) => x.logger === 'eu.kennytv.maintenance.lib.hikari.pool.PoolBase' && x.level === LEVELS.WARN)).toBe(true);
      expect(r.every((x) => f(x).maxLifetimeHint === true && f(x).pool === 'HikariPool-1')).toBe(true);
      expect(f(r[0]!)).toMatchObject({ connection: 'eu.kennytv.maintenance.lib.mysql.cj.jdbc.ConnectionImpl@e3992a4', reason: 'No operations allowed after connection closed.' });
      expect(r[0]!.ts).toBe(REF_DAY + (19 * 3600 + 6 * 60 + 57) * 1000);
    },
  },
  {
    file: '09-poolstats-tab-indented.log',
    records: 6,
    skipped: 0,
    kinds: Array(6).fill('stats'),
    check(r) {
      expect(r[0]).toMatchObject({ logger: 'o.a.s.s.c.z.h.p.HikariPool', thread: 'HikariPool-8 housekeeper' });
      expect(r.every((x) => f(x).pool === 'HikariPool-8' && f(x).total === 2 && f(x).active === 2 && f(x).idle === 0)).toBe(true);
      expect(r[1]!.ts! - r[0]!.ts!).toBe(30_001);
    },
  },
  {
    file: '10-marked-broken-stack.log',
    records: 5,
    skipped: 0,
    spans: [[1, 6], [7, 7], [8, 8], [9, 11], [12, 12]],
    kinds: [null, 'added', 'stats', 'broken', null],
    check(r) {
      expect(r[0]).toMatchObject({ ts: null, tq: 'none', message: 'at com.zaxxer.hikari.pool.PoolBase.newConnection(PoolBase.java:380) ~[HikariCP-2.7.4.jar:na]' });
      expect(r[0]!.continuation).toHaveLength(5);
      expect(f(r[3]!)).toEqual({ pool: 'springHikariCP', connection: 'com.mysql.jdbc.JDBC4Connection@6f4c5ea1', sqlState: '08S01', errorCode: 0 });
      expect(r[3]!.continuation).toHaveLength(2);
      expect(f(r[2]!)).toMatchObject({ pool: 'springHikariCP', phase: 'After adding', total: 5 });
    },
  },
  {
    file: '11-dead-connections-log4j-location.log',
    records: 7,
    skipped: 1,
    spans: [[1, 1], [2, 2], [3, 3], [5, 5], [6, 6], [7, 7], [8, 8]],
    kinds: ['stats', 'closing', 'added', null, null, null, null],
    check(r, s) {
      expect(s).toEqual([{ type: 'skipped', line: 4, offset: 600, reason: 'blank line between records' }]);
      expect(r[0]).toMatchObject({ logger: 'com.zaxxer.hikari.pool.HikariPool', thread: 'HikariPool-1 housekeeper' });
      expect(f(r[0]!)).toEqual({ pool: 'HikariPool-1', phase: 'Pool', total: 10, active: 0, idle: 10, waiting: 0 });
      expect(r[3]).toMatchObject({ logger: 'org.springframework.jdbc.core.JdbcTemplate', message: 'Executing prepared SQL query' });
    },
  },
  {
    file: '12-json-config-dump.log',
    records: 5,
    skipped: 1,
    kinds: Array(5).fill('config'),
    check(r, s) {
      expect(r.map((x) => [f(x).key, f(x).value])).toEqual([
        ['metricRegistry', 'none'],
        ['metricsTrackerFactory', 'none'],
        ['minimumIdle', '5'],
        ['password', ''],
        ['poolName', 'HikariPool-1'],
      ]);
      expect(r[0]).toMatchObject({ level: LEVELS.DEBUG, thread: 'main', logger: 'com.zaxxer.hikari.HikariConfig' });
      expect(iso(r[0]!.ts)).toBe('2021-09-30T10:01:49.218Z');
      expect(f(r[4]!).jsonRecovered).toMatch(/^invalid JSON/);
      expect(s[0]).toMatchObject({ line: 6, reason: expect.stringMatching(/^invalid JSON .*no message could be recovered/) });
    },
  },
  {
    file: '13-leak-detection-stack.log',
    records: 1,
    skipped: 0,
    spans: [[1, 8]],
    kinds: ['leak'],
    check(r) {
      expect(r[0]).toMatchObject({ ts: null, tq: 'none', message: 'java.lang.Exception: Apparent connection leak detected' });
      expect(f(r[0]!)).toEqual({ exception: { type: 'java.lang.Exception', message: 'Apparent connection leak detected' } });
      // the borrowing frame was cut off by the excerpt: every complete frame is HikariCP/Hibernate
      expect(f(r[0]!).frame).toBeUndefined();
      expect(r[0]!.continuation).toHaveLength(7);
    },
  },
  {
    file: '14-cleanup-stats-tz-offset-multiline.log',
    records: 7,
    skipped: 6,
    spans: [[1, 2], [4, 5], [7, 8], [10, 11], [13, 14], [16, 17], [19, 20]],
    kinds: ['stats', 'stats', 'stats', 'stats', 'stats', 'stats', null],
    check(r, s) {
      expect(r.slice(0, 6).map((x) => f(x).phase)).toEqual(['After cleanup', 'Before cleanup', 'After cleanup', 'Before cleanup', 'After cleanup', 'Before cleanup']);
      expect(r.every((x) => x.tq === 'explicit')).toBe(true);
      expect(iso(r[0]!.ts)).toBe('2020-09-19T19:58:56.000Z'); // 01:28:56 at +05:30
      expect(f(r[0]!)).toMatchObject({ pool: 'HikariPool-1', total: 30, idle: 30 });
      expect(s.map((x) => x.line)).toEqual([3, 6, 9, 12, 15, 18]);
    },
  },
  {
    file: '15-iso8601-tab-separated.log',
    records: 6,
    skipped: 0,
    kinds: ['closing', 'closing', 'closing', 'closing', 'closing', null],
    check(r) {
      expect(r[0]).toMatchObject({ tq: 'explicit', thread: 'generic-jdbc-query-executor connection closer', logger: 'com.zaxxer.hikari.pool.PoolBase', level: LEVELS.DEBUG });
      expect(iso(r[0]!.ts)).toBe('2016-09-26T01:12:25.316Z');
      expect(f(r[1]!)).toEqual({ pool: 'generic-jdbc-query-executor', connection: 'com.mysql.jdbc.JDBC4Connection@7f3f934f', reason: 'connection has passed maxLifetime' });
    },
  },
  {
    file: '16-timeout-interleaved-stack.log',
    records: 4,
    skipped: 0,
    spans: [[1, 1], [2, 3], [3, 3], [4, 14]],
    kinds: ['stats', 'timeout', 'shutdown', 'stats'],
    check(r) {
      expect(f(r[0]!)).toMatchObject({ phase: 'Pool', total: 10, active: 10, waiting: 1 });
      // "Timeout failure stats" plus the exception printed under it: one timeout with the stats
      expect(f(r[1]!)).toMatchObject({ pool: 'HikariPool-1', timeoutMs: 30004, total: 10, active: 10, idle: 0, waiting: 0, exceptionType: 'java.sql.SQLTransientConnectionException' });
      // the glued `13:28:51,201  INFO …` starts a record in the middle of line 3
      expect(r[2]).toMatchObject({ line: 3, level: LEVELS.INFO, logger: 'com.zaxxer.hikari.HikariDataSource', message: 'HikariPool-1 - Shutdown initiated...' });
      expect(r[2]!.offset).toBe(r[1]!.offset + r[1]!.length);
      expect(r[2]!.ts).toBe(REF_DAY + (13 * 3600 + 28 * 60 + 51) * 1000 + 201);
      expect(r[3]!.continuation).toHaveLength(10); // blank line, then the stack of the timeout
      expect(f(r[3]!)).toMatchObject({ phase: 'Before shutdown', idle: 10 });
    },
  },
  {
    file: '17-timeout-severe-prefixed.log',
    records: 1,
    skipped: 0,
    spans: [[1, 13]],
    kinds: ['timeout'],
    check(r) {
      expect(r[0]).toMatchObject({ level: LEVELS.ERROR, ts: REF_DAY + (12 * 3600 + 20 * 60 + 46) * 1000 });
      expect(f(r[0]!)).toMatchObject({ pool: 'HikariPool-1', timeoutMs: 10003, exception: { type: 'java.sql.SQLTransientConnectionException' } });
      expect(r[0]!.continuation[0]).toBe('    at com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:676)');
    },
  },
  {
    file: '18-springboot-actuator-timeout.log',
    records: 1,
    skipped: 0,
    spans: [[1, 7]],
    kinds: ['timeout'],
    check(r) {
      expect(r[0]).toMatchObject({ ts: null, tq: 'none' });
      expect(f(r[0]!)).toMatchObject({
        pool: 'HikariPool-1',
        timeoutMs: 10000,
        exceptionType: 'java.sql.SQLTransientConnectionException',
        wrappedBy: 'org.springframework.jdbc.CannotGetJdbcConnectionException',
        exception: { type: 'org.springframework.jdbc.CannotGetJdbcConnectionException' },
      });
      expect(r[0]!.continuation).toHaveLength(6);
    },
  },
  {
    file: '19-legacy-pool-stats-hikari2.log',
    records: 6,
    skipped: 0,
    kinds: ['stats', 'stats', 'stats', 'stats', 'stats', null],
    check(r) {
      expect(r.slice(0, 5).map((x) => f(x).phase)).toEqual(['Before cleanup', 'After cleanup', 'After fill', 'Timeout failure', 'Before cleanup']);
      expect(f(r[0]!)).toEqual({ pool: 'HikariPool-0', phase: 'Before cleanup', total: 20, active: 20, idle: 0, waiting: 1 });
      expect(r[0]!.thread).toBe('Hikari Housekeeping Timer (pool HikariPool-0)');
    },
  },
  {
    file: '20-cloudfoundry-double-timestamp.log',
    records: 7,
    skipped: 0,
    kinds: ['stats', 'stats', 'stats', 'stats', null, null, 'validation-failed'],
    check(r) {
      expect(r[0]!.tq).toBe('assumed'); // the user's first line has no CF prefix
      expect(r.slice(1).every((x) => x.tq === 'explicit')).toBe(true);
      expect(iso(r[1]!.ts)).toBe('2018-11-29T13:09:47.011Z'); // 14:09:47.011+01:00 from the CF prefix
      expect(r[1]).toMatchObject({ level: LEVELS.DEBUG, logger: 'com.zaxxer.hikari.pool.HikariPool' });
      expect(f(r[1]!)).toMatchObject({ pool: 'HikariPool-1', phase: 'After cleanup', total: 1 });
      expect(f(r[6]!)).toMatchObject({ pool: 'HikariPool-1', connection: 'org.mariadb.jdbc.MariaDbConnection@20527746', maxLifetimeHint: false });
    },
  },
  {
    file: '21-marked-broken-dubbo.log',
    records: 1,
    skipped: 0,
    spans: [[1, 4]],
    kinds: ['broken'],
    check(r) {
      expect(r[0]).toMatchObject({ thread: 'DubboServerHandler-10.1.137.131:20901-thread-599', logger: 'c.z.h.p.ProxyConnection', level: LEVELS.WARN });
      expect(f(r[0]!)).toEqual({
        pool: 'HikariPool-1',
        connection: 'com.mysql.jdbc.JDBC4Connection@6f926f3',
        sqlState: '08S01',
        errorCode: 0,
        exception: { type: 'com.mysql.jdbc.exceptions.jdbc4.CommunicationsException', message: 'Communications link failure' },
      });
      expect(r[0]!.continuation[1]).toBe(''); // blank line inside the exception message
      expect(r[0]!.length).toBe(479);
    },
  },
  {
    file: '22-failed-validate-authme.log',
    records: 6,
    skipped: 0,
    kinds: [...Array(5).fill('validation-failed'), null],
    check(r) {
      expect(r[0]).toMatchObject({ thread: 'User Authenticator #1', logger: 'fr.xephi.authme.libs.zaxxer.hikari.pool.PoolBase', level: LEVELS.WARN });
      expect(f(r[0]!)).toEqual({ pool: 'AuthMeMYSQLPool', connection: 'com.mysql.jdbc.JDBC4Connection@2a774af8', reason: 'No operations allowed after connection closed.', maxLifetimeHint: false });
    },
  },
  {
    file: '23-springboot-before-after-cleanup.log',
    records: 9,
    skipped: 0,
    kinds: [null, null, null, 'stats', 'stats', 'fill-skipped', null, null, null],
    check(r) {
      expect(r.every((x) => x.pid === 1)).toBe(true);
      expect([f(r[3]!).phase, f(r[4]!).phase]).toEqual(['Before cleanup', 'After cleanup']);
      expect(r[8]).toMatchObject({ logger: 'o.s.jdbc.datasource.DataSourceUtils', message: '' }); // cut after the logger
    },
  },
  {
    file: '24-add-connection-elided.log',
    records: 8,
    skipped: 0,
    kinds: ['closing', 'closing', 'add-elided', 'added', 'added', 'stats', 'stats', null],
    check(r) {
      expect(f(r[2]!)).toEqual({ pool: 'my-pool', waiting: 0, queue: 1 });
      expect(f(r[5]!)).toEqual({ pool: 'my-pool', phase: 'After adding', total: 10, active: 0, idle: 10, waiting: 0 });
    },
  },
  {
    file: '25-timeout-failure-stats-exhaustion.log',
    records: 9,
    skipped: 0,
    kinds: ['add-elided', 'add-elided', 'add-elided', 'stats', 'add-elided', 'add-elided', 'stats', 'add-elided', null],
    check(r) {
      expect(r.filter((x) => x.kind === 'hikari.add-elided').map((x) => f(x).waiting)).toEqual([47, 46, 45, 44, 43, 42]);
      expect(f(r[6]!)).toEqual({ pool: 'HikariPool-1', phase: 'Timeout failure', total: 10, active: 10, idle: 0, waiting: 42 });
      expect(r[6]!.thread).toBe('MailSyncSent-Thread-441');
    },
  },
  {
    file: '26-starvation-custom-pattern-with-prose.log',
    records: 2,
    skipped: 0,
    spans: [[1, 3], [4, 5]],
    kinds: ['starvation', 'timeout'],
    check(r) {
      expect(r[0]).toMatchObject({ pid: 122093, thread: 'HikariPool-1 housekeeper:229294143', logger: 'com.zaxxer.hikari.pool.HikariPool' });
      expect(f(r[0]!)).toEqual({ pool: 'HikariPool-1', deltaMs: 1930221, deltaText: '32m10s221ms838µs213ns' });
      expect(r[0]!.continuation).toEqual(['', 'Sometimes the following exception error occurs']); // the user's prose folds
      expect(r[1]).toMatchObject({ thread: 'XNIO-2 task-93:229665871', message: 'Exception:' });
      expect(f(r[1]!)).toMatchObject({ pool: 'HikariPool-1', timeoutMs: 970095, wrappedBy: 'org.springframework.transaction.CannotCreateTransactionException' });
    },
  },
  {
    file: '27-starvation-then-poolstats-oracle.log',
    records: 5,
    skipped: 0,
    kinds: ['starvation', 'stats', 'added', 'added', null],
    check(r) {
      expect(f(r[0]!)).toEqual({ pool: 'HikariPool-1', deltaMs: 3725015, deltaText: '1h2m5s15ms949µs613ns' });
      expect(f(r[1]!)).toEqual({ pool: 'HikariPool-1', phase: 'Pool', total: 46, active: 11, idle: 35, waiting: 0 });
      expect(iso(r[0]!.ts)).toBe('2021-08-13T20:16:15.000Z');
    },
  },
  {
    file: '28-starvation-hikari246-swapped-args.log',
    records: 1,
    skipped: 0,
    kinds: ['starvation'],
    check(r) {
      expect(r[0]).toMatchObject({ ts: null, thread: 'HikariPool-1 housekeeper', level: LEVELS.WARN });
      expect(f(r[0]!)).toEqual({ pool: 'HikariPool-1', deltaMs: 65204, deltaText: '1m5s204ms948μs145ns', swappedArgs: true });
    },
  },
];

describe.each(CASES.map((c) => [c.file, c] as const))('hikari/%s', (file, c) => {
  const rel = `corpus/hikari/${file}`;
  const { records, skipped, lineCount } = parseFixture<LogRecord>(javaLogParser, rel);

  it('is sniffed as java-log', () => {
    const s = javaLogParser.sniff({ name: rel, lines: fixtureLines(rel) });
    expect(s).toMatchObject({ kind: 'java-log' });
    expect(s!.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('parses into the expected records, every line accounted for', () => {
    expect(records).toHaveLength(c.records);
    expect(skipped).toHaveLength(c.skipped);
    const spans = c.spans ?? records.map((r) => [r.line, r.line]);
    expect(records.map((r) => [r.line, r.endLine])).toEqual(spans);
    const covered = new Set<number>();
    for (const r of records) for (let l = r.line; l <= r.endLine; l++) covered.add(l);
    for (const s of skipped) covered.add(s.line);
    expect(covered.size).toBe(lineCount);
  });

  it('types the HikariCP messages', () => {
    expect(records.map((r) => (r.kind === null ? null : r.kind.replace(/^hikari\./, '')))).toEqual(c.kinds);
    c.check?.(records, skipped);
  });
});
