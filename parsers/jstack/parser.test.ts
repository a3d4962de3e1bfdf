import { describe, expect, it } from 'vitest';
import { utcTime } from '../../test/support/parse-fixture';
import type { JavaThread, ThreadDump } from './model';
import { stateHistogram, type StateHistogram } from './summary';
import { allFixtureLines, parseJstackFixture, parseJstackText, unaccounted } from './test-helpers';

type Hist = Partial<StateHistogram>;

interface FixtureCase {
  file: string;
  format: ThreadDump['format'];
  /** Per dump: thread count and state histogram (`unknown` = no state printed: VM threads, cut-off heads). */
  dumps: { threads: number; states: Hist; lines: [number, number] }[];
  /** Per dump, ISO UTC (the test context reads wall clocks as UTC) or null. */
  capturedAt: (string | null)[];
  timeSource: ('tool' | 'header' | null)[];
  jvm?: string;
  skipped: number;
}

const CASES: FixtureCase[] = [
  {
    file: 'jifa-jstack_11_with_deadlocks.log',
    format: 'hotspot',
    dumps: [{ threads: 18, states: { BLOCKED: 2, RUNNABLE: 7, WAITING: 1, TIMED_WAITING: 1, unknown: 7 }, lines: [1, 108] }],
    capturedAt: ['2022-01-18T17:46:18.000Z'],
    timeSource: ['tool'],
    jvm: 'Java HotSpot(TM) 64-Bit Server VM (11.0.1+13-LTS mixed mode)',
    skipped: 0,
  },
  {
    file: 'jifa-jstack_8.log',
    format: 'hotspot',
    dumps: [{ threads: 22, states: { RUNNABLE: 7, WAITING: 2, TIMED_WAITING: 1, unknown: 12 }, lines: [1, 72] }],
    capturedAt: ['2021-06-15T10:28:59.000Z'],
    timeSource: ['tool'],
    jvm: 'OpenJDK 64-Bit Server VM (18-internal+0-adhoc.denghuiddh.my-jdk mixed mode, sharing)',
    skipped: 0,
  },
  {
    file: 'jthreaddump-deadlock.txt',
    format: 'hotspot',
    dumps: [{ threads: 33, states: { BLOCKED: 2, RUNNABLE: 11, WAITING: 1, TIMED_WAITING: 2, unknown: 17 }, lines: [1, 423] }],
    capturedAt: ['2025-12-21T11:28:04.000Z'],
    timeSource: ['tool'],
    jvm: 'OpenJDK 64-Bit Server VM (25+36-LTS mixed mode, sharing)',
    skipped: 0,
  },
  {
    file: 'jthreaddump-three-way-deadlock.txt',
    format: 'hotspot',
    dumps: [{ threads: 54, states: { BLOCKED: 7, RUNNABLE: 12, WAITING: 13, TIMED_WAITING: 3, unknown: 19 }, lines: [1, 722] }],
    capturedAt: ['2025-12-22T13:30:12.000Z'],
    timeSource: ['tool'],
    skipped: 0,
  },
  {
    file: 'jthreaddump-virtual-thread-deadlock.txt',
    format: 'hotspot',
    dumps: [{ threads: 37, states: { BLOCKED: 0, RUNNABLE: 12, WAITING: 4, TIMED_WAITING: 4, unknown: 17 }, lines: [1, 378] }],
    capturedAt: ['2025-12-22T13:19:53.000Z'],
    timeSource: ['tool'],
    skipped: 0,
  },
  {
    // HP-UX, CRLF, windows-1252-decoded Korean `date` inside the banner: `[화 3월 15 14:48:56 KST 2008]`.
    file: 'tda-hpdump.log',
    format: 'hotspot',
    dumps: [
      { threads: 574, states: { RUNNABLE: 180, WAITING: 370, TIMED_WAITING: 13, unknown: 11 }, lines: [3, 4934] },
      { threads: 574, states: { RUNNABLE: 180, WAITING: 370, TIMED_WAITING: 13, unknown: 11 }, lines: [4936, 9867] },
    ],
    capturedAt: ['2008-03-15T05:48:56.000Z', '2008-03-15T05:49:00.000Z'],
    timeSource: ['tool', 'tool'],
    jvm: 'Java HotSpot(TM) 64-Bit Server VM 1.5.0.11 jinteg:11.07.07-18:21 IA64W mixed mode',
    skipped: 0,
  },
  {
    file: 'tda-java11dump.log',
    format: 'hotspot',
    dumps: [{ threads: 14, states: { RUNNABLE: 2, unknown: 12 }, lines: [1, 56] }],
    capturedAt: ['2020-04-16T02:53:41.000Z'],
    timeSource: ['tool'],
    skipped: 0,
  },
  {
    file: 'tda-java8dump.log',
    format: 'hotspot',
    dumps: [{ threads: 21, states: { RUNNABLE: 7, WAITING: 6, TIMED_WAITING: 2, unknown: 6 }, lines: [1, 126] }],
    capturedAt: ['2016-07-12T14:02:38.000Z'],
    timeSource: ['tool'],
    skipped: 0,
  },
  {
    file: 'tda-jstack_dump.log',
    format: 'hotspot',
    dumps: [{ threads: 28, states: { RUNNABLE: 10, WAITING: 1, TIMED_WAITING: 1, unknown: 16 }, lines: [1, 154] }],
    capturedAt: ['2026-01-20T17:29:40.000Z'],
    timeSource: ['tool'],
    skipped: 0,
  },
  {
    // JMX ThreadInfo style, three dumps separated by `<EndOfDump>`.
    file: 'tda-test.log',
    format: 'threadinfo',
    dumps: [
      { threads: 88, states: { RUNNABLE: 12, TIMED_WAITING: 62, WAITING: 14, unknown: 0 }, lines: [1, 875] },
      { threads: 86, states: { RUNNABLE: 12, TIMED_WAITING: 60, WAITING: 14, unknown: 0 }, lines: [878, 1736] },
      { threads: 86, states: { RUNNABLE: 12, TIMED_WAITING: 59, WAITING: 15, unknown: 0 }, lines: [1739, 2585] },
    ],
    capturedAt: ['2007-11-06T10:30:41.000Z', '2007-11-06T10:30:45.000Z', '2007-11-06T10:30:46.000Z'],
    timeSource: ['tool', 'tool', 'tool'],
    jvm: 'Java HotSpot(TM) Client VM 1.6.0_03-b05',
    skipped: 0,
  },
  {
    // JDK 5: no state lines (states inferred from the header), no time stamp.
    file: 'tda-test64bit.log',
    format: 'hotspot',
    dumps: [{ threads: 3, states: { WAITING: 3 }, lines: [1, 16] }],
    capturedAt: [null],
    timeSource: [null],
    skipped: 0,
  },
  {
    // A log line above the dump and a class histogram after it: both skipped with reasons.
    file: 'tda-testwithhistogram.log',
    format: 'hotspot',
    dumps: [{ threads: 14, states: { WAITING: 7, RUNNABLE: 1, unknown: 6 }, lines: [3, 79] }],
    capturedAt: [null],
    timeSource: [null],
    skipped: 1088,
  },
  {
    file: 'tda-urlthread.log',
    format: 'hotspot',
    dumps: [{ threads: 70, states: { BLOCKED: 41, RUNNABLE: 9, WAITING: 6, TIMED_WAITING: 10, unknown: 4 }, lines: [1, 699] }],
    capturedAt: ['2008-03-24T23:12:13.000Z'],
    timeSource: ['tool'],
    skipped: 0,
  },
  {
    file: 'tda-visualvmremote.log',
    format: 'visualvm',
    dumps: [{ threads: 119, states: { RUNNABLE: 25, WAITING: 70, TIMED_WAITING: 24, unknown: 0 }, lines: [2, 1332] }],
    capturedAt: ['2008-11-20T09:28:02.000Z'],
    timeSource: ['tool'],
    skipped: 0,
  },
  {
    // Starts mid-thread (a header-less head thread) and is cut mid-line (`- parking to`).
    file: 'fragments/issue-HikariCP-1508-dubbo-pressure.txt',
    format: 'hotspot',
    dumps: [{ threads: 2, states: { TIMED_WAITING: 1, unknown: 1 }, lines: [1, 18] }],
    capturedAt: [null],
    timeSource: [null],
    skipped: 1,
  },
  {
    file: 'fragments/issue-HikariCP-1987-visualvm-format.txt',
    format: 'visualvm',
    dumps: [{ threads: 2, states: { WAITING: 1, unknown: 1 }, lines: [1, 19] }],
    capturedAt: [null],
    timeSource: [null],
    skipped: 0,
  },
  {
    file: 'fragments/issue-HikariCP-714-getconnection-waiting.txt',
    format: 'visualvm',
    dumps: [{ threads: 1, states: { TIMED_WAITING: 1 }, lines: [1, 17] }],
    capturedAt: [null],
    timeSource: [null],
    skipped: 0,
  },
  {
    file: 'fragments/issue-db-scheduler-180-comma-decimal-cpu.txt',
    format: 'hotspot',
    dumps: [{ threads: 2, states: { TIMED_WAITING: 2 }, lines: [1, 18] }],
    capturedAt: [null],
    timeSource: [null],
    skipped: 0,
  },
];

