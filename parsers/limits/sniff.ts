/** Is this head a limits table (/proc/PID/limits, ulimit -a, prlimit, limits.conf)? */
import { parseShellLine } from '../lsof/shell';
import type { SniffInput, SniffResult } from '../types';
import { isPrlimitHeader, isProcLimitsHeader, parseLimitRow } from './rows';

export function sniffLimits(input: SniffInput): SniffResult | null {
  let considered = 0;
  let rows = 0;
  let commands = 0;
  let comments = 0;
  for (const text of input.lines) {
    const t = text.trim();
    if (t === '') continue;
    if (isProcLimitsHeader(t) || isPrlimitHeader(t)) {
      return { kind: 'limits', confidence: 0.95, reason: 'resource limits column header' };
    }
    if (t.startsWith('#') && !parseShellLine(t)) {
      comments++; // limits.conf is mostly comments
      continue;
    }
    considered++;
    if (parseLimitRow(text)) rows++;
    else if (parseShellLine(text)?.tool === 'ulimit') commands++;
  }
  if (considered === 0) return null;
  const matched = rows + commands;
  if (matched === 0) return null;
  const ratio = matched / considered;
  if (rows + commands < 2 && !(commands >= 1 && considered <= 3)) return { kind: 'limits', confidence: 0.1, reason: `${matched} of ${considered} lines are limits` };
  const conf = ratio >= 0.25 ? Math.min(0.9, 0.3 + 0.6 * ratio) : 0.1;
  return { kind: 'limits', confidence: conf, reason: `${matched} of ${considered} lines are resource limits${comments ? ` (${comments} comment lines)` : ''}` };
}
