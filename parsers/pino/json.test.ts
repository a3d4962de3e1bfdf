/**
 * pino NDJSON shapes beyond the corpus, written the way the libraries write them:
 * - pino (docs/api.md, lib/tools.js): `{"level":30,"time":<epoch ms>,"pid":…,"hostname":…,"msg":…}`;
 *   pino ≤ 6 added `"v":1` and put `msg` before `pid`; `stdTimeFunctions.isoTime` prints an ISO
 *   string, `epochTime`/`unixTime` seconds; `formatters.level` can print the label; `messageKey`
 *   renames `msg`; `errorKey` renames `err`.
 * - pino-std-serializers `err`: `{type, message, stack, …own props}` (Node system errors carry
 *   errno/code/syscall/address/port); pino ≤ 6 spread `logger.error(err)` onto the line itself.
 * - pino-http (src/logger.js): `request completed` / `request aborted` with `res` and
 *   `responseTime`, `request errored` with `err` (`failed with status code 500` for 5xx), `req` =
 *   `{id, method, url, query, params, headers, remoteAddress, remotePort}`.
 * - fastify (lib/logger.js, lib/route.js): `incoming request` with `req`, then `request completed`
 *   with only `reqId`, `res.statusCode` and a float `responseTime`.
 * Host names, ids and times below are made up; the shapes are the libraries'.
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../test/support/parse-fixture';
import type { LogRecord, TimeContext } from '../types';
import type { PinoFields } from './fields';
import { pinoParser } from './index';
import { accountingProblems } from './test-support';

function parse(text: string, time?: TimeContext) {
  const res = parseText<LogRecord>(pinoParser, text.endsWith('\n') ? text : text + '\n', 'app.log', time);
  expect(accountingProblems(res.records, res.skipped, res.lineCount)).toEqual([]);
  return res;
}

function one(line: string, time?: TimeContext): LogRecord {
  const res = parse(line, time);
  expect(res.skipped).toEqual([]);
  expect(res.records).toHaveLength(1);
  return res.records[0]!;
}

function f(r: LogRecord): PinoFields {
  return r.fields as PinoFields;
}

/** A zone 9 hours east of UTC (Seoul), to tell assumed from explicit times apart. */
const KST: TimeContext = { localToUtc: (y, mo, d, h, mi, s, ms) => Date.UTC(y, mo - 1, d, h, mi, s, ms) - 9 * 3_600_000, referenceDay: null };

