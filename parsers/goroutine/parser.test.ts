import { describe, expect, it } from 'vitest';
import type { DumpFormat, Goroutine } from './model';
import { parseCorpus, parseFixtureFile, parseString, unaccounted } from './test-helpers';

interface GoroutineCase {
  dump?: number;
  id: number;
  state: string;
  waitMinutes?: number;
  locked?: boolean;
  frames?: number;
  /** [func, file suffix, line] of the first frame. */
  first?: [string, string, number];
  /** [func, line, parent goroutine] of `created by`. */
  createdBy?: [string, number, number?];
  elided?: boolean;
  ancestors?: number[];
}

interface Case {
  file: string;
  formats: DumpFormat[];
  goroutines: number[];
  skipped: number;
  panic?: { message: string; signal?: string; line: number };
  signal?: string;
  pid?: number;
  command?: string;
  checks: GoroutineCase[];
}

const CASES: Case[] = [
  {
    file: 'gostackparse-ancestors.txt',
    formats: ['debug2'],
    goroutines: [3],
    skipped: 0,
    checks: [
      { id: 1, state: 'running', frames: 2, first: ['main.stackAll', 'ancestors.go', 31] },
      {
        id: 25, state: 'chan receive', frames: 2, first: ['main.bar', 'test-fixtures/ancestors.go', 57],
        createdBy: ['main.d1', 69], ancestors: [24, 23, 22, 21, 20, 1],
      },
      { id: 29, state: 'chan receive', createdBy: ['main.d1', 69], ancestors: [28, 27, 26, 1] },
    ],
  },
  {
    file: 'gostackparse-cgo.txt',
    formats: ['debug2'],
    goroutines: [3],
    skipped: 0,
    checks: [
      { id: 6, state: 'syscall', locked: false, first: ['main._Cfunc_c_sleep_loop', '_cgo_gotypes.go', 56], createdBy: ['main.main', 36] },
      { id: 7, state: 'sleep', locked: true, frames: 5, first: ['time.Sleep', 'runtime/time.go', 188], createdBy: ['main.main', 37] },
    ],
  },
  {
    file: 'gostackparse-frameselided.txt',
    formats: ['debug2'],
    goroutines: [1],
    skipped: 0,
    checks: [{ id: 1, state: 'running', frames: 100, elided: true, first: ['runtime/pprof.writeGoroutineStacks', 'pprof/pprof.go', 693] }],
  },
  {
    file: 'gostackparse-frameselided_goroutine.txt',
    formats: ['debug2'],
    goroutines: [2],
    skipped: 0,
    checks: [
      { id: 18, state: 'running', frames: 100, elided: true, createdBy: ['main.main', 16] },
      { id: 1, state: 'chan receive', frames: 1, elided: false, first: ['main.main', 'frameselided_goroutine.go', 17] },
    ],
  },
  {
    file: 'gostackparse-go121_createdby.txt',
    formats: ['debug2'],
    goroutines: [2],
    skipped: 0,
    checks: [
      { id: 18, state: 'running', frames: 2, first: ['main.printStack', 'go121_createdby.go', 23], createdBy: ['main.main', 14, 1] },
      { id: 1, state: 'semacquire', frames: 3, first: ['sync.runtime_Semacquire', 'src/runtime/sema.go', 62] },
    ],
  },
  {
    file: 'gostackparse-lockedm.txt',
    formats: ['debug2'],
    goroutines: [1],
    skipped: 0,
    checks: [{ id: 7, state: 'running', locked: true, frames: 5, first: ['testing.tRunner.func1.1', 'testing/testing.go', 1072], createdBy: ['testing.(*T).Run', 1168] }],
  },
  {
    file: 'gostackparse-waitsince.txt',
    formats: ['debug2'],
    goroutines: [9],
    skipped: 0,
    checks: [
      { id: 1, state: 'running', frames: 6 },
      { id: 22, state: 'sleep', waitMinutes: 1, createdBy: ['main.indirectShortSleepLoop2', 185] },
      { id: 3, state: 'IO wait', waitMinutes: 1, frames: 11, first: ['internal/poll.runtime_pollWait', 'runtime/netpoll.go', 222], createdBy: ['main.main', 121] },
      { id: 24, state: 'select', waitMinutes: 1, frames: 1, first: ['net/http.(*persistConn).writeLoop', 'net/http/transport.go', 2340], createdBy: ['net/http.(*Transport).dialConn', 1709] },
      { id: 41, state: 'IO wait', waitMinutes: 1, frames: 15, createdBy: ['net/http.(*Server).Serve', 2969] },
    ],
  },
  {
    file: 'issue-cmu440-1-old-signal-format.txt',
    formats: ['panic'],
    goroutines: [2],
    skipped: 1,
    panic: { message: 'runtime error: invalid memory address or nil pointer dereference', signal: 'SIGSEGV', line: 1 },
    checks: [
      { id: 1, state: 'running', frames: 1, first: ['main.main', '/home/simon/course/intro-to-go/12.go', 25] },
      { id: 6, state: 'chan send', frames: 1, first: ['main.chanSender', '12.go', 36], createdBy: ['main.main', 20] },
    ],
  },
  {
    file: 'issue-gaper-9-panic-with-make-output.txt',
    formats: ['panic'],
    goroutines: [1],
    skipped: 4,
    panic: { message: 'runtime error: invalid memory address or nil pointer dereference', signal: 'SIGSEGV', line: 4 },
    checks: [
      { id: 154, state: 'running', frames: 2, first: ['os/exec.(*Cmd).Wait', '/usr/local/go/src/os/exec/exec.go', 453], createdBy: ['github.com/maxcnunes/gaper.(*runner).runBin', 158] },
    ],
  },
  {
    file: 'issue-go-fuse-261-sigquit-registers-gotraceback-system.txt',
    formats: ['debug2'],
    goroutines: [1],
    skipped: 28,
    signal: 'SIGQUIT',
    checks: [{ id: 0, state: 'idle', frames: 5, first: ['runtime.futex', 'runtime/sys_linux_amd64.s', 567] }],
  },
  {
    file: 'issue-golang-30098-sigquit-fp-sp-pc.txt',
    formats: ['debug2'],
    goroutines: [2],
    skipped: 2,
    signal: 'SIGQUIT',
    checks: [
      { id: 1, state: 'running', frames: 4, first: ['github.com/cburdick/myapp/cmd/myapp/app.Run', 'app/myapp.go', 25] },
      { id: 2, state: 'force gc (idle)', frames: 4, first: ['runtime.gopark', '/usr/local/go/src/runtime/proc.go', 302] },
    ],
  },
  {
    file: 'issue-ios-15-panic-go17-panicframe.txt',
    formats: ['panic'],
    goroutines: [1],
    skipped: 0,
    panic: { message: 'runtime error: invalid memory address or nil pointer dereference', signal: 'SIGSEGV', line: 1 },
    checks: [{ id: 19, state: 'running', frames: 4, first: ['panic', 'runtime/panic.go', 500], createdBy: ['main.main', 77] }],
  },
  {
    file: 'issue-moby-25321-semacquire-972min.txt',
    formats: ['debug2'],
    goroutines: [1],
    skipped: 2,
    checks: [{ id: 883, state: 'semacquire', waitMinutes: 972, frames: 6, first: ['sync.runtime_Semacquire', '/usr/local/go/src/runtime/sema.go', 47] }],
  },
  {
    file: 'issue-openstack-exporter-1-journald-prefixed-headers.txt',
    formats: ['debug2'],
    goroutines: [19],
    skipped: 1,
    pid: 29818,
    command: 'openstack_client_exporter',
    checks: [
      { id: 706, state: 'syscall', frames: 0 },
      { id: 1, state: 'IO wait', waitMinutes: 60 },
      { id: 3754, state: 'select' },
      { id: 718814, state: 'select', waitMinutes: 14 },
    ],
  },
  {
    file: 'issue-tendermint-48-select-553min.txt',
    formats: ['debug2'],
    goroutines: [1],
    skipped: 0,
    checks: [
      {
        id: 549801, state: 'select', waitMinutes: 553, frames: 1,
        first: ['github.com/tendermint/tendermint/common.(*RepeatTimer).fireRoutine', 'common/repeat_timer.go', 34],
        createdBy: ['github.com/tendermint/tendermint/common.(*RepeatTimer).Reset', 52],
      },
    ],
  },
  {
    file: 'issue-zkc-83-panic-8space-indent.txt',
    formats: ['panic'],
    goroutines: [1],
    skipped: 0,
    panic: { message: 'runtime error: invalid memory address or nil pointer dereference', signal: 'SIGSEGV', line: 1 },
    checks: [{ id: 13, state: 'running', frames: 3, first: ['github.com/companyzero/zkc/sigma.(*SigmaKX).Write', 'sigma/sigma.go', 315], createdBy: ['main.(*ZKC).scheduler', 116] }],
  },
];

