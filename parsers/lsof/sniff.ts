/**
 * Is this head an lsof table, a `/proc/PID/fd` listing or a shell transcript around lsof? Counts the
 * lines the row parsers accept; a header alone is decisive.
 */
import type { SniffInput, SniffResult } from '../types';
import { isLsofHeader, parseLsofHeader, type LsofLayout } from './columns';
import { parseProcFdLine } from './proc-fd';
import { cellsByHeuristic, cellsByLayout } from './row';
import { countLine, parseShellLine, stripHtmlArtifacts } from './shell';
import { tokenize } from './tokens';

export function sniffLsof(input: SniffInput): SniffResult | null {
  let layout: LsofLayout | null = null;
  let header = false;
  let rows = 0;
  let links = 0;
  let commands = 0;
  let counts = 0;
  let considered = 0;
  for (const raw of input.lines) {
    const text = stripHtmlArtifacts(raw);
    if (text.trim() === '' || /^\s*(?:\.{2,}|…)\s*$/.test(text)) continue;
    considered++;
    if (isLsofHeader(text)) {
      header = true;
      layout = parseLsofHeader(text);
      continue;
    }
    if (parseProcFdLine(text)) {
      links++;
      continue;
    }
    if (/^total \d+$/.test(text.trim())) {
      considered--;
      continue;
    }
    const toks = tokenize(text);
    if ((layout && cellsByLayout(text, toks, layout)) || cellsByHeuristic(text, toks)) {
      rows++;
      continue;
    }
    const cmd = parseShellLine(text);
    if (cmd && (cmd.tool === 'lsof' || (cmd.tool === 'ls' && cmd.args.some((a) => a.includes('/proc/'))))) {
      commands++;
      continue;
    }
    if (countLine(text) !== null && commands > 0) counts++;
  }
  if (considered === 0) return null;
  const hint = /lsof|proc.?\d*.?fd/i.test(input.name) ? 0.03 : 0;
  if (header) {
    return { kind: 'lsof', confidence: 0.95, reason: `lsof column header; ${rows} of ${considered} lines are lsof rows` };
  }
  const matched = rows + links + commands + counts;
  const ratio = matched / considered;
  if ((rows + links >= 2 || commands >= 1) && ratio >= 0.25) {
    const what = links > rows ? `/proc/PID/fd links` : commands > 0 && rows === 0 ? 'lsof commands and counts' : 'lsof rows';
    return { kind: 'lsof', confidence: Math.min(0.92, 0.3 + 0.6 * ratio + hint), reason: `${matched} of ${considered} lines are ${what}` };
  }
  if (matched === 0) return null;
  return { kind: 'lsof', confidence: 0.1, reason: `only ${matched} of ${considered} lines look like lsof output` };
}
