/**
 * Line accounting for tests of the snapshot parsers: every input line must be the line (or within
 * the line range) of an emitted record, or a SkippedLine. Returns the line numbers nobody claimed.
 */
import type { SkippedLine } from '../types';

interface Lined {
  line: number;
  endLine?: number;
}

export function unaccountedLines(records: readonly Lined[], skipped: readonly SkippedLine[], lineCount: number): number[] {
  const seen = new Uint8Array(lineCount + 2);
  for (const r of records) for (let l = r.line; l <= (r.endLine ?? r.line); l++) if (l <= lineCount) seen[l] = 1;
  for (const s of skipped) if (s.line <= lineCount) seen[s.line] = 1;
  const out: number[] = [];
  for (let l = 1; l <= lineCount; l++) if (!seen[l]) out.push(l);
  return out;
}
