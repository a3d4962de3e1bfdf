/**
 * top's task table. Columns are found by their header names, so reordered fields (`f` in
 * interactive top) still read right; COMMAND, normally last, takes the rest of the line because
 * command lines (`-c`) and thread names (`-H`: `GC Thread#0`) contain spaces.
 */
import type { TopTask } from './model';

export interface TaskColumns {
  names: string[];
  commandLast: boolean;
}

/** `  PID USER  PR  NI  VIRT  RES  SHR S  %CPU  %MEM  TIME+ COMMAND`, busybox `  PID  PPID USER  STAT  VSZ %VSZ %CPU COMMAND`. */
export function parseTaskHeader(text: string): TaskColumns | null {
  const names = text.trim().split(/\s+/);
  if (names[0] !== 'PID' || !names.some((n) => n === 'COMMAND' || n === 'CMD' || n === 'Command') || names.length > 40) return null;
  const last = names[names.length - 1]!;
  return { names, commandLast: last === 'COMMAND' || last === 'CMD' || last === 'Command' };
}

const SIZE_KB: Record<string, number> = { '': 1, k: 1, m: 1024, g: 1024 ** 2, t: 1024 ** 3, p: 1024 ** 4, e: 1024 ** 5 };

/** `2592`, `5740m`, `1.0g`, `2,5g` → KiB; null for anything else. */
export function taskSizeKb(s: string): number | null {
  const m = /^(\d+(?:[.,]\d+)?)([kmgtpe]?)$/i.exec(s);
  return m ? Math.round(Number(m[1]!.replace(',', '.')) * SIZE_KB[m[2]!.toLowerCase()]!) : null;
}

const pct = (s: string | undefined) => (s === undefined ? NaN : Number(s.replace(',', '.').replace(/%$/, '')));

/** One row, or a reason it could not be read. */
export function parseTaskRow(text: string, cols: TaskColumns): TopTask | string {
  const n = cols.names.length;
  const t = text.trim();
  const cells: string[] = [];
  let pos = 0;
  while (cells.length < n && pos < t.length) {
    if (cols.commandLast && cells.length === n - 1) {
      cells.push(t.slice(pos));
      break;
    }
    const next = t.indexOf(' ', pos);
    const end = next < 0 ? t.length : next;
    cells.push(t.slice(pos, end));
    pos = end;
    while (t.charCodeAt(pos) === 32) pos++;
  }
  if (cells.length < n) return `task row has ${cells.length} of ${n} columns`;
  const get = (...names: string[]) => {
    const i = cols.names.findIndex((c) => names.includes(c));
    return i < 0 ? undefined : cells[i];
  };
  const pid = Number(get('PID'));
  const cpu = pct(get('%CPU', 'CPU%'));
  if (!Number.isInteger(pid) || !Number.isFinite(cpu)) return 'task row without a numeric PID and %CPU';
  const memText = get('%MEM', 'MEM%');
  const task: TopTask = {
    pid,
    user: get('USER') ?? '',
    cpu,
    mem: memText === undefined ? null : pct(memText),
    state: get('S', 'STAT') ?? '',
    time: get('TIME+', 'TIME') ?? '',
    command: (get('COMMAND', 'CMD', 'Command') ?? '').trim(),
  };
  if (task.mem !== null && !Number.isFinite(task.mem)) task.mem = null;
  const res = get('RES');
  const virt = get('VIRT', 'VSZ');
  const resKb = res === undefined ? null : taskSizeKb(res);
  const virtKb = virt === undefined ? null : taskSizeKb(virt);
  if (resKb !== null) task.resKb = resKb;
  if (virtKb !== null) task.virtKb = virtKb;
  const shr = get('SHR');
  const shrKb = shr === undefined ? null : taskSizeKb(shr);
  if (shrKb !== null) task.shrKb = shrKb;
  const tgid = Number(get('TGID'));
  if (Number.isInteger(tgid) && tgid > 0) task.tgid = tgid;
  return task;
}
