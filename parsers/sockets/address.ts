/**
 * Socket addresses as ss, netstat and lsof print them: `1.2.3.4:80`, `[::1]:22`, `::ffff:1.2.3.4:80`,
 * `:::8888`, `*:*`, `127.0.0.53%lo:53`, `[fe80::1]%eth0:123`, `*:ssh` (service name), and BSD's
 * dotted form `192.168.1.2.52345` / `*.*`. Kept as printed in rows; normalised only for identity.
 */

export interface HostPort {
  host: string;
  /** The port as printed: a number, a service name (`ssh`, `distinct`) or `*`. */
  port: string;
}

/** Split `host:port` at the last colon (IPv6 without brackets too: `:::8888`, `::ffff:1.2.3.4:80`). */
export function splitHostPort(addr: string): HostPort | null {
  const a = addr.trim();
  if (a === '' || a === '*') return a === '*' ? { host: '*', port: '*' } : null;
  if (a.startsWith('[')) {
    const close = a.indexOf(']');
    if (close < 0) return null;
    const host = a.slice(1, close);
    let rest = a.slice(close + 1);
    if (rest.startsWith('%')) {
      // `[fe80::1]%eth0:123`: the scope sits between the bracket and the port
      const c = rest.indexOf(':');
      rest = c < 0 ? '' : rest.slice(c);
    }
    if (!rest.startsWith(':') || rest.length < 2) return null;
    return { host, port: rest.slice(1) };
  }
  const i = a.lastIndexOf(':');
  if (i < 0 || i === a.length - 1) return null;
  const host = a.slice(0, i);
  return { host: host === '' ? '*' : host, port: a.slice(i + 1) };
}

/** BSD / macOS netstat: the port follows the last dot (`192.168.1.2.443`, `fe80::1%lo0.5353`, `*.*`). */
export function splitDottedHostPort(addr: string): HostPort | null {
  const a = addr.trim();
  const i = a.lastIndexOf('.');
  if (i <= 0 || i === a.length - 1) return null;
  return { host: a.slice(0, i), port: a.slice(i + 1) };
}

/** Rewrite a BSD address into `host:port` (IPv6 hosts bracketed) so keys match Linux rows. */
export function dottedToColon(addr: string): string | null {
  const hp = splitDottedHostPort(addr);
  if (!hp) return null;
  return joinHostPort(hp.host, hp.port);
}

export function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A numeric port, or undefined for `*`, service names and garbage. */
export function portNumber(port: string | undefined): number | undefined {
  if (port === undefined || !/^\d{1,5}$/.test(port)) return undefined;
  const n = Number(port);
  return n <= 65535 ? n : undefined;
}

/**
 * Identity form of a host: lower case, no brackets, no `%scope`, IPv4-mapped IPv6 unwrapped,
 * wildcard spellings (`0.0.0.0`, `::`, `[::]`, `*`) folded to `*`.
 */
export function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  const pct = h.indexOf('%');
  if (pct >= 0) h = h.slice(0, pct);
  if (h.startsWith('::ffff:') && /^::ffff:\d+\.\d+\.\d+\.\d+$/.test(h)) h = h.slice(7);
  if (h === '0.0.0.0' || h === '::' || h === '*' || h === '') return '*';
  return h;
}

/** `host:port` in identity form (see normaliseHost); unparseable addresses are lower-cased as they are. */
export function normaliseAddress(addr: string): string {
  const hp = splitHostPort(addr);
  if (!hp) return addr.trim().toLowerCase();
  const port = hp.port === '0' ? '*' : hp.port.toLowerCase();
  return joinHostPort(normaliseHost(hp.host), port);
}
