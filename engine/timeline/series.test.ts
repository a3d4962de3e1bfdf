import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBundle } from '../api/analyze';
import type { Store } from '../store';
import { fixtureBundle, type FixtureBundle } from './testing/bundle';
import { listSeries, seriesData, TimelineError, type SeriesPoint } from '.';

const SS = (stamp: string, rows: string[]) =>
  [`# captured ${stamp} host=relay-1 pid=5120 cmd=ss -tanp`, 'State      Recv-Q Send-Q Local Address:Port  Peer Address:Port Process', ...rows].join('\n') + '\n';

// Hand-written in the shape ss -tanp prints (iproute2), and a Grafana 7 "series joined by time" CSV export.
const EXTRA = {
  'relay/ss-20261122T042000Z.txt': SS('2026-11-22T04:20:00Z', [
    'LISTEN     0      128        0.0.0.0:7000       0.0.0.0:*     users:(("java",pid=5120,fd=12))',
    'ESTAB      1200   0          10.0.0.4:7000     10.0.0.9:51234 users:(("java",pid=5120,fd=40))',
    'ESTAB      0      0          10.0.0.4:7000     10.0.0.8:40110 users:(("java",pid=5120,fd=41))',
  ]),
  'relay/ss-20261122T042100Z.txt': SS('2026-11-22T04:21:00Z', [
    'LISTEN     3      128        0.0.0.0:7000       0.0.0.0:*     users:(("java",pid=5120,fd=12))',
    'ESTAB      65536  0          10.0.0.4:7000     10.0.0.9:51234 users:(("java",pid=5120,fd=40))',
    'ESTAB      0      2048       10.0.0.4:7000     10.0.0.8:40110 users:(("java",pid=5120,fd=41))',
    'CLOSE-WAIT 1      0          10.0.0.4:7000     10.0.0.7:39000 users:(("java",pid=5120,fd=42))',
  ]),
  'metrics/load.csv': '"Time","node_load1{instance=""127.0.0.1:19100"", job=""node""}"\n1795321080000,0.5\n1795321140000,4.25\n1795321200000,9.75\n',
};

const values = (pts: SeriesPoint[]) => pts.map((p) => p.value);

/** The stored row a snapshot point points at: its snapshot and line. */
function snapshotOf(store: Store, p: SeriesPoint): { fileId: number; line: number; end: number } {
  const sid = Number(/^snapshot:(\d+)$/.exec(p.ref)![1]);
  const s = store.db.prepare<[number], { file_id: number; line: number; end_line: number }>('SELECT file_id, line, end_line FROM snapshots WHERE id = ?').get(sid)!;
  return { fileId: s.file_id, line: s.line, end: s.end_line };
}

