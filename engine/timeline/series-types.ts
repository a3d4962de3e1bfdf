/** Chart series of a bundle: what is offered, and the points of one, each traceable to its evidence. */

export type SeriesGroup = 'fds' | 'sockets' | 'queues' | 'threads' | 'goroutines' | 'hikari' | 'gc' | 'cpu' | 'metrics' | 'log-metrics' | 'postgres';

export interface SeriesPoint {
  ts: number;
  value: number;
  /** What a viewer opens: `snapshot:ID` (the row at `line`), `event:ID`, or `series:NAME@TS` for a metrics CSV cell. */
  ref: string;
  fileId: number;
  line: number;
}

export interface SeriesInfo {
  /** Stable for the bundle's content: `fd/host/pid`, `hikari/HikariPool-1/active`, `metric/7/cpu (%)`… (`%` and `/` in a part escaped). */
  id: string;
  group: SeriesGroup;
  label: string;
  unit: string;
  points: number;
  first: number;
  last: number;
  min: number;
  max: number;
}

export interface SeriesData {
  id: string;
  group: SeriesGroup;
  label: string;
  unit: string;
  /** In time order; at most `maxPoints`, the extremes kept. */
  points: SeriesPoint[];
  /** Points in the requested range before downsampling. */
  total: number;
  downsampled: boolean;
}

export interface SeriesRange {
  /** UTC ms, inclusive. */
  from?: number;
  /** UTC ms, exclusive. */
  to?: number;
  /** Default 1,000; at least 4. */
  maxPoints?: number;
}

/** A series with all its points, as each source builds it. */
export interface SeriesDef {
  id: string;
  group: SeriesGroup;
  label: string;
  unit: string;
  points: SeriesPoint[];
}

/** Series ids are slash-separated parts; `%` and `/` inside a part are escaped, so hosts, peers and metric names can hold anything. */
export const seriesId = (...parts: (string | number | null)[]): string =>
  parts.map((p) => (p === null ? '' : String(p)).replace(/%/g, '%25').replace(/\//g, '%2F')).join('/');
export const seriesParts = (id: string): string[] => id.split('/').map((p) => p.replace(/%2F/gi, '/').replace(/%25/g, '%'));
