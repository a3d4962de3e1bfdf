import { describe, expect, it } from 'vitest';
import type { SeriesGroup, SeriesInfo, SeriesPoint } from '../../../../../engine/timeline/series-types';
import { alignSeries, axisValue, ellipsizeMiddle, metricName, metricTag, chartSpecs, defaultSeries, formatValue, idParts, nearestIndex, pickPoint, pointNear, shortLabels } from './series';

const info = (id: string, group: SeriesGroup, label: string, points: number, max: number, unit = ''): SeriesInfo => ({ id, group, label, unit, points, first: 0, last: 1, min: 0, max });

// The series lists of the samples (ids, groups, labels, sizes as the engine lists them).
const incident3 = [
  info('threads/vm/25595/RUNNABLE', 'threads', 'Java threads RUNNABLE (pid 25595 on vm)', 2, 13, 'threads'),
  info('hikari/HikariPool-1@24093/active', 'hikari', 'HikariPool-1 active connections (pid 24093)', 9, 4, 'connections'),
  info('hikari/HikariPool-1@24093/waiting', 'hikari', 'HikariPool-1 threads waiting for a connection (pid 24093)', 9, 0, 'threads'),
  info('hikari/HikariPool-1@25595/total', 'hikari', 'HikariPool-1 total connections (pid 25595)', 39, 10, 'connections'),
  info('hikari/HikariPool-1@25595/waiting', 'hikari', 'HikariPool-1 threads waiting for a connection (pid 25595)', 39, 14, 'threads'),
  info('hikari/HikariPool-1@25595/idle', 'hikari', 'HikariPool-1 idle connections (pid 25595)', 39, 10, 'connections'),
  info('hikari/HikariPool-1@25595/active', 'hikari', 'HikariPool-1 active connections (pid 25595)', 39, 10, 'connections'),
  info('gc/pause', 'gc', 'GC pause duration', 5, 49, 'ms'),
];
const incident1 = [
  info('fd/vm/24683', 'fds', 'Open descriptors: api_gatew (pid 24683 on vm)', 11, 129, 'descriptors'),
  info('fd-type/vm/24683/IPv4', 'fds', 'IPv4 descriptors: api_gatew (pid 24683 on vm)', 11, 120, 'descriptors'),
  info('fd-peer/vm/24683/127.0.0.1:38151', 'fds', 'Descriptors to 127.0.0.1:38151: api_gatew (pid 24683 on vm)', 11, 119, 'descriptors'),
  info('fd-peer/vm/24683/127.0.0.1:33900', 'fds', 'Descriptors to 127.0.0.1:33900: api_gatew (pid 24683 on vm)', 11, 1, 'descriptors'),
  info('goroutines/vm/24683', 'goroutines', 'Goroutines (pid 24683 on vm)', 8, 613, 'goroutines'),
  info('goroutine-group/vm/24683/a582', 'goroutines', 'Goroutines in google.golang.org/grpc.(*ccBalancerWrapper).watcher [select] (pid 24683 on vm)', 8, 181, 'goroutines'),
  info('queue/ss/recv', 'queues', 'Recv-Q bytes, all connections (ss)', 11, 606, 'bytes'),
];
const incident4 = [
  info('goroutines/vm/3592', 'goroutines', 'Goroutines (pid 3592 on vm)', 9, 16, 'goroutines'),
  info('goroutine-group/vm/3592/433c', 'goroutines', 'Goroutines in main.(*server).streamPodLogs [chan receive] (pid 3592 on vm)', 9, 6, 'goroutines'),
  info('goroutine-group/vm/3592/4eaa', 'goroutines', 'Goroutines in bufio.(*Reader).ReadString [runnable] (pid 3592 on vm)', 9, 2, 'goroutines'),
  info('metric/11/go_goroutines{job="api"}', 'metrics', 'go_goroutines{job="api"} (metrics/cpu.csv)', 48, 18),
  info('metric/11/process_cpu_seconds_rate{job="api"}', 'metrics', 'process_cpu_seconds_rate{job="api"} (metrics/cpu.csv)', 48, 1.67),
];
const incident5 = [
  info('sockets/ss/ESTABLISHED', 'sockets', 'Sockets in ESTABLISHED (ss)', 51, 122, 'sockets'),
  info('queue/ss/recv', 'queues', 'Recv-Q bytes, all connections (ss)', 51, 3151671, 'bytes'),
  info('queue/ss/send', 'queues', 'Send-Q bytes, all connections (ss)', 51, 589896, 'bytes'),
  info('threads/vm/27724/RUNNABLE', 'threads', 'Java threads RUNNABLE (pid 27724 on vm)', 3, 11, 'threads'),
  info('threads/vm/27724/BLOCKED', 'threads', 'Java threads BLOCKED (pid 27724 on vm)', 3, 60, 'threads'),
];

