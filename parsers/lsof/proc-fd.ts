/**
 * `ls -l /proc/PID/fd` listings: `lrwx------ 1 u g 64 Feb 22 19:23 12 -> socket:[23049313]`. Each
 * link is one descriptor; the target says its type (socket, pipe, anon_inode, or a path).
 */
import type { FdRow } from './model';
import { isDigits, tokenize } from './tokens';

export interface ProcFdLink {
  fdNum: number;
  mode: string;
  user: string;
  target: string;
}

/** A link line of the listing, or null. */
export function parseProcFdLine(text: string): ProcFdLink | null {
  if (text.charCodeAt(0) !== 108 /* l */) return null;
  const arrow = text.indexOf(' -> ');
  if (arrow < 0) return null;
  const toks = tokenize(text.slice(0, arrow));
  const perms = toks[0]?.text ?? '';
  if (!/^l[r-][w-][x-][r-][w-][x-][r-][w-][x-][.+@]?$/.test(perms) || toks.length < 6) return null;
  const fd = toks[toks.length - 1]!.text;
  if (!isDigits(fd)) return null;
  const r = perms[1] === 'r';
  const w = perms[2] === 'w';
  let target = text.slice(arrow + 4).trim();
  // newer coreutils quote names with special characters: `1 -> 'pipe:[74872777]'`
  if (target.length >= 2 && (target[0] === "'" || target[0] === '"') && target[target.length - 1] === target[0]) target = target.slice(1, -1);
  return { fdNum: Number(fd), mode: r && w ? 'u' : w ? 'w' : 'r', user: toks[2]?.text ?? '', target };
}

/** fdType from the link target: `socket:[1]` → socket, `pipe:[1]` → pipe, `anon_inode:[eventpoll]` → anon_inode, paths → REG. */
export function procFdType(target: string): { fdType: string; node?: string; name: string } {
  const m = /^([a-z_]+):\[?([^\]]*)\]?$/.exec(target);
  if (m && !target.startsWith('/')) {
    const kind = m[1]!;
    const inner = m[2]!;
    return isDigits(inner) ? { fdType: kind, node: inner, name: target } : { fdType: kind, name: inner || target };
  }
  return { fdType: 'REG', name: target };
}

export function fdRowFromProcLink(link: ProcFdLink, line: number, pid: number, command: string): FdRow {
  const t = procFdType(link.target);
  const row: FdRow = {
    type: 'fd',
    command,
    pid,
    user: link.user,
    fd: `${link.fdNum}${link.mode}`,
    fdNum: link.fdNum,
    mode: link.mode,
    fdType: t.fdType,
    name: t.name,
    line,
  };
  if (t.node !== undefined) row.node = t.node;
  return row;
}
