/**
 * ss or netstat? Both print socket tables; the header decides when there is one (`Local
 * Address:Port` is ss, `Local Address  Foreign Address` netstat), otherwise the rows do: ss spells
 * states `ESTAB` / `CLOSE-WAIT` after the netid and prints `users:((…))`; netstat puts the state
 * after the addresses and `PID/Program` last.
 */
import { parseShellLine, stripHtmlArtifacts } from '../lsof/shell';
import type { SniffInput, SniffResult } from '../types';
import { bannerMode, headerMode, parseAnyNetstatRow } from './netstat-sections';
import { isSsHeader, parseSsRow } from './ss-row';

interface Tally {
  considered: number;
  ssHeader: boolean;
  ssRows: number;
  ssDistinct: number;
  nsHeader: boolean;
  nsRows: number;
  ssCommands: number;
  nsCommands: number;
}

function tally(lines: readonly string[]): Tally {
  const t: Tally = { considered: 0, ssHeader: false, ssRows: 0, ssDistinct: 0, nsHeader: false, nsRows: 0, ssCommands: 0, nsCommands: 0 };
  let mode: ReturnType<typeof headerMode> = null;
  for (const raw of lines) {
    const text = stripHtmlArtifacts(raw);
    if (text.trim() === '') continue;
    t.considered++;
    if (isSsHeader(text)) {
      t.ssHeader = true;
      continue;
    }
    const b = bannerMode(text);
    const h = headerMode(text);
    if (b || h) {
      if (b?.section === 'internet' || h) t.nsHeader = true;
      mode = h ?? b!.mode;
      continue;
    }
    const ss = parseSsRow(text);
    if (ss) {
      t.ssRows++;
      if (ss.distinctive) t.ssDistinct++;
    }
    if (mode !== 'other' && parseAnyNetstatRow(text, mode)) {
      t.nsRows++;
      continue;
    }
    if (ss) continue;
    if (/^\s/.test(text) && /\b\w+:\S/.test(text)) {
      t.considered--; // `ss -i` detail line
      continue;
    }
    const cmd = parseShellLine(text);
    if (cmd?.tool === 'ss') t.ssCommands++;
    else if (cmd?.tool === 'netstat') t.nsCommands++;
    else if (mode === 'other') t.considered--; // macOS kernel sections
  }
  return t;
}

function score(matched: number, considered: number): number {
  const ratio = matched / considered;
  return ratio >= 0.25 ? Math.min(0.9, 0.3 + 0.6 * ratio) : 0.1;
}

export function sniffSs(input: SniffInput): SniffResult | null {
  const t = tally(input.lines);
  if (t.considered === 0) return null;
  if (t.ssHeader) return { kind: 'ss', confidence: 0.95, reason: `ss column header; ${t.ssRows} of ${t.considered} lines are ss rows` };
  if (t.nsHeader) return null;
  // Rows both tools could print count for ss only when some row is distinctly ss's.
  if (t.ssDistinct === 0 && t.ssCommands === 0) return null;
  const matched = (t.ssDistinct > 0 ? t.ssRows : t.ssDistinct) + t.ssCommands;
  return { kind: 'ss', confidence: score(matched, t.considered), reason: `${matched} of ${t.considered} lines are ss rows or ss commands` };
}

export function sniffNetstat(input: SniffInput): SniffResult | null {
  const t = tally(input.lines);
  if (t.considered === 0) return null;
  if (t.nsHeader) return { kind: 'netstat', confidence: 0.95, reason: `netstat banner or column header; ${t.nsRows} of ${t.considered} lines are netstat rows` };
  if (t.ssHeader || (t.ssDistinct > 0 && t.ssDistinct >= t.nsRows)) return null;
  const matched = t.nsRows + t.nsCommands;
  if (matched === 0) return null;
  return { kind: 'netstat', confidence: score(matched, t.considered), reason: `${matched} of ${t.considered} lines are netstat rows or netstat commands` };
}