describe('pino core fields', () => {
  it('reads the default pino ≥ 7 line', () => {
    const r = one('{"level":30,"time":1531171074631,"pid":657,"hostname":"Davids-MBP-3.fritz.box","msg":"hello world"}');
    expect(r).toMatchObject({ ts: 1531171074631, tq: 'explicit', level: 30, pid: 657, message: 'hello world', kind: null, continuation: [] });
    expect(r.fields).toEqual({ hostname: 'Davids-MBP-3.fritz.box' });
  });

  it('reads pino ≤ 6 lines (msg before pid, v:1) and the logger name', () => {
    const r = one('{"level":40,"time":1531171082399,"msg":"pool almost full","pid":657,"hostname":"api-1","name":"db","v":1}');
    expect(r).toMatchObject({ level: 40, logger: 'db', message: 'pool almost full', pid: 657 });
    expect(f(r).extra).toBeUndefined();
  });

  it.each([
    ['epoch ms', '1700000000123', 1700000000123, 'explicit'],
    ['epochTime / unixTime seconds', '1700000000', 1700000000000, 'explicit'],
    ['isoTime', '"2023-11-14T22:13:20.123Z"', 1700000000123, 'explicit'],
    ['ISO with offset', '"2023-11-15T07:13:20.123+09:00"', 1700000000123, 'explicit'],
    ['ISO without zone: the assumed zone applies', '"2023-11-15T07:13:20.123"', 1700000000123, 'assumed'],
    ['epoch ms as a string', '"1700000000123"', 1700000000123, 'explicit'],
  ])('time as %s', (_name, value, ts, tq) => {
    const r = one(`{"level":30,"time":${value},"pid":1,"hostname":"h","msg":"x"}`, KST);
    expect(r.ts).toBe(ts);
    expect(r.tq).toBe(tq);
  });

  it('has no time when pino was told timestamp: false', () => {
    const r = one('{"level":30,"pid":1,"hostname":"h","msg":"no clock"}');
    expect(r).toMatchObject({ ts: null, tq: 'none' });
  });

  it.each([
    ['"trace"', 10],
    ['"debug"', 20],
    ['"info"', 30],
    ['"WARN"', 40],
    ['"error"', 50],
    ['"fatal"', 60],
    ['35', 35],
  ])('level %s → %d', (level, n) => {
    expect(one(`{"level":${level},"time":1700000000000,"msg":"x"}`).level).toBe(n);
  });

  it('keeps a custom level label it cannot map', () => {
    const r = one('{"level":"notice","time":1700000000000,"pid":1,"msg":"x"}');
    expect(r.level).toBeNull();
    expect(f(r).levelLabel).toBe('notice');
  });

  it('reads `message` when messageKey was changed', () => {
    const r = one('{"level":30,"time":1700000000000,"pid":1,"hostname":"h","message":"hello from messageKey"}');
    expect(r.message).toBe('hello from messageKey');
    expect(f(r).extra).toBeUndefined();
  });

  it('keeps other keys shallow and capped in extra', () => {
    const many = Array.from({ length: 60 }, (_, i) => `"k${i}":${i}`).join(',');
    const r = one(`{"level":30,"time":1700000000000,"msg":"x","nested":{"a":{"b":[1,2]}},"long":"${'y'.repeat(3000)}",${many}}`);
    const extra = f(r).extra!;
    expect(extra.nested).toBe('{"a":{"b":[1,2]}}');
    expect(String(extra.long)).toHaveLength(1001);
    expect(Object.keys(extra)).toHaveLength(40);
  });

  it('does not let a `__proto__` key reach the prototype', () => {
    const r = one('{"level":30,"time":1700000000000,"msg":"x","__proto__":{"polluted":true},"ok":1}');
    expect(f(r).extra).toEqual({ ok: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('errors', () => {
  it('types a Node system error from pino-std-serializers', () => {
    const r = one(
      '{"level":50,"time":1700000000000,"pid":4242,"hostname":"api-1","err":{"type":"Error","message":"connect ECONNREFUSED 10.0.3.7:5432",' +
        '"stack":"Error: connect ECONNREFUSED 10.0.3.7:5432\\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)",' +
        '"errno":-111,"code":"ECONNREFUSED","syscall":"connect","address":"10.0.3.7","port":5432},"msg":"db connect failed"}',
    );
    expect(r).toMatchObject({ kind: 'node.error', level: 50, message: 'db connect failed' });
    expect(f(r).err).toEqual({
      type: 'Error',
      message: 'connect ECONNREFUSED 10.0.3.7:5432',
      code: 'ECONNREFUSED',
      errno: -111,
      syscall: 'connect',
      address: '10.0.3.7',
      port: 5432,
      stack: 'Error: connect ECONNREFUSED 10.0.3.7:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
    });
    expect(f(r).exception).toEqual({ type: 'Error', message: 'connect ECONNREFUSED 10.0.3.7:5432' });
    // The stack is exposed as continuation lines, like a text log's.
    expect(r.continuation).toEqual(['Error: connect ECONNREFUSED 10.0.3.7:5432', '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)']);
  });

  it('reads EMFILE with its peer (the gateway incident)', () => {
    const r = one(
      '{"level":50,"time":1700000000000,"pid":4242,"hostname":"gw-1","err":{"type":"Error","message":"connect EMFILE 10.0.3.7:3306 - Local (undefined:undefined)",' +
        '"stack":"Error: connect EMFILE 10.0.3.7:3306 - Local (undefined:undefined)\\n    at internalConnect (node:net:1087:16)","errno":-24,"code":"EMFILE","syscall":"connect","address":"10.0.3.7","port":3306},"msg":"db connect failed"}',
    );
    expect(f(r).err).toMatchObject({ code: 'EMFILE', errno: -24, syscall: 'connect', address: '10.0.3.7', port: 3306 });
  });

  it('derives code, syscall and peer from the message when the error object lacks them', () => {
    const r = one('{"level":50,"time":1700000000000,"err":{"type":"Error","message":"connect ETIMEDOUT 52.1.2.3:443","stack":"Error: connect ETIMEDOUT 52.1.2.3:443"},"msg":"upstream"}');
    expect(f(r).err).toMatchObject({ code: 'ETIMEDOUT', syscall: 'connect', address: '52.1.2.3', port: 443 });
    const fsErr = one(`{"level":50,"time":1700000000000,"err":{"type":"Error","message":"EMFILE: too many open files, open '/srv/app/tmp/x'"},"msg":"write failed"}`);
    expect(f(fsErr).err).toMatchObject({ code: 'EMFILE', syscall: 'open' });
  });

  it('uses the error message when pino ≥ 7 logged logger.error(err) without msg', () => {
    const r = one('{"level":50,"time":1700000000000,"pid":1,"hostname":"h","err":{"type":"TypeError","message":"Cannot read properties of undefined (reading \'id\')","stack":"TypeError: Cannot read properties of undefined (reading \'id\')\\n    at handler (/app/src/routes.js:42:18)"}}');
    expect(r.message).toBe("Cannot read properties of undefined (reading 'id')");
    expect(f(r).exception!.type).toBe('TypeError');
  });

  it('reads pino ≤ 6 errors spread onto the line', () => {
    const r = one('{"level":50,"time":1700000000000,"msg":"read ECONNRESET","pid":7,"hostname":"h","type":"Error","stack":"Error: read ECONNRESET\\n    at TCP.onStreamRead (internal/stream_base_commons.js:111:27)","errno":"ECONNRESET","code":"ECONNRESET","syscall":"read","v":1}');
    expect(r.kind).toBe('node.error');
    expect(f(r).err).toMatchObject({ type: 'Error', message: 'read ECONNRESET', code: 'ECONNRESET', errno: 'ECONNRESET', syscall: 'read' });
    expect(f(r).extra).toBeUndefined();
  });

  it('reads the `error` key (errorKey option) and a string err', () => {
    expect(f(one('{"level":50,"time":1700000000000,"error":{"type":"Error","message":"boom","stack":"Error: boom"},"msg":"x"}')).err!.message).toBe('boom');
    expect(f(one('{"level":50,"time":1700000000000,"err":"plain text failure","msg":"x"}')).err).toEqual({ type: 'Error', message: 'plain text failure' });
  });

  it('keeps a socket hang up visible to text predicates', () => {
    const r = one('{"level":50,"time":1636045080900,"pid":23140,"hostname":"api-1","err":{"type":"Error","message":"socket hang up","stack":"Error: socket hang up"},"msg":"upstream call failed"}');
    expect(r.message + '\n' + r.continuation.join('\n')).toContain('socket hang up');
  });

  it('caps a stack at 20 lines', () => {
    const frames = Array.from({ length: 40 }, (_, i) => `    at f${i} (/app/x.js:${i}:1)`).join('\\n');
    const r = one(`{"level":50,"time":1700000000000,"err":{"type":"Error","message":"deep","stack":"Error: deep\\n${frames}"},"msg":"x"}`);
    expect(f(r).err!.stack!.split('\n')).toHaveLength(20);
  });
});

describe('pino-http and fastify request lines', () => {
  const headers = '"headers":{"host":"api.example.test","user-agent":"curl/8.4.0","accept":"*/*"}';

  it('types pino-http request completed', () => {
    const r = one(
      `{"level":30,"time":1700000000000,"pid":7,"hostname":"api","req":{"id":41,"method":"GET","url":"/orders?page=2","query":{"page":"2"},"params":{},${headers},"remoteAddress":"::ffff:10.0.0.9","remotePort":51234},` +
        '"res":{"statusCode":200,"headers":{"content-type":"application/json"}},"responseTime":12,"msg":"request completed"}',
    );
    expect(r).toMatchObject({ kind: 'http.request', level: 30 });
    expect(r.fields).toEqual({
      hostname: 'api',
      reqId: 41,
      method: 'GET',
      url: '/orders?page=2',
      statusCode: 200,
      responseTimeMs: 12,
      remoteAddress: '::ffff:10.0.0.9',
      remotePort: 51234,
      host: 'api.example.test',
    });
  });

  it('keeps the http kind for request errored and adds the error', () => {
    const r = one(
      `{"level":50,"time":1700000000000,"pid":7,"hostname":"api","req":{"id":42,"method":"POST","url":"/pay",${headers},"remoteAddress":"10.0.0.9","remotePort":51240},"res":{"statusCode":503,"headers":{}},` +
        '"err":{"type":"Error","message":"failed with status code 503","stack":"Error: failed with status code 503\\n    at onResFinished (/app/node_modules/pino-http/logger.js:115:39)"},"responseTime":30001,"msg":"request errored"}',
    );
    expect(r.kind).toBe('http.request');
    expect(f(r)).toMatchObject({ statusCode: 503, responseTimeMs: 30001, method: 'POST', exception: { type: 'Error', message: 'failed with status code 503' } });
  });

  it('types request aborted', () => {
    const r = one('{"level":30,"time":1700000000000,"req":{"id":43,"method":"GET","url":"/stream"},"res":{"statusCode":200},"responseTime":9000,"msg":"request aborted"}');
    expect(r.kind).toBe('http.request');
    expect(f(r).responseTimeMs).toBe(9000);
  });

  it('gives fastify request completed the method and URL of its incoming request', () => {
    const res = parse(
      [
        '{"level":30,"time":1700000000000,"pid":9,"hostname":"api","reqId":"req-7","req":{"method":"GET","url":"/health","hostname":"localhost:3000","remoteAddress":"127.0.0.1","remotePort":53436},"msg":"incoming request"}',
        '{"level":30,"time":1700000000001,"pid":9,"hostname":"api","reqId":"req-8","req":{"method":"PUT","url":"/items/3","hostname":"localhost:3000","remoteAddress":"127.0.0.1","remotePort":53438},"msg":"incoming request"}',
        '{"level":30,"time":1700000000004,"pid":9,"hostname":"api","reqId":"req-8","res":{"statusCode":204},"responseTime":3.1415,"msg":"request completed"}',
        '{"level":30,"time":1700000000005,"pid":9,"hostname":"api","reqId":"req-7","res":{"statusCode":200},"responseTime":4.5,"msg":"request completed"}',
        '{"level":30,"time":1700000000006,"pid":10,"hostname":"api","reqId":"req-7","res":{"statusCode":200},"responseTime":1,"msg":"request completed"}',
      ].join('\n'),
    );
    const [in7, in8, done8, done7, otherPid] = res.records;
    expect(in7!.kind).toBe('http.incoming');
    expect(f(in8!)).toMatchObject({ method: 'PUT', url: '/items/3', host: 'localhost:3000' });
    expect(f(done8!)).toMatchObject({ method: 'PUT', url: '/items/3', statusCode: 204, responseTimeMs: 3.1415 });
    expect(f(done7!)).toMatchObject({ method: 'GET', url: '/health', statusCode: 200 });
    // Another process's req-7 is another request.
    expect(f(otherPid!).method).toBeUndefined();
  });

  it('a child logger line that only carries req is not a request record', () => {
    const r = one('{"level":30,"time":1700000000000,"req":{"id":44,"method":"GET","url":"/"},"msg":"something else"}');
    expect(r.kind).toBeNull();
    expect(f(r)).toMatchObject({ reqId: 44, method: 'GET', url: '/' });
  });
});

describe('lines around the JSON', () => {
  it('reads past a docker/kubectl time stamp and uses it when the line has no time', () => {
    const res = parse(
      [
        '2024-05-01T10:00:00.123456789Z {"level":30,"pid":1,"hostname":"h","msg":"no own time"}',
        '2024-05-01T10:00:00.200000000Z {"level":30,"time":1714557600150,"pid":1,"hostname":"h","msg":"own time wins"}',
      ].join('\n'),
    );
    expect(res.records.map((r) => r.ts)).toEqual([Date.UTC(2024, 4, 1, 10, 0, 0, 123), 1714557600150]);
  });

  it('reports lines that are neither pino JSON nor pino-pretty', () => {
    const res = parse('[1,2,3]\nServer listening on :3000\n{"level":30,"time":1,"msg":"x"}');
    expect(res.skipped.map((s) => [s.line, s.reason])).toEqual([
      [1, 'not a pino line (neither JSON nor pino-pretty)'],
      [2, 'not a pino line (neither JSON nor pino-pretty)'],
    ]);
  });

  it('reports empty lines', () => {
    const res = parse('{"level":30,"time":1700000000000,"msg":"a"}\n\n{"level":30,"time":1700000000001,"msg":"b"}');
    expect(res.records).toHaveLength(2);
    expect(res.skipped).toEqual([{ type: 'skipped', line: 2, offset: 44, reason: 'empty line' }]);
  });

  it('spans offsets and lengths in bytes, CRLF included', () => {
    const res = parse('{"level":30,"time":1,"msg":"héllo"}\r\n{"level":30,"time":2,"msg":"b"}\r\n');
    expect(res.records.map((r) => [r.offset, r.length])).toEqual([
      [0, 37],
      [38, 32],
    ]);
  });
});
