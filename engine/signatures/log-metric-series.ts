/**
 * Metrics inside logs as the signatures read them: the series whose field they know by name
 * (`roleOf`), with their points, and evidence and occurrences pointing at the lines that carried them.
 */
import type { EvidenceRef } from '../model/evidence';
import type { Occurrence } from '../model/occurrence';
import type { LogMetricPoint, LogMetricRow } from '../store/log-metrics';
import { seriesId } from '../timeline/series-types';
import { roleOf, type LogMetricRole } from './log-metric-fields';
import type { DetectContext } from './types';

/** Which series a finding comes from: the timeline charts it under `seriesId`. */
export interface LogMetricRef {
  seriesId: string;
  file: string;
  pid: number | null;
  message: string;
  field: string;
}

export interface LogSeries {
  row: LogMetricRow;
  ref: LogMetricRef;
  role: LogMetricRole;
  points: LogMetricPoint[];
}

/** The timeline's id of a log metric series: `log-metric/FILEID/PID/MESSAGE/FIELD` (PID empty when none was printed). */
export const logMetricSeriesId = (r: Pick<LogMetricRow, 'fileId' | 'pid' | 'message' | 'field'>): string =>
  seriesId('log-metric', r.fileId, r.pid, r.message, r.field);

export const refOf = (r: LogMetricRow): LogMetricRef => ({ seriesId: logMetricSeriesId(r), file: r.path, pid: r.pid, message: r.message, field: r.field });

/** `runtime stats · goroutines (logs/api.log, pid 7)`. */
export const logMetricLabel = (r: Pick<LogMetricRef, 'message' | 'field' | 'file' | 'pid'>): string =>
  `${r.message} · ${r.field} (${r.file}${r.pid !== null ? `, pid ${r.pid}` : ''})`;

/** Every log metric series of the bundle whose field has one of `roles`, with its points in time order. */
export function logSeries(ctx: DetectContext, roles: readonly LogMetricRole[]): LogSeries[] {
  const out: LogSeries[] = [];
  for (const row of ctx.store.logMetrics.list(ctx.bundleId)) {
    const role = roleOf(row.message, row.field);
    if (role === null || !roles.includes(role)) continue;
    out.push({ row, ref: refOf(row), role, points: ctx.store.logMetrics.points(row.id) });
  }
  return out;
}

/** The process a series came from: its printed pid, else its file (one log file, one writer). */
export const processOfRow = (r: Pick<LogMetricRow, 'pid' | 'fileId'>): string => (r.pid !== null ? `pid:${r.pid}` : `file:${r.fileId}`);

export function pointEvidence(p: LogMetricPoint, note: string): EvidenceRef {
  return { fileId: p.fileId, line: p.line, ts: p.ts, ref: `event:${p.eventId}`, note };
}

/** What a series showed from its first point to its last, as one occurrence pointing at the last line (the state reached). */
export function pointSpan(row: LogMetricRow, first: LogMetricPoint, last: LogMetricPoint, note: string): Occurrence {
  return { ts: first.ts, end: last.ts, lineTs: last.ts, fileId: last.fileId, line: last.line, ref: `event:${last.eventId}`, process: processOfRow(row), note };
}

/** First, last and up to three points between them (evenly spread), each as evidence. */
export function spreadEvidence(points: readonly LogMetricPoint[], note: (p: LogMetricPoint) => string): EvidenceRef[] {
  if (points.length === 0) return [];
  const picks = new Set<number>([0, points.length - 1]);
  for (let k = 1; k <= 3; k++) picks.add(Math.round((k * (points.length - 1)) / 4));
  return [...picks].sort((a, b) => a - b).map((i) => pointEvidence(points[i]!, note(points[i]!)));
}
