import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyThread, tagThreads } from './classify';
import { groupThreads, normaliseClassName, normaliseThreadName } from './group';
import { collectorLoop, POOL_EXHAUSTED_JDK17 } from './hand-written-samples';
import { contention } from './lock-graph';
import { stuckThreads } from './stuck';
import { stateHistogram, threadCountSeries } from './summary';
import { parseJstackFixture, parseJstackText } from './test-helpers';

describe('groupThreads', () => {
  it('groups the 41 BLOCKED crawler threads of tda urlthread by stack', () => {
    const d = parseJstackFixture('tda-urlthread.log').dumps[0]!;
    const groups = groupThreads(d);
    expect(groups).toHaveLength(23);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(70);
    for (let i = 1; i < groups.length; i++) expect(groups[i - 1]!.count).toBeGreaterThanOrEqual(groups[i]!.count);
    const top = groups[0]!;
    expect(top).toMatchObject({ count: 30, state: 'BLOCKED' });
    expect(top.frames[0]?.text).toBe('org.archive.crawler.postprocessor.FrontierScheduler.innerProcess(FrontierScheduler.java:76)');
    expect(top.sample.line).toBe(54);
    expect(top.lines.slice(0, 3)).toEqual([54, 62, 70]);
    expect(top.threadNames.every((n) => n.startsWith('ToeThread #'))).toBe(true);
    expect(groups.map((g) => [g.count, g.state]).slice(1, 2)).toEqual([[7, 'BLOCKED']]);
  });

  it('folds 574 HP-UX threads into 55 stacks; the largest is 90 NIO selector threads', () => {
    const d = parseJstackFixture('tda-hpdump.log').dumps[0]!;
    const groups = groupThreads(d);
    expect(groups).toHaveLength(55);
    expect(groups[0]).toMatchObject({ count: 90, state: 'RUNNABLE' });
    expect(groups[0]!.frames[0]?.text).toBe('sun.nio.ch.PollArrayWrapper.poll0(Native Method)');
    expect(groups[0]!.namePatterns).toContain('LKSN_BTD_SOA_#-Selector');
    expect(groups[1]).toMatchObject({ count: 82, state: 'WAITING', namePatterns: ['Thread-#'] });
  });

  it('erases lambda, proxy, accessor and CGLIB numbers and lock ids, but not line numbers', () => {
    // Hand-written: the same stack reached through different generated classes and locks.
    const text = `"exec-1" #20 prio=5 tid=0x1 nid=0x10 waiting for monitor entry [0x0]
   java.lang.Thread.State: BLOCKED (on object monitor)
\tat com.acme.Cache.get(Cache.java:10)
\t- waiting to lock <0x00000007a0000010> (a com.acme.Cache)
\tat com.acme.Api$$Lambda$123/0x0000000800c01234.apply(Unknown Source)
\tat com.sun.proxy.$Proxy42.find(Unknown Source)
\tat jdk.internal.reflect.GeneratedMethodAccessor17.invoke(Unknown Source)
\tat com.acme.Svc$$EnhancerBySpringCGLIB$$5f2e1a7b.find(<generated>)

"exec-2" #21 prio=5 tid=0x2 nid=0x11 waiting for monitor entry [0x0]
   java.lang.Thread.State: BLOCKED (on object monitor)
\tat com.acme.Cache.get(Cache.java:10)
\t- waiting to lock <0x00000007a0000020> (a com.acme.Cache)
\tat com.acme.Api$$Lambda$77/0x0000000800c0abcd.apply(Unknown Source)
\tat com.sun.proxy.$Proxy7.find(Unknown Source)
\tat jdk.internal.reflect.GeneratedMethodAccessor3.invoke(Unknown Source)
\tat com.acme.Svc$$EnhancerBySpringCGLIB$$0a9c77d1.find(<generated>)

"exec-3" #22 prio=5 tid=0x3 nid=0x12 waiting for monitor entry [0x0]
   java.lang.Thread.State: BLOCKED (on object monitor)
\tat com.acme.Cache.get(Cache.java:11)
\t- waiting to lock <0x00000007a0000010> (a com.acme.Cache)
`;
    const groups = groupThreads(parseJstackText(text).dumps[0]!);
    expect(groups.map((g) => [g.count, g.threadNames, g.namePatterns])).toEqual([
      [2, ['exec-1', 'exec-2'], ['exec-#']],
      [1, ['exec-3'], ['exec-#']],
    ]);
    expect(groups[0]!.key).toBe(
      [
        'BLOCKED',
        'com.acme.Cache.get(Cache.java:10)\n  - waiting to lock (a com.acme.Cache)',
        'com.acme.Api$$Lambda.apply(Unknown Source)',
        'com.sun.proxy.$Proxy.find(Unknown Source)',
        'jdk.internal.reflect.GeneratedMethodAccessor.invoke(Unknown Source)',
        'com.acme.Svc$$EnhancerBySpringCGLIB$$.find(<generated>)',
      ].join('\n'),
    );
  });

  it('normalises class and thread names', () => {
    expect(normaliseClassName('Test$$Lambda$1/0x0000000800060840')).toBe('Test$$Lambda');
    expect(normaliseClassName('me.X$$Lambda/0x000007fc0113c400')).toBe('me.X$$Lambda');
    expect(normaliseClassName('com.example.JvmDemo4$$Lambda$12/1104106489')).toBe('com.example.JvmDemo4$$Lambda');
    expect(normaliseClassName('java.lang.invoke.LambdaForm$DMH/0x000007fc011d4000')).toBe('java.lang.invoke.LambdaForm$DMH');
    expect(normaliseClassName('sun.reflect.GeneratedSerializationConstructorAccessor88')).toBe('sun.reflect.GeneratedSerializationConstructorAccessor');
    expect(normaliseThreadName('http-nio-8080-exec-12')).toBe('http-nio-#-exec-#');
  });
});