describe('jstack parser on the real corpus', () => {
  it('covers every fixture file of the corpus folder', async () => {
    const { readdirSync } = await import('node:fs');
    const { FIXTURES } = await import('../../test/support/parse-fixture');
    const dir = FIXTURES + 'corpus/jstack/';
    const files = [
      ...readdirSync(dir).filter((f) => !f.endsWith('.md') && f !== 'fragments'),
      ...readdirSync(dir + 'fragments').map((f) => `fragments/${f}`),
    ];
    expect(files.sort()).toEqual(CASES.map((c) => c.file).sort());
  });

  for (const c of CASES) {
    describe(c.file, () => {
      const p = parseJstackFixture(c.file, utcTime());

      it('emits one snapshot + one thread dump per dump, in that order', () => {
        expect(p.dumps).toHaveLength(c.dumps.length);
        expect(p.metas).toHaveLength(c.dumps.length);
        expect(p.raw.records.map((r) => r.type)).toEqual(c.dumps.flatMap(() => ['snapshot', 'thread-dump']));
      });

      it('reads thread counts, states, dump ranges and the format', () => {
        p.dumps.forEach((d, i) => {
          const want = c.dumps[i]!;
          expect(d.format).toBe(c.format);
          expect(d.threads).toHaveLength(want.threads);
          expect([d.line, d.endLine]).toEqual(want.lines);
          const hist = stateHistogram(d);
          for (const [state, n] of Object.entries(want.states)) expect(hist[state as keyof StateHistogram], state).toBe(n);
        });
      });

      it('dates each dump from what the file prints', () => {
        expect(p.metas.map((m) => (m.capturedAt === null ? null : new Date(m.capturedAt).toISOString()))).toEqual(c.capturedAt);
        expect(p.metas.map((m) => m.timeSource)).toEqual(c.timeSource);
        if (c.jvm) expect(p.dumps.map((d) => d.jvm)).toEqual(c.dumps.map(() => c.jvm));
      });

      it('accounts for every line: inside a dump, or skipped with a reason', () => {
        expect(p.raw.skipped).toHaveLength(c.skipped);
        for (const s of p.raw.skipped) expect(s.reason.length).toBeGreaterThan(10);
        expect(unaccounted(p, allFixtureLines(c.file))).toEqual([]);
      });
    });
  }
});

