import { describe, expect, it } from 'vitest';
import { CARRIER_JDK21, collectorLoop, JCMD_TEXT_JDK21 } from './hand-written-samples';
import { parseJstackText, unaccounted } from './test-helpers';

// Formats the real corpus lacks, on the hand-written samples of hand-written-samples.ts.

describe('JDK 21+ carriers and virtual threads', () => {
  it('`Carrying virtual thread #41` replaces the state line; the frames are the virtual thread’s', () => {
    const d = parseJstackText(CARRIER_JDK21).dumps[0]!;
    const [busy, idle] = d.threads;
    expect(busy).toMatchObject({ name: 'ForkJoinPool-1-worker-1', id: 27, osId: 4711, carrying: 41, state: null, cpuMs: 5312.4 });
    expect(busy!.stateInferred).toBeUndefined();
    expect(busy!.frames.map((f) => f.method)).toEqual(['layout', 'page', 'run']);
    expect(idle).toMatchObject({ name: 'ForkJoinPool-1-worker-2', state: 'WAITING', stateDetail: 'parking' });
    expect(idle!.carrying).toBeUndefined();
    expect(d).toMatchObject({ jniGlobalRefs: 21, jniWeakRefs: 0, line: 1, endLine: 19 });
  });

  it('jcmd Thread.dump_to_file text: virtual threads, bare frames, pid / time / version preamble', () => {
    const p = parseJstackText(JCMD_TEXT_JDK21);
    expect(p.raw.skipped).toEqual([]);
    expect(p.metas).toEqual([{ type: 'snapshot', capturedAt: Date.UTC(2024, 5, 11, 8, 5, 44, 310), timeSource: 'tool', tq: 'explicit', line: 2, pid: 48350 }]);
    const d = p.dumps[0]!;
    expect(d).toMatchObject({ format: 'jcmd-text', line: 1, endLine: 20 });
    expect(d.threads.map((t) => [t.id, t.name, t.virtual ?? false, t.frames.length])).toEqual([
      [1, 'main', false, 3],
      [41, '', true, 4],
      [42, '', true, 4],
    ]);
    expect(d.threads[1]!.frames[3]).toMatchObject({ className: 'com.acme.report.Render', method: 'page', lineNo: 101 });
    expect(d.threads[0]!.frames[0]).toMatchObject({ module: 'java.base', className: 'java.lang.Thread', method: 'sleep0', native: true });
  });
});

describe('collector loops: several dumps in one file', () => {
  const text =
    collectorLoop('2026-11-22T16:00:00Z', 'Sun Nov 22 16:00:00 UTC 2026', 120) + collectorLoop('2026-11-22T16:00:10Z', 'Sun Nov 22 16:00:10 UTC 2026', 120);

  it('splits at each preamble; the tool stamp gives the time, the collector header host/pid/command', () => {
    const p = parseJstackText(text);
    expect(p.dumps.map((d) => [d.line, d.endLine, d.threads.length])).toEqual([
      [1, 21, 2],
      [23, 43, 2],
    ]);
    expect(p.metas).toEqual([
      { type: 'snapshot', capturedAt: Date.UTC(2026, 10, 22, 16, 0, 0), timeSource: 'tool', tq: 'assumed', line: 4, host: 'api-7', pid: 4242, command: 'jcmd 4242 Thread.print' },
      { type: 'snapshot', capturedAt: Date.UTC(2026, 10, 22, 16, 0, 10), timeSource: 'tool', tq: 'assumed', line: 26, host: 'api-7', pid: 4242, command: 'jcmd 4242 Thread.print' },
    ]);
    expect(p.raw.skipped).toEqual([]);
    expect(unaccounted(p, text.split('\n'))).toEqual([]);
  });

  it('without the tool stamp, a collector header dates the dump (`header`)', () => {
    const noStamp = text
      .split('\n')
      .filter((l) => !/^2026-11-22 16:00:\d\d$/.test(l) && !/^Sun Nov/.test(l) && !/^4242:$/.test(l))
      .join('\n');
    const p = parseJstackText(noStamp);
    expect(p.metas.map((m) => [m.capturedAt, m.timeSource, m.line, m.host])).toEqual([
      [Date.UTC(2026, 10, 22, 16, 0, 0), 'header', 1, 'api-7'],
      [Date.UTC(2026, 10, 22, 16, 0, 10), 'header', 20, 'api-7'],
    ]);
  });

  it('a time line far above the dump, with other text in between, still dates it as a header', () => {
    const p = parseJstackText(`Tue Mar  5 10:15:40 UTC 2024\n$ jstack 4242 > dump.txt\n\n"main" #1 prio=5 os_prio=0 tid=0x1 nid=0x2 runnable [0x0]\n   java.lang.Thread.State: RUNNABLE\n`);
    expect(p.metas).toEqual([{ type: 'snapshot', capturedAt: Date.UTC(2024, 2, 5, 10, 15, 40), timeSource: 'header', tq: 'explicit', line: 1 }]);
    expect(p.raw.skipped.map((s) => [s.line, s.reason])).toEqual([[2, 'not part of a thread dump']]);
    expect(p.dumps[0]).toMatchObject({ line: 4, endLine: 5, format: 'hotspot' });
  });

  it('a trailing preamble with no dump after it is reported', () => {
    const p = parseJstackText(`${collectorLoop('2026-11-22T16:00:00Z', 'Sun Nov 22 16:00:00 UTC 2026', 120)}# captured 2026-11-22T16:00:10Z host=api-7\n`);
    expect(p.dumps).toHaveLength(1);
    expect(p.raw.skipped.map((s) => s.reason)).toEqual(['dump preamble (pid, time or version line) with no thread dump after it']);
  });
});

describe('odd input inside a dump', () => {
  it('reports unknown lines between and inside threads, keeps the dump whole', () => {
    const text = [
      'Full thread dump OpenJDK 64-Bit Server VM (17.0.9+9 mixed mode):',
      '',
      '"a" #1 prio=5 os_prio=0 tid=0x1 nid=0x2 runnable [0x0]',
      '   java.lang.Thread.State: RUNNABLE',
      '\tat A.run(A.java:1)',
      '\tsomething odd',
      '',
      'garbage between threads',
      '"b" #2 prio=5 os_prio=0 tid=0x3 nid=0x4 runnable [0x0]',
      '   java.lang.Thread.State: RUNNABLE',
    ].join('\n');
    const p = parseJstackText(text);
    expect(p.dumps).toHaveLength(1);
    expect(p.dumps[0]!.threads.map((t) => t.name)).toEqual(['a', 'b']);
    expect(p.raw.skipped.map((s) => [s.line, s.reason])).toEqual([
      [6, 'unrecognised line in thread "a"'],
      [8, 'unrecognised line in thread dump'],
    ]);
  });

  it('a thread cut by the end of the file keeps what it has', () => {
    const p = parseJstackText('"x" #7 daemon prio=5 os_prio=0 tid=0x1 nid=0x2 waiting on condition [0x0]\n   java.lang.Thread.State: WAITING (parking)\n\tat jdk.internal.misc.Unsafe.park(java.base@17/Native Method)');
    expect(p.dumps[0]!.threads[0]).toMatchObject({ name: 'x', id: 7, daemon: true, state: 'WAITING', line: 1, endLine: 3 });
  });
});
