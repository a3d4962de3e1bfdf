import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../test/support/parse-fixture';
import { classifyGroup } from './classify';
import { compareDumps } from './compare';
import { groupGoroutines } from './group';
import type { GoroutineDump } from './model';
import { parseCorpus, parseFixtureFile, parseString } from './test-helpers';

const WAITSINCE = readFileSync(FIXTURES + 'corpus/goroutine/gostackparse-waitsince.txt', 'utf8');

describe('groupGoroutines', () => {
  it('keeps goroutines with different creators apart (gostackparse-waitsince)', () => {
    const groups = groupGoroutines(parseCorpus('gostackparse-waitsince.txt').dumps[0]!);
    // 9 goroutines, 9 groups: 22 and 4 run the same loop but were started from different places.
    expect(groups.length).toBe(9);
    expect(groups.every((g) => g.count === 1)).toBe(true);
    const loops = groups.filter((g) => g.frames[1]?.func === 'main.shortSleepLoop');
    expect(loops.map((g) => [g.ids, g.createdBy?.func])).toEqual([
      [[22], 'main.indirectShortSleepLoop2'],
      [[4], 'main.main'],
    ]);
    expect(new Set(groups.map((g) => g.key)).size).toBe(9);
  });

  it('merges identical stacks whatever their arguments, and merges wait times into a range', () => {
    // The waitsince dump plus two more goroutines on goroutine 4's stack, with other args and waits.
    const extra = (id: number, min: number, arg: string) =>
      `\ngoroutine ${id} [sleep, ${min} minutes]:\ntime.Sleep(${arg})\n` +
      '\t/usr/local/Cellar/go/1.15.6/libexec/src/runtime/time.go:188 +0xbf\nmain.shortSleepLoop()\n' +
      '\t/Users/felix.geisendoerfer/go/src/github.com/felixge/go-profiler-notes/examples/goroutine/main.go:165 +0x2a\n' +
      'created by main.main\n\t/Users/felix.geisendoerfer/go/src/github.com/felixge/go-profiler-notes/examples/goroutine/main.go:130 +0x195\n';
    const p = parseString(WAITSINCE + extra(104, 7, '0x77359400') + extra(105, 3, '0x3b9aca00'));
    expect(p.skipped).toEqual([]);
    const groups = groupGoroutines(p.dumps[0]!);
    expect(groups.length).toBe(9);
    const top = groups[0]!;
    expect(top).toMatchObject({ state: 'sleep', count: 3, ids: [4, 104, 105], waitMinMinutes: 1, waitMaxMinutes: 7 });
    expect(top.createdBy).toEqual({
      func: 'main.main', pkg: 'main', file: '/Users/felix.geisendoerfer/go/src/github.com/felixge/go-profiler-notes/examples/goroutine/main.go', lineNo: 130, offset: '0x195',
    });
    expect(top.frames.map((f) => f.func)).toEqual(['time.Sleep', 'main.shortSleepLoop']);
    // Same key as the single-member group of the plain fixture: keys are stable across dumps.
    const plain = groupGoroutines(parseCorpus('gostackparse-waitsince.txt').dumps[0]!).find((g) => g.ids[0] === 4)!;
    expect(top.key).toBe(plain.key);
  });

  it('keeps states apart and treats a missing duration as under a minute', () => {
    const p = parseString(
      'goroutine 1 [chan send, 4 minutes]:\nmain.w()\n\t/app/w.go:9 +0x1\n\n' +
        'goroutine 2 [chan send]:\nmain.w()\n\t/app/w.go:9 +0x1\n\n' +
        'goroutine 3 [chan receive, 4 minutes]:\nmain.w()\n\t/app/w.go:9 +0x1\n',
    );
    const groups = groupGoroutines(p.dumps[0]!);
    expect(groups.map((g) => [g.state, g.count, g.waitMinMinutes, g.waitMaxMinutes])).toEqual([
      ['chan send', 2, 0, 4],
      ['chan receive', 1, 4, 4],
    ]);
  });

  it('groups by the header of the openstack exporter leak (no frames: state only)', () => {
    const groups = groupGoroutines(parseCorpus('issue-openstack-exporter-1-journald-prefixed-headers.txt').dumps[0]!);
    expect(groups.map((g) => [g.state, g.count, g.waitMinMinutes, g.waitMaxMinutes])).toEqual([
      ['select', 15, 0, 59],
      ['IO wait', 2, 3, 60],
      ['syscall', 1, 0, 0],
      ['sleep', 1, 0, 0],
    ]);
  });

  it('maps debug=1 blocks to groups with their counts and an inferred state, merging label sets', () => {
    // pprof ?debug=1 of the leaky service (__fixtures__/make-fixtures.sh), third round.
    const d = parseFixtureFile('pprof-20261207T163653Z-debug1.txt').dumps[0]!;
    const groups = groupGoroutines(d);
    expect(groups.map((g) => g.count)).toEqual([48, 5, 4, 3, 3, 3, 1, 1, 1, 1, 1]);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(d.total);
    expect(groups.every((g) => g.ids.length === 0)).toBe(true);
    // pprof hides the runtime's frames: only netpoll, the semaphore and time.Sleep still show what a block waits on.
    expect(groups.map((g) => g.state)).toEqual(['unknown', 'unknown', 'semacquire', 'IO wait', 'unknown', 'unknown', 'unknown', 'IO wait', 'unknown', 'sleep', 'unknown']);
    expect(groups.map((g) => g.userFrame?.func ?? null)).toEqual([
      'main.(*broker).publish', 'main.(*queue).take', 'main.(*ledger).add', 'net/http.(*conn).serve', 'net/http.(*persistConn).readLoop',
      'net/http.(*persistConn).writeLoop', 'net/http.(*conn).serve', 'main.main', 'main.refresh', 'main.(*ledger).audit', null,
    ]);
    // The workers started under pprof.Do print one block per label set (tenant=globex 3, tenant=acme 2): one group of 5.
    expect(d.aggregated.filter((a) => a.labels).map((a) => [a.labels, a.count])).toEqual([['{"tenant":"globex"}', 3], ['{"tenant":"acme"}', 2]]);
    expect(groups[1]).toMatchObject({ count: 5, frames: [{ func: 'main.(*queue).take', lineNo: 59 }] });
  });
});