describe('series from snapshots built in the test', () => {
  let fx: FixtureBundle;
  beforeAll(async () => {
    fx = await fixtureBundle(':memory:', EXTRA);
  });
  afterAll(() => {
    fx.store.close();
    rmSync(fx.dir, { recursive: true, force: true });
  });

  it('offers descriptors per process, per type and per peer from lsof, each point on its snapshot row', () => {
    const ids = listSeries(fx.store, fx.bundleId).map((s) => s.id);
    expect(ids.filter((id) => id.startsWith('fd'))).toEqual([
      'fd/db-client/4242',
      'fd-type/db-client/4242/CHR', 'fd-type/db-client/4242/IPv4', 'fd-type/db-client/4242/IPv6', 'fd-type/db-client/4242/REG',
      'fd-peer/db-client/4242/10.0.0.5:5432',
    ]);
    const total = seriesData(fx.store, fx.bundleId, 'fd/db-client/4242');
    expect(total).toMatchObject({ group: 'fds', unit: 'descriptors', label: 'Open descriptors: java (pid 4242 on db-client)', total: 2, downsampled: false });
    expect(values(total.points)).toEqual(fx.counts.lsofFds);
    expect(total.points.map((p) => p.ts)).toEqual([Date.UTC(2026, 10, 22, 4, 20), Date.UTC(2026, 10, 22, 4, 25)]);
    for (const p of total.points) {
      const s = snapshotOf(fx.store, p);
      expect(s.fileId).toBe(p.fileId);
      expect(p.line).toBeGreaterThan(s.line); // a row of that snapshot: the first descriptor of the process
      expect(p.line).toBeLessThanOrEqual(s.end);
    }
    expect(values(seriesData(fx.store, fx.bundleId, 'fd-type/db-client/4242/IPv4').points)).toEqual([4, 12]);
    expect(values(seriesData(fx.store, fx.bundleId, 'fd-type/db-client/4242/REG').points)).toEqual([3, 3]);
    const peer = seriesData(fx.store, fx.bundleId, 'fd-peer/db-client/4242/10.0.0.5:5432');
    expect(values(peer.points)).toEqual([4, 12]);
    expect(peer.points.map((p) => p.line)).toEqual([10, 10]); // `java 4242 app 10u IPv4 … ->10.0.0.5:5432`
  });

  it('offers sockets per state from lsof TCP rows and from ss, 0 where a state is absent', () => {
    const data = (id: string) => values(seriesData(fx.store, fx.bundleId, id).points);
    expect(data('sockets/lsof/ESTABLISHED')).toEqual([4, 12]);
    expect(data('sockets/lsof/LISTEN')).toEqual([1, 1]);
    expect(data('sockets/ss/ESTABLISHED')).toEqual([2, 2]);
    expect(data('sockets/ss/CLOSE_WAIT')).toEqual([0, 1]);
    const cw = seriesData(fx.store, fx.bundleId, 'sockets/ss/CLOSE_WAIT').points;
    expect(cw[1]!.line).toBe(6); // the CLOSE-WAIT row
    expect(cw[0]!.line).toBe(1); // absent: the snapshot itself is the evidence
  });

  it('offers Recv-Q and Send-Q bytes, in total and for the top connections, without listeners', () => {
    const data = (id: string) => values(seriesData(fx.store, fx.bundleId, id).points);
    expect(data('queue/ss/recv')).toEqual([1200, 65536 + 1]);
    expect(data('queue/ss/send')).toEqual([0, 2048]);
    expect(data('queue-conn/ss/recv/10.0.0.4:7000/10.0.0.9:51234')).toEqual([1200, 65536]);
    expect(data('queue-conn/ss/send/10.0.0.4:7000/10.0.0.8:40110')).toEqual([0, 2048]);
    const ids = listSeries(fx.store, fx.bundleId).map((s) => s.id);
    expect(ids.some((id) => id.includes('0.0.0.0'))).toBe(false);
  });

  it('offers every metrics CSV series, each point on its CSV line', () => {
    const m = listSeries(fx.store, fx.bundleId).filter((s) => s.group === 'metrics');
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ points: 3, min: 0.5, max: 9.75, label: 'node_load1{instance="127.0.0.1:19100", job="node"} (metrics/load.csv)' });
    const d = seriesData(fx.store, fx.bundleId, m[0]!.id, { from: 1795321100000 });
    expect(d.points.map((p) => [p.value, p.line, p.ref])).toEqual([
      [4.25, 3, 'series:node_load1{instance="127.0.0.1:19100", job="node"}@1795321140000'],
      [9.75, 4, 'series:node_load1{instance="127.0.0.1:19100", job="node"}@1795321200000'],
    ]);
  });

  it('reads pool stats lines of the fixture log into pool series', () => {
    const active = seriesData(fx.store, fx.bundleId, 'hikari/HikariPool-1/active');
    expect(active.points).toHaveLength(fx.counts.poolStats);
    expect(Math.max(...values(seriesData(fx.store, fx.bundleId, 'hikari/HikariPool-1/waiting').points))).toBe(4);
  });

  it('says when a series is not there', () => {
    expect(() => seriesData(fx.store, fx.bundleId, 'gc/pause')).toThrow(TimelineError); // no GC log in this bundle
    expect(() => seriesData(fx.store, fx.bundleId, 'fd/db-client/999')).toThrow(/no series "fd\/db-client\/999"/);
    expect(() => seriesData(fx.store, fx.bundleId, 'metric/999/x')).toThrow(TimelineError);
    expect(listSeries(fx.store, fx.bundleId).some((s) => s.group === 'gc' || s.group === 'threads' || s.group === 'goroutines')).toBe(false);
  });
});

