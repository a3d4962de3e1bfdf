export { topParser } from './parser';
export { sniffTop } from './sniff';
export type { TopCpu, TopMem, TopRecord, TopSample, TopTask } from './model';