describe('default series', () => {
  it('shows the starved Hikari pool of the longest-running process for incident 3, and GC pauses', () => {
    const ids = defaultSeries(
      [
        { signature: 'hikari-starvation', severity: 'high', data: { pools: ['HikariPool-1'] } },
        { signature: 'hikari-pool-saturated', severity: 'medium', data: { pools: { 'HikariPool-1': 10 } } },
        { signature: 'gc-activity', severity: 'info' },
      ],
      incident3,
    );
    expect(ids).toEqual([
      'hikari/HikariPool-1@25595/active', 'hikari/HikariPool-1@25595/idle', 'hikari/HikariPool-1@25595/waiting', 'hikari/HikariPool-1@25595/total', 'gc/pause',
    ]);
  });
  it('shows descriptor counts of the leaking process and its top peer for incident 1', () => {
    const ids = defaultSeries([{ signature: 'fd-growth', severity: 'critical', data: { pid: 24683 } }, { signature: 'goroutine-growth', severity: 'high', data: { frame: 'google.golang.org/grpc.(*ccBalancerWrapper).watcher /x.go:69' } }], incident1);
    expect(ids.slice(0, 3)).toEqual(['fd/vm/24683', 'fd-peer/vm/24683/127.0.0.1:38151', 'goroutines/vm/24683']);
    expect(ids).toContain('goroutine-group/vm/24683/a582');
    expect(ids).not.toContain('fd-peer/vm/24683/127.0.0.1:33900');
  });
  it('shows the goroutine group a finding names, and CPU, for incident 4', () => {
    const ids = defaultSeries([{ signature: 'goroutine-blocked', severity: 'high', data: { frame: 'main.(*server).streamPodLogs /src/main.go:54' } }], incident4);
    expect(ids).toEqual(['goroutines/vm/3592', 'goroutine-group/vm/3592/433c', 'metric/11/process_cpu_seconds_rate{job="api"}']);
  });
  it('shows Recv-Q and Send-Q and thread states for incident 5', () => {
    const ids = defaultSeries(
      [
        { signature: 'lock-contention', severity: 'critical' },
        { signature: 'recv-queue-backlog', severity: 'high' },
        { signature: 'send-queue-backlog', severity: 'medium' },
      ],
      incident5,
    );
    expect(ids).toEqual(['threads/vm/27724/BLOCKED', 'threads/vm/27724/RUNNABLE', 'queue/ss/recv', 'queue/ss/send']);
  });
  it('falls back to one series per kind of data without findings, and caps the count', () => {
    expect(defaultSeries([], incident1)).toEqual(['fd/vm/24683', 'goroutines/vm/24683', 'queue/ss/recv']);
    expect(defaultSeries([], incident3).length).toBeLessThanOrEqual(8);
    expect(defaultSeries([{ signature: 'fd-growth', severity: 'high' }], incident1, 1)).toEqual(['fd/vm/24683']);
    expect(defaultSeries([], [])).toEqual([]);
    // A healthy bundle with only an informational GC finding still shows its pool first.
    expect(defaultSeries([{ signature: 'gc-activity', severity: 'info' }], incident3).slice(0, 4)).toEqual([
      'hikari/HikariPool-1@25595/active', 'hikari/HikariPool-1@25595/idle', 'hikari/HikariPool-1@25595/waiting', 'hikari/HikariPool-1@25595/total',
    ]);
    expect(defaultSeries([{ signature: 'gc-activity', severity: 'info' }], incident3)).toContain('gc/pause');
  });
});

