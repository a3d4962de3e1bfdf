/**
 * Broken input is counted and reported, never fatal: truncated objects, a hard newline inside a
 * line, junk before `{`, a file starting mid-object, huge and deeply nested lines, and arbitrary
 * line soup (fast-check) — every line lands in exactly one record or SkippedLine, and record
 * offsets/lengths match the bytes of their lines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../test/support/parse-fixture';
import type { LogRecord, SkippedLine } from '../types';
import type { PinoFields } from './fields';
import { pinoParser } from './index';
import { accountingProblems, spansInOrder } from './test-support';

function parse(text: string) {
  const res = parseText<LogRecord>(pinoParser, text, 'app.log');
  expect(accountingProblems(res.records, res.skipped, res.lineCount)).toEqual([]);
  return res;
}

function reasons(skipped: SkippedLine[]): [number, string][] {
  return skipped.map((s) => [s.line, s.reason]);
}

const OK = '{"level":30,"time":1700000000000,"pid":1,"hostname":"h","msg":"ok"}';

describe('broken lines', () => {
  it('reports a truncated object with its column and keeps going', () => {
    const res = parse(`${OK}\n{"level":50,"time":1700000000001,"pid":1,"msg":"cut he\n${OK}\n`);
    expect(res.records).toHaveLength(2);
    expect(reasons(res.skipped)).toEqual([[2, 'invalid JSON at column 55: the line ends inside the object (truncated)']]);
  });

  it('reports an invalid token at its column', () => {
    const res = parse(`{"level":30,"time":1700000000000,"msg":undefined}\n`);
    expect(reasons(res.skipped)).toEqual([[1, 'invalid JSON at column 40']]);
  });

  it('joins a line split by a hard newline inside a string', () => {
    const res = parse(`{"level":50,"time":1700000000000,"pid":1,"msg":"Promise may not be fulfilled when statusCode is\nnot 204","reqId":7}\n${OK}\n`);
    expect(res.skipped).toEqual([]);
    expect(res.records).toHaveLength(2);
    expect(res.records[0]).toMatchObject({ line: 1, endLine: 2, level: 50, message: 'Promise may not be fulfilled when statusCode is\nnot 204' });
    expect((res.records[0]!.fields as PinoFields).repaired).toBe('joined-next-line');
    expect(res.records[0]!.length).toBe(Buffer.byteLength('{"level":50,"time":1700000000000,"pid":1,"msg":"Promise may not be fulfilled when statusCode is\nnot 204","reqId":7}'));
  });

  it('joins a line split between tokens', () => {
    const res = parse(`{"level":30,"time":1700000000000,\n"msg":"two halves"}\n`);
    expect(res.records.map((r) => [r.line, r.endLine, r.message])).toEqual([[1, 2, 'two halves']]);
  });

  it('does not join a truncated line with the next record', () => {
    const res = parse(`{"level":30,"time":1700000000000,"msg":"cut\n${OK}\n`);
    expect(res.records.map((r) => r.line)).toEqual([2]);
    expect(reasons(res.skipped)).toEqual([[1, 'invalid JSON at column 44: the line ends inside the object (truncated)']]);
  });

  it('reads past junk before `{` and reports its column from the line start', () => {
    const res = parse(`] ${OK}\n] {"level":30,"time":17000\n`);
    expect(res.records).toHaveLength(1);
    expect(reasons(res.skipped)).toEqual([[2, 'invalid JSON at column 27: the line ends inside the object (truncated)']]);
  });

  it('reports a first line that starts mid-object when it cannot be recovered', () => {
    const res = parse(`"other":{"a":1}}\n${OK}\n`);
    expect(reasons(res.skipped)).toEqual([[1, 'invalid JSON at column 8: the line starts inside an object']]);
    expect(res.records).toHaveLength(1);
  });

  it('reports a mid-object line later in the file instead of recovering it', () => {
    const res = parse(`${OK}\n"level":30,"time":1700000000000,"msg":"tail"}\n`);
    expect(res.records).toHaveLength(1);
    expect(reasons(res.skipped)).toEqual([[2, 'invalid JSON at column 8: the line starts inside an object']]);
  });

  it('survives a deeply nested line and a 1 MB line', () => {
    const deep = '{"level":30,"msg":"deep","x":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    const big = `{"level":30,"time":1700000000000,"msg":"${'x'.repeat(1_000_000)}"}`;
    const res = parse(`${deep}\n${big}\n${'['.repeat(50_000)}\n`);
    expect(res.records).toHaveLength(2);
    expect(res.records[1]!.message.length).toBeLessThanOrEqual(64 * 1024 + 1);
    expect(res.skipped).toHaveLength(1);
  });
});

describe('failures inside the parser', () => {
  it('cost the affected lines (reported), not the file', () => {
    // An engine time context that throws for wall-clock times: only lines needing it are hit.
    const throwing = { localToUtc: (): number => { throw new Error('zone lookup failed'); }, referenceDay: null };
    const res = parseText<LogRecord>(
      pinoParser,
      [OK, '{"level":30,"time":"2024-05-01T10:00:00","msg":"local time"}', '[2024-05-01 10:00:00] INFO (1 on h): local pretty time', '    key: 1', OK].join('\n') + '\n',
      'app.log',
      throwing,
    );
    expect(accountingProblems(res.records, res.skipped, res.lineCount)).toEqual([]);
    expect(res.records.map((r) => r.line)).toEqual([1, 5]);
    expect(reasons(res.skipped)).toEqual([
      [2, 'parser error: zone lookup failed'],
      [3, 'parser error: zone lookup failed'],
      [4, 'indented line outside a pino-pretty record or Node error output'],
    ]);
  });
});

// ---- property ----

const pinoLine = fc
  .record({
    level: fc.constantFrom(10, 20, 30, 40, 50, 60, 'info', 'ERROR', 35),
    time: fc.oneof(fc.integer({ min: 1, max: 2e12 }), fc.constant('2024-05-01T10:00:00.000Z'), fc.constant('garbage')),
    msg: fc.string({ maxLength: 20 }),
    extra: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  })
  .map(({ level, time, msg, extra }) => JSON.stringify({ level, time, pid: 1, hostname: 'h', msg, ...extra }));

const lineSoup = fc.oneof(
  pinoLine,
  pinoLine.chain((l) => fc.nat({ max: l.length }).map((n) => l.slice(0, n))), // truncated
  pinoLine.chain((l) => fc.nat({ max: l.length }).map((n) => l.slice(n))), // starts mid-object
  fc.constantFrom(
    '[1636045080852] INFO (23140 on h): request completed',
    '[12:00:00.000] ERROR (7): boom',
    '    res: {',
    '      "statusCode": 200',
    '    }',
    '    err: {',
    '      "stack":',
    '          Error: x',
    '    responseTime: 6',
    'events.js:174',
    "      throw er; // Unhandled 'error' event",
    'Error: read ECONNRESET',
    '    at TCP.onStreamRead (internal/stream_base_commons.js:209:20)',
    "Emitted 'error' event at:",
    '}',
    'Node.js v20.20.2',
    'FATAL ERROR: Reached heap limit',
    '(node:12) Warning: x',
    '4:29:48 PM web.1      |  [] ERROR: x',
    '0|app  | {"level":30,"msg":"x"}',
    '\x1b[32mINFO\x1b[39m: x',
    '',
    '   ',
  ),
  fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' ')),
  fc.string({ maxLength: 40, unit: 'binary' }).map((s) => s.replace(/[\r\n]/g, ' ')),
);

describe('property: arbitrary line soup', () => {
  it('never throws, accounts for every line, and spans exact bytes', () => {
    fc.assert(
      fc.property(fc.array(lineSoup, { maxLength: 40 }), (lines) => {
        const text = lines.join('\n') + '\n';
        const res = parseText<LogRecord>(pinoParser, text, 'soup.log');
        expect(accountingProblems(res.records, res.skipped, res.lineCount)).toEqual([]);
        expect(spansInOrder(res.records)).toBe(true);
        for (const s of res.skipped) expect(s.reason.length).toBeGreaterThan(0);
        // Byte offsets of each line, as the engine's splitter computes them.
        const starts: number[] = [0];
        for (const l of lines) starts.push(starts[starts.length - 1]! + Buffer.byteLength(l) + 1);
        for (const r of res.records) {
          expect(r.offset).toBe(starts[r.line - 1]);
          expect(r.offset + r.length).toBe(starts[r.endLine]! - 1);
          expect(r.endLine).toBeGreaterThanOrEqual(r.line);
        }
        for (const s of res.skipped) expect(s.offset).toBe(starts[s.line - 1]);
      }),
      { numRuns: 400 },
    );
  });
});
