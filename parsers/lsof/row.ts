/**
 * One lsof table row → cells → FdRow. With a header the cells come from column positions (see
 * columns.ts); without one (pasted fragments, rows cut by the user) from token shapes.
 */
import { normaliseState } from '../sockets/states';
import type { LsofLayout } from './columns';
import type { FdRow } from './model';
import { isDigits, type Token } from './tokens';

export interface LsofCells {
  command: string;
  pid: string;
  tid?: string;
  taskcmd?: string;
  user?: string;
  fd: string;
  type?: string;
  device?: string;
  size?: string;
  node?: string;
  name: string;
}

/** Cells by position; null when the row does not line up with the header (then try heuristics). */
export function cellsByLayout(text: string, toks: readonly Token[], layout: LsofLayout): LsofCells | null {
  let nameIdx = toks.length;
  for (let i = 0; i < toks.length; i++) {
    if (toks[i]!.start >= layout.nameStart) {
      nameIdx = i;
      break;
    }
  }
  let pidIdx = -1;
  for (let i = 1; i < nameIdx; i++) {
    const t = toks[i]!;
    if (t.end === layout.pid.end && isDigits(t.text)) {
      pidIdx = i;
      break;
    }
  }
  if (pidIdx < 1) return null;
  const cells: Partial<Record<string, string>> = {};
  let fd: string | undefined;
  for (let i = pidIdx + 1; i < nameIdx; i++) {
    const t = toks[i]!;
    const col = layout.byEnd.get(t.end);
    if (col && cells[col.name] === undefined && col.name !== 'PID') {
      cells[col.name] = t.text;
    } else if (layout.taskcmd && t.start === layout.taskcmd.start && cells.TASKCMD === undefined) {
      cells.TASKCMD = t.text;
    } else if (cells.TASKCMD !== undefined && cells.USER === undefined) {
      cells.TASKCMD += ' ' + t.text; // thread names may hold spaces (`VM Thread`)
    } else if (fd === undefined && cells.TYPE === undefined) {
      fd = t.text;
    } else {
      return null;
    }
  }
  if (fd === undefined || cells.USER === undefined) return null;
  const first = toks[nameIdx];
  return {
    command: text.slice(0, toks[pidIdx]!.start).trim(),
    pid: toks[pidIdx]!.text,
    tid: cells.TID,
    taskcmd: cells.TASKCMD,
    user: cells.USER,
    fd,
    type: cells.TYPE,
    device: cells.DEVICE,
    size: cells['SIZE/OFF'] ?? cells.SIZE ?? cells.OFFSET,
    node: cells.NODE,
    name: first ? text.slice(first.start).trimEnd() : '',
  };
}

const FD_NAMED = new Set(['cwd', 'rtd', 'txt', 'mem', 'mmap', 'ltx', 'pd', 'tr', 'DEL', 'NOFD', 'err', 'jld', 'v86', 'm86', 'Mxx', 'twd', 'unk']);

/** An FD cell: `12u`, `0r`, `7uW`, `cwd`, `mem-W`, `DEL`, `NOFD` … (numeric ones need their mode letter). */
export function isFdCell(s: string): boolean {
  if (FD_NAMED.has(s)) return true;
  if (/^(?:mem|txt|DEL)-[rwRWuU]$/.test(s)) return true;
  return /^\d{1,7}[rwu][A-Za-z]?$/.test(s) || /^L\d\d$/.test(s);
}

/** TYPE values of Linux, macOS and BSD lsof. */
export const FD_TYPES = new Set([
  'REG', 'DIR', 'CHR', 'BLK', 'FIFO', 'PIPE', 'LINK', 'IPv4', 'IPv6', 'unix', 'sock', 'netlink', 'a_inode', 'anon_inode',
  'unknown', 'KQUEUE', 'systm', 'inet', 'inet6', 'raw', 'raw6', 'pack', 'PSXSHM', 'PSXSEM', 'PSXMQ', 'NPOLICY', 'ndrv',
  'fsevents', 'FSEVENT', 'ATALK', 'key', 'rte', 'ax25', 'ipx', 'x.25', 'VREG', 'VDIR', 'VCHR', 'VBLK', 'VFIFO', 'VSOCK',
  'pipe', 'DOOR', 'PCPU', 'evtch', 'ptmx', 'CHAN', 'MPB', 'MPC', 'SMT', 'STSO', 'UNNM', 'UNSP', 'XNAM', 'bpf', 'nexus',
  'NEXUS', 'CHANNEL', 'KEY', 'PORT', 'SIG', 'sctp', 'icmp',
]);

const PROTOCOLS = new Set(['TCP', 'UDP', 'UDPLITE', 'SCTP', 'ICMP', 'ICMPV6', 'RAW', 'RAW6', 'UDP6', 'TCP6']);
const CELL = /^(?:\d{1,20}(?:,\d{1,10})?|0x[0-9a-fA-F]{1,20}|0t\d{1,20})$/;

