import { describe, expect, it } from 'vitest';
import { classifyThread } from './classify';
import { REENTRANT_DEADLOCK_JDK8, THREADINFO_CYCLE_JDK17 } from './hand-written-samples';
import { contention, lockGraph } from './lock-graph';
import type { Deadlock } from './model';
import { parseJstackFixture, parseJstackText } from './test-helpers';

/** A cycle as `A -[lock]-> B` strings, for compact assertions. */
function edges(d: Deadlock): string[] {
  return d.threads.map((t) => `${t.name} -[${t.waitingFor.id} ${t.waitingFor.className}]-> ${t.heldBy}`);
}

describe('deadlocks the JVM reports', () => {
  it('jifa JDK 11: main <-> Thread-0 on two java.lang.Object monitors', () => {
    const d = parseJstackFixture('jifa-jstack_11_with_deadlocks.log').dumps[0]!;
    expect(d.deadlocks).toHaveLength(1);
    expect(d.deadlocks[0]).toMatchObject({ source: 'jvm', line: 86 });
    expect(edges(d.deadlocks[0]!)).toEqual([
      'main -[0x000000070fe20f58 java.lang.Object]-> Thread-0',
      'Thread-0 -[0x000000070fe20f48 java.lang.Object]-> main',
    ]);
    expect(d.deadlocks[0]!.threads.map((t) => t.monitor)).toEqual(['0x00007fcefca13e00', '0x00007fcefca13f00']);
  });

  it('jthreaddump JDK 25: DeadlockThread-A <-> DeadlockThread-B (entries separated by blank lines)', () => {
    const d = parseJstackFixture('jthreaddump-deadlock.txt').dumps[0]!;
    expect(d.deadlocks).toHaveLength(1);
    expect(d.deadlocks[0]!.line).toBe(396);
    expect(edges(d.deadlocks[0]!)).toEqual([
      'DeadlockThread-A -[0x000000052c830070 java.lang.Object]-> DeadlockThread-B',
      'DeadlockThread-B -[0x000000052c830078 java.lang.Object]-> DeadlockThread-A',
    ]);
  });

  it('jthreaddump three-way: all three cycles, two 2-way and one 3-way', () => {
    const d = parseJstackFixture('jthreaddump-three-way-deadlock.txt').dumps[0]!;
    expect(d.deadlocks.map((x) => [x.source, x.line, x.threads.length])).toEqual([
      ['jvm', 630, 2],
      ['jvm', 657, 2],
      ['jvm', 684, 3],
    ]);
    expect(edges(d.deadlocks[0]!)).toEqual([
      'DeadlockThread-A -[0x0000000503a018b0 java.lang.Object]-> DeadlockThread-B',
      'DeadlockThread-B -[0x0000000503a018b8 java.lang.Object]-> DeadlockThread-A',
    ]);
    expect(edges(d.deadlocks[1]!)).toEqual([
      'DeadlockCandidate-A -[0x0000000503a00828 java.lang.Object]-> DeadlockCandidate-B',
      'DeadlockCandidate-B -[0x0000000503a00830 java.lang.Object]-> DeadlockCandidate-A',
    ]);
    expect(edges(d.deadlocks[2]!)).toEqual([
      'DeadlockThread-A -[0x0000000540e324d0 java.lang.Object]-> DeadlockThread-B',
      'DeadlockThread-B -[0x0000000540e324d8 java.lang.Object]-> DeadlockThread-C',
      'DeadlockThread-C -[0x0000000540e324c8 java.lang.Object]-> DeadlockThread-A',
    ]);
  });

  it('the lock graph finds the same three cycles, telling apart the two "DeadlockThread-A"s', () => {
    const d = parseJstackFixture('jthreaddump-three-way-deadlock.txt').dumps[0]!;
    const g = lockGraph(d);
    expect(g.edges).toHaveLength(7); // every BLOCKED thread waits for a lock another thread holds
    expect(g.cycles.map((c) => c.map((e) => `${e.waiterName}#${d.threads[e.waiter]!.id}`))).toEqual([
      ['DeadlockThread-A#30', 'DeadlockThread-B#31'],
      ['DeadlockCandidate-A#147', 'DeadlockCandidate-B#148'],
      ['DeadlockThread-A#201', 'DeadlockThread-B#202', 'DeadlockThread-C#203'],
    ]);
    // Same lock sets as the JVM's report: nothing is added as `lock-graph`.
    expect(d.deadlocks.every((x) => x.source === 'jvm')).toBe(true);
  });

  it('ReentrantLock cycle from `jstack -l` (hand-written JDK 8 sample): ownable synchronizers', () => {
    const d = parseJstackText(REENTRANT_DEADLOCK_JDK8).dumps[0]!;
    expect(d.deadlocks).toHaveLength(1);
    expect(d.deadlocks[0]!.threads.map((t) => t.kind)).toEqual(['synchronizer', 'synchronizer']);
    expect(edges(d.deadlocks[0]!)).toEqual([
      'pool-1-thread-2 -[0x00000000d68ce880 java.util.concurrent.locks.ReentrantLock$NonfairSync]-> pool-1-thread-1',
      'pool-1-thread-1 -[0x00000000d68ce8b0 java.util.concurrent.locks.ReentrantLock$NonfairSync]-> pool-1-thread-2',
    ]);
    const g = lockGraph(d);
    expect(g.cycles).toHaveLength(1);
    expect(g.cycles[0]!.map((e) => [e.waiterName, e.ownerName, e.kind])).toEqual([
      ['pool-1-thread-2', 'pool-1-thread-1', 'synchronizer'],
      ['pool-1-thread-1', 'pool-1-thread-2', 'synchronizer'],
    ]);
  });
});