describe('series of the incident-3 sample (HikariCP starvation)', () => {
  let store: Store;
  let bundleId: number;
  const home = mkdtempSync(join(tmpdir(), 'rl-series-'));
  beforeAll(async () => {
    const p = await prepareBundle(fileURLToPath(new URL('../../samples/incident-3-hikari-starvation/bundle', import.meta.url)), { db: join(home, 'i3.sqlite') });
    [store, bundleId] = [p.store, p.bundleId];
  });
  afterAll(() => {
    store.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('has a pool series per JVM run (the earlier healthy run and the starved one), each value read from its line', () => {
    const hikari = listSeries(store, bundleId).filter((s) => s.group === 'hikari');
    const pools = [...new Set(hikari.map((s) => s.id.split('/')[1]))].sort();
    expect(pools).toEqual(['HikariPool-1@24093', 'HikariPool-1@25595']);
    for (const pool of pools) {
      const series = Object.fromEntries((['active', 'idle', 'waiting', 'total'] as const).map((f) => [f, seriesData(store, bundleId, `hikari/${pool}/${f}`, { maxPoints: 100_000 }).points]));
      const events = new Map(store.events.byIds(series.active!.map((p) => Number(p.ref.slice('event:'.length)))).map((e) => [e.id, e]));
      series.active!.forEach((p, i) => {
        const e = events.get(Number(p.ref.slice('event:'.length)))!;
        expect(e.kind).toBe('hikari.stats');
        expect([e.file_id, e.line, e.ts]).toEqual([p.fileId, p.line, p.ts]);
        const m = /total=(\d+), active=(\d+), idle=(\d+), waiting=(\d+)/.exec(e.message)!;
        expect([series.total![i]!.value, p.value, series.idle![i]!.value, series.waiting![i]!.value]).toEqual(m.slice(1).map(Number));
        expect(series.total![i]!.value).toBeLessThanOrEqual(10); // maximumPoolSize=10
      });
    }
    // The healthy run never had a thread waiting for a connection.
    expect(hikari.find((s) => s.id === 'hikari/HikariPool-1@24093/waiting')!.max).toBe(0);
  });

  it('has one GC pause series over both GC logs (rotated and current), each pause from its line', () => {
    const gc = seriesData(store, bundleId, 'gc/pause');
    expect(gc).toMatchObject({ group: 'gc', unit: 'ms', downsampled: false });
    const files = new Set(gc.points.map((p) => store.files.get(p.fileId)!.path));
    expect([...files].sort()).toEqual(['logs/gc.log', 'logs/gc.log.0']);
    expect(gc.points.map((p) => p.ts)).toEqual([...gc.points.map((p) => p.ts)].sort((a, b) => a - b));
    const events = store.events.byIds(gc.points.map((p) => Number(p.ref.slice('event:'.length))));
    expect(events).toHaveLength(gc.points.length);
    for (const e of events) {
      const p = gc.points.find((x) => x.ref === `event:${e.id}`)!;
      expect(e.kind).toBe('gc.pause');
      expect(Number(/([\d.]+)ms$/.exec(e.message)![1])).toBeCloseTo(p.value, 3); // `… 12M->3M(258M) 49.190ms`
    }
  });

  it('has thread states per Java dump that add up to the threads of the dump', () => {
    const states = listSeries(store, bundleId).filter((s) => s.group === 'threads');
    expect(states.map((s) => s.id.split('/')[3])).toEqual(expect.arrayContaining(['RUNNABLE', 'TIMED_WAITING', 'WAITING']));
    const dumps = store.series.threadDumps(bundleId);
    expect(dumps).toHaveLength(2);
    dumps.forEach((d, i) => {
      const sum = states.reduce((n, s) => n + seriesData(store, bundleId, s.id).points[i]!.value, 0);
      expect(sum).toBe(d.total);
    });
  });
});