function find(gs: Goroutine[], id: number): Goroutine {
  const g = gs.find((x) => x.id === id);
  if (!g) throw new Error(`goroutine ${id} not parsed`);
  return g;
}

describe('goroutine parser on the real corpus', () => {
  it.each(CASES)('$file', (c) => {
    const p = parseCorpus(c.file);
    expect(p.dumps.map((d) => d.format)).toEqual(c.formats);
    expect(p.dumps.map((d) => d.goroutines.length)).toEqual(c.goroutines);
    expect(p.skipped.length).toBe(c.skipped);
    expect(unaccounted(p)).toEqual({ missing: [], duplicateSkips: [] });
    // One meta right before each dump, at the dump's first line.
    expect(p.order).toEqual(p.dumps.flatMap(() => ['snapshot', 'goroutine-dump']));
    p.metas.forEach((m, i) => expect(m.line).toBe(p.dumps[i]!.line));
    expect(p.metas.every((m) => m.capturedAt === null && m.timeSource === null)).toBe(true);
    const d = p.dumps[0]!;
    if (c.panic) expect(d.panic).toMatchObject(c.panic);
    else expect(d.panic).toBeUndefined();
    expect(d.signal?.name).toBe(c.signal);
    expect(p.metas[0]!.pid).toBe(c.pid);
    expect(p.metas[0]!.command).toBe(c.command);
    for (const gc of c.checks) {
      const g = find(p.dumps[gc.dump ?? 0]!.goroutines, gc.id);
      expect(g.state).toBe(gc.state);
      expect(g.waitMinutes).toBe(gc.waitMinutes);
      expect(g.lockedToThread).toBe(gc.locked ?? false);
      if (gc.frames !== undefined) expect(g.frames.length).toBe(gc.frames);
      if (gc.first) {
        const f = g.frames[0]!;
        expect(f.func).toBe(gc.first[0]);
        expect(f.file.endsWith(gc.first[1])).toBe(true);
        expect(f.lineNo).toBe(gc.first[2]);
      }
      if (gc.createdBy) {
        expect(g.createdBy?.func).toBe(gc.createdBy[0]);
        expect(g.createdBy?.lineNo).toBe(gc.createdBy[1]);
        expect(g.createdBy?.goroutine).toBe(gc.createdBy[2]);
      } else expect(g.createdBy).toBeUndefined();
      expect(g.framesElided).toBe(gc.elided ?? false);
      expect(g.ancestors).toEqual(gc.ancestors);
    }
  });

  it('keeps args, package and offset of each frame', () => {
    const g = parseCorpus('issue-moby-25321-semacquire-972min.txt').dumps[0]!.goroutines[0]!;
    expect(g.frames[1]).toEqual({
      func: 'sync.(*Mutex).Lock', pkg: 'sync', args: '0xc820482bd0', file: '/usr/local/go/src/sync/mutex.go', lineNo: 83, offset: '0x1c4',
    });
    expect(g.frames[2]!.pkg).toBe('github.com/docker/docker/daemon');
    const cgo = parseCorpus('gostackparse-cgo.txt').dumps[0]!.goroutines[2]!;
    // Inlined frame: `(...)` args and no PC offset.
    expect(cgo.frames[1]).toEqual({ func: 'main.goSleep', pkg: 'main', args: '...', file: expect.stringMatching(/cgo\.go$/), lineNo: 53 });
  });

  it('reads fp=/sp=/pc= frames and the Go 1.7 bare panic frame', () => {
    const f = parseCorpus('issue-golang-30098-sigquit-fp-sp-pc.txt').dumps[0]!.goroutines[0]!.frames[3]!;
    expect(f).toEqual({ func: 'runtime.goexit', pkg: 'runtime', args: '', file: '/usr/local/go/src/runtime/asm_amd64.s', lineNo: 1333, offset: '0x1' });
    const panicFrame = parseCorpus('issue-ios-15-panic-go17-panicframe.txt').dumps[0]!.goroutines[0]!.frames[0]!;
    expect(panicFrame).toMatchObject({ func: 'panic', pkg: 'runtime', args: '0x5a6120, 0xc4200100a0' });
  });

  it('reports the lines around a panic as skipped, with reasons', () => {
    const p = parseCorpus('issue-gaper-9-panic-with-make-output.txt');
    expect(p.skipped.map((s) => [s.line, s.reason])).toEqual([
      [1, 'not part of a Go trace'],
      [2, 'not part of a Go trace'],
      [3, 'not part of a Go trace'],
      [14, 'not part of a Go trace'],
    ]);
    expect(p.skipped[0]!.offset).toBe(0);
    expect(p.skipped[1]!.offset).toBe('[gaper] Building program\n'.length);
    expect(p.dumps[0]).toMatchObject({ line: 4, endLine: 13 });
    expect(p.dumps[0]!.panic!.signalText).toBe('SIGSEGV: segmentation violation code=0x1 addr=0xa0 pc=0x4d0ca6');
  });

  it('skips register dumps and separators of a GOTRACEBACK=system dump', () => {
    const p = parseCorpus('issue-go-fuse-261-sigquit-registers-gotraceback-system.txt');
    const reasons = new Map(p.skipped.map((s) => [s.line, s.reason]));
    expect(reasons.get(1)).toMatch(/file:line without a function line/);
    for (let l = 3; l <= 23; l++) expect(reasons.get(l)).toBe('register dump (GOTRACEBACK=system/crash)');
    expect(reasons.get(25)).toBe('separator between per-thread crash dumps');
    expect(reasons.get(41)).toMatch(/function line without a file:line/);
    expect(reasons.get(42)).toBe('unrecognised line in goroutine 0');
    expect(p.dumps[0]!.signal).toEqual({ name: 'SIGQUIT', text: 'SIGQUIT: quit', line: 27 });
  });

  it('parses what it can of a corrupted, interleaved dump and reports the rest', () => {
    const p = parseCorpus('issue-golang-36976-interleaved-corrupted-sigquit.txt');
    expect(unaccounted(p)).toEqual({ missing: [], duplicateSkips: [] });
    // The second process's `SIGQUIT: quit` opens a second dump; nothing in the garble parses as a goroutine.
    expect(p.dumps.map((d) => [d.line, d.goroutines.map((g) => `${g.id} ${g.state}`)])).toEqual([
      [1, ['0 idle']],
      [5, []],
    ]);
    expect(p.skipped.length).toBe(20);
    expect(p.skipped.every((s) => s.reason.length > 0)).toBe(true);
    expect(p.skipped.find((s) => s.line === 11)?.reason).toMatch(/function line outside a goroutine/);
  });
});

