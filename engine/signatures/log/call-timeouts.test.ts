/**
 * call-timeouts on messages real clients print: the sample's Java HttpClient (samples/cpu-throttled-jvm),
 * Go's net/http as users quote it (prometheus/blackbox_exporter#68, go-resty/resty#806), and an nginx error
 * log quoted in x3rus/training (docker-compose nginx-proxy demo, 2017).
 */
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../parsers/types';
import { callTimeouts, peerOf, phaseOf } from './call-timeouts';

const rec = (message: string, level: number | null = 40, continuation: string[] = []): LogRecord =>
  ({ type: 'log', ts: null, level, message, continuation, fields: {}, line: 1, endLine: 1, offset: 0, length: 0 }) as unknown as LogRecord;

const NGINX =
  '*1 upstream timed out (110: Connection timed out) while connecting to upstream, client: 172.23.0.1, server: demo2.x3rus.com, request: "GET / HTTP/1.1", upstream: "http://172.31.0.3:80/", host: "demo2.x3rus.com"';

describe('call-timeouts', () => {
  it('matches the timeouts of Java, Go and Node clients and of nginx, at warning or above', () => {
    for (const m of [
      'GET /api/v2/members/17682/offers -> upstream timeout after 10006 ms (java.net.http.HttpTimeoutException: request timed out)',
      'Error for HTTP request to http://xxx/proplus/home: Get http://xxxx/proplus/home: net/http: request canceled (Client.Timeout exceeded while awaiting headers)',
      'Get "https://portswigger.net/users/youraccount/personaldetails": context deadline exceeded (Client.Timeout exceeded while awaiting headers), Attempt 1',
      NGINX,
    ]) expect(callTimeouts.match!(rec(m)), m).toBe(true);
    // In the stack only: a client exception caused by the socket's read timeout.
    expect(callTimeouts.match!(rec('order lookup failed', 50, ['Caused by: java.net.SocketTimeoutException: Read timed out']))).toBe(true);
    expect(callTimeouts.match!(rec('GET http://a:1/ -> java.net.http.HttpTimeoutException: request timed out', 20))).toBe(false);
    expect(callTimeouts.match!(rec('HikariPool-1 - Connection is not available, request timed out after 30004ms.', 50))).toBe(false);
    expect(callTimeouts.match!(rec('read ETIMEDOUT', 50))).toBe(false); // node-connection-errors' own
  });

  it('tells connect from read timeouts and finds where the call went', () => {
    expect(phaseOf('POST /r -> connect timeout after 5001 ms (java.net.http.HttpConnectTimeoutException: HTTP connect timed out)')).toBe('connect');
    expect(phaseOf('java.net.SocketTimeoutException: Read timed out')).toBe('read');
    expect(phaseOf('Get "http://a/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)')).toBe('read');
    expect(phaseOf('GET /x -> upstream timeout after 10006 ms (java.net.http.HttpTimeoutException: request timed out)')).toBe('call');
    expect(peerOf('Get "https://portswigger.net/users/x": context deadline exceeded')).toBe('portswigger.net');
    expect(phaseOf(NGINX)).toBe('connect');
    expect(peerOf(NGINX)).toBe('172.31.0.3:80');
    expect(peerOf('dial tcp 10.0.0.7:5432: i/o timeout')).toBe('10.0.0.7:5432');
  });
});
