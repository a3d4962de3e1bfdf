/**
 * One dated piece of a finding: a record, a snapshot row, or a span (a silence, a freeze, a growth
 * between two snapshots). The diagnosis works on occurrences, not on findings: it clusters them into
 * episodes and attributes each to at most one cause. An occurrence is also its own evidence.
 */
export interface Occurrence {
  /** When it happened (UTC ms), or the start of a span; null when the source has no time. */
  ts: number | null;
  /** End of a span; absent for an instant. */
  end?: number | null;
  fileId: number;
  line: number;
  /** Time of the line it points at, when that is not `ts` (a warning logged at the end of the span it reports). */
  lineTs?: number | null;
  endLine?: number;
  /** 'event:123', 'snapshot:4' — what a viewer opens. */
  ref?: string;
  /** The writing process as far as the source tells: `pid:<pid>` when printed, else `file:<fileId>`. */
  process?: string;
  thread?: string;
  /** The error and its causes, outermost first (`java.net.ConnectException: Connection refused`). */
  chain?: string[];
  note?: string;
}

export const startOf = (o: Occurrence): number | null => o.ts;
export const endOf = (o: Occurrence): number | null => o.end ?? o.ts;