describe('charts', () => {
  it('puts a kind of data on one chart and each metric on its own', () => {
    const specs = chartSpecs(['hikari/HikariPool-1@25595/active', 'gc/pause', 'hikari/HikariPool-1@25595/waiting', 'nope'], incident3);
    expect(specs.map((s) => [s.title, s.unit, s.ids.length])).toEqual([['HikariCP pool', 'connections / threads', 2], ['GC pauses', 'ms', 1]]);
    const m = chartSpecs(incident4.slice(3).map((s) => s.id), incident4);
    expect(m.map((s) => s.title)).toEqual(['go_goroutines', 'process_cpu_seconds_rate']);
    expect(m.map((s) => s.legend)).toEqual([['api'], ['api']]);
    expect(specs[0]!.legend).toBeUndefined();
  });
  it('shortens labels to what differs', () => {
    expect(shortLabels(['HikariPool-1 active connections (pid 1)', 'HikariPool-1 idle connections (pid 1)'])).toEqual(['active', 'idle']);
    expect(shortLabels(['HikariPool-1 active connections (pid 1)', 'HikariPool-1 threads waiting for a connection (pid 1)'])).toEqual(['active connections', 'threads waiting for a connection']);
    expect(shortLabels(['Recv-Q bytes, all connections (ss)', 'Send-Q bytes, all connections (ss)'])).toEqual(['Recv-Q', 'Send-Q']);
    expect(shortLabels(['only one'])).toEqual(['only one']);
    expect(shortLabels(['Goroutines (pid 24683 on vm)', 'Goroutines in google.golang.org/grpc.(*ccBalancerWrapper).watcher [select] (pid 24683 on vm)', 'Goroutines in net/http.(*persistConn).readLoop [select] (pid 24683 on vm)'])).toEqual([
      'all',
      'ccBalancerWrapper.watcher',
      'persistConn.readLoop',
    ]);
    expect(
      shortLabels([
        'Goroutines (pid 6253 on vm)',
        'Goroutines in net/http.(*persistConn).writeLoop [select] (pid 6253 on vm)',
        'Goroutines in net/http.(*persistConn).readLoop [select] (pid 6253 on vm)',
        'Goroutines in main.(*usecase).GetFeed.func2 [chan send] (pid 6253 on vm)',
      ]),
    ).toEqual(['all', 'persistConn.writeLoop [select]', 'persistConn.readLoop [select]', 'usecase.GetFeed.func2 [chan send]']);
    expect(shortLabels(['G in a.f [select] (pid 1)', 'G in a.f [select] (pid 1)', 'G in b.g [select] (pid 1)'])).toEqual(['a.f', 'a.f #2', 'b.g']);
    expect(shortLabels(['Descriptors to 127.0.0.1:38151: api (pid 1 on vm)', 'Open descriptors: api (pid 1 on vm)'])).toEqual(['→ 127.0.0.1:38151', 'Open descriptors']);
    expect(shortLabels(['a b', 'a b'])).toEqual(['a b', 'a b']); // nothing tells them apart: the full labels
  });
  it('names metrics and their source tag', () => {
    const l = 'process_cpu_seconds_rate{instance="127.0.0.1:38401", job="api-server"} (metrics/api-server-cpu-data-2026-11-22_04_51_23.csv)';
    expect(metricName(l)).toBe('process_cpu_seconds_rate');
    expect(metricTag(l)).toBe('api-server');
    expect(metricTag('cpu{host="db1"}')).toBe('db1');
    expect(metricTag('cpu (%) (metrics/x.csv)')).toBe('value');
    expect(metricName('cpu (%) (metrics/x.csv)')).toBe('cpu (%)');
  });
  it('cuts long labels in the middle', () => {
    const e = ellipsizeMiddle('http.(*persistConn).writeLoop [select]', 22);
    expect(e).toHaveLength(22);
    expect(e.endsWith('writeLoop [select]'.slice(-12))).toBe(true);
    expect(e.startsWith('http.')).toBe(true);
    expect(ellipsizeMiddle('short', 22)).toBe('short');
  });
  it('unescapes id parts', () => {
    expect(idParts('metric/7/cpu %25 %2F s')).toEqual(['metric', '7', 'cpu % / s']);
  });
});

const pt = (ts: number, value: number, line = ts): SeriesPoint => ({ ts, value, ref: `snapshot:${line}`, fileId: 1, line });

