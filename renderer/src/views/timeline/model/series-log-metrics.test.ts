/** Metrics inside logs in the timeline view: the series a finding was read from, and how they share charts. */
import { describe, expect, it } from 'vitest';
import type { SeriesInfo } from '../../../../../engine/timeline/series-types';
import { chartSpecs, defaultSeries, logMetricChart, seriesForFinding } from './series';

// As the engine lists the Go DBStats fixture (engine/ingest/__fixtures__/log-metrics/go-dbstats.log) and a pg.Pool's counts.
const lm = (field: string, max: number, message = 'runtime stats', fileId = 1, pid = ''): SeriesInfo => ({
  id: `log-metric/${fileId}/${pid}/${message}/${field}`, group: 'log-metrics', label: `${message} · ${field} (logs/x.log)`, unit: /Ms$/.test(field) ? 'ms' : '',
  points: 36, first: 0, last: 1, min: 0, max,
});
const go = [
  lm('goroutines', 43), lm('open_fds', 49), lm('db.MaxOpenConnections', 4), lm('db.InUse', 4), lm('db.Idle', 2), lm('db.WaitCount', 248), lm('db.WaitDuration', 96080322531),
];
const pg = [lm('pool.totalCount', 5, 'pg pool stats', 2, '20779'), lm('pool.idleCount', 4, 'pg pool stats', 2, '20779'), lm('pool.waitingCount', 15, 'pg pool stats', 2, '20779')];
const all = [...go, ...pg, { id: 'fd/vm/1', group: 'fds', label: 'Open descriptors', unit: 'descriptors', points: 3, first: 0, last: 1, min: 1, max: 9 } as SeriesInfo];

describe('log metric series in the view', () => {
  it('a finding read from a log charts the series it names (data.series: one ref or a list)', () => {
    const fd = { signature: 'fd-growth', severity: 'high', data: { source: 'log', pid: null, series: { seriesId: go[1]!.id } } };
    expect(seriesForFinding(fd, all).map((s) => s.id)).toEqual([go[1]!.id]);
    const pool = { signature: 'hikari-pool-saturated', severity: 'medium', data: { pools: { 'pg pool stats · pool': 5 }, series: pg.map((s) => ({ seriesId: s.id })) } };
    expect(defaultSeries([pool], all)).toEqual(pg.map((s) => s.id));
    // lsof-based findings still chart descriptors.
    expect(seriesForFinding({ signature: 'fd-growth', severity: 'high', data: { pid: 1 } }, all).map((s) => s.id)).toEqual(['fd/vm/1']);
  });

  it('fields of one object share a chart when their scale agrees; top-level fields stand alone', () => {
    const specs = chartSpecs(all.map((s) => s.id), all).filter((c) => c.key.startsWith('log:'));
    expect(specs.map((c) => [c.title, c.legend])).toEqual([
      ['runtime stats · goroutines', ['goroutines']],
      ['runtime stats · open_fds', ['open_fds']],
      ['runtime stats · db', ['MaxOpenConnections', 'InUse', 'Idle']],
      ['runtime stats · db', ['WaitCount']],
      ['runtime stats · db', ['WaitDuration']],
      ['pg pool stats · pool', ['totalCount', 'idleCount', 'waitingCount']],
    ]);
    expect(logMetricChart(pg[0]!).key).not.toBe(logMetricChart(lm('pool.totalCount', 5, 'pg pool stats', 3, '20779')).key);
  });
});