function thread(file: string, name: string, dump = 0): JavaThread {
  const t = parseJstackFixture(file, utcTime()).dumps[dump]!.threads.find((x) => x.name === name);
  if (!t) throw new Error(`no thread ${name} in ${file}`);
  return t;
}

describe('thread fields on real dumps', () => {
  it('JDK 11 header, monitor wait and held lock (jifa)', () => {
    const t = thread('jifa-jstack_11_with_deadlocks.log', 'main');
    expect(t).toMatchObject({
      id: 1,
      daemon: false,
      prio: 5,
      osPrio: 31,
      cpuMs: 108.49,
      elapsedS: 17.27,
      tid: '0x00007fcefc008800',
      nid: '0x2803',
      state: 'BLOCKED',
      stateDetail: 'on object monitor',
      status: 'waiting for monitor entry',
      line: 11,
      endLine: 15,
    });
    expect(t.frames.map((f) => f.text)).toEqual(['Test.main(Test.java:13)']);
    expect(t.frames[0]).toMatchObject({ className: 'Test', method: 'main', file: 'Test.java', lineNo: 13 });
    expect(t.waitingToLock).toEqual({ id: '0x000000070fe20f58', className: 'java.lang.Object' });
    expect(t.locksHeld).toEqual([{ id: '0x000000070fe20f48', className: 'java.lang.Object' }]);
  });

  it('JDK 25 `jstack -e`: os thread id, decimal nid, allocated=, defined_classes=', () => {
    const t = thread('jthreaddump-deadlock.txt', 'main');
    expect(t).toMatchObject({ id: 3, osId: 5379, nid: '5379', allocatedBytes: 44228 * 1024, definedClasses: 1953, state: 'RUNNABLE' });
    expect(t.frames).toHaveLength(175);
    expect(t.frames[0]).toMatchObject({ className: 'java.io.FileInputStream', method: 'readBytes', module: 'java.base@25', native: true });
    // `- locked <…0db0>` is printed twice (re-entrant readLine): held once.
    expect(t.locksHeld.map((l) => l.id)).toEqual(['0x000000052f820a68', '0x000000052f831db0']);
  });

  it('JDK 21 `jstack -l`: locked ownable synchronizers', () => {
    const t = thread('tda-jstack_dump.log', 'JPS event loop');
    expect(t).toMatchObject({ id: 21, osId: 32771, nid: '32771', osPrio: 31, cpuMs: 1244 });
    expect(t.ownableSynchronizers).toEqual([{ id: '0x000000034b314548', className: 'java.util.concurrent.locks.ReentrantLock$NonfairSync' }]);
    expect(t.locksHeld.map((l) => l.className)).toEqual(['sun.nio.ch.Util$2', 'sun.nio.ch.KQueueSelectorImpl']);
  });

  it('HP-UX: hex tid without 0x, decimal nid, lwp_id, state inferred from the header', () => {
    const t = thread('tda-hpdump.log', 'ACJH_SOPSI_BAN_01-w13 [container1-361]');
    expect(t).toMatchObject({ tid: '60000000044e3840', nid: '1194', prio: 10, state: 'RUNNABLE', stateInferred: true, status: 'runnable' });
    expect(t.frames[0]?.text).toBe('java.net.SocketInputStream.socketRead0(Native Method)');
    expect(t.locksHeld).toEqual([{ id: '0x9fffffff59c52280', className: 'java.io.BufferedInputStream' }]);
  });

  it('JMX ThreadInfo style: `id=3149 in RUNNABLE (running in native)`, `Locked synchronizers: count = 1`', () => {
    const t = thread('tda-test.log', 'RMI TCP Connection(23)-127.0.1.1');
    expect(t).toMatchObject({ id: 3149, state: 'RUNNABLE', stateDetail: 'running in native' });
    expect(t.ownableSynchronizers).toEqual([{ id: '0x0000000000166fba', className: 'java.util.concurrent.locks.ReentrantLock$NonfairSync' }]);
    // Lock lines printed above the first frame: the waited-on monitor is not held.
    const w = thread('tda-test.log', 'JMX server connection timeout 3146');
    expect(w.waitingOn).toEqual({ id: '0x00000000018df8a5', className: '[I' });
    expect(w.locksHeld).toEqual([]);
    expect(w.frames[0]?.locks?.map((l) => l.kind)).toEqual(['waiting on', 'locked']);
  });

  it('VisualVM style: `- Thread t@332`, lock in the state line, `- locked X@hash` ownable', () => {
    const t = thread('tda-visualvmremote.log', 'Timer-180');
    expect(t).toMatchObject({ id: 332, state: 'TIMED_WAITING', waitingOn: { id: '0x000000007311acb7', className: 'java.util.TaskQueue' } });
    const r = thread('tda-visualvmremote.log', 'RMI TCP Connection(24)-192.18.126.254');
    expect(r.locksHeld).toEqual([{ id: '0x000000005284339c', className: 'java.io.BufferedInputStream' }]);
    expect(r.ownableSynchronizers).toEqual([{ id: '0x000000007a29682f', className: 'java.util.concurrent.locks.ReentrantLock$NonfairSync' }]);
  });

  it('tolerates a shell prompt pasted into a lock line (tda java8dump)', () => {
    const t = thread('tda-java8dump.log', 'Java2D Disposer');
    expect(t.waitingOn).toEqual({ id: '0x00000000d7338608', className: 'java.lang.ref.ReferenceQueue$Lock' });
    expect(t.locksHeld).toEqual([]);
  });

  it('locale decimal commas: `cpu=5,37ms elapsed=465,71s`', () => {
    const t = thread('fragments/issue-db-scheduler-180-comma-decimal-cpu.txt', 'PostgreSQL-JDBC-SharedTimer-1');
    expect(t).toMatchObject({ id: 16, daemon: true, cpuMs: 5.37, elapsedS: 465.71, nid: '0x1edfe', state: 'TIMED_WAITING' });
    expect(t.waitingOn?.id).toBe('0x0000000715400180');
  });

  it('JDK 5: the monitor released by wait() is the innermost `- locked`, not a held lock', () => {
    const t = thread('tda-test64bit.log', 'LeaseRenewalManager Task');
    expect(t).toMatchObject({ state: 'WAITING', stateInferred: true, tid: '0x0000002ac6c9b0a0', nid: '0x57f8', prio: 1, daemon: true });
    expect(t.waitingOn?.id).toBe('0x0000002aa55b63a0');
    expect(t.locksHeld).toEqual([]);
  });

  it('VisualVM fragment with `java.base@11.0.16/` frame prefixes and a header-less head thread', () => {
    const [head, exec] = parseJstackFixture('fragments/issue-HikariCP-1987-visualvm-format.txt').dumps[0]!.threads;
    expect(head).toMatchObject({ name: '', headerMissing: true, state: null, line: 1, endLine: 15 });
    expect(head!.frames[0]).toMatchObject({ module: 'java.base@11.0.16', className: 'jdk.internal.misc.Unsafe', method: 'park', native: true });
    expect(head!.parkingFor).toEqual({ id: '0x000000004f663f6b', className: 'java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject' });
    expect(exec).toMatchObject({ name: 'http-nio-8080-exec-4', id: 64, state: 'WAITING', line: 17 });
  });

  it('HikariCP 2.4 waiter in VisualVM style: `<5612c816>` ids without 0x', () => {
    const t = thread('fragments/issue-HikariCP-714-getconnection-waiting.txt', 'ddal-query-executor-535');
    expect(t).toMatchObject({ id: 625, state: 'TIMED_WAITING' });
    expect(t.parkingFor).toEqual({ id: '0x000000005612c816', className: 'com.zaxxer.hikari.util.QueuedSequenceSynchronizer$Synchronizer' });
    expect(t.frames).toHaveLength(14);
  });

  it('keeps very long thread names whole (tda urlthread)', () => {
    const names = parseJstackFixture('tda-urlthread.log').dumps[0]!.threads.map((t) => t.name);
    expect(Math.max(...names.map((n) => n.length))).toBe(592);
    expect(names.every((n) => !n.includes('" daemon prio='))).toBe(true);
  });

  it('reads the SMR, JNI and Heap sections', () => {
    const jifa = parseJstackFixture('jifa-jstack_11_with_deadlocks.log').dumps[0]!;
    expect(jifa).toMatchObject({ smrLength: 11, jniGlobalRefs: 6, jniWeakRefs: 0 });
    const j8 = parseJstackFixture('tda-java8dump.log').dumps[0]!;
    expect(j8.jniGlobalRefs).toBe(556);
    expect(j8.heap).toHaveLength(8);
    expect(j8.heap![0]).toBe('PSYoungGen      total 36864K, used 19075K [0x00000000d7000000, 0x00000000d9900000, 0x0000000100000000)');
    expect(parseJstackFixture('jthreaddump-three-way-deadlock.txt').dumps[0]!.smrLength).toBe(35);
  });

  it('reports the appended class histogram and the stray log line as skipped', () => {
    const p = parseJstackFixture('tda-testwithhistogram.log');
    const reasons = new Map<string, number>();
    for (const s of p.raw.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    expect(Object.fromEntries(reasons)).toEqual({
      'not part of a thread dump': 1,
      'class histogram appended to the thread dump (not modelled by the jstack parser)': 1087,
    });
    expect(p.raw.skipped[0]!.line).toBe(1);
    expect(p.raw.skipped[1]!.line).toBe(82);
  });
});

describe('Threads class SMR info', () => {
  it('takes the whole block, with the `_to_delete_list` printed after the thread list', () => {
    // samples/healthy-noisy/bundle/dumps/jstack-20261207T132603Z.txt, lines 1–37 (header, SMR block, first thread)
    const lines = [
      '# captured 2026-12-07T13:26:03Z host=vm pid=23217 cmd=jstack -l 23217',
      '2026-12-07 13:26:03',
      'Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1 mixed mode, sharing):',
      '',
      'Threads class SMR info:',
      '_java_thread_list=0x00007f6660004140, length=26, elements={',
      '0x00007f6684019b30, 0x00007f66840a1b20, 0x00007f66840a2f00, 0x00007f66840aa970,',
      '0x00007f66840abd20, 0x00007f66840ad130, 0x00007f66840aeae0, 0x00007f66840b0010,',
      '0x00007f66840b1090, 0x00007f66840b81c0, 0x00007f66840bb970, 0x00007f66843bea70,',
      '0x00007f6684376680, 0x00007f66843e1870, 0x00007f66843e50c0, 0x00007f6600005e90,',
      '0x00007f6600006fc0, 0x00007f6600007f60, 0x00007f6600009000, 0x00007f660000a0a0,',
      '0x00007f660000b540, 0x00007f660000cba0, 0x00007f660000dc60, 0x00007f660000ed20,',
      '0x00007f660000fdf0, 0x00007f6600011750',
      '}',
      '_to_delete_list=0x00007f66640066b0, length=27, elements={',
      '0x00007f6684019b30, 0x00007f66840a1b20, 0x00007f66840a2f00, 0x00007f66840aa970,',
      '0x00007f66840abd20, 0x00007f66840ad130, 0x00007f66840aeae0, 0x00007f66840b0010,',
      '0x00007f66840b1090, 0x00007f66840b81c0, 0x00007f66840bb970, 0x00007f66843bea70,',
      '0x00007f6684376680, 0x00007f66843e1870, 0x00007f66843e50c0, 0x00007f6600005e90,',
      '0x00007f6600006fc0, 0x00007f6600007f60, 0x00007f6600009000, 0x00007f660000a0a0,',
      '0x00007f660000b540, 0x00007f660000cba0, 0x00007f660000dc60, 0x00007f660000ed20,',
      '0x00007f660000fdf0, 0x00007f6600011750, 0x00007f65f80045f0',
      '}',
      '',
      '"main" #1 prio=5 os_prio=0 cpu=708.40ms elapsed=321.23s tid=0x00007f6684019b30 nid=0x5ab5 waiting on condition  [0x00007f668a11e000]',
      '   java.lang.Thread.State: TIMED_WAITING (parking)',
      '\tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)',
      '\t- parking to wait for  <0x00000000f1b00000> (a java.util.concurrent.CountDownLatch$Sync)',
      '\tat java.util.concurrent.locks.LockSupport.parkNanos(java.base@17.0.15/LockSupport.java:252)',
      '\tat java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(java.base@17.0.15/AbstractQueuedSynchronizer.java:717)',
      '\tat java.util.concurrent.locks.AbstractQueuedSynchronizer.tryAcquireSharedNanos(java.base@17.0.15/AbstractQueuedSynchronizer.java:1074)',
      '\tat java.util.concurrent.CountDownLatch.await(java.base@17.0.15/CountDownLatch.java:276)',
      '\tat com.example.orders.OrdersServiceApplication.main(OrdersServiceApplication.java:126)',
      '',
      '   Locked ownable synchronizers:',
      '\t- None',
      '',
    ];
    const p = parseJstackText(lines.join('\n') + '\n');
    expect(p.raw.skipped).toEqual([]);
    expect(unaccounted(p, lines)).toEqual([]);
    expect(p.dumps).toHaveLength(1);
    // The live thread list's length, not the list being deleted.
    expect(p.dumps[0]).toMatchObject({ smrLength: 26 });
    expect(p.dumps[0]!.threads.map((t) => [t.name, t.line])).toEqual([['main', 25]]);
  });
});