/** Cells from token shapes; null when the row is not an lsof row (or was cut too short to tell). */
export function cellsByHeuristic(text: string, toks: readonly Token[]): LsofCells | null {
  if (toks.length < 4) return null;
  let p = -1;
  for (let i = 1; i < Math.min(toks.length, 4); i++) {
    if (isDigits(toks[i]!.text)) {
      p = i;
      break;
    }
  }
  if (p < 0) return null;
  const s = toks.slice(p + 1);
  let k = -1;
  for (let j = 1; j <= 5 && j < s.length; j++) {
    if (!isFdCell(s[j]!.text)) continue;
    if (j >= 2 && !isDigits(s[0]!.text)) continue; // TID must be numeric
    const next = s[j + 1]?.text;
    if (s[j]!.text === 'NOFD' || next === undefined || FD_TYPES.has(next)) {
      k = j;
      break;
    }
  }
  if (k < 0) return null;
  const cells: LsofCells = {
    command: text.slice(0, toks[p]!.start).trim(),
    pid: toks[p]!.text,
    user: s[k - 1]!.text,
    fd: s[k]!.text,
    name: '',
  };
  if (k >= 2) cells.tid = s[0]!.text;
  if (k >= 3) cells.taskcmd = s.slice(1, k - 1).map((t) => t.text).join(' ');
  let j = k + 1;
  if (cells.fd !== 'NOFD' && s[j] && FD_TYPES.has(s[j]!.text)) cells.type = s[j++]!.text;
  const nums: string[] = [];
  while (j < s.length && nums.length < 3) {
    const t = s[j]!.text;
    if (CELL.test(t)) {
      nums.push(t);
      j++;
    } else if (PROTOCOLS.has(t) && nums.length < 3 && cells.type !== undefined && /^(?:IPv[46]|inet6?|sock|raw6?)$/.test(cells.type)) {
      nums.push(t);
      j++;
      break;
    } else {
      break;
    }
  }
  assignNumericCells(cells, nums);
  cells.name = s[j] ? text.slice(s[j]!.start).trimEnd() : '';
  return cells;
}

/** DEVICE, SIZE/OFF, NODE when some are empty: shapes tell which (`8,1` device, `0t0` offset, `TCP` node). */
function assignNumericCells(cells: LsofCells, nums: string[]): void {
  if (nums.length === 3) {
    [cells.device, cells.size, cells.node] = nums;
    return;
  }
  const last = nums[nums.length - 1];
  if (last !== undefined && PROTOCOLS.has(last)) {
    cells.node = last;
    const rest = nums.slice(0, -1);
    if (rest.length === 2) [cells.device, cells.size] = rest;
    else if (rest.length === 1) {
      if (rest[0]!.startsWith('0t')) cells.size = rest[0];
      else cells.device = rest[0];
    }
    return;
  }
  if (nums.length === 2) {
    const [a, b] = nums as [string, string];
    if (a.includes(',') || a.startsWith('0x')) {
      cells.device = a;
      if (b.startsWith('0t')) cells.size = b;
      else cells.node = b;
    } else {
      cells.size = a;
      cells.node = b;
    }
  } else if (nums.length === 1) {
    if (nums[0]!.startsWith('0t')) cells.size = nums[0];
    else cells.node = nums[0];
  }
}

/** `host:port->host:port (STATE)` → local, remote, state. */
export function splitInetName(name: string): { local?: string; remote?: string; state?: string } {
  let n = name.trim();
  const out: { local?: string; remote?: string; state?: string } = {};
  const paren = n.lastIndexOf(' (');
  if (paren >= 0 && n.endsWith(')')) {
    const inner = n.slice(paren + 2, -1);
    if (/^[A-Z][A-Z0-9_-]*$/.test(inner)) out.state = normaliseState(inner);
    n = n.slice(0, paren).trim();
  }
  if (n === '' || n.includes(' ')) return out;
  const arrow = n.indexOf('->');
  if (arrow >= 0) {
    if (arrow > 0) out.local = n.slice(0, arrow);
    out.remote = n.slice(arrow + 2);
  } else {
    out.local = n;
  }
  return out;
}

/** Cells → record. */
export function fdRowFromCells(c: LsofCells, line: number): FdRow {
  const row: FdRow = { type: 'fd', command: c.command, pid: Number(c.pid), fd: c.fd, fdType: c.type ?? '', name: c.name, line };
  if (c.tid !== undefined && isDigits(c.tid)) row.tid = Number(c.tid);
  if (c.taskcmd !== undefined) row.taskCommand = c.taskcmd;
  if (c.user !== undefined) row.user = c.user;
  const m = /^(\d+)([rwu -])?/.exec(c.fd);
  if (m) {
    row.fdNum = Number(m[1]);
    if (m[2] !== undefined) row.mode = m[2];
  }
  if (c.device !== undefined) row.device = c.device;
  if (c.size !== undefined) row.sizeOff = c.size;
  if (c.node !== undefined) row.node = c.node;
  const type = row.fdType;
  if (c.node !== undefined && PROTOCOLS.has(c.node.toUpperCase()) && !isDigits(c.node)) row.protocol = c.node;
  else if (type === 'sock' && c.name.startsWith('protocol: ')) row.protocol = c.name.slice(10).trim();
  if (row.protocol !== undefined || type === 'IPv4' || type === 'IPv6' || type === 'inet' || type === 'inet6') {
    const inet = splitInetName(c.name);
    if (inet.local !== undefined) row.local = inet.local;
    if (inet.remote !== undefined) row.remote = inet.remote;
    if (inet.state !== undefined) row.state = inet.state;
  }
  return row;
}
