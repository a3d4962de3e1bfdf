/**
 * Sniffing, for both generic parsers: they claim their own files, stay below the registry's
 * threshold on every fixture of the specific parsers' folders, and through the real registry
 * (every parser registered) each file still goes to its own parser.
 */
import { readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureLines } from '../../test/support/parse-fixture';
import { PARSERS } from '../index';
import { jsonLogParser } from '../jsonlog';
import { MIN_CONFIDENCE, sniffWith } from '../registry';
import { textLogParser } from './index';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(FIXTURES + dir)) {
    const rel = `${dir}/${n}`;
    if (statSync(FIXTURES + rel).isDirectory()) out.push(...filesUnder(rel));
    else if (n !== 'PROVENANCE.md' && !/\.(?:sh|go|java|md|mjs|py)$/.test(n)) out.push(rel);
  }
  return out;
}

const input = (rel: string) => ({ name: rel.split('/').pop()!, lines: fixtureLines(rel) });
const verdict = (rel: string) => sniffWith(PARSERS, input(rel)).result.kind;

const FOREIGN = ['hikari', 'pino', 'jstack', 'goroutine', 'lsof', 'ss', 'heap', 'gc'];

describe('neither generic sniffer claims the specific parsers\' fixtures', () => {
  it.each(FOREIGN)('corpus/%s', (folder) => {
    const files = filesUnder('corpus/' + folder);
    expect(files.length).toBeGreaterThan(0);
    for (const rel of files) {
      for (const p of [textLogParser, jsonLogParser]) {
        const r = p.sniff(input(rel));
        expect(r === null || r.confidence < MIN_CONFIDENCE, `${p.kind} on ${rel}: ${r?.confidence} ${r?.reason}`).toBe(true);
      }
    }
  });

  it('refuses the Java JSON layout (hikari/12) outright', () => {
    expect(jsonLogParser.sniff(input('corpus/hikari/12-json-config-dump.log'))).toMatchObject({ confidence: 0.05 });
  });
});

describe('the registry with every parser registered', () => {
  it('sends every fixture of the specific folders to a parser other than the generic ones', () => {
    const wrong = FOREIGN.flatMap((f) => filesUnder('corpus/' + f)).map((rel) => [rel, verdict(rel)]).filter(([, k]) => k === 'text-log' || k === 'json-log');
    expect(wrong).toEqual([]);
  });

  it.each([
    ['corpus/large/loghub-Apache_2k.log', 'text-log'],
    ['corpus/large/loghub-HDFS_2k.log', 'text-log'],
    ['corpus/large/loghub-Linux_2k.log', 'text-log'],
    ['corpus/large/loghub-Android_2k.log', 'text-log'],
    ['corpus/large/elastic-examples-apache_logs-head2000.log', 'text-log'],
    ['corpus/misc/lnav-logfile_docker_compose.0-ansi.log', 'text-log'],
    // log4j: the Java parser's, text-log stays below it.
    ['corpus/large/loghub-Spark_2k.log', 'java-log'],
    ['../../parsers/textlog/__fixtures__/go-stdlog.log', 'text-log'],
    ['../../parsers/textlog/__fixtures__/go-stdlog-cri.log', 'text-log'],
    ['../../parsers/textlog/__fixtures__/go-logrus-text.log', 'text-log'],
    ['../../parsers/textlog/__fixtures__/go-slog-text.log', 'text-log'],
    ['../../parsers/textlog/__fixtures__/go-zap-console.log', 'text-log'],
    ['../../parsers/textlog/__fixtures__/pg15-default-prefix.log', 'text-log'],
    ['../../parsers/textlog/__fixtures__/pg15-debian-prefix-berlin.log', 'text-log'],
    ['../../parsers/jsonlog/__fixtures__/go-zap-json.log', 'json-log'],
    ['../../parsers/jsonlog/__fixtures__/go-logrus-json.log', 'json-log'],
    ['../../parsers/jsonlog/__fixtures__/go-slog-json.log', 'json-log'],
    ['../../parsers/jsonlog/__fixtures__/go-zap-json-docker.log', 'json-log'],
    ['../../parsers/jsonlog/__fixtures__/go-stdlog-docker.log', 'json-log'],
  ])('%s → %s', (rel, kind) => {
    expect(verdict(rel)).toBe(kind);
  });

  it('GC logs go to the GC parser, not text-log', () => {
    for (const rel of filesUnder('../../parsers/gclog/__fixtures__')) expect(verdict(rel), rel).toBe('gc-log');
  });

  it('pino-shaped and Bunyan lines stay pino\'s; winston and ECS lines are json-log\'s', () => {
    const lines = (l: string[]) => ({ name: 'app.log', lines: l });
    expect(sniffWith(PARSERS, lines(['{"level":30,"time":1700000000000,"pid":1,"hostname":"h","msg":"a"}'])).result.kind).toBe('pino');
    expect(sniffWith(PARSERS, lines(['{"name":"api","hostname":"h","pid":1,"level":30,"msg":"hi","time":"2026-11-22T02:55:30.000Z","v":0}'])).result.kind).toBe('pino');
    expect(sniffWith(PARSERS, lines(['{"level":"info","message":"listening","timestamp":"2024-05-01T10:00:00.000Z"}'])).result.kind).toBe('json-log');
    expect(sniffWith(PARSERS, lines(['{"@timestamp":"2024-05-01T10:00:00.000Z","log.level":"info","message":"up","ecs.version":"1.6.0"}'])).result.kind).toBe('json-log');
  });

  it('text-log is not sure of a file with few stamped lines', () => {
    const r = textLogParser.sniff({ name: 'notes.txt', lines: ['Release notes', 'We fixed things.', '2026-11-22 02:55:30 deployed', 'Thanks all', 'More prose here'] });
    expect(r === null || r.confidence < MIN_CONFIDENCE).toBe(true);
    expect(textLogParser.sniff({ name: 'm.csv', lines: ['time,cpu', '2026-11-22T02:55:30Z,0.93', '2026-11-22T02:55:40Z,0.95', '2026-11-22T02:55:50Z,0.97'] })?.confidence ?? 0).toBeLessThan(MIN_CONFIDENCE);
  });
});
