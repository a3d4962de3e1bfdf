/** The row shapes of the limit sources, each a pure function from a line to a LimitRow (without `line`). */
import { tokenize } from '../lsof/tokens';
import type { LimitRow } from './model';
import { limitValue, PROC_NAMES, RESOURCE_NAMES, ULIMIT_FLAGS } from './resources';

export type LimitCells = Omit<LimitRow, 'line'>;

/** `Max open files            1024                 4096                 files` */
export function parseProcLimitsRow(text: string): LimitCells | null {
  if (!text.startsWith('Max ')) return null;
  const toks = tokenize(text).map((t) => t.text);
  let i = 1;
  while (i < toks.length && limitValue(toks[i]) === undefined) i++;
  if (i >= toks.length - 1) return null;
  const soft = limitValue(toks[i]);
  const hard = limitValue(toks[i + 1]);
  if (soft === undefined || hard === undefined) return null;
  const name = toks.slice(0, i).join(' ');
  const row: LimitCells = { type: 'limit', name, soft, hard };
  const res = PROC_NAMES[name];
  if (res) row.resource = res;
  if (toks[i + 2] !== undefined) row.units = toks.slice(i + 2).join(' ');
  return row;
}

/** bash `ulimit -a`: `open files                      (-n) 1024`, `pipe size            (512 bytes, -p) 8`. */
export function parseBashUlimitRow(text: string, hard: boolean): LimitCells | null {
  const open = text.lastIndexOf('(');
  const close = text.indexOf(')', open);
  if (open <= 0 || close < 0) return null;
  const inside = text.slice(open + 1, close);
  const m = /^(?:(.{1,30}), )?-([A-Za-z])$/.exec(inside.trim());
  if (!m) return null;
  const v = limitValue(text.slice(close + 1).trim());
  if (v === undefined) return null;
  const res = ULIMIT_FLAGS[m[2]!] ?? text.slice(0, open).trim();
  const row: LimitCells = { type: 'limit', name: res, resource: res, soft: hard ? null : v, hard: hard ? v : null, printed: hard ? 'hard' : 'soft' };
  if (m[1] !== undefined) row.units = m[1];
  return row;
}

/** zsh / dash / busybox `ulimit -a`: `-n: file descriptors                1024`. */
export function parseShortUlimitRow(text: string, hard: boolean): LimitCells | null {
  const m = /^-([A-Za-z]): (.{1,60}?)\s+(\S+)\s*$/.exec(text.trim());
  if (!m) return null;
  const v = limitValue(m[3]);
  if (v === undefined) return null;
  const res = ULIMIT_FLAGS[m[1]!] ?? m[2]!.trim();
  const units = /\(([^)]{1,30})\)\s*$/.exec(m[2]!);
  const row: LimitCells = { type: 'limit', name: res, resource: res, soft: hard ? null : v, hard: hard ? v : null, printed: hard ? 'hard' : 'soft' };
  if (units) row.units = units[1];
  return row;
}

/** prlimit: `NOFILE     max number of open files                1024      4096 files` */
export function parsePrlimitRow(text: string): LimitCells | null {
  const toks = tokenize(text).map((t) => t.text);
  if (toks.length < 4 || !/^[A-Z]{2,12}$/.test(toks[0]!)) return null;
  const res = toks[0]!.toLowerCase();
  if (!RESOURCE_NAMES.has(res) && !Object.values(ULIMIT_FLAGS).includes(res)) return null;
  // SOFT HARD are the last two values, optionally followed by a units word
  let j = toks.length - 1;
  let units: string | undefined;
  if (limitValue(toks[j]) === undefined) units = toks[j--];
  const hard = limitValue(toks[j]);
  const soft = limitValue(toks[j - 1]);
  if (hard === undefined || soft === undefined || j - 1 < 1) return null;
  const row: LimitCells = { type: 'limit', name: res, resource: res, soft, hard };
  if (units !== undefined) row.units = units;
  return row;
}

/** limits.conf: `*  soft  nofile  65535`, `@dev  -  nproc  unlimited` (`-` sets both). */
export function parseLimitsConfRow(text: string): LimitCells | null {
  const toks = tokenize(text).map((t) => t.text);
  if (toks.length !== 4) return null;
  const [domain, kind, item, value] = toks as [string, string, string, string];
  if (kind !== 'soft' && kind !== 'hard' && kind !== '-') return null;
  if (!RESOURCE_NAMES.has(item)) return null;
  const v = limitValue(value);
  if (v === undefined) return null;
  const row: LimitCells = {
    type: 'limit', name: item, resource: item, domain,
    soft: kind === 'hard' ? null : v, hard: kind === 'soft' ? null : v,
  };
  if (kind !== '-') row.printed = kind;
  return row;
}

export function isProcLimitsHeader(text: string): boolean {
  return /^Limit\s+Soft Limit\s+Hard Limit\s+Units\s*$/.test(text.trim());
}

export function isPrlimitHeader(text: string): boolean {
  return /^RESOURCE\s+DESCRIPTION\s+SOFT\s+HARD(?:\s+UNITS)?\s*$/.test(text.trim());
}

/** Any limit row shape (the `hard` flag applies to ulimit's one-column output). */
export function parseLimitRow(text: string, hard = false): LimitCells | null {
  return (
    parseProcLimitsRow(text) ??
    parseBashUlimitRow(text, hard) ??
    parseShortUlimitRow(text, hard) ??
    parsePrlimitRow(text) ??
    parseLimitsConfRow(text)
  );
}