describe('contention', () => {
  it('names the owner of the FrontierScheduler monitor 30 crawler threads wait for, and what it does', () => {
    const d = parseJstackFixture('tda-urlthread.log').dumps[0]!;
    const c = contention(d, 3);
    expect(c.map((x) => [x.lock.className, x.lock.id, x.waiters.length])).toEqual([
      ['org.archive.crawler.postprocessor.FrontierScheduler', '0x00000000d5bada80', 30],
      ['org.apache.commons.httpclient.HttpState', '0x00000000d5c7d3c0', 7],
      ['com.sleepycat.je.evictor.Evictor', '0x00000000d5bb9a68', 4],
    ]);
    const top = c[0]!.owner!;
    expect(top.name.startsWith('ToeThread #18: http://www.urbanoutfitters.com/')).toBe(true);
    expect(top).toMatchObject({ state: 'RUNNABLE', doing: 'java.io.RandomAccessFile.seek', line: 395 });
    expect(top.topFrame?.native).toBe(true);
    // The owner of the HttpState monitor is itself blocked on the Evictor, owned by ToeThread #18.
    expect(c[1]!.owner).toMatchObject({ state: 'BLOCKED', doing: 'com.sleepycat.je.evictor.Evictor.doEvict' });
    expect(c[2]!.owner!.name).toBe(top.name);
  });

  it('does not count threads parked on conditions or queues as contention', () => {
    for (const f of ['tda-hpdump.log', 'tda-visualvmremote.log', 'jthreaddump-virtual-thread-deadlock.txt']) {
      expect(contention(parseJstackFixture(f).dumps[0]!), f).toEqual([]);
    }
  });
});

describe('classifyThread', () => {
  it('HikariCP 2.4 waiter (QueuedSequenceSynchronizer under HikariPool.getConnection, VisualVM style)', () => {
    const t = parseJstackFixture('fragments/issue-HikariCP-714-getconnection-waiting.txt').dumps[0]!.threads[0]!;
    expect(classifyThread(t)).toEqual(['hikari-waiter']);
  });

  it('Tomcat workers of the HikariCP 1987 fragment are idle, not waiting for the pool', () => {
    const [head, exec] = parseJstackFixture('fragments/issue-HikariCP-1987-visualvm-format.txt').dumps[0]!.threads;
    expect(classifyThread(head!)).toEqual(['idle-pool-worker']);
    expect(classifyThread(exec!)).toEqual([]); // cut after its first frame: nothing to tell
  });

  it('HikariCP housekeeper and the PostgreSQL driver timer (db-scheduler fragment)', () => {
    const [timer, hk] = parseJstackFixture('fragments/issue-db-scheduler-180-comma-decimal-cpu.txt').dumps[0]!.threads;
    expect(classifyThread(hk!)).toEqual(['hikari-housekeeper']);
    expect(classifyThread(timer!)).toEqual([]);
  });

  it('Dubbo fragment: nothing HikariCP-specific is visible', () => {
    const threads = parseJstackFixture('fragments/issue-HikariCP-1508-dubbo-pressure.txt').dumps[0]!.threads;
    expect(threads.map((t) => classifyThread(t))).toEqual([[], []]);
  });

  it('pool exhaustion (hand-written JDK 17 sample): waiters, DB waits, IO wait, housekeeper, idle worker', () => {
    const d = parseJstackText(POOL_EXHAUSTED_JDK17).dumps[0]!;
    expect(d.threads.map((t) => [t.name, classifyThread(t)])).toEqual([
      ['http-nio-8080-exec-1', ['db-wait']], // PostgreSQL over NioSocketImpl (JDK 13+)
      ['http-nio-8080-exec-2', ['db-wait']], // MySQL over SocketInputStream.socketRead0
      ['http-nio-8080-exec-3', ['io-wait']], // HTTP client, SocketDispatcher.read0
      ['http-nio-8080-exec-4', ['hikari-waiter']],
      ['http-nio-8080-exec-5', ['hikari-waiter']],
      ['HikariPool-1 housekeeper', ['hikari-housekeeper', 'idle-pool-worker']],
      ['http-nio-8080-exec-6', ['idle-pool-worker']],
      ['GC Thread#0', ['gc']],
      ['VM Thread', ['vm']],
    ]);
    const tags = tagThreads(d);
    expect(tags['hikari-waiter']).toEqual([3, 4]);
    expect(tags['db-wait']).toEqual([0, 1]);
    expect(tags['blocked-on-monitor']).toEqual([]);
  });

  it('an HTTP dispatcher in EPoll.wait is an idle I/O wait, not work (healthy-noisy sample, JDK 17)', () => {
    const text = readFileSync(new URL('../../samples/healthy-noisy/bundle/dumps/jstack-20261207T132103Z.txt', import.meta.url), 'utf8');
    const dispatcher = parseJstackText(text).dumps[0]!.threads.find((t) => t.name === 'HTTP-Dispatcher')!;
    expect(dispatcher.state).toBe('RUNNABLE');
    expect(dispatcher.frames[0]?.method).toBe('wait');
    expect(classifyThread(dispatcher)).toEqual(['io-wait']);
  });

  it('JVM-internal and GC threads of a JDK 11 dump', () => {
    const d = parseJstackFixture('tda-java11dump.log').dumps[0]!;
    const tags = tagThreads(d);
    expect(tags.gc.map((i) => d.threads[i]!.name)).toEqual(Array.from({ length: 10 }, (_, i) => `ParGC Thread#${i}`));
    expect(tags.vm.map((i) => d.threads[i]!.name)).toEqual(['Reference Handler', 'VM Thread', 'VM Periodic Task Thread']);
    expect(classifyThread(d.threads[0]!)).toEqual(['io-wait']); // main, in ServerSocket.accept: idle, waiting for a connection
  });

  it('the 41 BLOCKED urlthread threads are blocked-on-monitor', () => {
    const d = parseJstackFixture('tda-urlthread.log').dumps[0]!;
    expect(tagThreads(d)['blocked-on-monitor']).toHaveLength(41);
  });
});

