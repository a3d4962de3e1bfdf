/** Every series of the bundle's metrics CSV exports (Grafana panels, Prometheus query results). */
import type { SeriesQueries } from '../store/timeline-queries';
import { seriesId, type SeriesDef, type SeriesInfo } from './series-types';

/** The unit the metrics parser appended to the series name (` (%)`, ` (bytes)`, ` (ms)`, ` (req/s)`). */
export const unitOf = (series: string): string => / \(([^()]+)\)$/.exec(series)?.[1] ?? '';

export function metricInfos(sq: SeriesQueries, bundle: number, paths: ReadonlyMap<number, string>): SeriesInfo[] {
  return sq.metricSeries(bundle).map((m) => ({
    id: seriesId('metric', m.fileId, m.series), group: 'metrics', label: `${m.series} (${paths.get(m.fileId) ?? `file ${m.fileId}`})`, unit: unitOf(m.series),
    points: m.n, first: m.first, last: m.last, min: m.min ?? 0, max: m.max ?? 0,
  }));
}

export function metricSeries(sq: SeriesQueries, fileId: number, series: string, paths: ReadonlyMap<number, string>): SeriesDef | null {
  const pts = sq.metricPoints(fileId, series);
  if (pts.length === 0) return null;
  return {
    id: seriesId('metric', fileId, series), group: 'metrics', label: `${series} (${paths.get(fileId) ?? `file ${fileId}`})`, unit: unitOf(series),
    points: pts.map((p) => ({ ts: p.ts, value: p.value, ref: `series:${series}@${p.ts}`, fileId, line: p.line ?? 0 })),
  };
}
