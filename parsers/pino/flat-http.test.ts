/**
 * A JSON log of pino's shape (`level` label + `msg` + `time`) whose request lines carry flat keys — `method`,
 * `path`, `status`, `duration_ms` — as Go services write them (samples/lock-contention-go's quotes.log, written by
 * its Go program): the pino parser reads them as HTTP requests, as json-log does, instead of losing them in `extra`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../test/support/parse-fixture';
import type { LogRecord } from '../types';
import type { PinoFields } from './fields';
import { PINO_KINDS } from './fields';
import { pinoParser } from './index';

const LOG = new URL('../../samples/lock-contention-go/bundle/logs/quotes.log', import.meta.url).pathname;

describe('pino parser on flat HTTP keys', () => {
  it('types request lines with method, url, status and response time; other lines stay plain', () => {
    const text = readFileSync(LOG);
    const { records } = parseBytes(pinoParser, text, 'quotes.log');
    const lines = text.toString('utf8').split('\n');
    const at = (r: LogRecord) => JSON.parse(lines[r.line - 1]!) as Record<string, unknown>;
    const requests = records.filter((r) => r.kind === PINO_KINDS.httpRequest);
    expect(requests.length).toBe(lines.filter((l) => l.includes('"msg":"request"')).length);
    const failed = requests.find((r) => (r.fields as PinoFields).statusCode === 503)!;
    const src = at(failed);
    expect(failed.fields).toMatchObject({ method: src.method, url: src.path, statusCode: 503, responseTimeMs: src.duration_ms, remoteAddress: src.remote });
    expect(records.find((r) => r.message === 'rates refreshed')!.kind).toBeNull();
  });
});
