export { gcLogParser } from './parser';
export { sniffGcLog } from './sniff';
export type { GcInfo, GcInfoKind, GcPause, GcRecord } from './model';
