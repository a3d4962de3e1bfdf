import { describe, expect, it } from 'vitest';
import { fixtureLines } from '../../test/support/parse-fixture';
import { LEVELS } from '../types';
import { parseJsonLine } from './json-line';

describe('parseJsonLine', () => {
  it('reads the custom layout of hikari/12 (time/level/thread/source/message)', () => {
    const v = parseJsonLine(fixtureLines('corpus/hikari/12-json-config-dump.log')[0]!);
    expect(v).toMatchObject({
      line: {
        level: LEVELS.DEBUG,
        thread: 'main',
        logger: 'com.zaxxer.hikari.HikariConfig',
        message: 'metricRegistry..................none',
        time: { y: 2021, mo: 9, d: 30, h: 10, mi: 1, s: 49, ms: 218 },
      },
    });
  });

  it('reads logstash-logback-encoder objects with a stack trace', () => {
    const v = parseJsonLine(
      JSON.stringify({
        '@timestamp': '2024-03-01T12:00:01.100+01:00',
        '@version': '1',
        message: 'HikariPool-1 - Exception during pool initialization.',
        logger_name: 'com.zaxxer.hikari.pool.HikariPool',
        thread_name: 'main',
        level: 'ERROR',
        level_value: 40000,
        stack_trace: 'org.postgresql.util.PSQLException: Connection to 127.0.0.1:5432 refused.\n\tat org.postgresql.Driver.connect(Driver.java:1)',
      }),
    );
    expect(v).toMatchObject({ line: { level: LEVELS.ERROR, thread: 'main', logger: 'com.zaxxer.hikari.pool.HikariPool', time: { zone: '+01:00' } } });
    expect(v && 'line' in v && v.line.stack).toEqual(['org.postgresql.util.PSQLException: Connection to 127.0.0.1:5432 refused.', '\tat org.postgresql.Driver.connect(Driver.java:1)']);
  });

  it('reads log4j2 JsonLayout (instant, loggerName, thrown)', () => {
    const v = parseJsonLine(
      JSON.stringify({
        instant: { epochSecond: 1700000000, nanoOfSecond: 123456789 },
        thread: 'main',
        level: 'WARN',
        loggerName: 'com.zaxxer.hikari.pool.PoolBase',
        message: 'HikariPool-1 - Failed to validate connection c (closed)',
        thrown: { name: 'java.sql.SQLException', message: 'closed', extendedStackTrace: [{ class: 'com.x.Y', method: 'm', file: 'Y.java', line: 3 }] },
      }),
    );
    expect(v).toMatchObject({ line: { epochMs: 1700000000123, level: LEVELS.WARN, logger: 'com.zaxxer.hikari.pool.PoolBase' } });
    expect(v && 'line' in v && v.line.stack).toEqual(['java.sql.SQLException: closed', '\tat com.x.Y.m(Y.java:3)']);
  });

  it('recovers a line whose inner quotes were not escaped (hikari/12 line 5)', () => {
    const v = parseJsonLine(fixtureLines('corpus/hikari/12-json-config-dump.log')[4]!);
    expect(v).toMatchObject({ line: { message: 'poolName........................"HikariPool-1"', thread: 'main', logger: 'com.zaxxer.hikari.HikariConfig', level: LEVELS.DEBUG } });
    expect(v && 'line' in v && v.line.recovered).toMatch(/^invalid JSON/);
  });

  it('reports a cut line without a message as skipped, with the reason', () => {
    const v = parseJsonLine(fixtureLines('corpus/hikari/12-json-config-dump.log')[5]!);
    expect(v).toEqual({ skip: expect.stringMatching(/^invalid JSON \(.+\); no message could be recovered$/) });
  });

  it.each([
    ['pino numeric level', '{"level":30,"time":1690000000000,"pid":1,"hostname":"h","msg":"hello"}'],
    ['pino string level', '{"level":"info","time":1745532517537,"pid":17,"hostname":"7d82d3f28bad","msg":"Charge request received."}'],
    ['an arbitrary JSON object', '{"a":1,"b":[2,3]}'],
    ['a JSON array', '[1,2]'],
    ['broken pino', '{"level":30,"msg":"unterminated'],
  ])('refuses %s', (_name, line) => {
    expect(parseJsonLine(line)).toBeNull();
  });
});
