/** Real Java logs without HikariCP lines (test/fixtures/corpus/javalog, see PROVENANCE.md). */
import { describe, expect, it } from 'vitest';
import { fixtureLines, parseFixture } from '../../test/support/parse-fixture';
import { LEVELS, type LogRecord } from '../types';
import { javaLogParser } from './index';

describe('Kafka broker server.log (log4j `[%d] %p %m (%c)`)', () => {
  const rel = 'corpus/javalog/kafka0-server.log.2016-12-19-20';
  const { records, skipped, lineCount } = parseFixture<LogRecord>(javaLogParser, rel);

  it('is sniffed as java-log', () => {
    expect(javaLogParser.sniff({ name: rel, lines: fixtureLines(rel) })).toMatchObject({ kind: 'java-log' });
  });

  it('has one record per bracketed header and folds the stack trace', () => {
    expect(lineCount).toBe(721);
    expect(records).toHaveLength(706);
    expect(skipped).toEqual([]);
    const r = records[0]!;
    expect(r).toMatchObject({ line: 1, endLine: 16, level: LEVELS.WARN, thread: 'ReplicaFetcherThread-0-2', logger: 'kafka.server.ReplicaFetcherThread' });
    expect(new Date(r.ts!).toISOString()).toBe('2016-12-19T20:39:48.918Z');
    expect(r.continuation).toHaveLength(15);
    expect(r.fields.exception).toEqual({ type: 'java.io.IOException', message: 'Connection to 2 was disconnected before the response was read' });
    expect(records.every((x) => x.ts !== null && x.logger !== undefined && x.kind === null)).toBe(true);
    expect(records.filter((x) => x.level === LEVELS.ERROR)).toHaveLength(5);
  });
});
