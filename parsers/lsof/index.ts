/** lsof and /proc/PID/fd listings: the parser, its records and the fd summary used by signatures. */
export { lsofParser } from './parser';
export { sniffLsof } from './sniff';
export type { FdRow, FdCount, LsofRecord, LsofOutput } from './model';
export { summariseFds, type FdSummary, type ProcessFds, type RemoteFds } from './summarise';
export { fdKind, fdTarget, pathPattern, dirPattern, deltasOf, targetDeltas, targetMatches, FD_KIND_LABEL, type FdKind, type Delta } from './kinds';
export { parseShellLine, pidFromArgs, stripHtmlArtifacts, type ShellCommand } from './shell';
export { SnapshotTracker } from './snapshots';
