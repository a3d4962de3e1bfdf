/**
 * lsof's column header. lsof sizes every column to its widest value before printing, so the header
 * lines up with the data: PID, TID, USER, TYPE, DEVICE, SIZE/OFF and NODE are right-aligned (a value
 * ends where its header ends), COMMAND, TASKCMD and NAME are left-aligned, FD sits between USER and
 * TYPE. Empty cells (no TID, no DEVICE, no TYPE on NOFD rows) are then unambiguous.
 */
import { tokenize } from './tokens';

export interface LsofColumn {
  name: string;
  start: number;
  /** One past the last character. */
  end: number;
}

export interface LsofLayout {
  columns: LsofColumn[];
  /** Right-aligned columns by their end position. */
  byEnd: Map<number, LsofColumn>;
  pid: LsofColumn;
  taskcmd?: LsofColumn;
  nameStart: number;
}

const RIGHT = new Set(['PID', 'TID', 'PPID', 'PGID', 'USER', 'TYPE', 'DEVICE', 'SIZE/OFF', 'SIZE', 'OFFSET', 'NODE']);

/** A header line (`COMMAND PID [TID] [TASKCMD] USER FD TYPE DEVICE SIZE/OFF NODE NAME`) → layout, or null. */
export function parseLsofHeader(text: string): LsofLayout | null {
  const toks = tokenize(text);
  if (toks.length < 5 || toks[0]!.text !== 'COMMAND') return null;
  const names = toks.map((t) => t.text);
  if (!names.includes('PID') || !names.includes('FD') || names[names.length - 1] !== 'NAME') return null;
  const columns = toks.map((t) => ({ name: t.text, start: t.start, end: t.end }));
  const byEnd = new Map<number, LsofColumn>();
  for (const c of columns) if (RIGHT.has(c.name)) byEnd.set(c.end, c);
  const pid = columns.find((c) => c.name === 'PID')!;
  const name = columns[columns.length - 1]!;
  const taskcmd = columns.find((c) => c.name === 'TASKCMD');
  return { columns, byEnd, pid, taskcmd, nameStart: name.start };
}

/** True for a header line of lsof (even one we cannot use for positions). */
export function isLsofHeader(text: string): boolean {
  return /^\s*COMMAND\s+PID\s/.test(text) && /\bFD\b/.test(text) && /\bNAME\s*$/.test(text);
}
