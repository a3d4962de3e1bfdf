/**
 * netstat rows of the three families of netstat:
 * - Linux net-tools: `tcp 0 0 1.2.3.4:80 5.6.7.8:1234 ESTABLISHED [user inode] [PID/Program] [timer]`
 *   and the unix-socket section `unix 2 [ ACC ] STREAM LISTENING 8981 1/systemd /run/x`;
 * - BSD / macOS: `[socket flowhash] tcp4 0 0 192.168.1.2.52345 17.1.2.3.443 ESTABLISHED` (dotted ports);
 * - Windows: `TCP 0.0.0.0:135 0.0.0.0:0 LISTENING 1234`.
 */
import { isDigits, tokenize } from '../lsof/tokens';
import { dottedToColon, portNumber, splitDottedHostPort, splitHostPort } from './address';
import type { SocketRow } from './model';
import { isKnownState, normaliseState } from './states';

export type NetstatRow = Omit<SocketRow, 'line'>;

/** Column starts of a Linux header, for the columns whose cells may be empty or hold spaces. */
export interface NetstatLayout {
  state?: number;
  user?: number;
  pidProgram?: number;
  path?: number;
  timer?: number;
}

export const LINUX_PROTOS = new Set(['tcp', 'tcp6', 'udp', 'udp6', 'raw', 'raw6', 'udpl', 'udpl6', 'sctp', 'sctp6', 'udplite', 'udplite6']);
export const BSD_PROTOS = new Set(['tcp4', 'tcp6', 'tcp46', 'udp4', 'udp6', 'udp46', 'icm4', 'icm6', 'tcp', 'udp', 'raw', 'raw6', 'divert']);

/** A state cell: any spelling we know, or an all-capitals word (a localisation we do not know yet). */
function isStateCell(s: string): boolean {
  return isKnownState(s) || /^\p{Lu}[\p{Lu}_\d-]{2,30}$/u.test(s);
}

function portOk(port: string): boolean {
  return /^(?:\d{1,5}|\*|[A-Za-z][\w-]{0,40})$/.test(port);
}

function inetAddr(addr: string): boolean {
  const hp = splitHostPort(addr);
  return hp !== null && portOk(hp.port) && hp.host !== '';
}

function setPorts(row: NetstatRow): void {
  const lp = portNumber(splitHostPort(row.local)?.port);
  const rp = portNumber(splitHostPort(row.remote)?.port);
  if (lp !== undefined) row.localPort = lp;
  if (rp !== undefined) row.remotePort = rp;
}

const TIMER = /\s((?:off|on\d*|keepalive|timewait|probe|unkn-\d+) \([\d.]+\/\d+\/\d+\))\s*$/;

/** `1489/master`, `6492/sshd: kbrazil`, `-` → pid + process. */
function applyPidProgram(row: NetstatRow, text: string): void {
  const t = text.trim();
  if (t === '' || t === '-') return;
  const m = /^(\d+)\/(.*)$/.exec(t);
  if (m) {
    row.pid = Number(m[1]);
    if (m[2]!.trim() !== '') row.process = m[2]!.trim();
  }
}

/** A Linux net-tools internet row, or null. */
export function parseLinuxInetRow(text: string, layout: NetstatLayout | null = null): NetstatRow | null {
  let body = text.trimEnd();
  let timer: string | undefined;
  const tm = TIMER.exec(body);
  if (tm) {
    timer = tm[1];
    body = body.slice(0, tm.index);
  }
  const toks = tokenize(body);
  if (toks.length < 5) return null;
  const proto = toks[0]!.text.toLowerCase();
  if (!LINUX_PROTOS.has(proto)) return null;
  const [rq, sq, local, remote] = [toks[1]!.text, toks[2]!.text, toks[3]!.text, toks[4]!.text];
  if (!isDigits(rq) || !isDigits(sq) || !inetAddr(local) || !inetAddr(remote)) return null;
  const row: NetstatRow = { type: 'socket', proto, recvQ: Number(rq), sendQ: Number(sq), local, remote };
  setPorts(row);
  const info: Record<string, string | number> = {};
  let i = 5;
  const cell = toks[i];
  if (cell && !/^\d+\//.test(cell.text) && cell.text !== '-') {
    const atStateCol = layout?.state !== undefined && Math.abs(cell.start - layout.state) <= 1;
    if ((layout?.state !== undefined ? atStateCol : true) && (isStateCell(cell.text) || (proto.startsWith('raw') && isDigits(cell.text)))) {
      row.state = isDigits(cell.text) ? cell.text : normaliseState(cell.text);
      i++;
    }
  }
  // -e: User and Inode
  const u = toks[i];
  const ino = toks[i + 1];
  const eCols = u !== undefined && (layout ? layout.user !== undefined : !isDigits(u.text));
  if (u && ino && eCols && isDigits(ino.text) && !/^\d+\//.test(u.text)) {
    info.user = u.text;
    row.inode = Number(ino.text);
    i += 2;
  }
  const rest = toks[i];
  if (rest) {
    if (/^(?:\d+\/|-$)/.test(rest.text)) applyPidProgram(row, body.slice(rest.start));
    else info.extra = body.slice(rest.start).trim();
  }
  if (timer !== undefined) info.timer = timer;
  if (Object.keys(info).length > 0) row.info = info;
  return row;
}

