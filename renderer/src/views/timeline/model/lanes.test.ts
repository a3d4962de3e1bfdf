import { describe, expect, it } from 'vitest';
import type { TimelineRow, TimelineSource } from '../../../../../engine/timeline/types';
import { buildLanes, dataExtent, findingRows, groupPattern, laneOfFile, nearestRow, refId, rowsAt } from './lanes';

const T0 = Date.UTC(2026, 10, 22, 4, 41, 30);

function src(fileId: number, path: string, kind: string, over: Partial<TimelineSource> = {}): TimelineSource {
  return { fileId, path, kind, events: 0, untimed: 0, errors: 0, warnings: 0, snapshots: 0, metricPoints: 0, first: T0 + fileId * 1000, last: T0 + fileId * 1000, ...over };
}

describe('group patterns', () => {
  it('replaces the capture time in a file name', () => {
    expect(groupPattern('snapshots/ss-20261122T044135Z.txt')).toBe('snapshots/ss-*.txt');
    expect(groupPattern('snapshots/top-threads-20261122T044811Z.txt')).toBe('snapshots/top-threads-*.txt');
    expect(groupPattern('metrics/api-server-cpu-data-2026-11-22_04_51_23.csv')).toBe('metrics/api-server-cpu-data-*.csv');
    expect(groupPattern('dumps/goroutine-1700000000.txt')).toBe('dumps/goroutine-*.txt');
    expect(groupPattern('logs/app.log')).toBeNull();
  });
});

describe('lanes', () => {
  // Incident 5's shape: two logs, three jstack dumps, many ss captures.
  const sources = [
    src(1, 'dumps/jstack-20261122T044215Z.txt', 'jstack', { snapshots: 1 }),
    src(2, 'dumps/jstack-20261122T044320Z.txt', 'jstack', { snapshots: 1 }),
    src(4, 'logs/pos-client.log', 'java-log', { events: 423, errors: 5, warnings: 28, first: T0, last: T0 + 260_000 }),
    src(5, 'logs/relay-server.log', 'java-log', { events: 386, warnings: 307, first: T0 - 500, last: T0 + 270_000 }),
    ...Array.from({ length: 5 }, (_, i) => src(6 + i, `snapshots/ss-2026112${i}T044135Z.txt`, 'ss', { snapshots: 1 })),
    src(20, 'snapshots/limits-20261122T043944Z.txt', 'limits', { snapshots: 1 }),
    src(21, 'logs/empty.log', 'java-log', { first: null, last: null }),
  ];
  const lanes = buildLanes(sources);
  it('gives each log its own lane, first', () => {
    expect(lanes.slice(0, 2).map((l) => l.label)).toEqual(['logs/pos-client.log', 'logs/relay-server.log']);
    expect(lanes[0]!.hasEvents).toBe(true);
  });
  it('shares one lane among captures of the same kind and name', () => {
    const ss = lanes.find((l) => l.label === 'snapshots/ss-*.txt')!;
    expect(ss.fileIds).toEqual([6, 7, 8, 9, 10]);
    expect(ss.snapshots).toBe(5);
    expect(ss.first).toBe(T0 + 6000);
    expect(ss.last).toBe(T0 + 10_000);
    expect(lanes.find((l) => l.label === 'dumps/jstack-*.txt')!.fileIds).toEqual([1, 2]);
  });
  it('keeps the real name of a capture that is alone, and drops sources with nothing timed', () => {
    expect(lanes.map((l) => l.label)).toContain('snapshots/limits-20261122T043944Z.txt');
    expect(lanes.map((l) => l.label)).not.toContain('logs/empty.log');
    expect(lanes).toHaveLength(5);
  });
  it('maps files to lanes', () => {
    const m = laneOfFile(lanes);
    expect(m.get(7)).toBe(m.get(9));
    expect(m.get(4)).toBe('f4');
  });
  it('spans everything for "fit all"', () => {
    expect(dataExtent(sources)).toEqual({ from: T0 - 500, to: T0 + 270_001 });
    expect(dataExtent(sources, [T0 + 999_000, null])).toEqual({ from: T0 - 500, to: T0 + 999_001 });
    expect(dataExtent([])).toBeNull();
  });
});

function finding(id: number, sig: string, severity: string, ts: number, tsEnd?: number): TimelineRow {
  return { type: 'finding', ts, ...(tsEnd ? { tsEnd } : {}), kind: sig, severity, text: sig, ref: `finding:${id}` };
}

describe('finding rows', () => {
  const rows = [
    finding(1, 'gc-activity', 'info', T0, T0 + 100_000),
    finding(2, 'recv-queue-backlog', 'high', T0 + 50_000, T0 + 60_000),
    finding(3, 'recv-queue-backlog', 'high', T0 + 50_000, T0 + 70_000),
    finding(4, 'lock-contention', 'critical', T0 + 80_000),
    { type: 'event', ts: T0, text: 'x', ref: 'event:1' } as TimelineRow,
  ];
  it('groups by signature, worst first', () => {
    const g = findingRows(rows);
    expect(g.map((r) => r.signature)).toEqual(['lock-contention', 'recv-queue-backlog', 'gc-activity']);
    expect(g[1]!.items).toHaveLength(2);
  });
  it('finds the rows under a time, within a slop', () => {
    const g = findingRows(rows);
    expect(rowsAt(g[1]!.items, T0 + 65_000, 0).map((r) => r.ref)).toEqual(['finding:3']);
    expect(rowsAt(g[0]!.items, T0 + 80_500, 1000).map((r) => r.ref)).toEqual(['finding:4']);
    expect(rowsAt(g[0]!.items, T0 + 82_000, 1000)).toEqual([]);
  });
  it('reads ids from refs and the nearest mark', () => {
    expect(refId('finding:12', 'finding')).toBe(12);
    expect(refId('snapshot:4/row:17', 'snapshot')).toBe(4);
    expect(refId('event:3', 'finding')).toBeNull();
    expect(nearestRow([{ ts: 10 }, { ts: 20 }, { ts: 31 }], 26, 5)).toEqual({ ts: 31 });
    expect(nearestRow([{ ts: 10 }], 26, 5)).toBeNull();
  });
});
