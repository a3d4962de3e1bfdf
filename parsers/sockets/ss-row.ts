/**
 * One `ss` table row: `[Netid] [State] Recv-Q Send-Q Local Peer [fields…]`. The Netid column is
 * absent for single-protocol queries and the State column under a state filter, so the row is read
 * by token shape (netid word, state word, two integers) rather than by a fixed column list.
 */
import { isDigits, tokenize } from '../lsof/tokens';
import { portNumber, splitHostPort } from './address';
import type { TableContext } from './flags';
import type { SocketRow } from './model';
import { applySsFields } from './ss-fields';
import { isKnownState, isSsOnlyState, normaliseState } from './states';

export const SS_NETIDS = new Set([
  'tcp', 'udp', 'raw', 'u_str', 'u_dgr', 'u_seq', 'nl', 'p_raw', 'p_dgr', 'mptcp', 'sctp', 'dccp', 'tipc', 'v_str', 'v_dgr',
  'xdp', 'icmp6', 'udplite', 'unix',
]);
const UNIX_TYPES: Record<string, string> = { u_str: 'stream', u_dgr: 'dgram', u_seq: 'seqpacket' };

export interface SsRowResult {
  row: Omit<SocketRow, 'line'>;
  /** The row carries something only ss prints (ss state spelling with a netid, `users:((`). */
  distinctive: boolean;
}

/** Cut `users:((…))` out first: process names may contain spaces (`"Web Content"`). */
function cutUsers(text: string): { rest: string; users?: string } {
  const i = text.indexOf('users:((');
  if (i < 0) return { rest: text };
  const j = text.indexOf('))', i);
  const end = j < 0 ? text.length : j + 2;
  return { rest: text.slice(0, i) + ' ' + text.slice(end), users: text.slice(i, end) };
}

function inetOk(addr: string): boolean {
  const hp = splitHostPort(addr);
  return hp !== null && /^(?:\d{1,5}|\*|[A-Za-z][\w.-]{0,40})$/.test(hp.port);
}

export function parseSsRow(text: string, ctx: TableContext = {}): SsRowResult | null {
  const { rest, users } = cutUsers(text);
  const toks = tokenize(rest).map((t) => t.text);
  let i = 0;
  let netid: string | undefined;
  let state: string | undefined;
  if (toks[0] !== undefined && SS_NETIDS.has(toks[0])) netid = toks[i++];
  const st = toks[i];
  if (st !== undefined && !isDigits(st) && isKnownState(st)) {
    state = st;
    i++;
  }
  const rq = toks[i];
  const sq = toks[i + 1];
  if (rq === undefined || sq === undefined || !isDigits(rq) || !isDigits(sq)) return null;
  i += 2;
  const proto = netid ?? ctx.proto ?? 'tcp';
  const isUnix = proto.startsWith('u_') || proto === 'unix' || (netid === undefined && isDigits(toks[i + 1] ?? '') && /^(?:\d+|\*)$/.test(toks[i + 3] ?? ''));
  const row: Omit<SocketRow, 'line'> = { type: 'socket', proto, recvQ: Number(rq), sendQ: Number(sq), local: '', remote: '' };
  let fields: string[];
  if (isUnix) {
    const [local, lino, peer, pino] = toks.slice(i, i + 4);
    if (local === undefined || lino === undefined || peer === undefined || pino === undefined) return null;
    row.proto = 'unix';
    row.local = local;
    row.remote = peer;
    if (isDigits(lino)) row.inode = Number(lino);
    row.info = {};
    const type = UNIX_TYPES[proto];
    if (type) row.info.type = type;
    if (isDigits(pino)) row.info.peerInode = Number(pino);
    fields = toks.slice(i + 4);
  } else {
    const local = toks[i];
    const remote = toks[i + 1];
    if (local === undefined || remote === undefined) return null;
    if ((proto === 'tcp' || proto === 'udp' || proto === 'mptcp' || proto === 'sctp' || proto === 'dccp') && (!inetOk(local) || !inetOk(remote))) {
      return null;
    }
    row.local = local;
    row.remote = remote;
    if (proto !== 'nl') {
      const lp = portNumber(splitHostPort(local)?.port);
      const rp = portNumber(splitHostPort(remote)?.port);
      if (lp !== undefined) row.localPort = lp;
      if (rp !== undefined) row.remotePort = rp;
    }
    fields = toks.slice(i + 2);
  }
  if (state !== undefined) row.state = normaliseState(state);
  else if (ctx.state !== undefined) row.state = ctx.state;
  if (users) fields.unshift(users);
  applySsFields(row as SocketRow, fields);
  const distinctive = users !== undefined || (state !== undefined && (netid !== undefined || isSsOnlyState(state)));
  return { row, distinctive };
}

/** The ss column header: `[Netid] [State] Recv-Q Send-Q Local Address:Port Peer Address:Port[Process]`. */
export function isSsHeader(text: string): boolean {
  return /Recv-Q\s+Send-Q\s+Local\s+Address:Port\s+Peer\s+Address:Port/.test(text);
}
