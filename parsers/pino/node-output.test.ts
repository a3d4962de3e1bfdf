/**
 * Node's own output in a pino stream. The EPIPE crash and the heap-OOM report below are real:
 * Node v20.20.2 printed them on this workplace's machine while the parser was being written (a
 * script piped into `head`, and a vitest run that ran out of heap); only the OOM's pids and
 * addresses are as printed, nothing was edited except cutting the OOM's native frames 4-9.
 * The warning, unhandled-rejection and console.error shapes follow Node's
 * lib/internal/process/warning.js, lib/internal/process/promises.js and util.inspect of errors.
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../test/support/parse-fixture';
import type { LogRecord } from '../types';
import type { PinoFields } from './fields';
import { pinoParser } from './index';
import { accountingProblems } from './test-support';

function parse(text: string) {
  const res = parseText<LogRecord>(pinoParser, text + '\n', 'app.log');
  expect(accountingProblems(res.records, res.skipped, res.lineCount)).toEqual([]);
  return res;
}

function f(r: LogRecord | undefined): PinoFields {
  return (r?.fields ?? {}) as PinoFields;
}

const EPIPE_CRASH = [
  'node:events:502',
  "      throw er; // Unhandled 'error' event",
  '      ^',
  '',
  'Error: write EPIPE',
  '    at afterWriteDispatched (node:internal/stream_base_commons:161:15)',
  '    at writeGeneric (node:internal/stream_base_commons:152:3)',
  '    at Socket._writeGeneric (node:net:958:11)',
  '    at Socket._write (node:net:970:8)',
  '    at writeOrBuffer (node:internal/streams/writable:572:12)',
  '    at _write (node:internal/streams/writable:501:10)',
  '    at Writable.write (node:internal/streams/writable:510:10)',
  '    at console.value (node:internal/console/constructor:303:16)',
  '    at console.log (node:internal/console/constructor:378:26)',
  '    at <anonymous> (/tmp/pino-smoke/one.ts:8:36)',
  "Emitted 'error' event on Socket instance at:",
  '    at Socket.onerror (node:internal/streams/readable:1028:14)',
  '    at Socket.emit (node:events:536:35)',
  '    at emitErrorNT (node:internal/streams/destroy:169:8)',
  '    at emitErrorCloseNT (node:internal/streams/destroy:128:3)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:82:21) {',
  '  errno: -32,',
  "  code: 'EPIPE',",
  "  syscall: 'write'",
  '}',
  '',
  'Node.js v20.20.2',
];

const OOM = [
  '',
  '<--- Last few GCs --->',
  '',
  '[16016:0x1bdede10]   195557 ms: Mark-Compact (reduce) 4053.5 (4141.8) -> 4039.1 (4141.8) MB, 185.10 / 0.02 ms  (+ 2937.2 ms in 337 steps since start of marking, biggest step 889.7 ms, walltime since start of marking 6191 ms) (average mu = 0.828, current m[16016:0x1bdede10]   195581 ms: Scavenge 4040.1 (4141.8) -> 4039.4 (4144.8) MB, 21.09 / 0.00 ms  (average mu = 0.828, current mu = 0.790) allocation failure; ',
  '',
  '',
  '<--- JS stacktrace --->',
  '',
  'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
  '----- Native stack trace -----',
  '',
  ' 1: 0xb78db3 node::OOMErrorHandler(char const*, v8::OOMDetails const&) [node]',
  ' 2: 0xee8300 v8::Utils::ReportOOMFailure(v8::internal::Isolate*, char const*, v8::OOMDetails const&) [node]',
  ' 3: 0xee85e7 v8::internal::V8::FatalProcessOutOfMemory(v8::internal::Isolate*, char const*, v8::OOMDetails const&) [node]',
  '10: 0x7f90fbeda476 ',
  'Aborted',
];

const LAST = '{"level":30,"time":1700000000000,"pid":4242,"hostname":"api-1","msg":"still serving"}';

describe('Node crash output', () => {
  it('folds an uncaught error event (Node 20) into one node.crash record', () => {
    const res = parse([LAST, ...EPIPE_CRASH].join('\n'));
    expect(res.skipped).toEqual([]);
    expect(res.records).toHaveLength(2);
    const crash = res.records[1]!;
    expect(crash).toMatchObject({ kind: 'node.crash', level: 60, ts: null, line: 2, endLine: 28, message: 'Error: write EPIPE' });
    expect(f(crash).err).toMatchObject({ type: 'Error', message: 'write EPIPE', code: 'EPIPE', errno: -32, syscall: 'write' });
    expect(f(crash).err!.stack!.split('\n')).toHaveLength(16); // error line + 15 frames (both groups)
    expect(f(crash).exception).toEqual({ type: 'Error', message: 'write EPIPE' });
    expect(f(crash).afterTs).toBe(1700000000000);
  });

  it('folds the V8 heap out-of-memory report', () => {
    const res = parse([LAST, ...OOM].join('\n'));
    // The blank line right after the JSON record belongs to no record yet.
    expect(res.skipped.map((s) => [s.line, s.reason])).toEqual([[2, 'empty line']]);
    const oom = res.records[1]!;
    expect(oom).toMatchObject({ kind: 'node.crash', level: 60, line: 3, endLine: 17, message: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory' });
    expect(f(oom).exception).toEqual({ type: 'FATAL ERROR', message: 'Reached heap limit Allocation failed - JavaScript heap out of memory' });
  });

  it('ends a crash at the next pino line', () => {
    const res = parse([...EPIPE_CRASH, '{"level":30,"time":1700000005000,"pid":4243,"hostname":"api-1","msg":"restarted"}'].join('\n'));
    expect(res.records.map((r) => [r.kind, r.line, r.endLine])).toEqual([
      ['node.crash', 1, 27],
      [null, 28, 28],
    ]);
  });

  it('reads an unhandled rejection crash (Node ≥ 15)', () => {
    const res = parse(
      [
        'node:internal/process/promises:288',
        '            triggerUncaughtException(err, true /* fromPromise */);',
        '            ^',
        '',
        '[UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "pool closed".] {',
        "  code: 'ERR_UNHANDLED_REJECTION'",
        '}',
        '',
        'Node.js v18.12.0',
      ].join('\n'),
    );
    expect(res.skipped).toEqual([]);
    expect(res.records).toHaveLength(1);
    expect(f(res.records[0]).err).toMatchObject({ type: 'UnhandledPromiseRejection', code: 'ERR_UNHANDLED_REJECTION' });
    expect(f(res.records[0]).err!.message).toMatch(/reason "pool closed"\.$/);
  });
});

