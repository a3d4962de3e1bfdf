/**
 * Test-only helpers for the pino parser tests: line accounting (every input line in exactly one
 * record or one SkippedLine) and a time context with a fixed reference day.
 */
import type { LogRecord, SkippedLine } from '../types';

/** Lines not covered, or covered twice, by records' line..endLine spans and skipped lines. */
export function accountingProblems(records: readonly LogRecord[], skipped: readonly SkippedLine[], lineCount: number): string[] {
  const seen = new Array<number>(lineCount + 1).fill(0);
  const problems: string[] = [];
  for (const r of records) {
    if (r.endLine < r.line) problems.push(`record at line ${r.line} ends before it starts (${r.endLine})`);
    for (let l = r.line; l <= r.endLine; l++) seen[l] = (seen[l] ?? 0) + 1;
  }
  for (const s of skipped) seen[s.line] = (seen[s.line] ?? 0) + 1;
  for (let l = 1; l <= lineCount; l++) if (seen[l] !== 1) problems.push(`line ${l} accounted ${seen[l]} times`);
  for (let l = lineCount + 1; l < seen.length; l++) if (seen[l]) problems.push(`line ${l} beyond the input`);
  return problems;
}

/** Records in line order must not overlap and must cover contiguous byte ranges of their lines. */
export function spansInOrder(records: readonly LogRecord[]): boolean {
  for (let i = 1; i < records.length; i++) {
    const a = records[i - 1]!;
    const b = records[i]!;
    if (b.line <= a.endLine || b.offset < a.offset + a.length) return false;
  }
  return true;
}
