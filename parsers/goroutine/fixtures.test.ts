/**
 * Real dumps of a Go 1.19 service (__fixtures__/make-fixtures.sh, PROVENANCE.md): pprof debug=1 and
 * debug=2 taken at the same moment, a SIGQUIT trace in the service's stderr between its log lines, and
 * the same in a Docker json-file log. Read through the parsers the registry gives the engine.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PARSERS, parserFor } from '../index';
import { sniffWith } from '../registry';
import type { Kind } from '../types';
import { groupGoroutines } from './group';
import { FIXTURES, parseFixtureFile, parseStringWith, unaccounted, type Parsed } from './test-helpers';

const PAIRS = ['20261207T163642Z', '20261207T163647Z', '20261207T163653Z'];
const via = (kind: Kind) => parserFor(kind)!;

function sniffedKind(name: string): Kind {
  const lines = readFileSync(FIXTURES + name, 'utf8').split('\n').slice(0, 200);
  return sniffWith(PARSERS, { name, lines }).result.kind;
}

/** Count of the group whose top user frame is `fn`, 0 when absent. */
function countIn(p: Parsed, fn: string): number {
  return groupGoroutines(p.dumps[0]!).filter((g) => g.userFrame?.func === fn).reduce((n, g) => n + g.count, 0);
}

describe('pprof goroutine profiles taken with ?debug=1 and ?debug=2 at the same moment', () => {
  it('counts every debug=1 block N times, adding up to the profile total', () => {
    const p = parseFixtureFile('pprof-20261207T163653Z-debug1.txt');
    expect(p.skipped).toEqual([]);
    expect(p.dumps).toHaveLength(1);
    const d = p.dumps[0]!;
    expect(d.format).toBe('debug1');
    expect(d.total).toBe(71);
    expect(d.aggregated.map((a) => a.count)).toEqual([48, 4, 3, 3, 3, 3, 2, 1, 1, 1, 1, 1]);
    const groups = groupGoroutines(d);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(71);
    expect(groups[0]).toMatchObject({ count: 48, userFrame: { func: 'main.(*broker).publish', lineNo: 30 } });
    // The two label sets of the pprof.Do workers are one group.
    expect(groups[1]).toMatchObject({ count: 5, userFrame: { func: 'main.(*queue).take', lineNo: 59 } });
    // pprof hides the runtime's frames: the semaphore says what the mutex waiters wait on.
    expect(groups[2]).toMatchObject({ count: 4, state: 'semacquire', userFrame: { func: 'main.(*ledger).add', lineNo: 47 } });
    expect(p.metas[0]).toMatchObject({ capturedAt: Date.UTC(2026, 11, 7, 16, 36, 53), pid: 24685, host: 'vm' });
  });

  it('keys the groups of both formats by their top user frame, with the creator debug=2 prints', () => {
    const two = parseFixtureFile('pprof-20261207T163653Z-debug2.txt');
    expect(two.skipped).toEqual([]);
    expect(two.dumps[0]!.goroutines).toHaveLength(71);
    const groups = groupGoroutines(two.dumps[0]!);
    expect(groups.find((g) => g.userFrame?.func === 'main.(*broker).publish')).toMatchObject({
      count: 48, state: 'chan send', createdBy: { func: 'main.main.func1' },
    });
    expect(groups.find((g) => g.userFrame?.func === 'main.(*ledger).add')).toMatchObject({
      count: 4, state: 'semacquire', createdBy: { func: 'main.main.func2' },
    });
    // debug=2 prints no labels: the workers started under pprof.Do show their creator, the closure given to it.
    expect(groups.find((g) => g.userFrame?.func === 'main.(*queue).take')).toMatchObject({
      count: 5, state: 'chan receive', createdBy: { func: 'main.main.func4.1' },
    });
    expect(groups.filter((g) => g.userFrame?.func === 'net/http.(*persistConn).readLoop').map((g) => [g.count, g.state, g.createdBy?.func])).toEqual([
      [3, 'select', 'net/http.(*Transport).dialConn'],
    ]);
    // A goroutine whose stack is all Go's own is about the function it runs: the HTTP server's conn.
    expect(groups.find((g) => g.state === 'running')?.userFrame?.func).toBe('net/http.(*conn).serve');
  });

  it('reads the same climb from either format at every capture', () => {
    const climb = (format: 'debug1' | 'debug2', fn: string) => PAIRS.map((s) => countIn(parseFixtureFile(`pprof-${s}-${format}.txt`), fn));
    expect(climb('debug1', 'main.(*broker).publish')).toEqual([6, 23, 48]);
    expect(climb('debug2', 'main.(*broker).publish')).toEqual([6, 23, 48]);
    expect(climb('debug1', 'main.(*ledger).add')).toEqual([0, 0, 4]);
    expect(climb('debug2', 'main.(*ledger).add')).toEqual([0, 0, 4]);
    expect(climb('debug1', 'main.(*queue).take')).toEqual([5, 5, 5]);
    expect(climb('debug2', 'main.(*queue).take')).toEqual([5, 5, 5]);
    expect(climb('debug1', 'net/http.(*persistConn).readLoop')).toEqual([0, 0, 3]);
    expect(climb('debug2', 'net/http.(*persistConn).readLoop')).toEqual([0, 0, 3]);
  });
});