describe('Node warnings and printed errors', () => {
  it('types a MaxListenersExceededWarning (a leak hint)', () => {
    const res = parse(
      [
        '(node:4242) MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 11 close listeners added to [TLSSocket]. Use emitter.setMaxListeners() to increase limit',
        '(Use `node --trace-warnings ...` to show where the warning was created)',
        LAST,
      ].join('\n'),
    );
    expect(res.skipped).toEqual([]);
    expect(res.records[0]).toMatchObject({ kind: 'node.warning', level: 40, pid: 4242, line: 1, endLine: 2 });
    expect(f(res.records[0]).warning).toMatchObject({ type: 'MaxListenersExceededWarning', message: expect.stringMatching(/^Possible EventEmitter memory leak/) });
  });

  it('reads the error inside an UnhandledPromiseRejectionWarning (Node ≤ 14)', () => {
    const res = parse(
      [
        '(node:31) UnhandledPromiseRejectionWarning: Error: connect ECONNREFUSED 10.0.0.5:6379',
        '    at TCPConnectWrap.afterConnect [as oncomplete] (net.js:1141:16)',
        '(node:31) [DEP0018] DeprecationWarning: Unhandled promise rejections are deprecated.',
      ].join('\n'),
    );
    expect(res.records.map((r) => [r.kind, r.line, r.endLine])).toEqual([
      ['node.warning', 1, 2],
      ['node.warning', 3, 3],
    ]);
    expect(f(res.records[0]).err).toMatchObject({ code: 'ECONNREFUSED', syscall: 'connect', address: '10.0.0.5', port: 6379 });
    expect(f(res.records[1]).warning).toEqual({ type: 'DeprecationWarning', code: 'DEP0018', message: 'Unhandled promise rejections are deprecated.' });
  });

  it('types an error printed with console.error, properties included', () => {
    const res = parse(
      [
        LAST,
        'Error: connect ECONNREFUSED 127.0.0.1:5432',
        '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16) {',
        '  errno: -111,',
        "  code: 'ECONNREFUSED',",
        "  syscall: 'connect',",
        "  address: '127.0.0.1',",
        '  port: 5432',
        '}',
        LAST,
      ].join('\n'),
    );
    expect(res.skipped).toEqual([]);
    expect(res.records.map((r) => [r.kind, r.line, r.endLine])).toEqual([
      [null, 1, 1],
      ['node.error', 2, 9],
      [null, 10, 10],
    ]);
    expect(f(res.records[1]).err).toMatchObject({ type: 'Error', code: 'ECONNREFUSED', errno: -111, syscall: 'connect', address: '127.0.0.1', port: 5432 });
  });
});