describe('classifyGroup', () => {
  const tagsOf = (d: GoroutineDump) => groupGoroutines(d).map((g) => [g.frames[0]?.func ?? g.state, classifyGroup(g, d)]);

  it('tags the waitsince dump', () => {
    expect(tagsOf(parseCorpus('gostackparse-waitsince.txt').dumps[0]!)).toEqual([
      ['runtime/pprof.writeGoroutineStacks', []],
      ['time.Sleep', []],
      ['internal/poll.runtime_pollWait', ['io-wait', 'netpoll']],
      ['time.Sleep', []],
      ['time.Sleep', []],
      ['main.chanReceiveForever', ['chan-recv']],
      ['net/http.(*persistConn).writeLoop', ['http-body-leak', 'select']],
      ['internal/poll.runtime_pollWait', ['http-body-leak', 'io-wait', 'netpoll']],
      ['internal/poll.runtime_pollWait', ['io-wait', 'netpoll']],
    ]);
  });

  it('tags chan send, runtime-internal, sync waits and a SIGQUIT caught in user code', () => {
    expect(tagsOf(parseCorpus('issue-cmu440-1-old-signal-format.txt').dumps[0]!)).toEqual([
      ['main.main', []], // the panicking goroutine: `running`, but not a busy loop
      ['main.chanSender', ['chan-send']],
    ]);
    expect(tagsOf(parseCorpus('issue-golang-30098-sigquit-fp-sp-pc.txt').dumps[0]!)).toEqual([
      ['github.com/cburdick/myapp/cmd/myapp/app.Run', ['busy']],
      ['runtime.gopark', ['runtime-internal']],
    ]);
    expect(tagsOf(parseCorpus('issue-go-fuse-261-sigquit-registers-gotraceback-system.txt').dumps[0]!)).toEqual([['runtime.futex', ['runtime-internal']]]);
    expect(tagsOf(parseCorpus('issue-moby-25321-semacquire-972min.txt').dumps[0]!)).toEqual([['sync.runtime_Semacquire', ['sync-wait']]]);
    expect(tagsOf(parseCorpus('issue-tendermint-48-select-553min.txt').dumps[0]!)).toEqual([['github.com/tendermint/tendermint/common.(*RepeatTimer).fireRoutine', ['select']]]);
  });

  it('does not call a panicking goroutine busy', () => {
    // Go 1.7 trace: the panicking goroutine is `running` with a `panic(...)` frame on top.
    expect(tagsOf(parseCorpus('issue-ios-15-panic-go17-panicframe.txt').dumps[0]!)).toEqual([['panic', []]]);
    // A nil dereference in user code prints no panic frame: only the dump says it panicked.
    const d = parseCorpus('issue-zkc-83-panic-8space-indent.txt').dumps[0]!;
    const [g] = groupGoroutines(d);
    expect(classifyGroup(g!, d)).toEqual([]);
    expect(classifyGroup(g!)).toEqual(['busy']);
  });

  it('tags runnable goroutines spinning in user code', () => {
    const d = parseString(
      'goroutine 3051 [runnable]:\n' +
        'github.com/acme/api/logs.(*Streamer).pump(0xc0004a2000, {0x1b3c2a0, 0xc0002f6000})\n\t/build/api/logs/stream.go:118 +0x1a5\n' +
        'created by github.com/acme/api/logs.(*Streamer).Start in goroutine 3050\n\t/build/api/logs/stream.go:64 +0x125\n',
    ).dumps[0]!;
    expect(tagsOf(d)).toEqual([['github.com/acme/api/logs.(*Streamer).pump', ['busy']]]);
  });

  it('tags the HTTP client connections of never-closed response bodies, in debug=1 and debug=2 output', () => {
    expect(tagsOf(parseFixtureFile('pprof-20261207T163653Z-debug1.txt').dumps[0]!)).toEqual([
      ['main.(*broker).publish', []],
      ['main.(*queue).take', []],
      ['sync.runtime_SemacquireMutex', ['sync-wait']],
      ['internal/poll.runtime_pollWait', ['io-wait', 'netpoll']],
      ['net/http.(*persistConn).readLoop', ['http-body-leak']],
      ['net/http.(*persistConn).writeLoop', ['http-body-leak']],
      ['runtime/pprof.runtime_goroutineProfileWithLabels', []],
      ['internal/poll.runtime_pollWait', ['io-wait', 'netpoll']],
      ['main.refresh', []],
      ['time.Sleep', []],
      ['unknown', []],
    ]);
    // The same instant's debug=2 prints the state: the loops wait in a select.
    const d2 = parseFixtureFile('pprof-20261207T163653Z-debug2.txt').dumps[0]!;
    const two = groupGoroutines(d2)
      .map((g) => [g.frames[0]!.func, classifyGroup(g, d2)] as const)
      .filter(([, t]) => t.includes('http-body-leak'));
    expect(two).toEqual([
      ['net/http.(*persistConn).readLoop', ['http-body-leak', 'select']],
      ['net/http.(*persistConn).writeLoop', ['http-body-leak', 'select']],
    ]);
  });

  it('tags gRPC transport goroutines from debug=1 output', () => {
    const d = parseString(
      'goroutine profile: total 3\n' +
        '2 @ 0x43e36e 0x44e0c5 0x5bd673 0x500c8e 0x472a61\n' +
        '#\t0x5bd672\tgoogle.golang.org/grpc/internal/transport.(*controlBuffer).get+0x1f2\t/go/pkg/mod/google.golang.org/grpc@v1.62.1/internal/transport/controlbuf.go:418\n' +
        '#\t0x500c8d\tgoogle.golang.org/grpc/internal/transport.(*loopyWriter).run+0x5d\t/go/pkg/mod/google.golang.org/grpc@v1.62.1/internal/transport/controlbuf.go:552\n\n' +
        '1 @ 0x43e36e 0x44e0c5 0x7de815 0x92cc91 0x472a61\n' +
        '#\t0x7de814\tinternal/poll.runtime_pollWait+0x84\t/usr/local/go/src/runtime/netpoll.go:345\n' +
        '#\t0x92cc90\tgoogle.golang.org/grpc/internal/transport.(*http2Client).reader+0x1d0\t/go/pkg/mod/google.golang.org/grpc@v1.62.1/internal/transport/http2_client.go:1624\n',
    ).dumps[0]!;
    expect(d.format).toBe('debug1');
    expect(tagsOf(d)).toEqual([
      ['google.golang.org/grpc/internal/transport.(*controlBuffer).get', ['grpc-transport']],
      ['internal/poll.runtime_pollWait', ['grpc-transport', 'io-wait', 'netpoll']],
    ]);
  });

  it('tags the addrConn reconnect loop as grpc-transport', () => {
    expect(
      classifyGroup({
        state: 'select',
        frames: [{ func: 'google.golang.org/grpc.(*addrConn).resetTransport', pkg: 'google.golang.org/grpc', file: '/go/pkg/mod/google.golang.org/grpc@v1.27.0/clientconn.go', lineNo: 1183 }],
      }),
    ).toEqual(['grpc-transport', 'select']);
  });
});

