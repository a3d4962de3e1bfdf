/**
 * pino-pretty renderings beyond the corpus. Shapes follow pino-pretty's source: lib/pretty.js
 * (`[time] LEVEL (name/pid on hostname) <caller>: msg`, `levelFirst`), lib/utils/format-time.js and
 * lib/constants.js (`translateTime`: epoch ms by default in old versions, `HH:MM:ss.l`,
 * `yyyy-mm-dd HH:MM:ss.l o` for SYS:standard), lib/colors.js (colorette: level in green/red…,
 * message in cyan), lib/utils/prettify-object.js and prettify-error.js (4-space `key: value` and
 * `key: {` blocks, unquoted stack under `"stack":`), prettify-error-log.js (pino ≤ 6 error lines).
 * The pino-http README's own example output (`node example.js | pino`) is used verbatim in shape.
 * Host names, pids and times are made up.
 */
import { describe, expect, it } from 'vitest';
import { parseText, utcTime } from '../../test/support/parse-fixture';
import type { LogRecord, TimeContext } from '../types';
import type { PinoFields } from './fields';
import { pinoParser } from './index';
import { parsePrettyHeader } from './pretty-header';
import { accountingProblems } from './test-support';

const REF_DAY = Date.UTC(2026, 10, 22);

function parse(text: string, time: TimeContext = utcTime(REF_DAY)) {
  const res = parseText<LogRecord>(pinoParser, text + '\n', 'app.log', time);
  expect(accountingProblems(res.records, res.skipped, res.lineCount)).toEqual([]);
  return res;
}

function f(r: LogRecord | undefined): PinoFields {
  return (r?.fields ?? {}) as PinoFields;
}

const ESC = '\x1b';

describe('pino-pretty header', () => {
  it.each([
    ['[1522431328992] INFO (42 on foo): hello world', { timeText: '1522431328992', label: 'INFO', level: 30, pid: 42, hostname: 'foo', msg: 'hello world' }],
    ['[17:35:28.992] INFO (42): hello world', { timeText: '17:35:28.992', level: 30, pid: 42, msg: 'hello world' }],
    ['[2021-01-31 07:13:55.627 +0000] WARN (api/7 on web-1): slow', { level: 40, name: 'api', pid: 7, hostname: 'web-1', msg: 'slow' }],
    ['INFO [1522431328992] (42 on foo): levelFirst', { timeText: '1522431328992', level: 30, pid: 42, msg: 'levelFirst' }],
    ['[1522431328992] USERLVL (42 on foo): custom', { label: 'USERLVL', level: null }],
    ['[1522431328992] ERROR (on foo): pid ignored', { hostname: 'foo', level: 50 }],
    ['[1522431328992] DEBUG (42 on foo) <app.js:12>: with caller', { caller: 'app.js:12', msg: 'with caller' }],
    ['[] ERROR: empty time column', { timeText: '', level: 50, msg: 'empty time column' }],
    ['FATAL: no time, no metadata', { timeText: null, level: 60, msg: 'no time, no metadata' }],
    ['[1604486775436] INFO     (15596 on CM000091.local): padded', { level: 30, pid: 15596, msg: 'padded' }],
  ])('%s', (line, expected) => {
    expect(parsePrettyHeader(line)).toMatchObject(expected);
  });

  it.each([
    '[2016-12-19 16:31:47,999] TRACE Controller 0 epoch 1 started leader election', // Kafka log4j
    '[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6', // Apache error_log
    'Notice: no level word',
    '2024-01-01 12:00:00.000  INFO 1234 --- [main] c.e.App : Started', // Spring Boot
    '[1522431328992] hello (no level)',
  ])('rejects %s', (line) => {
    expect(parsePrettyHeader(line)).toBeNull();
  });
});

