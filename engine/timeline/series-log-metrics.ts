/**
 * Metrics inside logs as chart series (group `log-metrics`): one per file, process, message and field,
 * labelled `message · field (file)` (with the pid when one was printed). Points open the log line
 * that carried them (`event:ID`).
 */
import type { LogMetricRow } from '../store/log-metrics';
import type { Store } from '../store';
import { logMetricLabel, logMetricSeriesId, refOf } from '../signatures/log-metric-series';
import type { SeriesDef, SeriesInfo } from './series-types';

/** The unit a field's name ends with (`delayMaxMs`, `heap_bytes`, `rssMB`, `uptimeSeconds`), else none. */
export function unitOfField(field: string): string {
  const leaf = field.slice(field.lastIndexOf('.') + 1);
  if (/(?:[a-z0-9]Ms|_ms|Millis|_millis)$/.test(leaf)) return 'ms';
  if (/(?:[a-z0-9]Bytes|_bytes|^bytes)$/i.test(leaf)) return 'bytes';
  if (/(?:[a-z0-9]MB|_mb)$/.test(leaf)) return 'MB';
  if (/(?:[a-z0-9](?:Seconds|Secs)|_seconds|_secs|_sec)$/.test(leaf)) return 's';
  if (/(?:[a-z0-9]Ns|_ns|Nanos|_nanos)$/.test(leaf)) return 'ns';
  return '';
}

const label = (r: LogMetricRow): string => logMetricLabel(refOf(r));

export function logMetricInfos(store: Store, bundle: number): SeriesInfo[] {
  return store.logMetrics
    .list(bundle, { span: true })
    .filter((r) => r.first !== null && r.last !== null)
    .map((r) => ({
      id: logMetricSeriesId(r), group: 'log-metrics', label: label(r), unit: unitOfField(r.field),
      points: r.points, first: r.first, last: r.last, min: r.min, max: r.max,
    }));
}

/** The series of `log-metric/FILEID/PID/MESSAGE/FIELD`, or null. */
export function logMetricSeries(store: Store, bundle: number, id: string): SeriesDef | null {
  const row = store.logMetrics.list(bundle).find((r) => logMetricSeriesId(r) === id);
  if (!row) return null;
  return {
    id, group: 'log-metrics', label: label(row), unit: unitOfField(row.field),
    points: store.logMetrics.points(row.id).map((p) => ({ ts: p.ts, value: p.value, ref: `event:${p.eventId}`, fileId: p.fileId, line: p.line })),
  };
}
