/**
 * Records of metrics CSV exports (Grafana panel downloads in all their shapes, Prometheus query
 * results written as CSV): one `MetricPoint` per value cell.
 */
import type { TimeQuality } from '../types';

export interface MetricPoint {
  type: 'metric';
  /**
   * The series: a column name (`node_load1{instance="web-1:9100", job="node"}`), a `Series` cell, or a
   * Prometheus name with its label columns; the unit the export printed is appended (` (%)`, ` (bytes)`,
   * ` (ms)`, ` (req/s)`) when values carried one.
   */
  series: string;
  ts: number;
  tq: TimeQuality;
  /** Null for an empty cell or `null`/`NaN` (no sample). Bytes are in bytes, durations in ms. */
  value: number | null;
  line: number;
  /** Set only when a quoted field spread the row over several lines. */
  endLine?: number;
}
