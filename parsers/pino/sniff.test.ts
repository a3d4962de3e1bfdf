/**
 * Sniffing: pino shapes score high; every other corpus folder (Spring Boot / Hikari logs including
 * the Java JSON layout, jstack, goroutine, jmap, lsof, ss, GC logs) and CSV score below the
 * registry's threshold. Through the real registry, every pino fixture goes to pino.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureLines } from '../../test/support/parse-fixture';
import { PARSERS } from '../index';
import { MIN_CONFIDENCE, sniffWith } from '../registry';
import { pinoParser } from './index';

function sniff(lines: string[], name = 'app.log') {
  return pinoParser.sniff({ name, lines });
}

function below(lines: string[], name?: string): boolean {
  const r = sniff(lines, name);
  return r === null || r.confidence < MIN_CONFIDENCE;
}

const OTHER_FOLDERS = readdirSync(FIXTURES + 'corpus').filter((d) => d !== 'pino' && statSync(FIXTURES + 'corpus/' + d).isDirectory());

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(FIXTURES + dir)) {
    const rel = `${dir}/${n}`;
    if (statSync(FIXTURES + rel).isDirectory()) out.push(...filesUnder(rel));
    else if (n !== 'PROVENANCE.md') out.push(rel);
  }
  return out;
}

describe('sniff: pino shapes', () => {
  it('is sure about pino NDJSON', () => {
    const r = sniff(['{"level":30,"time":1531171074631,"pid":657,"hostname":"h","msg":"hello world"}', '{"level":50,"time":1531171074632,"pid":657,"hostname":"h","msg":"x"}']);
    expect(r).toMatchObject({ kind: 'pino' });
    expect(r!.confidence).toBeGreaterThan(0.9);
    expect(r!.reason).toBe('2 pino JSON lines');
  });

  it('is sure about pino-pretty, colours and process columns included', () => {
    for (const lines of [
      ['[1636045080852] INFO (23140 on h): request completed', '    responseTime: 6'],
      ['[12:00:00.000] \x1b[32mINFO\x1b[39m (7): \x1b[36mready\x1b[39m'],
      ['0|api  | [12:00:00.000] WARN (7 on api-0): slow', '0|api  |     ms: 1800'],
      ['api-1  | {"level":30,"time":1700000000000,"pid":1,"hostname":"c","msg":"x"}'],
    ]) {
      expect(sniff(lines)!.confidence, lines[0]).toBeGreaterThan(0.9);
    }
  });

  it('counts a truncated pino line or a bare Node error object, with less certainty', () => {
    expect(sniff(['{"level":50,"time":1595051438703,"pid":5576,"hostname":"D","reqId":10,"err":{"type":"FastifyError","mes'])!.confidence).toBe(0.6);
    expect(sniff(['{"type":"Error","message":"read ECONNRESET","stack":"Error: read ECONNRESET\\n    at TCP.onread (net.js:622:25)"}'])!.confidence).toBe(0.6);
  });

  it('holds its ground against a few stray lines', () => {
    const lines = ['> app@1.0.0 start', '> node server.js', '{"level":30,"time":1,"pid":1,"hostname":"h","msg":"a"}', '{"level":30,"time":2,"pid":1,"hostname":"h","msg":"b"}'];
    expect(sniff(lines)!.confidence).toBeGreaterThan(0.7);
  });
});

describe('sniff: not pino', () => {
  it.each(OTHER_FOLDERS)('stays below the threshold for every file in corpus/%s', (folder) => {
    const files = filesUnder('corpus/' + folder);
    expect(files.length).toBeGreaterThan(0);
    for (const rel of files) expect(below(fixtureLines(rel), rel), rel).toBe(true);
  });

  it('refuses the Java JSON layout (hikari/12) outright', () => {
    const r = sniff(fixtureLines('corpus/hikari/12-json-config-dump.log'));
    expect(r === null || r.confidence <= 0.05).toBe(true);
  });

  it.each([
    ['winston JSON (level label, message, timestamp; no msg, no time)', ['{"level":"info","message":"listening","timestamp":"2024-05-01T10:00:00.000Z"}']],
    ['logstash JSON', ['{"@timestamp":"2024-05-01T10:00:00.000Z","level":"INFO","logger_name":"c.e.App","thread_name":"main","message":"Started"}']],
    ['generic JSON', ['{"id":1,"name":"a"}', '{"id":2,"name":"b"}']],
    ['CSV', ['time,series,value', '2026-11-22T02:55:30Z,cpu,0.93', '2026-11-22T02:55:40Z,cpu,0.95']],
    ['uvicorn', ['INFO:     Started server process [1]', 'INFO:     Waiting for application startup.', 'INFO:     Uvicorn running on http://0.0.0.0:8000']],
    ['Python logging with bracketed times', ['[2024-05-01 10:00:00,123] INFO: starting', '[2024-05-01 10:00:01,456] ERROR: failed']],
    // tstack/lnav test/logfile_docker_compose.0 (BSD-2-Clause), copied from shared/corpus/misc: docker compose, not pino.
    [
      'docker compose output of flask and redis (ANSI)',
      [
        '\x1b[2Kweb-1  |  * Serving Flask app \'app.py\'',
        '\x1b[2Kweb-1  | \x1b[31m\x1b[1mWARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.\x1b[0m',
        '\x1b[2Kweb-1  | \x1b[33mPress CTRL+C to quit\x1b[0m',
        '\x1b[2Kredis-1  | 1:C 25 Apr 2024 05:32:35.018 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
        '\x1b[2Kredis-1  | 1:M 25 Apr 2024 05:32:35.022 * Ready to accept connections tcp',
      ],
    ],
    [
      'a Node crash without any pino line',
      ['events.js:174', "      throw er; // Unhandled 'error' event", '      ^', '', 'Error: read ECONNRESET', '    at TCP.onStreamRead (internal/stream_base_commons.js:111:27)'],
    ],
  ])('%s', (_name, lines) => {
    expect(below(lines)).toBe(true);
  });

  const LARGE = '/work/shared/corpus/large';
  it.skipIf(!existsSync(LARGE))('stays below the threshold for the shared large corpus (when present)', () => {
    for (const n of readdirSync(LARGE)) {
      const text = readHead(`${LARGE}/${n}`);
      expect(below(text, n), n).toBe(true);
    }
  });
});

function readHead(path: string): string[] {
  // The first 200 lines, as the engine hands them to sniffers.
  const lines: string[] = [];
  const buf = readFileSync(path);
  let start = 0;
  while (lines.length < 200 && start < buf.length) {
    let nl = buf.indexOf(10, start);
    if (nl === -1) nl = buf.length;
    lines.push(buf.toString('utf8', start, nl).replace(/\r$/, ''));
    start = nl + 1;
  }
  return lines;
}

describe('through the registry with every parser', () => {
  it.each(readdirSync(FIXTURES + 'corpus/pino').filter((n) => n !== 'PROVENANCE.md'))('%s goes to pino', (n) => {
    const rel = 'corpus/pino/' + n;
    const v = sniffWith(PARSERS, { name: rel, lines: fixtureLines(rel) });
    expect(v.result.kind).toBe('pino');
  });
});
