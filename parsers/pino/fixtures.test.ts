/**
 * Every real pino artifact in test/fixtures/corpus/pino/ (see its PROVENANCE.md): recognised as
 * pino, parsed without an exception, every line accounted for, and the typed fields asserted.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureLines, parseFixture, utcTime } from '../../test/support/parse-fixture';
import type { LogRecord, SkippedLine } from '../types';
import type { PinoFields } from './fields';
import { pinoParser } from './index';
import { accountingProblems, spansInOrder } from './test-support';

const DIR = 'corpus/pino/';
const REF_DAY = Date.UTC(2026, 10, 22);

function f(r: LogRecord | undefined): PinoFields {
  return (r?.fields ?? {}) as PinoFields;
}

interface Case {
  file: string;
  records: number;
  /** Reasons of the skipped lines, in order. */
  skipped: RegExp[];
  check?: (r: LogRecord[], s: SkippedLine[]) => void;
}

const CASES: Case[] = [
  {
    file: 'issue-fastify-2253-json-then-node-crash.txt',
    records: 2,
    skipped: [],
    check: ([req, crash]) => {
      expect(req).toMatchObject({ ts: 1588536784439, tq: 'explicit', level: 30, pid: 1, kind: 'http.request', line: 1, endLine: 1 });
      expect(f(req)).toMatchObject({ hostname: '90b57fa33690', reqId: 983, statusCode: 302 });
      expect(f(req).responseTimeMs).toBeCloseTo(0.1992, 4);
      expect(crash).toMatchObject({ kind: 'node.crash', level: 60, ts: null, tq: 'none', line: 2, endLine: 11, message: 'Error: read ECONNRESET' });
      expect(f(crash).exception).toEqual({ type: 'Error', message: 'read ECONNRESET' });
      expect(f(crash).err).toMatchObject({ type: 'Error', message: 'read ECONNRESET', code: 'ECONNRESET', syscall: 'read' });
      expect(f(crash).err!.stack!.split('\n')).toHaveLength(5); // error line + 1 frame + 3 frames of "Emitted 'error' event at:"
      expect(f(crash).afterTs).toBe(1588536784439);
      expect(crash!.continuation).toHaveLength(9);
    },
  },
  {
    file: 'issue-fastify-2510-pretty-redacted-truncated.txt',
    records: 1,
    skipped: [],
    check: ([r]) => {
      expect(r).toMatchObject({ ts: 1598047311897, tq: 'explicit', level: 50, pid: 50323, kind: 'node.error', line: 1, endLine: 9 });
      expect(r!.message).toBe("Promise may not be fulfilled with 'undefined' when statusCode is not 204");
      expect(f(r)).toMatchObject({ hostname: '<PRIV>-MacBook-Pro.local', reqId: 2 });
      expect(f(r).err!.type).toBe('FastifyError');
      // The paste is cut inside the stack: the block is salvaged, the stack keeps its 3 lines.
      expect(f(r).err!.stack!.split('\n')).toEqual([
        "FastifyError: Promise may not be fulfilled with 'undefined' when statusCode is not 204",
        '    at /<PRIV>/node_modules/fastify/lib/wrapThenable.js:30:30',
        '    at processTicksAndRejections (internal/proces',
      ]);
    },
  },
  {
    file: 'issue-fastify-help-48-json-split-by-newline.txt',
    records: 0,
    // The hard newline split a string, but `C:\source` lost its escaping: the joined text is still invalid.
    skipped: [/^invalid JSON at column 464: the line ends inside the object \(truncated\); the next line does not complete it$/, /^rest of the broken JSON line 1/],
  },
  {
    file: 'issue-fastify-nextjs-47-comment-bracket-prefix-truncated.txt',
    records: 0,
    // `] ` is read past (column counts from the start of the line); the object is cut at 200 bytes.
    skipped: [/^invalid JSON at column 201: the line ends inside the object \(truncated\)$/],
  },
  {
    file: 'issue-fastify-nextjs-47-pino5-err-v1.jsonl',
    records: 1,
    skipped: [],
    check: ([r]) => {
      expect(r).toMatchObject({ ts: 1545106522717, level: 50, pid: 13839, kind: 'node.error' });
      expect(f(r)).toMatchObject({ hostname: 'DESKTOP-SAF118C', reqId: 2, exception: { type: 'Error', message: "Promise may not be fulfilled with 'undefined' when statusCode is not 204" } });
      expect(f(r).err!.stack!.split('\n')).toHaveLength(3);
      expect(f(r).extra).toBeUndefined(); // `v: 1` is pino's own
      expect(r!.continuation[1]).toBe('    at /mnt/c/sources/fastify/node_modules/fastify/lib/wrapThenable.js:18:34');
    },
  },
  {
    file: 'issue-fastify-ws-8-err-object-only.json',
    records: 1,
    skipped: [],
    check: ([r]) => {
      expect(r).toMatchObject({ kind: 'node.error', ts: null, tq: 'none', level: null, message: 'read ECONNRESET' });
      expect(f(r).err).toEqual({
        type: 'Error',
        message: 'read ECONNRESET',
        code: 'ECONNRESET',
        errno: 'ECONNRESET',
        syscall: 'read',
        stack: 'Error: read ECONNRESET\n    at TCP.onread (net.js:622:25)',
      });
    },
  },
  {
    file: 'issue-graphql-helix-223-fastify-json.jsonl',
    records: 3,
    skipped: [],
    check: ([done, incoming, err]) => {
      // Line 1 lost its `{` in the paste: recovered, and marked as such.
      expect(done).toMatchObject({ ts: 1639778259855, level: 30, pid: 57154, kind: 'http.request' });
      expect(f(done)).toMatchObject({ reqId: 'req-2', statusCode: 200, repaired: 'missing-open-brace' });
      expect(f(done).responseTimeMs).toBeCloseTo(1.927, 3);
      expect(incoming).toMatchObject({ kind: 'http.incoming', ts: 1639778260754 });
      expect(f(incoming)).toMatchObject({ reqId: 'req-3', method: 'POST', url: '/graphql', remoteAddress: '127.0.0.1', remotePort: 45644, host: 'localhost:8080' });
      expect(err).toMatchObject({ kind: 'node.error', level: 50, ts: 1639778260755 });
      expect(f(err).err).toMatchObject({ type: 'FastifyError', code: 'FST_ERR_PROMISE_NOT_FULFILLED' });
      expect(f(err).reqId).toBe('req-3');
    },
  },
  {
    file: 'issue-hapi-pino-145-pretty-econnreset.txt',
    records: 2,
    skipped: [],
    check: ([done, err]) => {
      expect(done).toMatchObject({ ts: 1636045080852, tq: 'explicit', level: 30, pid: 23140, kind: 'http.request', line: 1, endLine: 22, message: 'request completed' });
      expect(f(done)).toMatchObject({
        hostname: 'MacBook-Pro-de-Aaron.local',
        reqId: '1636045080846:MacBook-Pro-de-Aaron.local:23140:kvl6zrp4:12905',
        method: 'GET',
        url: '/items',
        statusCode: 200,
        responseTimeMs: 6,
        remoteAddress: '127.0.0.1',
        remotePort: 56007,
        host: 'localhost:3000',
      });
      expect(err).toMatchObject({ ts: 1636045080853, level: 50, kind: 'node.error', line: 23, endLine: 34, message: 'read ECONNRESET' });
      expect(f(err).err).toEqual({
        type: 'Error',
        message: 'read ECONNRESET',
        code: 'ECONNRESET',
        errno: -54,
        syscall: 'read',
        stack:
          'Error: read ECONNRESET\n    at TCP.onStreamRead (internal/stream_base_commons.js:209:20)\n    at TCP.callbackTrampoline (internal/async_hooks.js:130:17)',
      });
      expect(f(err).exception).toEqual({ type: 'Error', message: 'read ECONNRESET' });
    },
  },
  {
    file: 'issue-hexlet-10-foreman-prefixed-pretty.txt',
    records: 1,
    skipped: [],
    check: ([r]) => {
      // `[]` prints no time: the foreman column's 4:29:48 PM is placed on the reference day.
      expect(r).toMatchObject({ ts: REF_DAY + (16 * 3600 + 29 * 60 + 48) * 1000, tq: 'assumed', level: 50, kind: 'node.error', line: 1, endLine: 12 });
      expect(f(r).reqId).toBe(2);
      expect(f(r).err).toMatchObject({ type: 'FastifyError', code: 'FST_ERR_PROMISE_NOT_FULLFILLED' });
      expect(f(r).err!.stack!.split('\n')[1]).toBe('    at /home/coraloreef/projects/fastify-nodejs-application/node_modules/fastify/lib/wrapThenable.js:34:30');
      expect(r!.continuation[0]).toBe('    reqId: 2'); // the column is stripped from folded lines
    },
  },
  {
    file: 'issue-nestjs-1534-pino5-err.jsonl',
    records: 1,
    skipped: [],
    check: ([r]) => {
      expect(r).toMatchObject({ ts: 1549552885868, level: 50, pid: 2740, kind: 'node.error' });
      expect(f(r)).toMatchObject({ hostname: 'host', reqId: 1 });
      expect(f(r).err!.type).toBe('Error');
    },
  },
  {
    file: 'issue-pino-http-116-pretty-truncated.txt',
    records: 4,
    skipped: [],
    check: (rs) => {
      expect(rs.map((r) => r.message)).toEqual(['Server ready', 'Received request', 'Response sent', 'request completed']);
      expect(rs.map((r) => r.level)).toEqual([30, 30, 30, 30]);
      expect(rs.map((r) => r.ts)).toEqual([1604486775436, 1604486778910, 1604486788921, 1604486788922]);
      expect(rs[3]).toMatchObject({ kind: 'http.request', line: 4, endLine: 11, pid: 15596 });
      expect(f(rs[3]).statusCode).toBe(200); // salvaged from a block cut inside the etag header
    },
  },
  {
    file: 'linz-topo-workflows-stac-validate-readme.jsonl',
    records: 6,
    skipped: [],
    check: (rs) => {
      expect(rs.map((r) => r.level)).toEqual([30, 50, 50, 30, 30, 30]);
      expect(rs.map((r) => r.kind)).toEqual([null, null, null, null, null, null]);
      expect(rs[0]).toMatchObject({ ts: 1668997179522, pid: 16, message: 'Validation:Start' });
      // `message` next to `msg` is data, not the message: it stays in extra for search.
      expect(rs[1]!.message).toBe('Validation:Failed');
      expect(f(rs[1]).extra).toMatchObject({ message: 'must be string', instancePath: '/properties/mission', params: '{"type":"string"}' });
      expect(f(rs[2]).extra).toEqual({ id: '01GJBZQRM6D38WZWBDA91EJ8WR', failures: 2 });
      expect(f(rs[3]).hostname).toBe('stac-validate-v1.0.0-41-7mwdg-stac-validate-1503824974');
    },
  },
  {
    file: 'lnav-logfile_pino.0.jsonl',
    records: 1,
    skipped: [],
    check: ([r]) => {
      expect(r).toMatchObject({ ts: 1745532517537, level: 30, pid: 17, message: 'Charge request received.', kind: null });
      expect(f(r).extra).toMatchObject({ trace_id: 'c759f29f5f1e2162be56f32dd1e77fce', 'service.name': 'payment' });
      expect(String(f(r).extra!.request)).toMatch(/^\{"amount":\{"currencyCode":"USD"/);
    },
  },
  {
    file: 'access-logs-aborted-requests-pino-http-hapi-pino.jsonl',
    records: 3,
    skipped: [],
    check: ([errored, hapi500, hapi200]) => {
      // pino-http 7 logs its own `failed with status code 500` error; the record stays an http record.
      expect(errored).toMatchObject({ ts: 1652973706067, level: 30, pid: 4030, kind: 'http.request', message: 'request errored' });
      expect(f(errored)).toMatchObject({
        reqId: 2,
        method: 'GET',
        url: '/immediate',
        statusCode: 500,
        responseTimeMs: 4,
        remoteAddress: '::ffff:127.0.0.1',
        remotePort: 43018,
        host: '127.0.0.1:4000',
        exception: { type: 'Error', message: 'failed with status code 500' },
      });
      expect(f(errored).err!.stack!.split('\n')).toHaveLength(8);
      expect(f(errored).extra).toBeUndefined();
      expect(hapi500).toMatchObject({ kind: 'http.request', message: '[response] get /immediate 500 (2ms)' });
      expect(f(hapi500)).toMatchObject({ method: 'GET', statusCode: 500, responseTimeMs: 2, remotePort: 42740 });
      expect(f(hapi200)).toMatchObject({ url: '/delayed', statusCode: 200, responseTimeMs: 6 });
    },
  },
];

describe('pino corpus fixtures', () => {
  it('the table covers every file in the folder', () => {
    const files = readdirSync(FIXTURES + DIR).filter((n) => n !== 'PROVENANCE.md').sort();
    expect(CASES.map((c) => c.file).sort()).toEqual(files);
  });

  describe.each(CASES.map((c) => [c.file, c] as const))('%s', (file, c) => {
    const rel = DIR + file;

    it('is recognised as pino', () => {
      const s = pinoParser.sniff({ name: rel, lines: fixtureLines(rel) });
      expect(s?.kind).toBe('pino');
      expect(s!.confidence).toBeGreaterThanOrEqual(0.5);
    });

    it('parses into typed records, every line accounted for', () => {
      const res = parseFixture<LogRecord>(pinoParser, rel, utcTime(REF_DAY));
      expect(res.records).toHaveLength(c.records);
      expect(res.skipped.map((s) => s.reason)).toHaveLength(c.skipped.length);
      c.skipped.forEach((re, i) => expect(res.skipped[i]!.reason).toMatch(re));
      expect(accountingProblems(res.records, res.skipped, res.lineCount)).toEqual([]);
      expect(spansInOrder(res.records)).toBe(true);
      for (const r of res.records) expect(r.type).toBe('log');
      c.check?.(res.records, res.skipped);
    });
  });
});
