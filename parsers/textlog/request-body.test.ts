import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../types';
import { parseText } from '../../test/support/parse-fixture';
import { durationMs, readRequestBody } from './access';
import { textLogParser } from '.';

describe('request lines written after a logger prefix', () => {
  it('reads Go durations', () => {
    expect(durationMs('21.146ms')).toBeCloseTo(21.146);
    expect(durationMs('1m29.640997s')).toBeCloseTo(89640.997);
    expect(durationMs('350µs')).toBeCloseTo(0.35);
    expect(durationMs('12')).toBe(12);
    expect(durationMs('fast')).toBeUndefined();
  });

  it('types the incident-2 access log lines as HTTP requests (Go log prefix + request)', () => {
    // Lines as the incident-2 sample's API writes them (samples/incident-2-http-body-leak/bundle/logs/access.log).
    const text = [
      '2026/11/22 04:48:45.503771 127.0.0.1:56790 "GET /api/v1/feed?user=9 HTTP/1.1" 200 886 21.146ms',
      '2026/11/22 04:49:45.504220 127.0.0.1:56790 "GET /api/v1/feed?user=34 HTTP/1.1" 500 22 2.001187s',
      '2026/11/22 04:51:15.120000 127.0.0.1:56792 "GET /api/v1/sample?user=7 HTTP/1.1" 200 886 1m29.640997s',
      '',
    ].join('\n');
    const recs = parseText<LogRecord>(textLogParser, text, 'logs/access.log').records;
    expect(recs.map((r) => [r.kind, r.fields.statusCode, Math.round(Number(r.fields.responseTimeMs)), r.level])).toEqual([
      ['http.request', 200, 21, 30],
      ['http.request', 500, 2001, 50],
      ['http.request', 200, 89641, 30],
    ]);
    expect(recs[0]!.fields).toMatchObject({ method: 'GET', url: '/api/v1/feed?user=9', remoteAddress: '127.0.0.1:56790', bytes: 886 });
    expect(readRequestBody('connection 1 opened from 127.0.0.1:33906')).toBeNull();
  });
});
