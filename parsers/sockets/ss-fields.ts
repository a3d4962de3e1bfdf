/**
 * The `key:value` fields ss prints after the addresses (`-e`, `-o`, `-p`) and on the detail line that
 * follows a socket with `-i` / `-m` (`cubic wscale:7,7 rto:204 rtt:0.5/0.25 … bytes_acked:3025`).
 */
import type { SocketRow } from './model';
import { parseUsers } from './users';

/** Words ss prints followed by their value after a space (`send 231.7Mbps`, `pacing_rate 463Mbps`). */
const SPACED = new Set(['send', 'pacing_rate', 'delivery_rate', 'pacing_rate_max']);
const CONGESTION = new Set(['cubic', 'reno', 'bbr', 'bbr2', 'bbr3', 'dctcp', 'htcp', 'vegas', 'westwood', 'bic', 'hybla', 'illinois', 'scalable', 'yeah', 'lp', 'veno', 'highspeed', 'nv', 'cdg']);

function value(v: string): string | number {
  return /^-?\d+(?:\.\d+)?$/.test(v) && v.length < 16 ? Number(v) : v;
}

/** Apply fields to a row: users → process/pid/fd, ino → inode, the rest into `info`. */
export function applySsFields(row: SocketRow, tokens: readonly string[]): void {
  const info = row.info ?? {};
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.startsWith('users:(')) {
      const users = parseUsers(t);
      const u = users[0];
      if (u) {
        row.process = u.process;
        row.pid = u.pid;
        if (u.fd !== undefined) row.fd = u.fd;
        if (users.length > 1) info.users = users.length;
      }
      continue;
    }
    if (t === '<->' || t === '<-' || t === '->' || t === '--' || t === '---') {
      info.shutdown = t;
      continue;
    }
    const c = t.indexOf(':');
    if (c > 0) {
      const k = t.slice(0, c);
      const v = t.slice(c + 1);
      if (k === 'ino' && /^\d+$/.test(v)) row.inode = Number(v);
      else if (k === 'rtt' && /^[\d.]+\/[\d.]+$/.test(v)) {
        const [rtt, rttvar] = v.split('/');
        info.rtt = Number(rtt);
        info.rttvar = Number(rttvar);
      } else if (k === 'sk' || k === 'cgroup' || k === 'wscale' || k === 'timer' || k === 'skmem') info[k] = v;
      else info[k] = value(v);
      continue;
    }
    if (SPACED.has(t) && tokens[i + 1] !== undefined) {
      info[t] = tokens[++i]!;
      continue;
    }
    if (CONGESTION.has(t)) {
      info.cc = t;
      continue;
    }
    if (/^[a-z][a-z_]{1,30}$/.test(t)) info[t] = 1; // flags: ts sack ecn app_limited …
  }
  if (Object.keys(info).length > 0) row.info = info;
}
