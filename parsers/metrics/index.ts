export { metricsCsvParser } from './parser';
export { sniffMetricsCsv } from './sniff';
export type { MetricPoint } from './model';
