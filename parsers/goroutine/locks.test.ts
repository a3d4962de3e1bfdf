/**
 * Lock queues and their holders in real dumps: a Go 1.19 program's own pprof profiles
 * (__fixtures__/lock-waits/, PROVENANCE.md) and the lock-contention-go sample's collector dumps.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contendedLocks } from './locks';
import { parseFixtureFile } from './test-helpers';

const dump = (name: string) => {
  const p = parseFixtureFile(name);
  expect(p.skipped).toEqual([]);
  return p.dumps[0]!;
};
const fn = (s: string | undefined) => s?.split(' ')[0];

describe('contendedLocks on a debug=2 profile', () => {
  const locks = contendedLocks(dump('lock-waits/lockwaits-debug2.txt'), 1);
  const bySite = (f: string) => locks.find((l) => fn(l.site) === f);

  it('groups RLock waiters, which print no lock address, by the code that takes the lock, and finds the writer by their receiver', () => {
    const l = bySite('main.(*store).get')!;
    expect(l).toMatchObject({ kind: 'RWMutex.RLock', address: null, waiters: 5 });
    expect(l.holder).toMatchObject({ id: 4, state: 'sleep', activity: 'sleep', matchedBy: 'receiver' });
    expect(fn(l.holder!.code)).toBe('main.(*store).reload');
    expect(fn(l.holder!.doing)).toBe('time.Sleep');
  });

  it('keys a queued writer by its lockSlow address and does not take a queued goroutine for the holder', () => {
    const l = bySite('main.(*store).put')!;
    expect(l).toMatchObject({ kind: 'RWMutex.Lock', address: '0xc0000141b8', waiters: 1 });
    expect(l.holder?.id).toBe(4);
  });

  it('finds the holder of a package-level mutex, whose address no frame carries, by its code path', () => {
    const l = bySite('main.writeAudit')!;
    expect(l).toMatchObject({ kind: 'Mutex', address: '0x5b7808', waiters: 4 });
    expect(l.holder).toMatchObject({ id: 25, state: 'syscall', activity: 'syscall', matchedBy: 'code-path' });
    expect(fn(l.holder!.doing)).toBe('syscall.Syscall');
  });

  it('marks two goroutines each holding the lock the other waits for as a cycle', () => {
    const cyc = locks.filter((l) => fn(l.site) === 'main.transfer');
    expect(cyc).toHaveLength(2);
    for (const l of cyc) expect(l).toMatchObject({ cycle: true, holder: { activity: 'lock', matchedBy: 'address' } });
  });

  it('points at the lines of the dump: the Lock frame, its caller, the holder', () => {
    const l = bySite('main.writeAudit')!;
    expect(l.siteLine).toBe(l.lockLine + 2);
    expect(l.holder!.codeLine).toBeGreaterThan(l.holder!.line);
  });
});

describe('contendedLocks on a debug=1 profile (no arguments)', () => {
  const locks = contendedLocks(dump('lock-waits/lockwaits-debug1.txt'), 2);
  it('keys by the locking code and finds a holder only by code path, with the state its top frames tell', () => {
    const audit = locks.find((l) => fn(l.site) === 'main.writeAudit')!;
    expect(audit).toMatchObject({ waiters: 4, holder: { id: null, state: 'syscall', activity: 'syscall', matchedBy: 'code-path' } });
    expect(locks.find((l) => fn(l.site) === 'main.(*store).get')).toMatchObject({ waiters: 5, holder: null });
  });
});

describe('the lock-contention-go sample (quotes service, pprof debug=2 every 10 s)', () => {
  const dir = fileURLToPath(new URL('../../samples/lock-contention-go/bundle/dumps/', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const peak = files
    .map((f) => ({ f, locks: contendedLocks(parseFixtureFile(`../../../samples/lock-contention-go/bundle/dumps/${f}`).dumps[0]!) }))
    .filter((x) => x.locks.length)
    .sort((a, b) => b.locks[0]!.waiters - a.locks[0]!.waiters)[0]!;
  it('finds the handlers queued in rateCache.rate and the refresh holding the mutex across an HTTP call', () => {
    const l = peak.locks[0]!;
    expect(fn(l.site)).toBe('main.(*rateCache).rate');
    expect(l.waiters).toBeGreaterThanOrEqual(20);
    expect(l.holder).toMatchObject({ matchedBy: 'address', activity: 'http-call' });
    expect(fn(l.holder!.code)).toBe('main.(*rateCache).refresh');
  });
});
