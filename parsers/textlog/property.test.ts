/**
 * Robustness: for any text (log-like fragments, random unicode, long lines), neither generic
 * parser throws, every line is in exactly one record or one SkippedLine, and sniffing never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText, utcTime } from '../../test/support/parse-fixture';
import { jsonLogParser } from '../jsonlog';
import type { LogRecord } from '../types';
import { textLogParser } from './index';
import { accountingProblems } from './test-support';

const FRAGMENTS = [
  '2026-11-22 02:55:30.123 UTC [42] FATAL:  sorry, too many clients already',
  '2026-11-22 02:55:30.123 UTC [42] STATEMENT:  select 1',
  '2026/11/22 02:55:30.123456 main.go:40: ERROR dial tcp 10.0.0.7:3306: connect: connection refused',
  'Nov 22 02:55:30 host app[7]: time="2026-11-22T02:55:30Z" level=error msg="x" error="write: broken pipe"',
  '10.0.0.1 - - [22/Nov/2026:02:55:30 +0000] "GET / HTTP/1.1" 503 0 "-" "ua" 1.5',
  'time="2026-11-22T02:55:30Z" level=warning msg="unterminated',
  'panic: boom', 'goroutine 1 [running]:', 'main.main()', '\t/app/main.go:1 +0x1', '',
  '{"level":"error","ts":1795320930.5,"msg":"x","error":"i/o timeout"}',
  '{"log":"2026/11/22 02:55:30 hi\\n","stream":"stderr","time":"2026-11-22T02:55:30Z"}',
  '{"log":"part","stream":"stdout","time":"2026-11-22T02:55:30Z"}',
  '2026-11-22T02:55:30.1Z stdout P half', 'web-1  | \x1b[31mERROR\x1b[0m x', '{"broken":', 'Traceback (most recent call last):',
  'E1122 02:55:30.123456 1 x.go:1] y', '[Sun Dec 04 04:47:44 2005] [error] z', '{"a":[1,2,{"b":null}]}', '[', '<13>', 'level=',
];

const lineArb = fc.oneof(
  fc.constantFrom(...FRAGMENTS),
  fc.string({ maxLength: 120 }).map((s) => s.replace(/[\r\n]/g, ' ')),
  fc.tuple(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 40 })).map(([a, b]) => (a + b).replace(/[\r\n]/g, ' ')),
  fc.tuple(fc.constantFrom(...FRAGMENTS), fc.nat(60)).map(([a, n]) => a.slice(0, n)),
);

describe.each([
  ['text-log', textLogParser],
  ['json-log', jsonLogParser],
])('%s robustness', (_name, parser) => {
  it('never throws and accounts for every line', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 40 }), fc.boolean(), (lines, withRef) => {
        const text = lines.join('\n');
        const r = parseText<LogRecord>(parser, text, 'p.log', utcTime(withRef ? Date.UTC(2026, 10, 22) : null));
        expect(accountingProblems(r.records, r.skipped, r.lineCount)).toEqual([]);
        for (const rec of r.records) {
          expect(rec.length).toBeGreaterThanOrEqual(0);
          expect(rec.endLine).toBeGreaterThanOrEqual(rec.line);
        }
        expect(() => parser.sniff({ name: 'p.log', lines })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('a long line without newlines stays one line', () => {
    const long = '2026-11-22 02:55:30 ERROR ' + 'x'.repeat(300_000);
    const r = parseText<LogRecord>(parser, long + '\n', 'l.log', utcTime());
    expect(accountingProblems(r.records, r.skipped, r.lineCount)).toEqual([]);
  });
});