describe('compareDumps', () => {
  it('shows which groups grow across three captures appended to one file', () => {
    // A collector's three ?debug=2 downloads, 41 s apart, while response bodies stay unclosed (__fixtures__).
    const p = parseFixtureFile('collector-debug2.txt');
    const c = compareDumps(p.dumps);
    expect(c.totals).toEqual([83, 98, 116]);
    expect(c.trends.length).toBe(11);
    const summary = c.trends.map((t) => [t.state, t.frames.at(-1)!.func, t.counts, t.delta, t.growing]);
    // Each unclosed body: a client readLoop and writeLoop and the server's connection goroutine.
    expect(summary.slice(0, 3)).toEqual(
      expect.arrayContaining([
        ['select', 'net/http.(*persistConn).readLoop', [7, 12, 18], 11, true],
        ['select', 'net/http.(*persistConn).writeLoop', [7, 12, 18], 11, true],
        ['IO wait', 'net/http.(*conn).serve', [7, 12, 18], 11, true],
      ]),
    );
    expect(summary.slice(3).map((s) => [s[0], s[1], s[2], s[4]])).toEqual([
      ['chan send', 'main.(*broker).publish', [48, 48, 48], false],
      ['chan receive', 'main.(*queue).take', [5, 5, 5], false],
      ['semacquire', 'main.(*ledger).add', [4, 4, 4], false],
      ['running', 'net/http.(*conn).serve', [1, 1, 1], false],
      ['sleep', 'main.(*ledger).audit', [1, 1, 1], false],
      ['IO wait', 'net/http.(*connReader).backgroundRead', [1, 1, 1], false],
      ['IO wait', 'main.main', [1, 1, 1], false],
      ['select', 'main.refresh', [1, 1, 1], false],
    ]);
  });

  it('counts a group absent from a dump as 0 and a shrinking group as not growing', () => {
    const a = 'goroutine 1 [select]:\nmain.a()\n\t/app/a.go:1 +0x1\n';
    const b = 'goroutine 2 [chan send]:\nmain.b()\n\t/app/b.go:2 +0x1\n';
    const dumps = [a + '\n' + b, b + '\n' + b.replace('goroutine 2', 'goroutine 3'), a].map((t) => parseString(t).dumps[0]!);
    const c = compareDumps(dumps);
    expect(c.totals).toEqual([2, 2, 1]);
    expect(c.trends.map((t) => [t.state, t.counts, t.first, t.last, t.max, t.growing])).toEqual([
      ['select', [1, 0, 1], 1, 1, 1, false],
      ['chan send', [1, 2, 0], 1, 0, 2, false],
    ]);
  });

  it('returns nothing for no dumps', () => {
    expect(compareDumps([])).toEqual({ totals: [], trends: [] });
  });
});
