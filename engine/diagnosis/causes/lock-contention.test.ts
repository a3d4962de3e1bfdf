/**
 * lock-contention on findings built in memory (the samples lock-contention-go and lock-contention-java
 * run the same on real bundles): a queue on one lock behind a busy holder explains the slow requests and
 * the goroutines piled up in the locking function; a holder queued on another lock, a cycle, or a stall of
 * a socket reader (slow-reader) is not this cause.
 */
import { describe, expect, it } from 'vitest';
import type { LockHolder } from '../../../parsers/goroutine/locks';
import { diagnose } from '../diagnose';
import { busy, finding, occurrences } from '../test-findings';

const T = Date.UTC(2026, 11, 7, 16, 39, 0);
const S = 1000;
const occ = occurrences('pid:7');
const SITE = 'main.(*rateCache).rate /src/quotes/main.go:54';

const holder = (activity: LockHolder['activity']): LockHolder => ({
  id: 4716, state: activity === 'lock' ? 'semacquire' : 'select', matchedBy: 'address', activity,
  doing: 'net/http.(*persistConn).roundTrip /usr/lib/go-1.19/src/net/http/transport.go:2620', doingLine: 10,
  code: 'main.(*rateCache).refresh /src/quotes/main.go:70', codeLine: 26, line: 9,
});

/** Queues of 99, 146 and 89 goroutines in dumps 10 s apart, gone from T + 40 s. */
const goQueue = (h: LockHolder | null, cycle = false) =>
  finding('go-lock-contention', 'critical', [T, T + 10 * S, T + 20 * S].map((ts, i) =>
    occ(ts, { waiters: [99, 146, 89][i], activity: h?.activity ?? null }),
  ), {
    site: SITE, kind: 'Mutex', peakWaiters: 146, counts: [0, 99, 146, 89, 0], contended: 3, dumps: 5, drained: true, holder: h, cycle,
    stretches: [{ from: T - 10 * S, to: T + 30 * S }],
  });

/** 300 requests answered 503 after 5 s while the queue stood. */
const slow = () =>
  finding('slow-responses', 'high', [T + 2 * S, T + 12 * S, T + 22 * S].map((ts) => occ(ts, { end: ts + 5 * S, lineTs: ts + 5 * S, responseTimeMs: 5000, method: 'GET', url: '/api/quote' })), {
    thresholdMs: 1000, medianMs: 10, p95Ms: 5000, p99Ms: 5000, maxMs: 5000, slow: 300, requests: 3000,
  });

/** The handler goroutines waiting in the locking function, had the last dump still held them. */
const growth = () =>
  finding('goroutine-growth', 'high', [occ(T, { end: T + 20 * S })], {
    state: 'semacquire', frame: SITE, createdBy: null, tags: [], counts: [0, 99, 146], growth: { first: 0, last: 146, delta: 146 },
  });

describe('lock-contention (Go)', () => {
  it('concludes from a queue behind a holder in an HTTP call and explains the slow requests', () => {
    const d = diagnose([goQueue(holder('http-call')), slow()], busy);
    expect(d.rootCauses[0]!.cause).toBe('lock-contention');
    const c = d.rootCauses[0]!;
    expect(c.confidence).toBeGreaterThanOrEqual(0.8);
    expect(c.summary).toContain('main.(*rateCache).rate');
    expect(c.summary).toContain('waiting for an HTTP response');
    expect(c.findings).toContain('slow-responses');
  });

  it('takes goroutines piled up in the locking function as its queue, not as a leak', () => {
    const d = diagnose([goQueue(holder('http-call')), slow(), growth()], busy);
    expect(d.rootCauses.map((c) => c.cause)).toEqual(['lock-contention']);
  });

  it('does not conclude when the holder is itself queued on another lock, or the locks form a cycle', () => {
    expect(diagnose([goQueue(holder('lock')), slow()], busy).rootCauses.map((c) => c.cause)).not.toContain('lock-contention');
    expect(diagnose([goQueue(holder('lock'), true), slow()], busy).rootCauses.map((c) => c.cause)).not.toContain('lock-contention');
  });

  it('only suggests it when no holder is found', () => {
    const c = diagnose([goQueue(null), slow()], busy).rootCauses.find((x) => x.cause === 'lock-contention');
    expect(c?.confidence ?? 0).toBeLessThan(0.5);
  });
});

describe('lock-contention (Java)', () => {
  const java = (ownerState: string) =>
    finding('lock-contention', 'critical', [occ(T, { end: T }), occ(T + 10 * S, { end: T + 10 * S })], {
      lock: '0x00000000f0188fe0', waiters: 60, owner: 'http-worker-7', ownerState, ownerFrame: 'sun.nio.ch.Net.poll',
      waiterCode: 'com.example.catalog.PriceCache.price(PriceCache.java:33)', ownerCode: 'com.example.catalog.PriceCache.refresh(PriceCache.java:52)',
    });

  it('concludes when the owner is busy (RUNNABLE in I/O) and names the code path that takes the lock', () => {
    const c = diagnose([java('RUNNABLE'), slow()], busy).rootCauses[0]!;
    expect(c.cause).toBe('lock-contention');
    expect(c.summary).toContain('PriceCache.price');
  });

  it('leaves an owner that is itself BLOCKED (a chain or a deadlock) alone', () => {
    expect(diagnose([java('BLOCKED'), slow()], busy).rootCauses.map((c) => c.cause)).not.toContain('lock-contention');
  });

  it('is explained by a stalled socket reader: the readers queue on the lock instead of reading', () => {
    const recv = finding('recv-queue-backlog', 'high', [occ(T - 5 * S, { end: T + 15 * S })], {});
    const d = diagnose([java('RUNNABLE'), recv], busy);
    expect(d.rootCauses.map((c) => c.cause)).toEqual(['slow-reader']);
  });
});
