import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureLines } from '../../test/support/parse-fixture';
import { PARSERS } from '../index';
import { MIN_CONFIDENCE, sniffWith } from '../registry';
import { CARRIER_JDK21, JCMD_TEXT_JDK21, POOL_EXHAUSTED_JDK17, THREADINFO_CYCLE_JDK17 } from './hand-written-samples';
import { jstackParser } from './index';

const CORPUS = FIXTURES + 'corpus/';

function sniff(rel: string) {
  return jstackParser.sniff({ name: rel.split('/').pop()!, lines: fixtureLines(rel) });
}

function filesOf(dir: string): string[] {
  return readdirSync(CORPUS + dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesOf(`${dir}/${e.name}`) : e.name.endsWith('.md') ? [] : [`${dir}/${e.name}`],
  );
}

describe('jstack sniff', () => {
  const jstackFiles = filesOf('jstack');

  it('finds all 18 jstack fixtures', () => expect(jstackFiles).toHaveLength(18));

  for (const f of jstackFiles) {
    it(`recognises ${f}`, () => {
      const r = sniff(`corpus/${f}`);
      expect(r?.kind).toBe('jstack');
      expect(r!.confidence).toBeGreaterThanOrEqual(0.7);
    });
  }

  it('is surest when the banner is there, less sure for fragments', () => {
    expect(sniff('corpus/jstack/tda-urlthread.log')!.confidence).toBeGreaterThan(0.9);
    expect(sniff('corpus/jstack/fragments/issue-HikariCP-714-getconnection-waiting.txt')!.confidence).toBeLessThanOrEqual(0.9);
    expect(sniff('corpus/jstack/tda-urlthread.log')!.reason).toBe(
      '"Full thread dump" line; 19 thread headers, 19 state lines, 19 lock lines, 122 frames in 181 lines', // head: first 200 lines
    );
  });

  it('recognises the hand-written ThreadInfo, carrier, jcmd text and pool samples', () => {
    for (const text of [THREADINFO_CYCLE_JDK17, CARRIER_JDK21, JCMD_TEXT_JDK21, POOL_EXHAUSTED_JDK17]) {
      expect(jstackParser.sniff({ name: 'x.txt', lines: text.split('\n') })!.confidence).toBeGreaterThanOrEqual(0.7);
    }
  });

  // Java logs with stack traces (`\tat …`) and goroutine dumps must not look like thread dumps.
  const others = readdirSync(CORPUS).filter((d) => d !== 'jstack').flatMap((d) => filesOf(d));

  it('has other-kind fixtures to check, including the HikariCP logs and goroutine dumps', () => {
    expect(others.filter((f) => f.startsWith('hikari/')).length).toBeGreaterThanOrEqual(28);
    expect(others.filter((f) => f.startsWith('goroutine/')).length).toBeGreaterThanOrEqual(9);
  });

  for (const f of others) {
    it(`does not claim ${f}`, () => {
      const r = sniff(`corpus/${f}`);
      expect(r === null || r.confidence < MIN_CONFIDENCE).toBe(true);
    });
  }

  it('a Java exception stack trace alone is not a thread dump', () => {
    const lines = [
      '2026-11-22 16:00:05.123 ERROR 1 --- [nio-8080-exec-4] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() failed',
      'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.',
      '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
      '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:197)',
      '\t... 68 common frames omitted',
    ];
    expect(jstackParser.sniff({ name: 'app.log', lines })).toBeNull();
  });

  it('with every parser registered, the registry picks jstack for exactly the jstack fixtures', () => {
    const wrong: string[] = [];
    for (const f of [...jstackFiles, ...others]) {
      const verdict = sniffWith(PARSERS, { name: f.split('/').pop()!, lines: fixtureLines(`corpus/${f}`) }).result.kind;
      if ((verdict === 'jstack') !== f.startsWith('jstack/')) wrong.push(`${f}: ${verdict}`);
    }
    expect(wrong).toEqual([]);
  });
});