describe('aligned points', () => {
  const a = alignSeries([{ points: [pt(10, 1), pt(30, 3)] }, { points: [pt(20, 5), pt(30, 6)] }]);
  it('lines series up on one x array with nulls', () => {
    expect(a.xs).toEqual([10, 20, 30]);
    expect(a.ys).toEqual([[1, null, 3], [null, 5, 6]]);
    expect(a.points[1]![1]!.ref).toBe('snapshot:20');
  });
  it('finds the nearest x and each series\' nearest point', () => {
    expect(nearestIndex(a.xs, 24)).toBe(1);
    expect(nearestIndex(a.xs, 26)).toBe(2);
    expect(nearestIndex(a.xs, -5)).toBe(0);
    expect(nearestIndex([], 5)).toBe(-1);
    expect(pointNear(a, 0, 19)!.ts).toBe(10);
    expect(pointNear(a, 0, 21)!.ts).toBe(30);
    expect(pointNear(a, 0, 21, 5)).toBeNull();
  });
  it('picks the clicked point: nearest in time, then in value', () => {
    expect(pickPoint(a, 29, 3.2, 100)).toMatchObject({ series: 0, point: { ts: 30, value: 3 } });
    expect(pickPoint(a, 29, 5.9, 100)).toMatchObject({ series: 1, point: { ts: 30, value: 6 } });
    expect(pickPoint(a, 19, null, 100)).toMatchObject({ series: 1, point: { ts: 20 } });
    expect(pickPoint(a, 500, null, 100)).toBeNull();
  });
  it('formats values for axes and legends', () => {
    expect(formatValue(1234)).toBe('1,234');
    expect(formatValue(3151671, 'bytes')).toBe('3.0 MiB');
    expect(formatValue(0.3601)).toBe('0.36');
    expect(formatValue(49.19, 'ms')).toBe('49.2 ms');
    expect(formatValue(null)).toBe('—');
    expect(axisValue(1e6, 'bytes')).toBe('977K');
    expect(axisValue(2e6, 'bytes')).toBe('1.9M');
    expect(axisValue(512, 'bytes')).toBe('512');
    expect(axisValue(25000)).toBe('25k');
    expect(axisValue(2.5)).toBe('2.5');
    expect(axisValue(0.25)).toBe('0.25');
    expect(axisValue(40)).toBe('40');
  });
});

describe('default series of the findings added for pools, PostgreSQL and CPU', () => {
  const pg = [
    info('pg-state/stock/stock-api/idle in transaction', 'postgres', "stock-api backends 'idle in transaction' (stock)", 40, 10, 'backends'),
    info('pg-state/stock/stock-api/active', 'postgres', "stock-api backends 'active' (stock)", 40, 10, 'backends'),
    info('pg-state/stock/reports/idle in transaction', 'postgres', "reports backends 'idle in transaction' (stock)", 40, 1, 'backends'),
    info('pg-idle-tx-age/stock', 'postgres', 'Oldest transaction left idle in transaction (stock)', 40, 157, 's'),
    info('pg-lock-waits/stock', 'postgres', 'Backends waiting on a lock (stock)', 40, 10, 'backends'),
  ];
  const cpu = [
    info('proc-cpu/vm/2169', 'cpu', '%CPU: java (pid 2169 on vm)', 2, 99.9, '%'),
    info('proc-cpu/vm/3000', 'cpu', '%CPU: postgres (pid 3000 on vm)', 2, 3, '%'),
    info('thread-cpu/vm/2169/2187', 'cpu', '%CPU of thread 2187 "reservation-dra": java (pid 2169 on vm)', 2, 99.9, '%'),
    info('thread-cpu/vm/2169/2172', 'cpu', '%CPU of thread 2172 "java": java (pid 2169 on vm)', 2, 0, '%'),
    info('thread-cpu/vm/2169/2173', 'cpu', '%CPU of thread 2173 "VM Thread": java (pid 2169 on vm)', 2, 0, '%'),
  ];
  const f = (signature: string, data: Record<string, unknown>) => ({ signature, severity: 'high', data });

  it('idle-in-transaction charts that application\'s open transactions and the oldest one\'s age', () => {
    expect(defaultSeries([f('pg-idle-in-transaction', { app: 'stock-api' })], pg)).toEqual(['pg-state/stock/stock-api/idle in transaction', 'pg-idle-tx-age/stock']);
  });

  it('lock waits chart the waiting backends and the busiest active ones', () => {
    expect(defaultSeries([f('pg-lock-waits', {})], pg)).toEqual(['pg-lock-waits/stock', 'pg-state/stock/stock-api/active']);
  });

  it('spinning Java threads chart the process and its two busiest threads that used any', () => {
    expect(defaultSeries([f('busy-threads', { pid: 2169 })], cpu)).toEqual(['proc-cpu/vm/2169', 'thread-cpu/vm/2169/2187']);
  });
});
