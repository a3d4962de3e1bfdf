/**
 * `listSeries` / `seriesData`: the chart series a bundle can offer (each only when the bundle has
 * the data) and the points of one, windowed and downsampled with its extremes kept.
 */
import type { Store } from '../store';
import { SeriesQueries } from '../store/timeline-queries';
import { downsample } from './downsample';
import { cpuSeries } from './series-cgroup';
import { topCpuSeries } from './series-top';
import { pgActivitySeries, pgConnectionSeries } from './series-postgres';
import { gcSeries, hikariSeries } from './series-events';
import { logMetricInfos, logMetricSeries } from './series-log-metrics';
import { metricInfos, metricSeries } from './series-metrics';
import { fdSeries, goroutineSeries, queueSeries, socketSeries, threadSeries } from './series-snapshots';
import { seriesParts, type SeriesData, type SeriesDef, type SeriesInfo, type SeriesRange } from './series-types';
import { TimelineError } from './types';

export const DEFAULT_MAX_POINTS = 1000;

type Builder = (store: Store, sq: SeriesQueries, bundle: number) => SeriesDef[];

/** Which builder makes the series of an id's first part. */
const BUILDERS: Record<string, Builder> = {
  fd: fdSeries, 'fd-type': fdSeries, 'fd-peer': fdSeries,
  sockets: (_s, sq, b) => socketSeries(sq, b),
  queue: (_s, sq, b) => queueSeries(sq, b), 'queue-conn': (_s, sq, b) => queueSeries(sq, b),
  threads: (_s, sq, b) => threadSeries(sq, b),
  goroutines: (_s, sq, b) => goroutineSeries(sq, b), 'goroutine-group': (_s, sq, b) => goroutineSeries(sq, b),
  hikari: (_s, sq, b) => hikariSeries(sq, b),
  gc: (s, _sq, b) => gcSeries(s, b),
  cpu: (s, _sq, b) => cpuSeries(s, b),
  'proc-cpu': (s, _sq, b) => topCpuSeries(s, b), 'thread-cpu': (s, _sq, b) => topCpuSeries(s, b),
  'pg-state': (s, _sq, b) => pgActivitySeries(s, b), 'pg-idle-tx-age': (s, _sq, b) => pgActivitySeries(s, b), 'pg-lock-waits': (s, _sq, b) => pgActivitySeries(s, b),
  'pg-conn': (s, _sq, b) => pgConnectionSeries(s, b),
};
const ORDERED: Builder[] = [fdSeries, BUILDERS.sockets!, BUILDERS.queue!, BUILDERS.threads!, BUILDERS.goroutines!, BUILDERS.hikari!, BUILDERS.gc!, BUILDERS.cpu!, BUILDERS['proc-cpu']!, BUILDERS['pg-state']!, BUILDERS['pg-conn']!];

function bundleOf(store: Store, bundleId: number): void {
  if (!store.bundles.get(bundleId)) throw new TimelineError(`no bundle ${bundleId}`);
}

function info(d: SeriesDef): SeriesInfo {
  let min = Infinity;
  let max = -Infinity;
  for (const p of d.points) [min, max] = [Math.min(min, p.value), Math.max(max, p.value)];
  return { id: d.id, group: d.group, label: d.label, unit: d.unit, points: d.points.length, first: d.points[0]!.ts, last: d.points.at(-1)!.ts, min, max };
}

export function listSeries(store: Store, bundleId: number): SeriesInfo[] {
  bundleOf(store, bundleId);
  const sq = new SeriesQueries(store.db);
  const defs = ORDERED.flatMap((build) => build(store, sq, bundleId)).filter((d) => d.points.length > 0);
  const paths = new Map(store.files.list(bundleId).map((f) => [f.id, f.path]));
  return [...defs.map(info), ...metricInfos(sq, bundleId, paths), ...logMetricInfos(store, bundleId)];
}

export function seriesData(store: Store, bundleId: number, id: string, range: SeriesRange = {}): SeriesData {
  bundleOf(store, bundleId);
  const sq = new SeriesQueries(store.db);
  const parts = seriesParts(id);
  let def: SeriesDef | null | undefined;
  if (parts[0] === 'metric' && parts.length === 3) {
    const fileId = Number(parts[1]);
    const file = store.files.get(fileId);
    def = file && file.bundle_id === bundleId ? metricSeries(sq, fileId, parts[2]!, new Map([[fileId, file.path]])) : null;
  } else if (parts[0] === 'log-metric') {
    def = logMetricSeries(store, bundleId, id);
  } else {
    const build = BUILDERS[parts[0] ?? ''];
    def = build?.(store, sq, bundleId).find((d) => d.id === id);
  }
  if (!def || def.points.length === 0) throw new TimelineError(`no series "${id}" in this bundle`);
  const from = range.from ?? -Infinity;
  const to = range.to ?? Infinity;
  const inRange = def.points.filter((p) => p.ts >= from && p.ts < to);
  const points = downsample(inRange, range.maxPoints ?? DEFAULT_MAX_POINTS);
  return { id: def.id, group: def.group, label: def.label, unit: def.unit, points, total: inRange.length, downsampled: points.length < inRange.length };
}