describe('pino-pretty records', () => {
  it('folds the pino-http README example (`node example.js | pino`)', () => {
    const res = parse(
      [
        '[2016-03-31T16:53:21.079Z] INFO (46316 on MBP-di-Matteo): something else',
        '    req: {',
        '      "id": 1,',
        '      "method": "GET",',
        '      "url": "/",',
        '      "headers": {',
        '        "host": "localhost:3000",',
        '        "user-agent": "curl/7.43.0",',
        '        "accept": "*/*"',
        '      },',
        '      "remoteAddress": "::1",',
        '      "remotePort": 64386',
        '    }',
        '[2016-03-31T16:53:21.087Z] INFO (46316 on MBP-di-Matteo): request completed',
        '    res: {',
        '      "statusCode": 200,',
        '      "header": "HTTP/1.1 200 OK\\r\\nX-Powered-By: restify\\r\\nContent-Type: text/html; charset=utf-8\\r\\nContent-Length: 11\\r\\n\\r\\n"',
        '    }',
        '    responseTime: 10',
        '    req: {',
        '      "id": 1,',
        '      "method": "GET",',
        '      "url": "/",',
        '      "headers": {',
        '        "host": "localhost:3000"',
        '      },',
        '      "remoteAddress": "::1",',
        '      "remotePort": 64386',
        '    }',
      ].join('\n'),
    );
    expect(res.skipped).toEqual([]);
    const [child, done] = res.records;
    expect(child).toMatchObject({ ts: Date.UTC(2016, 2, 31, 16, 53, 21, 79), tq: 'explicit', level: 30, pid: 46316, kind: null, line: 1, endLine: 13 });
    expect(f(child)).toMatchObject({ hostname: 'MBP-di-Matteo', reqId: 1, method: 'GET', url: '/', remoteAddress: '::1', remotePort: 64386, host: 'localhost:3000' });
    expect(done).toMatchObject({ kind: 'http.request', line: 14, endLine: 29 });
    expect(f(done)).toMatchObject({ statusCode: 200, responseTimeMs: 10, method: 'GET', url: '/', reqId: 1 });
    expect(done!.continuation).toHaveLength(15);
  });

  it('strips colours', () => {
    const res = parse(
      `[1636045080852] ${ESC}[32mINFO${ESC}[39m (23140 on host-a): ${ESC}[36mrequest completed${ESC}[39m\n` +
        `    res: {\n      "statusCode": 502\n    }\n    responseTime: 30012\n` +
        `[1636045080853] ${ESC}[41mFATAL${ESC}[49m (23140 on host-a): ${ESC}[36mexiting${ESC}[39m`,
    );
    expect(res.records.map((r) => [r.level, r.message, r.kind])).toEqual([
      [30, 'request completed', 'http.request'],
      [60, 'exiting', null],
    ]);
    expect(f(res.records[0])).toMatchObject({ statusCode: 502, responseTimeMs: 30012 });
  });

  it('places time-of-day headers on the reference day and rolls over midnight', () => {
    const res = parse(['[23:59:59.900] INFO (7): before midnight', '[00:00:00.100] INFO (7): after midnight', '[00:00:01] INFO (7): whole seconds'].join('\n'));
    expect(res.records.map((r) => [r.ts, r.tq])).toEqual([
      [REF_DAY + 86_399_900, 'assumed'],
      [REF_DAY + 86_400_100, 'assumed'],
      [REF_DAY + 86_401_000, 'assumed'],
    ]);
  });

  it('has no time for a time-of-day header when the engine has no reference day', () => {
    const res = parse('[10:00:00.000] INFO (7): x', utcTime(null));
    expect(res.records[0]).toMatchObject({ ts: null, tq: 'none' });
  });

  it('reads translated times with and without a zone', () => {
    const kst: TimeContext = { localToUtc: (y, mo, d, h, mi, s, ms) => Date.UTC(y, mo - 1, d, h, mi, s, ms) - 9 * 3_600_000, referenceDay: null };
    const res = parse(['[2021-01-31 07:13:55.627 +0000] INFO (1 on h): SYS:standard', '[2021-01-31 16:13:55] INFO (1 on h): SYS:yyyy-mm-dd HH:MM:ss'].join('\n'), kst);
    expect(res.records.map((r) => [r.ts, r.tq])).toEqual([
      [Date.UTC(2021, 0, 31, 7, 13, 55, 627), 'explicit'],
      [Date.UTC(2021, 0, 31, 7, 13, 55, 0), 'assumed'],
    ]);
  });

  it('keeps arrays of objects inside a block', () => {
    const res = parse(
      [
        '[1700000000000] WARN (7 on h): retrying',
        '    attempts: [',
        '      {',
        '        "at": 1,',
        '        "error": "ETIMEDOUT"',
        '      },',
        '      {',
        '        "at": 2,',
        '        "error": "ECONNRESET"',
        '      }',
        '    ]',
        '    upstream: "payments"',
      ].join('\n'),
    );
    expect(res.skipped).toEqual([]);
    expect(res.records).toHaveLength(1);
    expect(f(res.records[0]).extra).toEqual({ attempts: '[{"at":1,"error":"ETIMEDOUT"},{"at":2,"error":"ECONNRESET"}]', upstream: 'payments' });
  });

  it('reads 12-hour translated times', () => {
    const res = parse(['[04:29:48 PM] INFO (7): afternoon', '[12:00:01 AM] INFO (7): just after midnight'].join('\n'));
    expect(res.records.map((r) => r.ts)).toEqual([REF_DAY + (16 * 3600 + 29 * 60 + 48) * 1000, REF_DAY + 86_400_000 + 1000]);
  });

  it('reads singleLine output (keys as one JSON object after the message)', () => {
    const res = parse('[1700000000000] INFO (7 on h): request completed {"req":{"id":3,"method":"GET","url":"/a"},"res":{"statusCode":404},"responseTime":2}');
    expect(res.records[0]).toMatchObject({ message: 'request completed', kind: 'http.request' });
    expect(f(res.records[0])).toMatchObject({ reqId: 3, method: 'GET', url: '/a', statusCode: 404, responseTimeMs: 2 });
    // A message that merely ends in braces stays a message.
    expect(parse('[1700000000000] INFO (7 on h): template {x}').records[0]!.message).toBe('template {x}');
  });

  it('reads the name/pid column and unknown levels', () => {
    const res = parse('[1700000000000] USERLVL (billing/812 on worker-3): custom level');
    expect(res.records[0]).toMatchObject({ logger: 'billing', pid: 812, level: null });
    expect(f(res.records[0])).toMatchObject({ levelLabel: 'USERLVL', hostname: 'worker-3' });
  });

  it('types a pino ≤ 6 error line (stack printed under the header)', () => {
    const res = parse(
      [
        '[1548409603369] ERROR (13096 on DESKTOP-1): connect ECONNREFUSED 127.0.0.1:6379',
        '    Error: connect ECONNREFUSED 127.0.0.1:6379',
        '        at TCPConnectWrap.afterConnect [as oncomplete] (net.js:1107:14)',
      ].join('\n'),
    );
    expect(res.records[0]!.kind).toBe('node.error');
    expect(f(res.records[0]).err).toEqual({
      type: 'Error',
      message: 'connect ECONNREFUSED 127.0.0.1:6379',
      code: 'ECONNREFUSED',
      syscall: 'connect',
      address: '127.0.0.1',
      port: 6379,
      stack: 'Error: connect ECONNREFUSED 127.0.0.1:6379\n    at TCPConnectWrap.afterConnect [as oncomplete] (net.js:1107:14)',
    });
  });

  it('moves errorProps lines of a pino ≤ 6 error line into the error', () => {
    const res = parse(
      [
        '[1548409603369] ERROR (13096 on DESKTOP-1): read ECONNRESET',
        '    Error: read ECONNRESET',
        '        at TCP.onStreamRead (internal/stream_base_commons.js:111:27)',
        '    errno: ECONNRESET',
        '    code: ECONNRESET',
        '    syscall: read',
        '    reqId: 9',
      ].join('\n'),
    );
    expect(f(res.records[0]).err).toMatchObject({ type: 'Error', code: 'ECONNRESET', errno: 'ECONNRESET', syscall: 'read' });
    expect(f(res.records[0]).extra).toBeUndefined();
    expect(f(res.records[0]).reqId).toBe(9);
  });

  it('reads an err block whose stack pino-pretty unquoted, with the comma it dropped', () => {
    const res = parse(
      [
        '[12:00:00.000] ERROR (7 on api): db connect failed',
        '    err: {',
        '      "type": "Error",',
        '      "message": "connect EMFILE 10.0.3.7:3306 - Local (undefined:undefined)",',
        '      "stack":',
        '          Error: connect EMFILE 10.0.3.7:3306 - Local (undefined:undefined)',
        '              at internalConnect (node:net:1087:16)',
        '      "errno": -24,',
        '      "code": "EMFILE",',
        '      "syscall": "connect",',
        '      "address": "10.0.3.7",',
        '      "port": 3306',
        '    }',
      ].join('\n'),
    );
    expect(f(res.records[0]).err).toMatchObject({ code: 'EMFILE', errno: -24, syscall: 'connect', address: '10.0.3.7', port: 3306 });
    expect(f(res.records[0]).err!.stack).toBe('Error: connect EMFILE 10.0.3.7:3306 - Local (undefined:undefined)\n    at internalConnect (node:net:1087:16)');
  });

  it('salvages scalar keys from a block pino-pretty made invalid (unescaped backslashes)', () => {
    const res = parse(
      [
        '[1548409603369] ERROR (13096 on DESKTOP-1): write failed',
        '    err: {',
        '      "type": "Error",',
        '      "message": "EBUSY: resource busy or locked, open \'C:\\logs\\app.log\'",',
        '      "errno": -4082,',
        '      "code": "EBUSY",',
        '      "syscall": "open",',
        '      "path": "C:\\logs\\app.log"',
        '    }',
      ].join('\n'),
    );
    expect(f(res.records[0]).err).toMatchObject({ type: 'Error', code: 'EBUSY', errno: -4082, syscall: 'open' });
    expect(f(res.records[0]).err!.message).toBe("EBUSY: resource busy or locked, open 'C:\\logs\\app.log'");
  });

  it('strips pm2 and docker compose columns (colours included)', () => {
    const res = parse(
      [
        '0|api      | [12:00:00.000] INFO (7 on api-0): listening',
        '0|api      |     port: 3000',
        `${ESC}[2K${ESC}[36mapi-1  | ${ESC}[0m{"level":30,"time":1700000000000,"pid":1,"hostname":"c0ffee","msg":"from compose"}`,
        `${ESC}[2K${ESC}[36mapi-1  | ${ESC}[0m{"level":50,"time":1700000000001,"pid":1,"hostname":"c0ffee","res":{"statusCode":500},"responseTime":5,"msg":"request completed"}`,
      ].join('\n'),
    );
    expect(res.skipped).toEqual([]);
    expect(res.records.map((r) => r.message)).toEqual(['listening', 'from compose', 'request completed']);
    expect(f(res.records[0]).extra).toEqual({ port: 3000 });
    expect(f(res.records[2]).statusCode).toBe(500);
  });

  it('leaves a `name | text` line alone when nothing after the column is pino', () => {
    const res = parse('web-1  |  * Serving Flask app \'app.py\'\n{"level":30,"time":1,"msg":"x"}');
    expect(res.skipped.map((s) => s.line)).toEqual([1]);
    expect(res.records).toHaveLength(1);
  });

  it('reports an unindented line inside pretty output instead of guessing', () => {
    const res = parse(['[1700000000000] INFO (7 on h): multi-line message first part', 'second part at column 0', '    key: 1'].join('\n'));
    expect(res.records).toHaveLength(1);
    expect(res.skipped.map((s) => [s.line, s.reason])).toEqual([
      [2, 'not a pino line (neither JSON nor pino-pretty)'],
      [3, 'indented line outside a pino-pretty record or Node error output'],
    ]);
  });
});
