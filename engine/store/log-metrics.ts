/**
 * Metrics inside logs (migration 008): series of numbers a service logs about itself, written once
 * per file after its last record, read by the timeline and by the growth and saturation signatures.
 */
import type { DB } from './open';

/** One series as the ingest decided it, with its points in file order. */
export interface NewLogMetric {
  pid: number | null;
  message: string;
  field: string;
  varying: boolean;
  /** 1 = every line; N = one line in N was kept (see engine/ingest/log-metrics.ts). */
  thinned: number;
  eventIds: ArrayLike<number>;
  values: ArrayLike<number>;
  count: number;
}

export interface LogMetricRow {
  id: number;
  fileId: number;
  path: string;
  pid: number | null;
  message: string;
  field: string;
  points: number;
  min: number;
  max: number;
  varying: boolean;
  thinned: number;
  /** First and last point time, UTC ms (from the events; 0 unless listed with `span`). */
  first: number;
  last: number;
}

export interface LogMetricPoint {
  ts: number;
  value: number;
  eventId: number;
  fileId: number;
  line: number;
}

interface RawRow extends Omit<LogMetricRow, 'varying'> {
  varying: number;
}

export class LogMetricRepo {
  constructor(private readonly db: DB) {}

  /** Stores a file's series and their points in one transaction. */
  write(fileId: number, series: readonly NewLogMetric[]): void {
    if (series.length === 0) return;
    const putSeries = this.db.prepare(
      'INSERT INTO log_metrics (file_id, pid, message, field, points, min, max, varying, thinned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const putPoint = this.db.prepare('INSERT OR IGNORE INTO log_metric_points (series_id, event_id, value) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const s of series) {
        let min = Infinity;
        let max = -Infinity;
        for (let i = 0; i < s.count; i++) {
          const v = s.values[i]!;
          if (v < min) min = v;
          if (v > max) max = v;
        }
        const id = Number(putSeries.run(fileId, s.pid, s.message, s.field, s.count, min, max, s.varying ? 1 : 0, s.thinned).lastInsertRowid);
        for (let i = 0; i < s.count; i++) putPoint.run(id, s.eventIds[i]!, s.values[i]!);
      }
    })();
  }

  /**
   * Every series of a bundle, by file, process, message and field. Its time span (`first`, `last`) reads
   * every point's event: only with `span` (the timeline's list); otherwise both are 0.
   */
  list(bundleId: number, opts: { span?: boolean } = {}): LogMetricRow[] {
    const span = opts.span
      ? `(SELECT MIN(e.ts) FROM log_metric_points p JOIN events e ON e.id = p.event_id WHERE p.series_id = m.id) AS first,
         (SELECT MAX(e.ts) FROM log_metric_points p JOIN events e ON e.id = p.event_id WHERE p.series_id = m.id) AS last`
      : '0 AS first, 0 AS last';
    return this.db
      .prepare<{ bundle: number }, RawRow>(
        `SELECT m.id, m.file_id AS fileId, f.path, m.pid, m.message, m.field, m.points, m.min, m.max, m.varying, m.thinned, ${span}
           FROM log_metrics m JOIN files f ON f.id = m.file_id
          WHERE f.bundle_id = @bundle
          ORDER BY f.path, m.pid, m.message, m.field`,
      )
      .all({ bundle: bundleId })
      .map((r) => ({ ...r, varying: r.varying === 1 }));
  }

  /** The points of one series in time order. */
  points(seriesId: number): LogMetricPoint[] {
    return this.db
      .prepare<[number], LogMetricPoint>(
        `SELECT e.ts AS ts, p.value AS value, p.event_id AS eventId, e.file_id AS fileId, e.line AS line
           FROM log_metric_points p JOIN events e ON e.id = p.event_id
          WHERE p.series_id = ? AND e.ts IS NOT NULL ORDER BY e.ts, e.id`,
      )
      .all(seriesId);
  }
}
