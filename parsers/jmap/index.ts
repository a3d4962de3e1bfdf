export { jmapParser } from './parser';
export { sniffJmap } from './sniff';
export { parseHistogramLine, type HistogramLine } from './histogram-line';
export { HistogramBuilder } from './histogram-builder';
export { normaliseClassName } from './class-names';
export type { HeapHistogram, HistogramFormat, HistogramRow, JmapRecord, MatSuspect } from './model';
