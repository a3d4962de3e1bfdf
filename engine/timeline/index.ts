/** The merged timeline of a bundle and its chart series: pure functions over a Store. */
export { timelineWindow, timelineRange, DEFAULT_BUCKETS, DEFAULT_LIMIT } from './window';
export { timelineSources } from './sources';
export { buildTimelineSummary, ensureTimelineSummary } from './summary';
export * from './types';
export { listSeries, seriesData, DEFAULT_MAX_POINTS } from './series';
export { downsample } from './downsample';
export * from './series-types';