describe('stuckThreads', () => {
  it('tda-test: five RMI threads unchanged over all three dumps; idle accept/event threads only on request', () => {
    const dumps = parseJstackFixture('tda-test.log').dumps;
    const stuck = stuckThreads(dumps);
    expect(stuck.map((s) => [s.name, s.dumpIndexes, s.lines])).toEqual([
      ['RMI TCP Connection(23)-127.0.1.1', [0, 1, 2], [4, 881, 1742]],
      ['RMI TCP Connection(22)-127.0.1.1', [0, 1, 2], [20, 897, 1758]],
      ['RMI TCP Connection(21)-127.0.1.1', [0, 1, 2], [36, 913, 1774]],
      ['RMI TCP Connection(19)-127.0.1.1', [0, 1, 2], [83, 960, 1821]],
      ['RMI TCP Connection(20)-127.0.1.1', [0, 1, 2], [542, 1403, 2251]],
    ]);
    expect(stuck[2]!.frames[0]?.text).toBe('sun.management.ThreadImpl.dumpThreads0(Native Method)');
    const idle = stuckThreads(dumps, { includeIdle: true }).map((s) => s.name);
    expect(idle).toHaveLength(9);
    expect(idle).toEqual(expect.arrayContaining(['RMI TCP Accept-0', 'Creator Error Handler Listener', 'AWT-XAWT', 'CLI Requests Server']));
    expect(stuckThreads(dumps, { minDumps: 4 })).toEqual([]);
  });

  it('collector loop (hand-written): the spinning report thread is stuck only while its frames stay the same', () => {
    const loop = (t: string, line: number) => collectorLoop(`2026-11-22T16:00:${t}Z`, `Sun Nov 22 16:00:${t} UTC 2026`, line);
    const same = parseJstackText(loop('00', 120) + loop('10', 120) + loop('20', 120)).dumps;
    expect(same).toHaveLength(3);
    expect(stuckThreads(same).map((s) => [s.name, s.states])).toEqual([['report-spinner', ['RUNNABLE', 'RUNNABLE', 'RUNNABLE']]]);
    const moved = parseJstackText(loop('00', 120) + loop('10', 121) + loop('20', 121)).dumps;
    expect(stuckThreads(moved)).toEqual([]);
    expect(stuckThreads(moved, { topFrames: 1, minDumps: 2 }).map((s) => s.dumpIndexes)).toEqual([[1, 2]]);
  });
});

describe('summary', () => {
  it('thread counts per dump for growth checks (tda-test: 88, 86, 86)', () => {
    const series = threadCountSeries(parseJstackFixture('tda-test.log').dumps);
    expect(series.map((p) => [p.dump, p.line, p.total])).toEqual([
      [0, 1, 88],
      [1, 878, 86],
      [2, 1739, 86],
    ]);
    expect(series[2]!.byState).toEqual({ RUNNABLE: 12, BLOCKED: 0, WAITING: 15, TIMED_WAITING: 59, NEW: 0, TERMINATED: 0, unknown: 0 });
  });

  it('state histogram counts threads without a state as unknown', () => {
    const h = stateHistogram(parseJstackFixture('tda-java11dump.log').dumps[0]!);
    expect(h).toEqual({ RUNNABLE: 2, BLOCKED: 0, WAITING: 0, TIMED_WAITING: 0, NEW: 0, TERMINATED: 0, unknown: 12 });
  });
});
