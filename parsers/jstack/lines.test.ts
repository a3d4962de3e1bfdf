import { describe, expect, it } from 'vitest';
import { utcTime } from '../../test/support/parse-fixture';
import { parseFullDumpLine, parseToolStamp } from './dump-header';
import { parseFrame } from './frame';
import { normaliseLockId, parseLockTarget } from './lock-ref';
import { parseThreadHeader } from './thread-header';
import { parseLockLine, parseOwnableLine, parseStateLine } from './thread-lines';

describe('parseThreadHeader', () => {
  const cases: [string, Record<string, unknown>][] = [
    [
      '"main" #1 prio=5 os_prio=0 cpu=1124.82ms elapsed=116459.50s tid=0x00007f6aec016800 nid=0xaba runnable  [0x00007f6af4245000]',
      { format: 'hotspot', name: 'main', id: 1, prio: 5, osPrio: 0, cpuMs: 1124.82, elapsedS: 116459.5, tid: '0x00007f6aec016800', nid: '0xaba', status: 'runnable' },
    ],
    [
      '"Reference Handler" #9 [30467] daemon prio=10 os_prio=31 cpu=0.44ms elapsed=25574.11s tid=0x000000010328e320 nid=30467 waiting on condition  [0x000000016e7c2000]',
      { id: 9, osId: 30467, daemon: true, nid: '30467', status: 'waiting on condition' },
    ],
    [
      '"main" #3 [5379] prio=5 os_prio=31 cpu=274.58ms elapsed=0.61s allocated=44228K defined_classes=1953 tid=0x000000014a83fa00 nid=5379 runnable  [0x000000016b3d1000]',
      { allocatedBytes: 44228 * 1024, definedClasses: 1953 },
    ],
    ['"GC Thread#9" os_prio=31 cpu=0.26ms elapsed=25573.86s tid=0x0000000881882800 nid=35331 runnable  ', { name: 'GC Thread#9', osPrio: 31, status: 'runnable', daemon: false }],
    [
      '"LeaseRenewalManager Task" daemon prio=1 tid=0x0000002ac6c9b0a0 nid=0x57f8 in Object.wait() [0x0000000051d6d000..0x0000000051d6dd30]',
      { daemon: true, prio: 1, status: 'in Object.wait()' },
    ],
    [
      '"jeus.server.enginecontainer.EngineContainer [container1-10]" prio=10 tid=6000000000098a20 nid=1 lwp_id=-1 in Object.wait() [9fffffffffffc000..9fffffffffffd0b0]',
      { name: 'jeus.server.enginecontainer.EngineContainer [container1-10]', tid: '6000000000098a20', nid: '1', status: 'in Object.wait()' },
    ],
    ['"Ticketing pool housekeeper" #17 daemon prio=5 os_prio=0 cpu=9,89ms elapsed=465,71s tid=0x1 nid=0x1edff waiting on condition  [0x0]', { cpuMs: 9.89, elapsedS: 465.71 }],
    ['"RMI TCP Connection(23)-127.0.1.1" id=3149 in RUNNABLE (running in native)', { format: 'threadinfo', id: 3149, state: 'RUNNABLE', stateDetail: 'running in native' }],
    [
      '"order-worker-1" prio=5 Id=31 BLOCKED on java.lang.Object@126d0622 owned by "order-worker-2" Id=32',
      { format: 'threadinfo', id: 31, prio: 5, state: 'BLOCKED', stateLock: { id: '0x00000000126d0622', className: 'java.lang.Object' }, lockOwnerName: 'order-worker-2' },
    ],
    ['"http-nio-8080-exec-4" - Thread t@64', { format: 'visualvm', name: 'http-nio-8080-exec-4', id: 64 }],
    ['#41 "" virtual', { format: 'jcmd-text', name: '', id: 41, virtual: true }],
    ['"a "quoted" name" #5 prio=5 tid=0x1 nid=0x2 runnable', { name: 'a "quoted" name', id: 5 }],
  ];
  for (const [line, want] of cases) {
    it(line.slice(0, 70), () => expect(parseThreadHeader(line)).toMatchObject(want));
  }

  it('rejects lines that only start with a quote', () => {
    expect(parseThreadHeader('"main":')).toBeNull();
    expect(parseThreadHeader('"hello" world')).toBeNull();
    expect(parseThreadHeader('2026-01-01 "x" prio=5')).toBeNull();
  });
});

