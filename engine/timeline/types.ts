/** The merged timeline's query and answer shapes: plain JSON values, so every face can carry them. */

export const ROW_TYPES = ['event', 'snapshot', 'finding', 'annotation'] as const;
export type RowType = (typeof ROW_TYPES)[number];

/**
 * Which rows to keep. Every filter keeps only rows whose attribute matches, and a row without the
 * attribute does not match (a level filter drops snapshots and annotations; ask for those in a
 * second query, or leave the filter out).
 */
export interface TimelineFilters {
  /** Events and snapshots of these files; findings with evidence in them; annotations on them. */
  fileIds?: readonly number[];
  /** Events at or above this pino-scale level (10..60); findings by their severity's level. */
  minLevel?: number;
  /** Exactly these levels (combined with `minLevel` when both are given). */
  levels?: readonly number[];
  /** Event kinds (`hikari.stats`), snapshot kinds (`lsof`), finding signatures, annotation markers. */
  kinds?: readonly string[];
  types?: readonly RowType[];
  /** Case-insensitive substring of the row's text (ASCII case folding). */
  text?: string;
  /**
   * Events already known to match `text`, e.g. from the full-text index: events are then limited to
   * these ids and `text` is not checked again on events (it still applies to the other rows).
   */
  eventIds?: readonly number[];
}

export interface TimelineQuery {
  /** Window start, UTC ms, inclusive. Default: the bundle's first time. */
  from?: number;
  /** Window end, UTC ms, exclusive. Default: just after the bundle's last time. */
  to?: number;
  /** Rows per page, default 500, at most 10,000. */
  limit?: number;
  /** `nextCursor` of the previous page of the same window and filters. */
  cursor?: string;
  filters?: TimelineFilters;
  /** Density buckets for the histogram, default 200 (at most 2,000). */
  buckets?: number;
}

export interface TimelineRow {
  type: RowType;
  /** UTC ms: the event or capture time, the start of a finding or annotation range. */
  ts: number;
  tsEnd?: number;
  fileId?: number;
  file?: string;
  line?: number;
  endLine?: number;
  /** Pino scale; findings carry their severity's level (critical 60, high 50, medium 40, else 30). */
  level?: number;
  /** Event kind, snapshot kind, finding signature or annotation marker. */
  kind?: string;
  /** Message, snapshot summary, finding title or annotation text. */
  text: string;
  /** What a viewer opens: `event:ID`, `snapshot:ID`, `finding:ID`, `annotation:ID`. */
  ref: string;
  severity?: string;
  /** Rows of a snapshot (descriptors, sockets, threads…). */
  rowCount?: number;
}

export type LevelClass = 'error' | 'warn' | 'other';

export interface TimelineDensity {
  /**
   * Bucket i covers [from + i·bucketMs, from + (i+1)·bucketMs), clipped to the window: `from` is the
   * window start rounded down to a whole bucket, so bucket edges fall on round times.
   */
  from: number;
  to: number;
  bucketMs: number;
  /** Rows of the window (after filters) per bucket; a range row counts once, where it enters the window. */
  counts: number[];
  byLevel: Record<LevelClass, number[]>;
}

export interface TimelineWindow {
  from: number;
  to: number;
  rows: TimelineRow[];
  /** Rows in the window after filters, over all pages. */
  totalInWindow: number;
  /** More rows follow this page (fetch them with `nextCursor`). */
  truncated: boolean;
  nextCursor?: string;
  density: TimelineDensity;
  /** `summary` when counts came from the precomputed slots; `scan` when events were counted one by one (text filters). */
  counting: 'summary' | 'scan';
}

/** One lane of the timeline: a file with what it puts on the timeline. */
export interface TimelineSource {
  fileId: number;
  path: string;
  /** The file's kind (`java-log`, `lsof`, `csv`…). */
  kind: string;
  events: number;
  /** Events the file holds without a time (not on the timeline). */
  untimed: number;
  errors: number;
  warnings: number;
  snapshots: number;
  metricPoints: number;
  first: number | null;
  last: number | null;
}

export class TimelineError extends Error {
  override name = 'TimelineError';
}