describe('goroutine parser on dumps of a running Go 1.19 service (__fixtures__, make-fixtures.sh)', () => {
  it('reads three collector captures of debug=2 output appended to one file as three dumps with capture times', () => {
    const p = parseFixtureFile('collector-debug2.txt');
    expect(p.skipped).toEqual([]);
    expect(unaccounted(p)).toEqual({ missing: [], duplicateSkips: [] });
    expect(p.dumps.map((d) => d.format)).toEqual(['debug2', 'debug2', 'debug2']);
    expect(p.dumps.map((d) => d.goroutines.length)).toEqual([83, 98, 116]);
    expect(p.dumps.map((d) => [d.line, d.endLine])).toEqual([[1, 766], [767, 1762], [1763, 3034]]);
    expect(p.metas.map((m) => [m.line, m.capturedAt])).toEqual([
      [1, Date.UTC(2026, 11, 7, 16, 36, 57)], [767, Date.UTC(2026, 11, 7, 16, 37, 38)], [1763, Date.UTC(2026, 11, 7, 16, 38, 19)],
    ]);
    expect(p.order).toEqual(['snapshot', 'goroutine-dump', 'snapshot', 'goroutine-dump', 'snapshot', 'goroutine-dump']);
    expect(p.metas[0]).toMatchObject({ timeSource: 'header', host: 'vm', pid: 24685, command: 'curl -s http://127.0.0.1:38971/debug/pprof/goroutine?debug=2' });
    // A server connection the never-closed client keeps open, blocked for a minute by the third capture.
    const g = p.dumps[2]!.goroutines.find((x) => x.id === 47)!;
    expect(g).toMatchObject({ line: 2224, state: 'IO wait', waitMinutes: 1, createdBy: { func: 'net/http.(*Server).Serve', file: '/usr/lib/go-1.19/src/net/http/server.go', lineNo: 3102, offset: '0x4db' } });
    // Go 1.19 prints no `in goroutine N` after the creator.
    expect(g.createdBy!.goroutine).toBeUndefined();
    expect(g.frames.length).toBe(15);
    expect(g.frames.at(-1)).toMatchObject({ func: 'net/http.(*conn).serve', lineNo: 1916, args: '0xc0000fe0a0, {0x7a9080, 0xc0000154a0}' });
    // Register-ABI arguments (Go 1.17+): braces and `?`; inlined frames print `...` and no offset.
    expect(g.frames[4]).toMatchObject({ func: 'net.(*netFD).Read', args: '0xc0000b9380, {0xc00011a000?, 0x0?, 0x4704be?}', offset: '0x29' });
    expect(g.frames[2]).toEqual({ func: 'internal/poll.(*pollDesc).waitRead', pkg: 'internal/poll', args: '...', file: '/usr/lib/go-1.19/src/internal/poll/fd_poll_runtime.go', lineNo: 89 });
    // Under a minute the runtime prints no duration.
    expect(p.dumps[0]!.goroutines.find((x) => x.id === 47)).toMatchObject({ state: 'IO wait' });
    expect(p.dumps[0]!.goroutines.find((x) => x.id === 47)!.waitMinutes).toBeUndefined();
  });

  it('reads pprof debug=1 output into aggregated stacks, labels included', () => {
    const p = parseFixtureFile('pprof-20261207T163653Z-debug1.txt');
    expect(p.skipped).toEqual([]);
    expect(unaccounted(p)).toEqual({ missing: [], duplicateSkips: [] });
    expect(p.dumps.length).toBe(1);
    const d = p.dumps[0]!;
    expect(d.format).toBe('debug1');
    expect(d.total).toBe(71);
    expect(d.goroutines).toEqual([]);
    expect(d.aggregated.map((a) => a.count)).toEqual([48, 4, 3, 3, 3, 3, 2, 1, 1, 1, 1, 1]);
    expect(d.aggregated.reduce((n, a) => n + a.count, 0)).toBe(71);
    expect(d.aggregated.map((a) => a.line)).toEqual([3, 6, 12, 16, 33, 36, 39, 43, 55, 69, 72, 76]);
    expect(d.aggregated[0]!.frames).toEqual([
      { func: 'main.(*broker).publish', pkg: 'main', file: '/tmp/rootline-goroutine-fixtures.um2eb2/src/leaky-service/main.go', lineNo: 30, offset: '0x78' },
    ]);
    // The server side of a never-closed client connection: 15 frames from netpoll up to conn.serve.
    const conn = d.aggregated[3]!;
    expect(conn.frames.length).toBe(15);
    expect(conn.frames[0]).toEqual({ func: 'internal/poll.runtime_pollWait', pkg: 'internal/poll', file: '/usr/lib/go-1.19/src/runtime/netpoll.go', lineNo: 305, offset: '0x88' });
    expect(conn.frames[14]).toMatchObject({ func: 'net/http.(*conn).serve', lineNo: 1916, offset: '0x344' });
    // pprof.Do(ctx, pprof.Labels("tenant", …)): one block per label set, the `# labels:` line above the frames.
    expect(d.aggregated.map((a) => a.labels ?? null)).toEqual([null, null, '{"tenant":"globex"}', null, null, null, '{"tenant":"acme"}', null, null, null, null, null]);
    expect(d.aggregated[2]!.frames.map((f) => [f.func, f.lineNo])).toEqual([['main.(*queue).take', 59]]);
    // A goroutine caught with nothing but runtime.goexit on its stack prints a block with no frames.
    expect(d.aggregated[11]).toEqual({ count: 1, frames: [], line: 76 });
    expect(p.metas[0]).toMatchObject({ line: 1, capturedAt: Date.UTC(2026, 11, 7, 16, 36, 53), timeSource: 'header', pid: 24685 });
  });
});