describe('deadlocks only the lock graph shows', () => {
  it('ThreadInfo dump (hand-written): cycle found from `blocked on` / `locked`, third thread waits behind it', () => {
    const d = parseJstackText(THREADINFO_CYCLE_JDK17).dumps[0]!;
    expect(d.format).toBe('threadinfo');
    expect(d.deadlocks).toHaveLength(1);
    expect(d.deadlocks[0]).toMatchObject({ source: 'lock-graph', line: 1 });
    expect(edges(d.deadlocks[0]!)).toEqual([
      'order-worker-1 -[0x00000000126d0622 java.lang.Object]-> order-worker-2',
      'order-worker-2 -[0x00000000557ba567 java.lang.Object]-> order-worker-1',
    ]);
    const w3 = d.threads[2]!;
    expect(w3).toMatchObject({ name: 'order-worker-3', id: 33, state: 'BLOCKED', lockOwnerName: 'order-worker-1' });
    expect(classifyThread(w3)).toEqual(['blocked-on-monitor']);
    const c = contention(d);
    expect(c.map((x) => [x.lock.id, x.waiters, x.owner?.name, x.owner?.doing])).toEqual([
      ['0x00000000557ba567', ['order-worker-2', 'order-worker-3'], 'order-worker-1', 'com.acme.orders.Inventory.reserve'],
    ]);
  });

  it('virtual-thread deadlock (JDK 25): jstack does not show unmounted virtual threads, so no cycle is visible', () => {
    // The scenario deadlocks virtual threads; unmounted virtual threads are not in a jstack dump and
    // no carrier is mounted (`Carrying virtual thread` nowhere). What the dump does show: no BLOCKED
    // thread, no lock edge, and every ForkJoinPool carrier idle in awaitWork. A correct analysis
    // reports no deadlock here (and must not invent one).
    const d = parseJstackFixture('jthreaddump-virtual-thread-deadlock.txt').dumps[0]!;
    expect(d.deadlocks).toEqual([]);
    expect(lockGraph(d).edges).toEqual([]);
    expect(d.threads.filter((t) => t.state === 'BLOCKED')).toEqual([]);
    expect(d.threads.filter((t) => t.carrying !== undefined || t.virtual)).toEqual([]);
    const carriers = d.threads.filter((t) => /^ForkJoinPool-1-worker-\d+$/.test(t.name));
    expect(carriers.map((t) => t.name)).toEqual(['ForkJoinPool-1-worker-1', 'ForkJoinPool-1-worker-2', 'ForkJoinPool-1-worker-3', 'ForkJoinPool-1-worker-4']);
    expect(carriers.map((t) => classifyThread(t))).toEqual([['idle-pool-worker'], ['idle-pool-worker'], ['idle-pool-worker'], ['idle-pool-worker']]);
  });

  it('dumps without cycles yield no deadlocks', () => {
    for (const f of ['tda-urlthread.log', 'tda-hpdump.log', 'tda-test.log', 'tda-visualvmremote.log', 'tda-java8dump.log']) {
      for (const d of parseJstackFixture(f).dumps) expect(d.deadlocks, f).toEqual([]);
    }
  });
});
