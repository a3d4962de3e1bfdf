/**
 * The committed pool-exhausted-under-cpu-limit bundle (made by make.sh from the running JVM, its cgroup and
 * PostgreSQL): a service under a 0.5-CPU cgroup quota, lightly throttled all along, whose pool is exhausted by
 * statements waiting on a table lock held by a hand-run migration. Grep-level: no Java, PostgreSQL or engine.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captures, checkBundleShape, checkReadmeEvidence, lines } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));
const LOG = join(SAMPLE, 'bundle/logs/stock-service.log');

interface Capture {
  at: number;
  stat: Record<string, number>;
  /** The bare values after cpu.stat, in the collector's `cat` order: quota, period, cpuacct.usage. */
  bare: number[];
}

/** snapshots/cgroup-cpu.log: `date -u` then `cat cpu.stat cpu.cfs_quota_us cpu.cfs_period_us cpuacct.usage`, repeated. */
function cgroupCaptures(): Capture[] {
  const out: Capture[] = [];
  for (const l of lines(join(SAMPLE, 'bundle/snapshots/cgroup-cpu.log'))) {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(l)) out.push({ at: Date.parse(l), stat: {}, bare: [] });
    else {
      const kv = /^(\w+) (\d+)$/.exec(l);
      if (kv) out[out.length - 1]!.stat[kv[1]!] = Number(kv[2]);
      else out[out.length - 1]!.bare.push(Number(l));
    }
  }
  return out;
}

/** Service log time (ISO-8601 with +05:30) to epoch ms. */
const ms = (l: string) => Date.parse(l.slice(0, 29));

const LOCK_FROM = Date.parse('2026-12-07T15:02:05Z');
const LOCK_TO = Date.parse('2026-12-07T15:03:20.4Z');

describe('pool-exhausted-under-cpu-limit bundle', () => {
  const log = lines(LOG);
  const caps = cgroupCaptures();

  it('has the logs, one cgroup collector file, top every 30 s and two jstacks of one JVM', () => {
    checkBundleShape(SAMPLE);
    const tops = captures(SAMPLE, 'snapshots', 'top');
    const dumps = captures(SAMPLE, 'dumps', 'jstack');
    expect(tops).toHaveLength(11);
    expect(dumps).toHaveLength(2);
    expect(new Set([...tops, ...dumps].map((c) => c.pid)).size).toBe(1);
    expect(caps).toHaveLength(33);
    for (const c of caps) {
      expect(c.bare.slice(0, 2)).toEqual([50000, 100000]);
      expect(Object.keys(c.stat)).toEqual(['nr_periods', 'nr_throttled', 'throttled_time', 'nr_bursts', 'burst_time']);
    }
  });

  it('the cgroup is throttled a little all along, and least while the lock is held', () => {
    const share = (from: number, to: number) => {
      const a = caps.find((c) => c.at >= from)!;
      const b = [...caps].reverse().find((c) => c.at <= to)!;
      return (b.stat.nr_throttled! - a.stat.nr_throttled!) / (b.stat.nr_periods! - a.stat.nr_periods!);
    };
    const before = share(Date.parse('2026-12-07T15:00:35Z'), LOCK_FROM);
    const during = share(LOCK_FROM, LOCK_TO);
    const after = share(Date.parse('2026-12-07T15:03:26Z'), Date.parse('2026-12-07T15:05:26Z'));
    for (const s of [before, during, after]) {
      expect(s).toBeGreaterThan(0.01);
      expect(s).toBeLessThan(0.15);
    }
    expect(during).toBeLessThan(before);
    expect(during).toBeLessThan(after);
    // never near "every period throttled"
    for (let i = 2; i < caps.length; i++) {
      const dp = caps[i]!.stat.nr_periods! - caps[i - 1]!.stat.nr_periods!;
      const dt = caps[i]!.stat.nr_throttled! - caps[i - 1]!.stat.nr_throttled!;
      if (dp > 50) expect(dt / dp).toBeLessThan(0.15);
    }
  });

  it('every ERROR is a pool timeout at connectionTimeout, spread over the lock', () => {
    const errors = log.filter((l) => / ERROR /.test(l.slice(0, 40)));
    const timeouts = log.flatMap((l) => /request timed out after (\d+)ms\./.exec(l)?.[1] ?? []).map(Number);
    expect(errors.length).toBe(890);
    expect(errors.every((l) => l.endsWith('failed: no database connection'))).toBe(true);
    expect(timeouts).toHaveLength(890);
    expect(Math.min(...timeouts)).toBe(5000);
    expect(Math.max(...timeouts)).toBeLessThan(5100);
    const when = log.filter((l) => l.includes('Timeout failure stats')).map(ms);
    expect(Math.min(...when)).toBeGreaterThan(LOCK_FROM);
    expect(Math.max(...when)).toBeLessThan(LOCK_TO + 1000);
    expect(Math.max(...when) - Math.min(...when)).toBeGreaterThan(60_000);
  });

  it('the housekeeper and the model refresh keep their schedule through the lock', () => {
    const house = log.filter((l) => l.includes('[stock-db housekeeper]') && l.includes('Pool stats')).map(ms);
    for (let i = 2; i < house.length; i++) expect(Math.abs(house[i]! - house[i - 1]! - 30_000)).toBeLessThan(50);
    const eta = log.filter((l) => l.includes('ETA model refreshed')).map(ms);
    for (let i = 2; i < eta.length; i++) expect(eta[i]! - eta[i - 1]!).toBeLessThan(5_800);
    expect(log.some((l) => l.includes('Thread starvation or clock leap'))).toBe(false);
  });

  it('in the lock, 10 request threads read a pgjdbc response and the rest wait in getConnection; none is BLOCKED', () => {
    const [held, after] = captures(SAMPLE, 'dumps', 'jstack');
    const count = (d: string[], s: string) => d.filter((l) => l.includes(s)).length;
    expect(count(held!.lines, 'PGStream.receiveChar')).toBe(10);
    expect(count(held!.lines, 'ConcurrentBag.borrow')).toBeGreaterThan(20);
    expect(count(after!.lines, 'ConcurrentBag.borrow')).toBe(0);
    for (const d of [held!, after!]) {
      expect(count(d.lines, 'java.lang.Thread.State: BLOCKED')).toBe(0);
      expect(d.lines.join('\n')).not.toContain('Java-level deadlock');
    }
  });

  it('PostgreSQL names one holder (the psql session), the whole pool waiting, and no FATAL', () => {
    const pg = lines(join(SAMPLE, 'bundle/logs/postgresql.log'));
    const holders = new Set(pg.flatMap((l) => /Process holding the lock: (\d+)\./.exec(l)?.[1] ?? []));
    expect([...holders]).toEqual(['19849']);
    expect(pg.some((l) => l.includes('[19849]') && l.includes('application_name=psql'))).toBe(true);
    const slow = pg.flatMap((l) => /duration: (\d+)\.\d+ ms/.exec(l)?.[1] ?? []).map(Number);
    expect(slow).toHaveLength(10);
    expect(Math.min(...slow)).toBeGreaterThan(70_000);
    expect(pg.some((l) => / FATAL: /.test(l))).toBe(false);
  });

  it('README evidence rows quote their lines', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(30);
  });
});