describe('parseFrame', () => {
  it('reads class, method, file, line, module and native', () => {
    expect(parseFrame('jdk.internal.misc.Unsafe.park(java.base@11.0.1/Native Method)')).toEqual({
      text: 'jdk.internal.misc.Unsafe.park(java.base@11.0.1/Native Method)',
      module: 'java.base@11.0.1',
      native: true,
      className: 'jdk.internal.misc.Unsafe',
      method: 'park',
    });
    expect(parseFrame('java.base@11.0.16/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:433)')).toMatchObject({
      module: 'java.base@11.0.16',
      className: 'java.util.concurrent.LinkedBlockingQueue',
      method: 'take',
      file: 'LinkedBlockingQueue.java',
      lineNo: 433,
    });
    expect(parseFrame('app//com.acme.orders.Inventory.reserve(Inventory.java:58)')).toMatchObject({ className: 'com.acme.orders.Inventory', method: 'reserve', lineNo: 58 });
    expect(parseFrame('app//com.acme.orders.Inventory.reserve(Inventory.java:58)').module).toBeUndefined();
    expect(parseFrame('Test$$Lambda$1/0x0000000800060840.run(Unknown Source)')).toEqual({
      text: 'Test$$Lambda$1/0x0000000800060840.run(Unknown Source)',
      className: 'Test$$Lambda$1/0x0000000800060840',
      method: 'run',
    });
    expect(parseFrame('java.lang.invoke.LambdaForm$DMH/0x000007fc011d4000.invokeVirtual(java.base@25/LambdaForm$DMH)')).toMatchObject({
      className: 'java.lang.invoke.LambdaForm$DMH/0x000007fc011d4000',
      method: 'invokeVirtual',
      module: 'java.base@25',
      file: 'LambdaForm$DMH',
    });
    expect(parseFrame('java.base/java.lang.Thread.sleep(Thread.java:509)')).toMatchObject({ module: 'java.base', className: 'java.lang.Thread', method: 'sleep', lineNo: 509 });
  });

  it('keeps odd text without throwing', () => {
    expect(parseFrame('java.base@11.0.16/jdk.internal.misc.Unsafe.p')).toMatchObject({ className: 'jdk.internal.misc.Unsafe', method: 'p' });
    expect(parseFrame('(((')).toEqual({ text: '(((' });
    expect(parseFrame('')).toEqual({ text: '' });
  });
});

