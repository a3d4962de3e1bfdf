/**
 * The lock queues of __fixtures__/lock-waits/ again, from the same program built with Go 1.22
 * (make-fixtures-go122.sh, go122/): 1.20+ wait reasons (`sync.Mutex.Lock`, `sync.RWMutex.RLock`),
 * `sync.runtime_SemacquireRWMutexR`, `created by … in goroutine N`, other clean/stale arguments, and a
 * SIGQUIT trace (GOTRACEBACK=all) with `gp=`/`m=` headers, runtime frames and `gowrapN` frames. Each is
 * read as its Go 1.19 twin is.
 */
import { describe, expect, it } from 'vitest';
import { groupGoroutines } from './group';
import { contendedLocks, type ContendedLock } from './locks';
import { parseFixtureFile, unaccounted } from './test-helpers';

const DIR = 'lock-waits/go122/';
const dump = (name: string) => {
  const p = parseFixtureFile(name);
  expect(p.skipped).toEqual([]);
  expect(unaccounted(p)).toEqual({ missing: [], duplicateSkips: [] });
  expect(p.dumps).toHaveLength(1);
  return p.dumps[0]!;
};
const fn = (s: string | undefined) => s?.split(' ')[0];
/** What a reader of the dump would say of each lock, without the build's ids and addresses. */
const shape = (locks: ContendedLock[]) =>
  locks.map((l) => ({
    site: fn(l.site), kind: l.kind, waiters: l.waiters, keyedBy: l.address ? 'address' : 'site', cycle: !!l.cycle, others: l.otherHolders,
    holder: l.holder && { activity: l.holder.activity, matchedBy: l.holder.matchedBy, code: fn(l.holder.code), doing: fn(l.holder.doing), queued: !!l.holder.waitsOn },
  }));

