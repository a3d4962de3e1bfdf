/** Does the head look like `top` batch output (procps, procps-ng or busybox)? */
import type { SniffInput, SniffResult } from '../types';
import { parseCounts, parseCpu, parseTopLine } from './summary';
import { parseTaskHeader } from './tasks';

export function sniffTop(input: SniffInput): SniffResult | null {
  let topLines = 0;
  let summary = 0;
  let headers = 0;
  for (const raw of input.lines) {
    const t = raw.slice(0, 2000).trimEnd();
    if (parseTopLine(t)) topLines++;
    else if (parseCounts(t) || parseCpu(t) || /^Load average: \d/.test(t)) summary++;
    else if (parseTaskHeader(t)) headers++;
  }
  if (topLines > 0 && headers > 0) return { kind: 'top', confidence: 0.95, reason: `${topLines} top iteration(s) with a task table` };
  if (summary >= 2 && headers > 0) return { kind: 'top', confidence: 0.85, reason: 'top summary lines and a task table (no "top -" line)' };
  if (topLines > 0) return { kind: 'top', confidence: 0.6, reason: 'a "top - HH:MM:SS up" line' };
  return null;
}
