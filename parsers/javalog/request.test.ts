/**
 * Access-log lines Java applications write through their own logger become `http.request` records
 * (the kind pino and json-log give requests). Lines copied from the sample bundles (samples/NAME/bundle/logs).
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../test/support/parse-fixture';
import { timedMs } from '../textlog/access';
import type { LogRecord } from '../types';
import { javaLogParser } from './index';

const one = (line: string): LogRecord => {
  const { records } = parseText<LogRecord>(javaLogParser, line + '\n');
  expect(records).toHaveLength(1);
  return records[0]!;
};

describe('request lines in Java logs', () => {
  it.each([
    [
      'quoted NCSA request, then status and duration (billing-service.log, two-incidents)',
      '2026-12-07T08:16:10.715-05:00 INFO  [XNIO-1 task-11] [ad648f5a30b0aaae65c6ca00693e0954,84bf168f5d70e3b7] c.e.billing.web.AccessLogFilter - "POST /api/v1/invoices/21899/payments HTTP/1.1" 500 10000ms',
      { method: 'POST', url: '/api/v1/invoices/21899/payments', statusCode: 500, responseTimeMs: 10000 },
    ],
    [
      'quoted request with a query (billing-service.log)',
      '2026-12-07T08:13:12.777-05:00 INFO  [XNIO-1 task-12] [7fdc40f59932dda6f40da48bfb6ef878,57ffd9541ac4cf4c] c.e.billing.web.AccessLogFilter - "GET /api/v1/accounts/4516/invoices?status=open HTTP/1.1" 200 68ms',
      { method: 'GET', url: '/api/v1/accounts/4516/invoices?status=open', statusCode: 200, responseTimeMs: 68 },
    ],
    [
      'Spring filter `METHOD path status duration` (incident-3 app.log)',
      '2026-11-22 13:20:09.062  INFO 25595 --- [io-8080-exec-16] com.example.rank.web.RequestLogFilter    : GET /api/v1/users/26391 200 5067ms',
      { method: 'GET', url: '/api/v1/users/26391', statusCode: 200, responseTimeMs: 5067 },
    ],
    [
      'Spring filter, a 500 after 75 s (incident-3 app.log)',
      '2026-11-22 13:18:21.476  INFO 25595 --- [io-8080-exec-27] com.example.rank.web.RequestLogFilter    : GET /api/v1/rankings?page=45 500 75038ms',
      { method: 'GET', url: '/api/v1/rankings?page=45', statusCode: 500, responseTimeMs: 75038 },
    ],
    [
      'Sleuth layout with a bare thread (healthy-noisy orders-service.log)',
      '2026-12-07 13:21:39,959  INFO [orders-service,4195caf935e16b86,4195caf935e16b86] http-nio-18181-exec-3 --- com.example.orders.web.AccessLogFilter : GET /api/v1/orders/export.csv?days=30 200 1209ms',
      { method: 'GET', url: '/api/v1/orders/export.csv?days=30', statusCode: 200, responseTimeMs: 1209 },
    ],
    [
      'status=/duration= after the path (connection-leak-unreturned stock-service.log)',
      '2026-12-07 13:22:33,636 [pool-3-thread-16] INFO  com.example.inventory.web.AccessLog - GET /api/reports/stock.csv?warehouse=WH-SOUTH status=500 duration=28ms',
      { method: 'GET', url: '/api/reports/stock.csv?warehouse=WH-SOUTH', statusCode: 500, responseTimeMs: 28 },
    ],
    [
      'byte count with a B before the duration (gc-pressure-freeze app.log)',
      '2026-12-07 14:27:18,461 INFO  [worker-1] com.example.billing.web.AccessLog - POST /api/invoices/42459/payments 200 31B 124ms',
      { method: 'POST', url: '/api/invoices/42459/payments', statusCode: 200, bytes: 31, responseTimeMs: 124 },
    ],
  ])('%s', (_name, line, fields) => {
    const r = one(line);
    expect(r.kind).toBe('http.request');
    expect(r.fields).toMatchObject(fields);
  });

  it.each([
    ['a handler naming the request it failed', '2026-12-07T08:16:10.715-05:00 ERROR [XNIO-1 task-11] [ad648f5a30b0aaae65c6ca00693e0954,84bf168f5d70e3b7] c.e.billing.web.ApiExceptionHandler - Request processing failed: POST /api/v1/invoices/21899/payments'],
    ['method and path, then prose with a status', '2026-12-07 13:20:44,958 ERROR [orders-service,24362817aec7e8e3,24362817aec7e8e3] http-nio-18181-exec-2 --- c.e.orders.web.GlobalExceptionHandler : POST /api/v1/orders failed: 400 Bad Request'],
    ['method and path, then prose', '2026-12-07 13:21:39,959 ERROR [orders-service,4195caf935e16b86,4195caf935e16b86] http-nio-18181-exec-3 --- c.e.orders.web.GlobalExceptionHandler : GET /api/v1/orders/export.csv?days=30 failed: client aborted the response'],
    ['a client\'s own line (arrow, `in N ms`)', '2026-12-07 14:35:10,506 INFO  [vu-11] c.example.billing.loadgen.LoadClient - GET /api/invoices/180332 -> 200 in 236 ms'],
    ['a URL in prose', '2026-12-07 14:35:08,144 INFO  [main] c.example.billing.loadgen.LoadClient - Starting 32 virtual users against http://127.0.0.1:18161'],
  ])('not a request: %s', (_name, line) => {
    const r = one(line);
    expect(r.kind).toBeNull();
    expect(r.fields.statusCode).toBeUndefined();
  });

  it('reads durations only with their unit', () => {
    expect(timedMs('10000ms')).toBe(10000);
    expect(timedMs('12 ms')).toBe(12);
    expect(timedMs('0.012s')).toBeCloseTo(12);
    expect(timedMs('duration=92ms')).toBe(92);
    expect(timedMs('1m29.640997s')).toBeCloseTo(89640.997);
    expect(timedMs('5067')).toBeUndefined();
    expect(timedMs('31B')).toBeUndefined();
  });
});