describe('Go 1.22 dumps of the lockwaits program', () => {
  it('are read whole, with the 1.20+ wait reasons and creators', () => {
    const two = dump(`${DIR}lockwaits-debug2.txt`);
    expect(two.goroutines).toHaveLength(15);
    expect(groupGoroutines(two).map((g) => [g.count, g.state, g.userFrame?.func])).toEqual([
      [5, 'sync.RWMutex.RLock', 'main.(*store).get'],
      [4, 'sync.Mutex.Lock', 'main.writeAudit'],
      [1, 'running', 'main.main'],
      [1, 'sleep', 'main.(*store).reload'],
      [1, 'sync.Mutex.Lock', 'main.(*store).put'],
      [1, 'syscall', 'main.writeAudit'],
      [1, 'sync.Mutex.Lock', 'main.transfer'],
      [1, 'sync.Mutex.Lock', 'main.transfer'],
    ]);
    expect(two.goroutines.find((g) => g.id === 17)?.createdBy).toMatchObject({ func: 'main.main', lineNo: 72, goroutine: 1 });
    const one = dump(`${DIR}lockwaits-debug1.txt`);
    expect([one.total, one.aggregated.map((a) => a.count)]).toEqual([15, [5, 4, 2, 1, 1, 1, 1]]);
    const quit = dump(`${DIR}lockwaits-sigquit.log`);
    expect(quit.signal).toMatchObject({ name: 'SIGQUIT', line: 1 });
    expect(quit.goroutines).toHaveLength(24);
    expect(quit.registers?.[0]).toMatchObject({ line: 464, endLine: 484 });
  });

  it('finds the same locks, holders and activities as in the Go 1.19 dumps', () => {
    for (const f of ['lockwaits-debug2.txt', 'lockwaits-debug1.txt']) {
      expect(shape(contendedLocks(dump(DIR + f), 1))).toEqual(shape(contendedLocks(dump(`lock-waits/${f}`), 1)));
    }
  });

  describe('debug=2', () => {
    const locks = contendedLocks(dump(`${DIR}lockwaits-debug2.txt`), 1);
    const bySite = (f: string) => locks.find((l) => fn(l.site) === f)!;

    it('groups the RLock waiters by their locking code and finds the sleeping writer by their receiver, printed clean in 1.22', () => {
      const l = bySite('main.(*store).get');
      expect(l).toMatchObject({ kind: 'RWMutex.RLock', address: null, waiters: 5, line: 19, lockLine: 22, siteLine: 24, otherHolders: 0 });
      expect(l.holder).toMatchObject({ id: 6, state: 'sleep', activity: 'sleep', matchedBy: 'receiver', line: 11, doingLine: 12, codeLine: 14 });
      expect(fn(l.holder!.code)).toBe('main.(*store).reload');
      expect(fn(l.holder!.doing)).toBe('time.Sleep');
    });

    it('keys the queued writer by lockSlow (its `(*RWMutex).Lock(0x0?)` is stale) and counts no queued reader as a holder', () => {
      expect(bySite('main.(*store).put')).toMatchObject({ kind: 'RWMutex.Lock', address: '0xc000074098', waiters: 1, holder: { id: 6 }, otherHolders: 0 });
    });

    it('finds the package-level mutex holder, blocked in read(2), by its code path', () => {
      const l = bySite('main.writeAudit');
      expect(l).toMatchObject({ kind: 'Mutex', address: '0x5f18e8', waiters: 4 });
      expect(l.holder).toMatchObject({ id: 23, state: 'syscall', activity: 'syscall', matchedBy: 'code-path', doingLine: 84, codeLine: 90 });
      expect(fn(l.holder!.doing)).toBe('syscall.Syscall');
    });

    it('marks the two transfers as a cycle, each holder queued in `sync.Mutex.Lock`', () => {
      const cyc = locks.filter((l) => fn(l.site) === 'main.transfer');
      expect(cyc.map((l) => [l.address, l.holder?.id, l.holder?.state, l.holder?.waitsOn, l.cycle])).toEqual([
        ['0xc000092060', 29, 'sync.Mutex.Lock', '0xc000092050', true],
        ['0xc000092050', 28, 'sync.Mutex.Lock', '0xc000092060', true],
      ]);
    });
  });

  describe('a SIGQUIT trace (GOTRACEBACK=all) after five more transfers queued behind the cycle', () => {
    const d = dump(`${DIR}lockwaits-sigquit.log`);
    const locks = contendedLocks(d, 1);

    it('sees through the runtime frames above the semaphore and the gowrap frames below the caller', () => {
      const g = d.goroutines.find((x) => x.id === 17)!;
      expect(g.frames.map((f) => f.func).slice(0, 3)).toEqual(['runtime.gopark', 'runtime.goparkunlock', 'runtime.semacquire1']);
      expect(g.frames.at(-2)?.func).toMatch(/^main\.main\.gowrap\d+$/);
      expect(shape(locks).filter((l) => l.site !== 'main.transfer')).toEqual(shape(contendedLocks(dump(`${DIR}lockwaits-debug2.txt`), 1)).filter((l) => l.site !== 'main.transfer'));
    });

    it('names a lock by the code most of its waiters queue in, and keeps it a cycle', () => {
      const a = locks[0]!;
      // 5 queued at `from.mu.Lock()` (line 58), 1 (the other transfer of the cycle) at `to.mu.Lock()` (61).
      expect(a).toMatchObject({ address: '0xc000092050', waiters: 6, cycle: true, otherHolders: 0, holder: { id: 28, activity: 'lock', waitsOn: '0xc000092060' } });
      expect(a.site).toMatch(/^main\.transfer \S+\/lockwaits\/main\.go:58$/);
      expect(locks.find((l) => l.address === '0xc000092060')).toMatchObject({ waiters: 1, cycle: true, holder: { id: 29 }, otherHolders: 0 });
    });

    it('groups the runtime goroutines by their loop, not by the go statement wrapper', () => {
      const fns = groupGoroutines(d).map((g) => g.userFrame?.func);
      expect(fns).toEqual(expect.arrayContaining(['runtime.bgsweep', 'runtime.bgscavenge', 'main.writeAudit']));
      expect(fns.filter((f) => /gowrap/.test(f ?? ''))).toEqual([]);
    });
  });
});