describe('goroutine parser on inline traces', () => {
  it('reads Go 1.22 GOTRACEBACK=system headers, scan flags and middle elision', () => {
    const p = parseString(
      [
        'goroutine 1 gp=0xc000002380 m=0 mp=0x5a1b20 [running, locked to thread]:',
        'main.main()',
        '\t/app/main.go:10 +0x1d fp=0xc000067f50 sp=0xc000067f40 pc=0x47a2bd',
        '...12 frames elided...',
        'runtime.main()',
        '\t/usr/local/go/src/runtime/proc.go:271 +0x29d fp=0xc000067fe0 sp=0xc000067f50 pc=0x43ac7d',
        '',
        'goroutine 2 gp=0xc000002e00 m=nil [force gc (idle) (scan), 3 minutes]:',
        'runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)',
        '\t/usr/local/go/src/runtime/proc.go:402 +0xce fp=0xc000056fa8 sp=0xc000056f88 pc=0x43b0ae',
        '',
        'goroutine 9 [running]:',
        '\tgoroutine running on other thread; stack unavailable',
        'created by main.main in goroutine 1',
        '\t/app/main.go:8 +0x25',
      ].join('\n'),
    );
    expect(p.skipped).toEqual([]);
    const [a, b, c] = p.dumps[0]!.goroutines;
    expect(a).toMatchObject({ id: 1, state: 'running', lockedToThread: true, framesElided: true });
    expect(a!.frames.map((f) => f.lineNo)).toEqual([10, 271]);
    expect(b).toMatchObject({ id: 2, state: 'force gc (idle)', waitMinutes: 3 });
    expect(c).toMatchObject({ id: 9, stackUnavailable: true, frames: [], createdBy: { func: 'main.main', goroutine: 1 } });
  });

  it('reads a fatal error with runtime notes and a runtime stack', () => {
    const p = parseString(
      [
        'runtime: goroutine stack exceeds 1000000000-byte limit',
        'fatal error: stack overflow',
        '',
        'runtime stack:',
        'runtime.throw(0x4b1a2f, 0xe)',
        '\t/usr/local/go/src/runtime/panic.go:1116 +0x72',
        'runtime.newstack()',
        '\t/usr/local/go/src/runtime/stack.go:1035 +0x6ce',
        '',
        'goroutine 1 [running]:',
        'main.f(0x0)',
        '\t/app/main.go:4 +0x4c fp=0xc020160398 sp=0xc020160390 pc=0x45d1cc',
      ].join('\n'),
    );
    expect(p.skipped).toEqual([]);
    const d = p.dumps[0]!;
    expect(d).toMatchObject({ format: 'panic', line: 1, endLine: 12, panic: { message: 'fatal error: stack overflow', line: 2 } });
    expect(d.runtimeNotes).toEqual(['runtime: goroutine stack exceeds 1000000000-byte limit']);
    expect(d.runtimeStack!.map((f) => f.func)).toEqual(['runtime.throw', 'runtime.newstack']);
    expect(d.goroutines.map((g) => g.frames.length)).toEqual([1]);
  });

  it('keeps a re-panic as one multi-line message', () => {
    const p = parseString('panic: first [recovered]\n\tpanic: second\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:3 +0x1\n');
    expect(p.dumps[0]!.panic!.message).toBe('first [recovered]\npanic: second');
    expect(p.dumps.length).toBe(1);
  });

  it('starts a new dump when goroutine ids repeat without a header', () => {
    const one = 'goroutine 1 [select]:\nmain.main()\n\t/app/main.go:3 +0x1\n\ngoroutine 7 [chan send]:\nmain.w()\n\t/app/main.go:9 +0x1\n';
    const p = parseString(one + '\n' + one.replace('[select]', '[select, 2 minutes]'));
    expect(p.dumps.map((d) => [d.line, d.endLine, d.goroutines.length])).toEqual([[1, 8, 2], [9, 15, 2]]);
    expect(p.dumps[1]!.goroutines[0]!.waitMinutes).toBe(2);
    expect(unaccounted(p)).toEqual({ missing: [], duplicateSkips: [] });
  });

  it('reports a capture header that no dump follows as skipped', () => {
    const p = parseString('# captured 2026-11-22T02:55:30Z host=web-1\n\ncurl: (7) Failed to connect to 127.0.0.1 port 6060\n');
    expect(p.dumps).toEqual([]);
    // The header and blank line are held back until it is clear no dump follows; the curl error went to
    // the log parser, which found no time in it, and is reported when that parser ends.
    expect(p.skipped.map((s) => [s.line, s.reason])).toEqual([
      [1, 'capture header without a dump after it'],
      [2, 'blank line outside a dump'],
      [3, 'not part of a Go trace'],
    ]);
  });

  it('strips CRI container-log prefixes (kubelet /var/log/pods files)', () => {
    const cri = (t: string, l: string) => `2026-11-22T02:55:${t}Z stderr F ${l}`;
    const p = parseString(
      [
        cri('30.112233445', 'goroutine 9 [chan send, 12 minutes]:'),
        cri('30.112240001', 'main.worker(0xc000120000)'),
        cri('30.112240112', '\t/app/worker.go:44 +0x6e'),
        cri('30.112241000', 'created by main.main in goroutine 1'),
        cri('30.112241500', '\t/app/main.go:19 +0x1a5'),
      ].join('\n'),
    );
    expect(p.skipped).toEqual([]);
    expect(p.dumps[0]!.goroutines[0]).toMatchObject({ id: 9, state: 'chan send', waitMinutes: 12, frames: [{ func: 'main.worker', lineNo: 44 }], createdBy: { goroutine: 1 } });
    expect(p.metas[0]!.pid).toBeUndefined();
  });

  it('learns a journald prefix from a panic line and strips it from the trace', () => {
    const p = parseString(
      [
        'gw[4242]: panic: assignment to entry in nil map',
        'gw[4242]: ',
        'gw[4242]: goroutine 12 [running]:',
        'gw[4242]: main.(*cache).put(...)',
        'gw[4242]:         /app/cache.go:41',
        'gw[4242]: created by main.main in goroutine 1',
        'gw[4242]:         /app/main.go:20 +0x85',
      ].join('\n'),
    );
    expect(p.skipped).toEqual([]);
    expect(p.metas[0]).toMatchObject({ pid: 4242, command: 'gw' });
    expect(p.dumps[0]!.panic!.message).toBe('assignment to entry in nil map');
    expect(p.dumps[0]!.goroutines[0]).toMatchObject({ id: 12, frames: [{ func: 'main.(*cache).put', lineNo: 41 }], createdBy: { lineNo: 20, goroutine: 1 } });
  });
});
