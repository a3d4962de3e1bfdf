import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textLogParser } from '../textlog';
import { withGoroutineDumps } from './embedded';
import { parseString, parseStringWith, unaccounted } from './test-helpers';

/** Line shapes from real dumps, so random mixes reach deep parser states, plus their broken variants. */
const FRAGMENTS = [
  'goroutine 1 [running]:',
  'goroutine 883 [semacquire, 972 minutes]:',
  'goroutine 7 [running, locked to thread]:',
  'goroutine 1 gp=0xc000002380 m=0 mp=0x5a1b20 [running]:',
  'goroutine 0 [idle]:',
  'app[29818]: goroutine 4 [select, 59 minutes]:',
  'main.main()',
  'sync.(*Mutex).Lock(0xc820482bd0)',
  'net.(*conn).Read(0xc000014110, {0xc000633000, 0x1000, 0x1000})',
  'panic(0x5a6120, 0xc4200100a0)',
  '\t/usr/local/go/src/sync/mutex.go:83 +0x1c4',
  '        /home/u/app/main.go:25 +0x330',
  '\t/usr/local/go/src/runtime/asm_amd64.s:1333 +0x1 fp=0xc000185fe8 sp=0xc000185fe0 pc=0x4e3291',
  '\tcgo.go:53',
  'created by main.main in goroutine 1',
  'created by net/http.(*Transport).dialConn',
  '[originating from goroutine 24]:',
  '...additional frames elided...',
  '\tgoroutine running on other thread; stack unavailable',
  'panic: runtime error: invalid memory address or nil pointer dereference',
  '\tpanic: again',
  '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x75c397]',
  '[signal 0xb code=0x1 addr=0x1 pc=0x8048f30]',
  'fatal error: all goroutines are asleep - deadlock!',
  'runtime: out of memory: cannot allocate 8192-byte block',
  'runtime stack:',
  'SIGQUIT: quit',
  '^\\SIGQUIT: quit',
  'PC=0x468cf1 m=3 sigcode=0',
  'signal arrived during cgo execution',
  'rax    0xfffffffffffffffc',
  '-----',
  '# captured 2026-11-22T02:55:30Z host=web-1 pid=4242',
  'Sun Nov 22 02:55:30 UTC 2026',
  'goroutine profile: total 42',
  '12 @ 0x43a2c5 0x4068ac 0x46b0c1',
  '#\t0x6b1d5a\tmain.main.func1+0x3a\t\t/home/x/main.go:20',
  '#\t0x4629a4',
  '# labels: {"k":"v"}',
  'exit status 2',
  'make: *** [Makefile:18: start] Error 2',
  // The service's own log lines around a SIGQUIT trace (stderr), and Docker's json-file wrapping.
  '2026/12/07 15:35:12 order accepted items=25',
  '{"log":"SIGQUIT: quit\\n","stream":"stderr","time":"2026-12-07T15:35:22.200375835Z"}',
  '{"log":"goroutine 1 [IO wait]:\\n","stream":"stderr","time":"2026-12-07T15:35:22.20052Z"}',
  '2026-11-22T02:55:30.112233445Z stderr F goroutine 9 [chan send, 12 minutes]:',
  '',
  '\t',
];

const line = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
  // Truncated fragments: pastes cut mid-line, interleaved writes.
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FRAGMENTS), fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom(...FRAGMENTS), fc.nat()).map(([a, b, n]) => a.slice(0, n % (a.length + 1)) + b) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);

describe('goroutine parser properties', () => {
  it('never throws and accounts for every line', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 80 }), (lines) => {
        const p = parseString(lines.join('\n'));
        expect(unaccounted(p)).toEqual({ missing: [], duplicateSkips: [] });
        expect(p.skipped.every((s) => s.reason.length > 0 && !s.reason.startsWith('parser error'))).toBe(true);
        // Timestamped lines outside a trace are log records of their own (embedded.ts); nothing else is.
        expect(p.order.filter((t) => t !== 'log')).toEqual(p.dumps.flatMap(() => ['snapshot', 'goroutine-dump']));
        expect(p.logs.every((r) => r.ts !== null)).toBe(true);
        let prevEnd = 0;
        for (const [i, d] of p.dumps.entries()) {
          expect(d.line).toBeGreaterThan(prevEnd);
          expect(d.endLine).toBeGreaterThanOrEqual(d.line);
          expect(d.endLine).toBeLessThanOrEqual(p.lineCount);
          expect(p.metas[i]!.line).toBe(d.line);
          for (const g of d.goroutines) {
            expect(g.line).toBeGreaterThanOrEqual(d.line);
            expect(g.line).toBeLessThanOrEqual(d.endLine);
            for (const f of g.frames) expect(Number.isInteger(f.lineNo)).toBe(true);
          }
          prevEnd = d.endLine;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never throws and accounts for every line when the dumps are inside a text log', () => {
    const inLog = withGoroutineDumps(textLogParser);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 80 }), (lines) => {
        const p = parseStringWith(inLog, lines.join('\n'));
        expect(unaccounted(p)).toEqual({ missing: [], duplicateSkips: [] });
        expect(p.skipped.every((s) => s.reason.length > 0 && !s.reason.startsWith('parser error'))).toBe(true);
        expect(p.metas.map((m) => m.line)).toEqual(p.dumps.map((d) => d.line));
        expect(p.metas.every((m) => m.kind === 'goroutine')).toBe(true);
        let prevEnd = 0;
        for (const d of p.dumps) {
          expect(d.line).toBeGreaterThan(prevEnd);
          expect(d.endLine).toBeLessThanOrEqual(p.lineCount);
          prevEnd = d.endLine;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('parses a clean dump the same whatever is appended after it', () => {
    const dump = 'goroutine 1 [chan send, 3 minutes]:\nmain.w(0x1)\n\t/app/w.go:9 +0x1\ncreated by main.main\n\t/app/main.go:4 +0x2\n';
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), (tail) => {
        const g = parseString(dump + '\n' + tail.join('\n')).dumps[0]!.goroutines[0]!;
        expect(g).toMatchObject({ id: 1, state: 'chan send', waitMinutes: 3, frames: [{ func: 'main.w', file: '/app/w.go', lineNo: 9 }] });
      }),
      { numRuns: 200 },
    );
  });
});
