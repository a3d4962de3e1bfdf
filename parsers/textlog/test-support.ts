/** Test helpers shared by the text-log and json-log tests. */
import type { LogRecord, SkippedLine } from '../types';

/**
 * Every line 1..lineCount is in exactly one record span or one SkippedLine, and record spans do
 * not overlap. Returns the problems found (empty when all is accounted for).
 */
export function accountingProblems(records: LogRecord[], skipped: SkippedLine[], lineCount: number): string[] {
  const seen = new Uint8Array(lineCount + 2);
  const problems: string[] = [];
  const mark = (no: number, what: string) => {
    if (no < 1 || no > lineCount) problems.push(`${what}: line ${no} out of range`);
    else if (seen[no] !== 0) problems.push(`${what}: line ${no} counted twice`);
    else seen[no] = 1;
  };
  for (const r of records) for (let no = r.line; no <= r.endLine; no++) mark(no, 'record');
  for (const s of skipped) mark(s.line, `skipped (${s.reason})`);
  for (let no = 1; no <= lineCount; no++) if (!seen[no]) problems.push(`line ${no} not accounted for`);
  return problems.slice(0, 10);
}

export function countBy<T>(items: readonly T[], key: (t: T) => unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) {
    const k = String(key(it));
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