describe('lock references', () => {
  it('normalises every rendering to 16 lower-case hex digits', () => {
    expect(normaliseLockId('0x000000076AB62208')).toBe('0x000000076ab62208');
    expect(normaliseLockId('9fffffff59c52280')).toBe('0x9fffffff59c52280');
    expect(normaliseLockId('5612c816')).toBe('0x000000005612c816');
    expect(normaliseLockId('0x18df8a5')).toBe('0x00000000018df8a5');
    expect(normaliseLockId('zz')).toBeNull();
    expect(normaliseLockId('0x12345678901234567')).toBeNull();
  });

  it('reads `<id> (a Class)`, `Class@hash` and rejects `<no object reference available>`', () => {
    expect(parseLockTarget(' <0x00000000d7353320> (a java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject)')).toEqual({
      id: '0x00000000d7353320',
      className: 'java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject',
    });
    expect(parseLockTarget('[Ljava.lang.Object;@4f3f5b24')).toEqual({ id: '0x000000004f3f5b24', className: '[Ljava.lang.Object;' });
    expect(parseLockTarget(' <no object reference available>')).toBeNull();
  });

  it('lock lines of every style', () => {
    expect(parseLockLine('\t- parking to wait for  <0x00000000d7bf6bd0> (a java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject)')).toMatchObject({
      kind: 'parking to wait for',
      lock: { id: '0x00000000d7bf6bd0' },
    });
    expect(parseLockLine('\t- waiting to re-lock in wait() <0x000000070ff08f80> (a java.lang.ref.ReferenceQueue$Lock)')?.kind).toBe('waiting to re-lock');
    expect(parseLockLine('\t-  blocked on java.lang.Object@126d0622')).toEqual({ kind: 'blocked on', lock: { id: '0x00000000126d0622', className: 'java.lang.Object' } });
    expect(parseLockLine('    -  locked java.lang.Object@16629d6a <---- but blocks 1 other threads!')?.lock?.id).toBe('0x0000000016629d6a');
    expect(parseLockLine('\t- waiting on <no object reference available>')).toEqual({ kind: 'waiting on' });
    expect(parseLockLine('\t- eliminated <owner is scalar replaced> (a java.lang.Object)')).toEqual({ kind: 'eliminated' });
    expect(parseLockLine('\t- None')).toBeNull();
    expect(parseOwnableLine('\t- None')).toBe('none');
    expect(parseOwnableLine('\t- locked java.util.concurrent.locks.ReentrantLock$NonfairSync@7a29682f')).toEqual({
      id: '0x000000007a29682f',
      className: 'java.util.concurrent.locks.ReentrantLock$NonfairSync',
    });
  });

  it('state lines, HotSpot and VisualVM', () => {
    expect(parseStateLine('   java.lang.Thread.State: TIMED_WAITING (parking)')).toEqual({ state: 'TIMED_WAITING', detail: 'parking' });
    expect(parseStateLine('   java.lang.Thread.State: WAITING on java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@1a2b')).toEqual({
      state: 'WAITING',
      lock: { id: '0x0000000000001a2b', className: 'java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject' },
    });
    expect(parseStateLine('   java.lang.Thread.State: BLOCKED on java.lang.Object@3f2a3a5 owned by: Thread-0')).toMatchObject({ state: 'BLOCKED', ownerName: 'Thread-0' });
    expect(parseStateLine('   java.lang.Thread.State: SOMETHING')).toEqual({ state: null });
    expect(parseStateLine('java.lang.Thread.State')).toBeNull();
  });
});

describe('dump banner and stamps', () => {
  const ctx = utcTime();
  it('the tool stamp line, with and without zone', () => {
    expect(parseToolStamp(ctx, '2026-01-20 17:29:40')).toBe(Date.UTC(2026, 0, 20, 17, 29, 40));
    expect(parseToolStamp(ctx, '2024-06-11T08:05:44.310227Z')).toBe(Date.UTC(2024, 5, 11, 8, 5, 44, 310));
    expect(parseToolStamp(ctx, '2026-01-20 17:29:40 something')).toBeNull();
  });

  it('`Full thread dump` banners: JVM name; HP-UX bracketed locale date (KST)', () => {
    expect(parseFullDumpLine(ctx, 'Full thread dump OpenJDK 64-Bit Server VM (11.0.6+10 mixed mode):')).toEqual({ jvm: 'OpenJDK 64-Bit Server VM (11.0.6+10 mixed mode)' });
    expect(parseFullDumpLine(ctx, 'Full thread dump Java HotSpot(TM) Client VM 1.6.0_03-b05')).toEqual({ jvm: 'Java HotSpot(TM) Client VM 1.6.0_03-b05' });
    // `화 3월 15 …` read as windows-1252, as the engine decodes this non-UTF-8 file.
    expect(parseFullDumpLine(ctx, 'Full thread dump  [Åä 3¿ù 15 14:48:56 KST 2008] (Java HotSpot(TM) 64-Bit Server VM 1.5.0.11 mixed mode):')).toEqual({
      jvm: 'Java HotSpot(TM) 64-Bit Server VM 1.5.0.11 mixed mode',
      capturedAt: Date.UTC(2008, 2, 15, 5, 48, 56),
    });
    expect(parseFullDumpLine(ctx, 'Full thread dump [Tue Mar 15 14:48:56 UTC 2008] (X VM):').capturedAt).toBe(Date.UTC(2008, 2, 15, 14, 48, 56));
  });
});
