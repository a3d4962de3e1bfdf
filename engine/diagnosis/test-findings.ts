/** Findings built in memory for the diagnosis's tests: occurrences numbered by line, one file. */
import type { FindingDraft, Severity } from '../model/finding';
import type { Occurrence } from '../model/occurrence';

/** An occurrence factory whose lines count up from 1, all of `process` unless an occurrence says otherwise. */
export function occurrences(process: string): (ts: number, extra?: Partial<Occurrence> & Record<string, unknown>) => Occurrence {
  let line = 1;
  return (ts, extra = {}) => ({ ts, fileId: 1, line: line++, process, ...extra });
}

export function finding(signature: string, severity: Severity, occurrences: Occurrence[], data: Record<string, unknown> = {}): FindingDraft {
  const times = occurrences.map((o) => o.ts!);
  return {
    signature, severity, title: signature, summary: signature, first: Math.min(...times), last: Math.max(...times),
    count: occurrences.length, data, evidence: [], occurrences,
  };
}

/** Plenty of ordinary records everywhere: normal operation wherever nothing abnormal is. */
export const busy = (from: number, to: number) => Math.floor((to - from) / 100);