describe('a SIGQUIT trace inside the service stderr (GOTRACEBACK=all)', () => {
  const FILE = 'stderr-sigquit.log';

  function check(p: Parsed): void {
    expect(p.skipped).toEqual([]);
    expect(unaccounted(p)).toEqual({ missing: [], duplicateSkips: [] });
    expect(p.dumps).toHaveLength(1);
    const d = p.dumps[0]!;
    expect([d.line, d.endLine]).toEqual([12, 2387]);
    expect(d.signal).toMatchObject({ name: 'SIGQUIT', line: 12 });
    expect(d.goroutines).toHaveLength(121);
    // The registers block after the traceback is part of the dump.
    expect(d.registers).toHaveLength(1);
    expect(d.registers![0]).toMatchObject({ line: 2367, endLine: 2387 });
    expect(Object.keys(d.registers![0]!.values)).toHaveLength(21);
    expect(d.registers![0]!.values).toMatchObject({ rax: '0xca', r8: '0x0', rip: '0x46b681', rflags: '0x286', gs: '0x0' });
    const groups = groupGoroutines(d);
    expect(groups.find((g) => g.userFrame?.func === 'main.(*broker).publish')).toMatchObject({ count: 48, createdBy: { func: 'main.main.func1' } });
    expect(groups.find((g) => g.userFrame?.func === 'main.(*queue).take')).toMatchObject({ count: 5, state: 'chan receive', createdBy: { func: 'main.main.func4.1' } });
    // The log lines around the dump stay log records: eleven before it, the restarted service's two after.
    expect(p.logs.map((r) => [r.line, r.message])).toEqual([
      [1, 'listening on 127.0.0.1:38971'],
      [2, 'order accepted items=6'],
      [3, 'job workers started tenant=acme n=2'],
      [4, 'job workers started tenant=globex n=3'],
      [5, 'order accepted items=17'],
      [6, 'order accepted items=25'],
      [7, 'report started workers=4'],
      [8, 'fetched upstream n=3 ok=3'],
      [9, 'fetched upstream n=4 ok=4'],
      [10, 'fetched upstream n=5 ok=5'],
      [11, 'fetched upstream n=6 ok=6'],
      [2388, 'listening on 127.0.0.1:38971'],
      [2389, 'order accepted items=2'],
    ]);
    expect(p.logs.every((r) => r.endLine === r.line)).toBe(true);
    // No stamp of its own: the dump is timed by the first log line printed after it.
    expect(p.metas[0]).toMatchObject({ kind: 'goroutine', capturedAt: Date.UTC(2026, 11, 7, 16, 38, 19), timeSource: 'log' });
  }

  it('is read as a dump and log records whichever parser the file gets', () => {
    check(parseFixtureFile(FILE, via(sniffedKind(FILE))));
    check(parseFixtureFile(FILE, via('goroutine')));
    check(parseFixtureFile(FILE, via('text-log')));
  });
});

describe('a SIGQUIT trace inside a Docker json-file container log', () => {
  const FILE = 'docker-json-sigquit.log';

  it('unwraps the trace, times it by the runtime stamp of its first line, and keeps the log lines as records', () => {
    expect(sniffedKind(FILE)).toBe('json-log');
    const p = parseFixtureFile(FILE, via('json-log'));
    expect(p.skipped).toEqual([]);
    expect(unaccounted(p)).toEqual({ missing: [], duplicateSkips: [] });
    expect(p.dumps).toHaveLength(1);
    const d = p.dumps[0]!;
    expect([d.line, d.endLine]).toEqual([4, 287]);
    expect(d.signal?.name).toBe('SIGQUIT');
    expect(d.goroutines).toHaveLength(15);
    expect(d.registers?.[0]?.values).toMatchObject({ rax: '0xca', r8: '0x0', rip: '0x46b681' });
    const groups = groupGoroutines(d);
    expect(groups.find((g) => g.userFrame?.func === 'main.(*broker).publish')).toMatchObject({ count: 5, state: 'chan send', createdBy: { func: 'main.main.func1' } });
    expect(groups.find((g) => g.userFrame?.func === 'main.(*ledger).add')).toMatchObject({ count: 2, createdBy: { func: 'main.main.func2' } });
    expect(p.metas[0]).toMatchObject({ kind: 'goroutine', capturedAt: Date.parse('2026-12-07T16:38:22.542Z'), tq: 'explicit', timeSource: 'tool' });
    expect(p.logs.map((r) => [r.line, r.message])).toEqual([
      [1, 'listening on 127.0.0.1:38972'],
      [2, 'order accepted items=5'],
      [3, 'report started workers=2'],
      [288, 'listening on 127.0.0.1:38972'],
      [289, 'order accepted items=1'],
    ]);
  });
});

describe('a panic inside a log', () => {
  it('stays in the log record it continues, goroutines included (as the log parsers read panics)', () => {
    // Real pieces: the service's own log lines, then a real panic trace from the corpus.
    const log = readFileSync(FIXTURES + 'stderr-sigquit.log', 'utf8').split('\n').slice(0, 5).join('\n');
    const panic = readFileSync(new URL('../../test/fixtures/corpus/goroutine/issue-zkc-83-panic-8space-indent.txt', import.meta.url), 'utf8');
    const p = parseStringWith(via('text-log'), `${log}\n${panic}`);
    expect(p.dumps).toEqual([]);
    const last = p.logs.at(-1)!;
    expect(last.message).toBe('order accepted items=17');
    expect(last.continuation.some((l) => l.startsWith('goroutine 13 [running]'))).toBe(true);
  });
});

