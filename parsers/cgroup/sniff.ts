/**
 * Is this head a capture of cgroup CPU accounting files? Sure when `head` printed `==> …/cpu.stat <==`
 * (or another known file) or the collector's command names one; fairly sure when most lines are
 * cpu.stat keys; otherwise only when the file's own name says which cgroup file its values are.
 * Other key/value files (/proc/vmstat, memory.stat, cgroup.stat, meminfo) have none of these keys.
 */
import { parseCaptureHeader } from '../snapshot/header';
import type { SniffInput, SniffResult, TimeContext } from '../types';
import { fileNamedIn, filesOfCommand, fileSpec, isToolError, parseBareValue, parseKeyValue, parsePressure, parseQuotaPeriod, parseSectionHeader, STAT_KEYS } from './files';

const UTC: TimeContext = { localToUtc: (y, mo, d, h, mi, s, ms) => Date.UTC(y, mo - 1, d, h, mi, s, ms), referenceDay: null };

export function sniffCgroupCpu(input: SniffInput): SniffResult | null {
  let considered = 0;
  let statLines = 0;
  let otherValues = 0;
  let cgroupSections = 0;
  let commandNames = false;
  const keys = new Set<string>();
  for (const raw of input.lines) {
    const t = raw.slice(0, 2000).trim();
    if (t === '') continue;
    const path = parseSectionHeader(t);
    if (path !== null) {
      if (fileSpec(path)) cgroupSections++;
      continue;
    }
    if (/^(?:#|[A-Z]|\d{4}-\d{2}-\d{2})/.test(t)) {
      const h = parseCaptureHeader(UTC, t);
      if (h) {
        const reads = h.command !== undefined ? filesOfCommand(h.command) : null;
        if (reads?.files.some((f) => fileSpec(f) !== null)) commandNames = true;
        continue;
      }
    }
    if (t.startsWith('#') || isToolError(t)) continue;
    considered++;
    const kv = parseKeyValue(t);
    if (kv && STAT_KEYS[kv.key]) {
      statLines++;
      keys.add(kv.key);
    } else if (parsePressure(t) || parseQuotaPeriod(t) || parseBareValue(t) !== null) otherValues++;
  }
  const matched = statLines + otherValues;
  if (commandNames && considered === 0) return { kind: 'cgroup-cpu', confidence: 0.6, reason: 'the capture command reads cgroup CPU files (it printed no values)' };
  if (matched === 0) return null;
  if (cgroupSections > 0) return { kind: 'cgroup-cpu', confidence: 0.95, reason: `${cgroupSections} cgroup CPU file(s) in "==> path <==" sections` };
  if (commandNames && matched === considered) return { kind: 'cgroup-cpu', confidence: 0.9, reason: 'the capture command reads cgroup CPU files' };
  const ratio = matched / considered;
  if (keys.size >= 2 && statLines / considered >= 0.5) {
    return { kind: 'cgroup-cpu', confidence: Math.min(0.9, 0.5 + 0.4 * ratio), reason: `${statLines} of ${considered} lines are cpu.stat keys` };
  }
  const named = fileNamedIn(input.name);
  if (named && ratio === 1) return { kind: 'cgroup-cpu', confidence: 0.8, reason: `the file is named ${named.file} and holds its values` };
  return { kind: 'cgroup-cpu', confidence: 0.1, reason: `${matched} of ${considered} lines look like cgroup values` };
}
