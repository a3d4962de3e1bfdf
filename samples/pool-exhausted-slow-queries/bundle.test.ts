/**
 * The committed pool-exhausted-slow-queries bundle (made by make.sh from the running JVM and PostgreSQL):
 * a table lock held for two minutes by a maintenance session makes every booking INSERT wait inside
 * PostgreSQL; all 10 pooled connections are busy in those statements, the pool reports active=10 with
 * waiters in its regular stats, requests time out after exactly connectionTimeout, and nothing points at a
 * freeze, a leak, a deadlock or a database outage. Grep-level: no Java, PostgreSQL or engine needed.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captures, checkBundleShape, checkReadmeEvidence, lines } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));

interface Rec {
  line: number;
  ms: number;
  thread: string;
  level: string;
  logger: string;
  message: string;
  thrown?: { message?: string; extendedStackTrace?: unknown[] };
}

/** log4j2 JsonLayout, compact, one event per CRLF-terminated line. */
function records(): Rec[] {
  return lines(join(SAMPLE, 'bundle/logs/booking-service.json')).map((l, i) => {
    expect(l.endsWith('\r'), `booking-service.json:${i + 1} ends with CRLF`).toBe(true);
    const o = JSON.parse(l) as {
      instant: { epochSecond: number; nanoOfSecond: number };
      thread: string;
      level: string;
      loggerName: string;
      message: string;
      thrown?: Rec['thrown'];
    };
    return {
      line: i + 1,
      ms: o.instant.epochSecond * 1000 + Math.floor(o.instant.nanoOfSecond / 1e6),
      thread: o.thread,
      level: o.level,
      logger: o.loggerName,
      message: o.message,
      thrown: o.thrown,
    };
  });
}

const stats = (r: Rec) => /Pool stats \(total=(\d+), active=(\d+), idle=(\d+), waiting=(\d+)\)/.exec(r.message);

describe('pool-exhausted-slow-queries bundle', () => {
  const recs = records();
  const timeouts = recs.filter((r) => r.thrown?.message?.includes('Connection is not available, request timed out after'));

  it('has the JSON log, the server log, the GC log, four jstacks and four ss snapshots of one JVM', () => {
    checkBundleShape(SAMPLE, 2 * 1024 * 1024);
    const dumps = captures(SAMPLE, 'dumps', 'jstack');
    const ss = captures(SAMPLE, 'snapshots', 'ss');
    expect(dumps).toHaveLength(4);
    expect(ss).toHaveLength(4);
    expect(new Set([...dumps, ...ss].map((d) => d.pid)).size).toBe(1);
  });

  it('request threads come from the named executor; every ERROR is a pool timeout at connectionTimeout', () => {
    const access = recs.filter((r) => r.logger === 'com.example.booking.http.AccessLog');
    expect(access.length).toBeGreaterThan(1000);
    expect(access.every((r) => /^booking-exec-\d+$/.test(r.thread))).toBe(true);
    const errors = recs.filter((r) => r.level === 'ERROR');
    expect(errors.length).toBeGreaterThan(30);
    expect(errors).toEqual(timeouts);
    for (const t of timeouts) {
      const ms = Number(/after (\d+)ms/.exec(t.thrown!.message!)![1]);
      expect(ms).toBeGreaterThanOrEqual(8000);
      expect(ms).toBeLessThan(8100);
    }
    // spread over time, not one pile-up at a resume
    expect(timeouts[timeouts.length - 1]!.ms - timeouts[0]!.ms).toBeGreaterThan(60_000);
  });

  it('the housekeeper reports the pool exhausted with waiters, idle before and after', () => {
    const s = recs.filter((r) => r.thread === 'booking-db housekeeper' && stats(r)).map((r) => ({ r, m: stats(r)! }));
    const full = s.filter(({ m }) => m[2] === m[1] && Number(m[4]) > 0);
    expect(full.length).toBeGreaterThanOrEqual(3);
    const first = full[0]!.r.ms;
    const last = full[full.length - 1]!.r.ms;
    expect(s.some(({ r, m }) => r.ms < first && m[2] === '0')).toBe(true);
    expect(s.some(({ r, m }) => r.ms > last && m[2] === '0' && m[4] === '0')).toBe(true);
  });

  it('no starvation, no leak warning, no deadlock, no connection failure', () => {
    const text = recs.map((r) => `${r.message} ${r.thrown?.message ?? ''}`).join('\n');
    for (const s of ['Thread starvation or clock leap', 'leak detection', 'Failed to validate connection', 'marked as broken', 'Connection refused']) {
      expect(text).not.toContain(s);
    }
    for (const d of captures(SAMPLE, 'dumps', 'jstack')) {
      expect(d.lines.join('\n')).not.toContain('Java-level deadlock');
      expect(d.lines.filter((l) => l.includes('java.lang.Thread.State: BLOCKED'))).toHaveLength(0);
    }
  });

  it('while the lock is held, 10 request threads read a pgjdbc response and the others wait in getConnection', () => {
    const [before, held1, held2, after] = captures(SAMPLE, 'dumps', 'jstack');
    const count = (d: string[], s: string) => d.filter((l) => l.includes(s)).length;
    for (const d of [held1!, held2!]) {
      expect(count(d.lines, 'BookingRepository.book(BookingRepository.java:74)')).toBe(10);
      expect(count(d.lines, 'HikariPool.getConnection(HikariPool.java:164)')).toBeGreaterThan(0);
    }
    for (const d of [before!, after!]) expect(count(d.lines, 'HikariPool.getConnection(HikariPool.java:164)')).toBe(0);
  });

  it('PostgreSQL logs the lock waits behind one holder and the slow INSERTs, and no FATAL', () => {
    const pg = lines(join(SAMPLE, 'bundle/logs/postgresql.log'));
    const holders = new Set(pg.flatMap((l) => /Process holding the lock: (\d+)\./.exec(l)?.[1] ?? []));
    expect(holders.size).toBe(1);
    expect(pg.filter((l) => l.includes('still waiting for RowExclusiveLock')).length).toBeGreaterThanOrEqual(10);
    const slow = pg.flatMap((l) => /duration: (\d+)\.\d+ ms .*INSERT INTO bookings/.exec(l)?.[1] ?? []).map(Number);
    expect(slow.length).toBeGreaterThanOrEqual(10);
    expect(Math.min(...slow)).toBeGreaterThan(60_000);
    expect(pg.some((l) => / FATAL: /.test(l))).toBe(false);
  });

  it('README evidence rows quote their lines', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(20);
  });
});
