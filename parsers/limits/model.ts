/**
 * Records of the limits parser: resource limits from `/proc/PID/limits`, `ulimit -a` / `ulimit -n`,
 * `prlimit` and limits.conf lines.
 */
import type { SnapshotMeta, SkippedLine } from '../types';

export interface LimitRow {
  type: 'limit';
  /** As the source names it: `Max open files` (/proc), `nofile` (ulimit, prlimit, limits.conf). */
  name: string;
  /** The RLIMIT resource in lower case (`nofile`, `nproc`, `stack` …) whatever the source called it. */
  resource?: string;
  /** null = unlimited; a limit the source did not print is null too (ulimit -a prints only the soft one). */
  soft: number | null;
  hard: number | null;
  /** Which of soft/hard the source actually printed, when it printed only one. */
  printed?: 'soft' | 'hard';
  units?: string;
  /** limits.conf domain (`*`, `@group`, user name). */
  domain?: string;
  line: number;
}

export type LimitsRecord = SnapshotMeta | LimitRow;
export type LimitsOutput = LimitsRecord | SkippedLine;