/** A Linux unix-socket row (`unix 2 [ ACC ] STREAM LISTENING 8981 1/systemd /run/x`), or null. */
export function parseLinuxUnixRow(text: string, layout: NetstatLayout | null = null): NetstatRow | null {
  const m = /^unix\s+(\d+)\s+\[([^\]]{0,40})\]\s+(\S+)\s+(.*)$/.exec(text.trimEnd());
  if (!m) return null;
  const row: NetstatRow = { type: 'socket', proto: 'unix', recvQ: 0, sendQ: 0, local: '', remote: '' };
  const info: Record<string, string | number> = { refCnt: Number(m[1]), flags: m[2]!.trim(), type: m[3]! };
  const restStart = text.length - m[4]!.length;
  const toks = tokenize(m[4]!);
  let i = 0;
  if (toks[i] && !isDigits(toks[i]!.text)) row.state = normaliseState(toks[i++]!.text);
  const ino = toks[i];
  if (!ino || !isDigits(ino.text)) return null;
  row.inode = Number(ino.text);
  i++;
  const after = toks[i];
  if (after) {
    const from = restStart + after.start;
    if (layout?.path !== undefined && layout.pidProgram !== undefined && from < layout.path) {
      applyPidProgram(row, text.slice(from, layout.path));
      row.local = text.slice(layout.path).trim();
    } else if (/^(?:\d+\/|-$)/.test(after.text)) {
      // no header: PID/Program is one word unless the path needs the rest
      const last = toks[toks.length - 1]!;
      if (toks.length - i >= 2 && /^[/@]/.test(last.text)) {
        applyPidProgram(row, m[4]!.slice(after.start, last.start));
        row.local = last.text;
      } else {
        applyPidProgram(row, m[4]!.slice(after.start));
      }
    } else {
      row.local = m[4]!.slice(after.start).trim();
    }
  }
  row.info = info;
  return row;
}

/** A BSD / macOS row, or null. */
export function parseBsdRow(text: string): NetstatRow | null {
  const toks = tokenize(text).map((t) => t.text);
  let j = -1;
  for (let k = 0; k <= 2 && k < toks.length; k++) {
    if (BSD_PROTOS.has(toks[k]!) && isDigits(toks[k + 1] ?? '') && isDigits(toks[k + 2] ?? '')) {
      j = k;
      break;
    }
  }
  if (j < 0 || toks.length < j + 5) return null;
  const la = toks[j + 3]!;
  const ra = toks[j + 4]!;
  const lhp = la === '*.*' ? { host: '*', port: '*' } : splitDottedHostPort(la);
  const rhp = ra === '*.*' ? { host: '*', port: '*' } : splitDottedHostPort(ra);
  if (!lhp || !rhp || !portOk(lhp.port) || !portOk(rhp.port)) return null;
  const row: NetstatRow = {
    type: 'socket',
    proto: toks[j]!,
    recvQ: Number(toks[j + 1]),
    sendQ: Number(toks[j + 2]),
    local: la === '*.*' ? '*:*' : dottedToColon(la)!,
    remote: ra === '*.*' ? '*:*' : dottedToColon(ra)!,
  };
  const lp = portNumber(lhp.port);
  const rp = portNumber(rhp.port);
  if (lp !== undefined) row.localPort = lp;
  if (rp !== undefined) row.remotePort = rp;
  const st = toks[j + 5];
  if (st !== undefined && isStateCell(st)) row.state = normaliseState(st);
  if (j > 0) row.info = { socket: toks[0]! };
  return row;
}

/** A Windows row, or null. */
export function parseWindowsRow(text: string): NetstatRow | null {
  const toks = tokenize(text).map((t) => t.text);
  const p = toks[0]?.toUpperCase();
  if (p !== 'TCP' && p !== 'UDP' && p !== 'TCPV6' && p !== 'UDPV6') return null;
  const local = toks[1];
  const remote = toks[2];
  if (local === undefined || remote === undefined || !inetAddr(local) || !inetAddr(remote)) return null;
  const v6 = local.startsWith('[') || p.endsWith('V6');
  const row: NetstatRow = { type: 'socket', proto: (p.startsWith('TCP') ? 'tcp' : 'udp') + (v6 ? '6' : ''), recvQ: 0, sendQ: 0, local, remote };
  setPorts(row);
  let i = 3;
  const st = toks[i];
  if (st !== undefined && !isDigits(st) && isStateCell(st)) {
    row.state = normaliseState(st);
    i++;
  }
  const pid = toks[i];
  if (pid !== undefined && isDigits(pid)) row.pid = Number(pid);
  return row;
}

/** Column starts from a Linux header line (internet or unix section). */
export function netstatLayout(header: string): NetstatLayout {
  const at = (re: RegExp): number | undefined => {
    const m = re.exec(header);
    return m ? m.index : undefined;
  };
  return {
    state: at(/\bState\b/),
    user: at(/\bUser\b/),
    pidProgram: at(/PID\/Program name/),
    path: at(/\bPath\s*$/),
    timer: at(/\bTimer\b/),
  };
}
