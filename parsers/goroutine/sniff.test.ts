import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureLines } from '../../test/support/parse-fixture';
import { goroutineParser } from './index';
import { FIXTURES as LOCAL } from './test-helpers';

const sniffFixture = (rel: string) => goroutineParser.sniff({ name: rel, lines: fixtureLines(rel) });

function walk(rel: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(FIXTURES + rel)) {
    const r = `${rel}/${e}`;
    if (statSync(FIXTURES + r).isDirectory()) out.push(...walk(r));
    else if (!e.endsWith('.md')) out.push(r);
  }
  return out;
}

const GOROUTINE = readdirSync(FIXTURES + 'corpus/goroutine').filter((f) => f.endsWith('.txt'));
const OTHERS = readdirSync(FIXTURES + 'corpus')
  .filter((d) => d !== 'goroutine')
  .flatMap((d) => walk(`corpus/${d}`));

describe('goroutine sniff', () => {
  it('has all 17 corpus files to look at', () => {
    expect(GOROUTINE.length).toBe(17);
  });

  it.each(GOROUTINE)('recognises %s', (f) => {
    const r = sniffFixture(`corpus/goroutine/${f}`);
    expect(r?.kind).toBe('goroutine');
    // Even the garbled golang#36976 paste and the register-heavy go-fuse dump clear 0.6.
    expect(r!.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('is sure of clean dumps and of pprof debug=1', () => {
    expect(sniffFixture('corpus/goroutine/gostackparse-waitsince.txt')!.confidence).toBeGreaterThan(0.9);
    // Real ?debug=1 downloads under a collector header (__fixtures__/make-fixtures.sh), first and last round.
    for (const [f, frames] of [['pprof-20261207T163642Z-debug1.txt', 34], ['pprof-20261207T163653Z-debug1.txt', 49]] as const) {
      const lines = readFileSync(LOCAL + f, 'utf8').split('\n');
      const r = goroutineParser.sniff({ name: f, lines })!;
      expect(r.kind, f).toBe('goroutine');
      expect(r.confidence, f).toBeGreaterThan(0.95);
      // Every `#\t0x…\tfunc+0x…\tfile:line` line of the file.
      expect(r.reason, f).toBe(`pprof goroutine profile (debug=1) with ${frames} symbolised frames`);
    }
  });

  it('does not claim a jstack dump', () => {
    const r = sniffFixture('corpus/jstack/tda-java8dump.log');
    expect(r === null || r.confidence < 0.3).toBe(true);
  });

  it('does not claim Java logs with stack traces', () => {
    for (const f of ['corpus/hikari/10-marked-broken-stack.log', 'corpus/hikari/13-leak-detection-stack.log', 'corpus/hikari/16-timeout-interleaved-stack.log']) {
      const r = sniffFixture(f);
      expect(r === null || r.confidence < 0.3, f).toBe(true);
    }
  });

  it('claims no file of another kind in the corpus', () => {
    expect(OTHERS.length).toBeGreaterThan(40);
    const claimed = OTHERS.map((f) => [f, sniffFixture(f)] as const).filter(([, r]) => r !== null && r.confidence >= 0.3);
    expect(claimed).toEqual([]);
  });

  it('sees frames behind a learned log prefix', () => {
    const lines = ['goroutine 9 [chan send, 12 minutes]:', 'main.worker(0xc000120000)', '\t/app/worker.go:44 +0x6e', 'created by main.main in goroutine 1', '\t/app/main.go:19 +0x1a5'];
    const r = goroutineParser.sniff({ name: 'worker.log', lines: lines.map((l) => `2026-11-22T02:55:30.112233445Z stderr F ${l}`) })!;
    expect(r.reason).toBe('1 goroutine headers and 2 Go frames in 5 lines');
    expect(r.confidence).toBeGreaterThan(0.9);
  });

  it('lowers confidence when the trace is a small part of a log', () => {
    const log = Array.from({ length: 60 }, (_, i) => `2026/11/22 02:55:${String(i % 60).padStart(2, '0')} handled request id=${i}`);
    const trace = ['panic: boom', '', 'goroutine 1 [running]:', 'main.main()', '\t/app/main.go:3 +0x1d'];
    const r = goroutineParser.sniff({ name: 'app.log', lines: [...log, ...trace] })!;
    expect(r.kind).toBe('goroutine');
    expect(r.confidence).toBeLessThan(0.7);
    expect(goroutineParser.sniff({ name: 'app.log', lines: log })).toBeNull();
  });
});
