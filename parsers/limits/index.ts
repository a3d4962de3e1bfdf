/** Resource limits (/proc/PID/limits, ulimit, prlimit, limits.conf): the parser and its records. */
export { limitsParser, ulimitQuery } from './parser';
export { parseLimitRow, isProcLimitsHeader, isPrlimitHeader } from './rows';
export { sniffLimits } from './sniff';
export type { LimitRow, LimitsRecord, LimitsOutput } from './model';
