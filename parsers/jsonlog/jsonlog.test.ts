/**
 * json-log on the real Go JSON logs made by parsers/textlog/__fixtures__/golog/main.go (logrus,
 * zap production, slog, and zap / std log wrapped in Docker's json-file format), plus one
 * hand-written line per other family in the shape its library documents (Bunyan, winston, ECS,
 * journald `-o json`, structlog, PostgreSQL `jsonlog`).
 */
import { describe, expect, it } from 'vitest';
import { parseFixture, parseText, utcTime } from '../../test/support/parse-fixture';
import { LEVELS, type LogRecord } from '../types';
import { accountingProblems, countBy } from '../textlog/test-support';
import { jsonLogParser } from './index';

const DIR = '../../parsers/jsonlog/__fixtures__/';

function parse(rel: string) {
  const r = parseFixture<LogRecord>(jsonLogParser, DIR + rel, utcTime());
  expect(accountingProblems(r.records, r.skipped, r.lineCount), rel).toEqual([]);
  return r;
}

function code(r: LogRecord): string | null {
  return (r.fields.err as { code?: string } | undefined)?.code ?? null;
}

const STORY = [null, 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EMFILE', 'EMFILE', null, null];

describe('real Go JSON logs', () => {
  it('zap production: epoch-seconds ts, caller, stacktrace onto err, panic folded', () => {
    const { records, lineCount } = parse('go-zap-json.log');
    expect(lineCount).toBe(26);
    expect(records).toHaveLength(9);
    expect(records.map(code)).toEqual(STORY);
    expect(records[0]).toMatchObject({ ts: 1795320956217, tq: 'explicit', level: LEVELS.INFO, message: 'starting order-service', fields: { format: 'zap', caller: 'gobuild/main.go:222' } });
    expect((records[1]!.fields.err as { stack: string }).stack.split('\n')[0]).toBe('main.zapLogger.Error');
    expect(records[7]).toMatchObject({ kind: 'http.request', fields: { method: 'GET', url: '/orders/42', statusCode: 200, responseTimeMs: 12 } });
    expect(records[8]).toMatchObject({ level: LEVELS.FATAL, kind: 'go.panic', line: 9, endLine: 26, fields: { levelLabel: 'panic' } });
  });

  it('logrus JSON: sorted keys, level "warning", RFC 3339 time', () => {
    const { records } = parse('go-logrus-json.log');
    expect(records).toHaveLength(9);
    expect(records.map(code)).toEqual(STORY);
    expect(records[2]).toMatchObject({ level: LEVELS.WARN, ts: Date.UTC(2026, 10, 22, 4, 15, 56), fields: { format: 'logrus' } });
    expect(records[1]!.fields.err).toEqual({ type: 'net.OpError', message: 'dial tcp 127.0.0.1:1: connect: connection refused', code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port: 1 });
  });

  it('slog JSON: nanosecond RFC 3339, upper-case levels, err key', () => {
    const { records } = parse('go-slog-json.log');
    expect(records).toHaveLength(9);
    expect(records.map(code)).toEqual(STORY);
    expect(records[0]).toMatchObject({ ts: Date.UTC(2026, 10, 22, 4, 15, 56, 436), level: LEVELS.INFO, fields: { format: 'slog' } });
    expect(countBy(records, (r) => r.level)).toEqual({ 30: 2, 40: 1, 50: 5, 60: 1 });
  });

  it('Docker json-file around zap: the inner JSON is read, the stream kept', () => {
    const { records } = parse('go-zap-json-docker.log');
    expect(records).toHaveLength(9);
    expect(records.map(code)).toEqual(STORY);
    expect(records[0]).toMatchObject({ ts: 1795320956659, fields: { format: 'zap', stream: 'stderr' } });
    // Panic text printed by the runtime arrives as docker entries of its own: folded, not separate records.
    expect(records[8]).toMatchObject({ kind: 'go.panic', endLine: 26 });
  });

  it('Docker json-file around the std log: inner text lines, Docker time (UTC) over the zone-less stamp', () => {
    const { records } = parse('go-stdlog-docker.log');
    expect(records).toHaveLength(12);
    expect(records[0]).toMatchObject({ tq: 'explicit', level: LEVELS.ERROR, fields: { format: 'go-log', caller: 'server.go:3228', err: { code: 'EMFILE', syscall: 'accept4' } } });
    expect(records[0]!.ts).toBe(Date.parse('2026-11-22T04:15:56.881Z'));
    expect(records[11]).toMatchObject({ kind: 'go.panic', endLine: 23 });
  });
});

describe('other families (hand-written lines in their documented shapes)', () => {
  function one(line: string): LogRecord {
    const r = parseText<LogRecord>(jsonLogParser, line + '\n', 'x.json', utcTime());
    expect(r.records).toHaveLength(1);
    return r.records[0]!;
  }

  it('Bunyan: numeric level, name, hostname, pid, err object with a Node code', () => {
    const r = one('{"name":"api","hostname":"web-1","pid":41,"level":50,"err":{"message":"connect ECONNREFUSED 10.0.0.7:5432","name":"Error","stack":"Error: connect ECONNREFUSED 10.0.0.7:5432\\n    at TCPConnectWrap.afterConnect","code":"ECONNREFUSED"},"msg":"db down","time":"2026-11-22T02:55:30.123Z","v":0}');
    expect(r).toMatchObject({ level: 50, logger: 'api', pid: 41, ts: Date.UTC(2026, 10, 22, 2, 55, 30, 123), message: 'db down', kind: 'net.error' });
    expect(r.fields.err).toMatchObject({ code: 'ECONNREFUSED', address: '10.0.0.7', port: 5432, syscall: 'connect' });
    expect(r.fields.exception).toEqual({ type: 'Error', message: 'connect ECONNREFUSED 10.0.0.7:5432' });
  });

  it('winston: message and timestamp', () => {
    expect(one('{"level":"warn","message":"pool nearly exhausted","timestamp":"2026-11-22T02:55:30.000Z","service":"orders"}')).toMatchObject({
      level: LEVELS.WARN, message: 'pool nearly exhausted', ts: Date.UTC(2026, 10, 22, 2, 55, 30), fields: { format: 'winston', extra: { service: 'orders' } },
    });
  });

  it('ECS: nested log.level, error.*, http fields, event.duration in ns', () => {
    const r = one('{"@timestamp":"2026-11-22T02:55:30.500Z","log":{"level":"error","logger":"http"},"message":"request failed","ecs":{"version":"8.11.0"},"http":{"request":{"method":"GET"},"response":{"status_code":502}},"url":{"path":"/orders"},"event":{"duration":2500000000},"client":{"ip":"10.1.2.3"}}');
    expect(r).toMatchObject({ level: LEVELS.ERROR, logger: 'http', kind: 'http.request', ts: Date.UTC(2026, 10, 22, 2, 55, 30, 500) });
    expect(r.fields).toMatchObject({ format: 'ecs', method: 'GET', url: '/orders', statusCode: 502, responseTimeMs: 2500, remoteAddress: '10.1.2.3' });
  });

  it('journald -o json: µs realtime, PRIORITY, identifier, pid', () => {
    const r = one('{"__REALTIME_TIMESTAMP":"1795320930123456","PRIORITY":"3","SYSLOG_IDENTIFIER":"api","_PID":"812","_HOSTNAME":"node-1","MESSAGE":"accept tcp [::]:8080: accept4: too many open files"}');
    expect(r).toMatchObject({ ts: 1795320930123, level: LEVELS.ERROR, logger: 'api', pid: 812, fields: { host: 'node-1', err: { code: 'EMFILE', address: '::', port: 8080 } } });
  });

  it('structlog and PostgreSQL jsonlog', () => {
    expect(one('{"event":"worker started","level":"info","timestamp":"2026-11-22T02:55:30Z","logger":"jobs"}')).toMatchObject({ message: 'worker started', level: LEVELS.INFO, logger: 'jobs' });
    expect(one('{"timestamp":"2026-11-22 02:55:30.123 UTC","user":"app","dbname":"orders","pid":4242,"error_severity":"FATAL","message":"sorry, too many clients already","backend_type":"client backend"}')).toMatchObject({
      level: LEVELS.FATAL, pid: 4242, ts: Date.UTC(2026, 10, 22, 2, 55, 30, 123), message: 'sorry, too many clients already',
    });
  });

  it('CRI and kubectl --timestamps prefixes in front of JSON', () => {
    const cri = one('2026-11-22T02:55:30.000000001Z stderr F {"level":"error","ts":1795320930.5,"caller":"x.go:1","msg":"boom","error":"write: broken pipe"}');
    expect(cri).toMatchObject({ ts: 1795320930500, level: LEVELS.ERROR, fields: { stream: 'stderr', err: { code: 'EPIPE', syscall: 'write' } } });
    expect(one('2026-11-22T02:55:30.5Z {"time":"2026-11-22T02:55:30Z","level":"INFO","msg":"up"}')).toMatchObject({ message: 'up', level: LEVELS.INFO });
  });

  it('an invalid JSON line is skipped with a reason; text between JSON lines folds into the record before', () => {
    const r = parseText<LogRecord>(jsonLogParser, '{"level":"info","ts":1795320930,"msg":"a"}\n{"level":"error","ts":17953209\n{"level":"error","ts":1795320931,"msg":"b"}\nTraceback (most recent call last):\n  File "x.py", line 1\nValueError: bad\n', 'x.log', utcTime());
    expect(r.skipped).toEqual([{ type: 'skipped', line: 2, offset: 43, reason: 'invalid JSON: not a complete JSON object' }]);
    expect(r.records.map((x) => [x.line, x.endLine])).toEqual([[1, 1], [3, 6]]);
    expect(r.records[1]!.fields.exception).toEqual({ type: 'ValueError', message: 'bad' });
  });
});

describe('zap production JSON from a Go service (samples/stall-drains-go checkout.log, lines 3, 174, 175)', () => {
  const lines = [
    '{"level":"info","ts":1796649364.3965864,"logger":"http","caller":"checkout/main.go:84","msg":"request","service":"checkout","request_id":"aec0de739cc43e2c","method":"GET","path":"/healthz","status":200,"bytes":3,"duration":0.000028723,"remote":"127.0.0.1:38412"}',
    '{"level":"error","ts":1796649414.7496073,"caller":"checkout/main.go:155","msg":"inventory reservation failed","service":"checkout","request_id":"82d741ec9f2cdf63","cart_id":121,"sku":"SKU-1022","elapsed":10.000944737,"error":"Post \\"http://127.0.0.1:18172/v1/reservations?sku=SKU-1022&qty=1\\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)","stacktrace":"main.(*api).checkout\\n\\t/work/main/samples/stall-drains-go/checkout/main.go:155\\nnet/http.HandlerFunc.ServeHTTP\\n\\t/usr/lib/go-1.19/src/net/http/server.go:2109\\nnet/http.(*ServeMux).ServeHTTP\\n\\t/usr/lib/go-1.19/src/net/http/server.go:2487\\nmain.withRequestLog.func1\\n\\t/work/main/samples/stall-drains-go/checkout/main.go:68\\nnet/http.HandlerFunc.ServeHTTP\\n\\t/usr/lib/go-1.19/src/net/http/server.go:2109\\nnet/http.serverHandler.ServeHTTP\\n\\t/usr/lib/go-1.19/src/net/http/server.go:2947\\nnet/http.(*conn).serve\\n\\t/usr/lib/go-1.19/src/net/http/server.go:1991"}',
    '{"level":"error","ts":1796649414.7497,"logger":"http","caller":"checkout/main.go:80","msg":"request","service":"checkout","request_id":"82d741ec9f2cdf63","method":"POST","path":"/api/checkout","status":504,"bytes":16,"duration":10.001099795,"remote":"127.0.0.1:38438","stacktrace":"main.withRequestLog.func1\\n\\t/work/main/samples/stall-drains-go/checkout/main.go:80\\nnet/http.HandlerFunc.ServeHTTP\\n\\t/usr/lib/go-1.19/src/net/http/server.go:2109\\nnet/http.serverHandler.ServeHTTP\\n\\t/usr/lib/go-1.19/src/net/http/server.go:2947\\nnet/http.(*conn).serve\\n\\t/usr/lib/go-1.19/src/net/http/server.go:1991"}',
  ];
  const { records, skipped } = parseText<LogRecord>(jsonLogParser, lines.join('\n') + '\n', 'logs/checkout.log', utcTime());

  it('types request lines: logger, caller, status and duration (float seconds) → statusCode, responseTimeMs', () => {
    expect(skipped).toEqual([]);
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({ kind: 'http.request', logger: 'http', level: LEVELS.INFO, ts: 1796649364397, tq: 'explicit', message: 'request' });
    expect(records[0]!.fields).toMatchObject({ format: 'zap', caller: 'checkout/main.go:84', method: 'GET', url: '/healthz', statusCode: 200 });
    expect(records[0]!.fields.responseTimeMs).toBeCloseTo(0.029, 3);
    expect(records[2]).toMatchObject({ kind: 'http.request', logger: 'http', level: LEVELS.ERROR, fields: { caller: 'checkout/main.go:80', method: 'POST', url: '/api/checkout', statusCode: 504, responseTimeMs: 10001.1 } });
  });

  it('keeps the multi-line stacktrace: on the error when there is one, else as the continuation', () => {
    const err = records[1]!.fields.err as { stack: string; message: string };
    expect(records[1]!.fields.caller).toBe('checkout/main.go:155');
    expect(err.message).toMatch(/^Post ".*": context deadline exceeded/);
    expect(err.stack.split('\n').slice(0, 2)).toEqual(['main.(*api).checkout', '\t/work/main/samples/stall-drains-go/checkout/main.go:155']);
    expect(records[2]!.continuation).toEqual([
      'main.withRequestLog.func1',
      '\t/work/main/samples/stall-drains-go/checkout/main.go:80',
      'net/http.HandlerFunc.ServeHTTP',
      '\t/usr/lib/go-1.19/src/net/http/server.go:2109',
      'net/http.serverHandler.ServeHTTP',
      '\t/usr/lib/go-1.19/src/net/http/server.go:2947',
      'net/http.(*conn).serve',
      '\t/usr/lib/go-1.19/src/net/http/server.go:1991',
    ]);
    expect(records[2]!.fields.extra).not.toHaveProperty('stacktrace');
    expect(records[2]).toMatchObject({ line: 3, endLine: 3 });
  });
});
