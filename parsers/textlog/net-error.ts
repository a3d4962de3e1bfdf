/**
 * System errors inside error text, normalised to pino's `err` shape so the connection, EMFILE and
 * database signatures read them: Go (`dial tcp 10.0.0.7:3306: connect: connection refused`,
 * `accept tcp [::]:8080: accept4: too many open files`, `read tcp a->b: read: connection reset by
 * peer`, `write: broken pipe`, `i/o timeout`), Node (`connect ECONNREFUSED 127.0.0.1:5432`),
 * Python (`[Errno 111] Connection refused`) and nginx (`connect() failed (111: Connection refused)`).
 */
import type { ErrFields } from './fields';

/** strerror texts (Linux) and Go's own `i/o timeout`, lower case, longest first where one contains another. */
const DESCRIPTIONS: readonly (readonly [string, string])[] = [
  ['connection refused', 'ECONNREFUSED'],
  ['too many open files in system', 'ENFILE'],
  ['too many open files', 'EMFILE'],
  ['connection reset by peer', 'ECONNRESET'],
  ['broken pipe', 'EPIPE'],
  ['i/o timeout', 'ETIMEDOUT'],
  ['connection timed out', 'ETIMEDOUT'],
  ['no route to host', 'EHOSTUNREACH'],
  ['network is unreachable', 'ENETUNREACH'],
  ['address already in use', 'EADDRINUSE'],
  ['cannot assign requested address', 'EADDRNOTAVAIL'],
  ['software caused connection abort', 'ECONNABORTED'],
  ['no such host', 'ENOTFOUND'],
];

/** Linux errno numbers Python (`[Errno 111]`) and nginx (`(111: …)`) print. */
const ERRNO: Record<number, string> = {
  111: 'ECONNREFUSED', 24: 'EMFILE', 23: 'ENFILE', 104: 'ECONNRESET', 32: 'EPIPE', 110: 'ETIMEDOUT', 113: 'EHOSTUNREACH',
  101: 'ENETUNREACH', 98: 'EADDRINUSE', 99: 'EADDRNOTAVAIL', 103: 'ECONNABORTED',
};

/** Text before a Go description: `dial tcp 127.0.0.1:1: connect: ` (op, network, address, syscall). */
const GO_OP_TAIL = /(?:^|[\s"'(=])(dial|read|write|accept|listen|lookup|sendto|recvfrom|sendmsg|recvmsg)(?: (tcp[46]?|udp[46]?|unix(?:gram|packet)?|ip[46]?))?(?: (\S{1,160}?))?: (?:([a-z][a-z0-9_]{1,15}): )?$/;
/** Node: `connect ECONNREFUSED 127.0.0.1:5432`, `read ECONNRESET`, `getaddrinfo ENOTFOUND db`. */
/** Go's resolver: `lookup db.internal on 10.0.0.2:53: no such host`. */
const GO_LOOKUP_TAIL = /(?:^|[\s"'(=])lookup (\S{1,255}) on \S{1,100}: $/;
const NODE = /\b(connect|read|write|accept|listen|getaddrinfo|socket|bind|open|spawn|uv_os_homedir) (E[A-Z0-9]{2,31})\b(?: (\S{1,200}))?/;
const PY_ERRNO = /\[Errno (\d{1,4})\]/;
/** nginx: `connect() failed (111: Connection refused)`, `accept4() failed (24: Too many open files)`. */
const NGINX = /\b(\w{1,20})\(\) failed \((\d{1,4}): /;
const NGINX_UPSTREAM = /upstream: "[a-z]+:\/\/(\[[0-9a-fA-F:.]+\]|[^:/"\s]+)(?::(\d{1,5}))?/;
/** A description's own syscall, when no Go op precedes it: `socket: too many open files`. */
const SYSCALL_BEFORE = /\b(socket|connect|accept4?|read|write|bind|listen|sendto|recvfrom|sendmsg|recvmsg|open|openat|pipe2?|epoll_create1?|dup2?|getsockopt|setsockopt|writev|readv|sendfile|splice): $/;

const MAX_SCAN = 4000;

function splitHostPort(s: string): { address?: string; port?: number } {
  let t = s.replace(/[,;)"']+$/, '');
  const arrow = t.lastIndexOf('->');
  if (arrow >= 0) t = t.slice(arrow + 2);
  const colon = t.lastIndexOf(':');
  if (colon === 0 && /^:\d{1,5}$/.test(t)) return { port: Number(t.slice(1)) };
  if (colon <= 0) return t && /^[\w.-]+$/.test(t) ? { address: t } : {};
  const port = t.slice(colon + 1);
  let host = t.slice(0, colon);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) return {};
  return host ? { address: host, port: Number(port) } : { port: Number(port) };
}

/** The first known description in the text, with where it is. */
function findDescription(lower: string): { at: number; text: string; code: string } | null {
  let best: { at: number; text: string; code: string } | null = null;
  for (const [text, code] of DESCRIPTIONS) {
    const at = lower.indexOf(text);
    if (at >= 0 && (best === null || at < best.at)) best = { at, text, code };
  }
  return best;
}

/**
 * The system error a piece of error text names, or null. `message` of the result is the error
 * itself (from the Go op to the description) when it can be cut out, else the whole text.
 */
export function netErrorOf(text: string): ErrFields | null {
  const t = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const lower = t.toLowerCase();
  const desc = findDescription(lower);
  if (desc) {
    const before = t.slice(Math.max(0, desc.at - 240), desc.at);
    const go = GO_OP_TAIL.exec(before);
    if (go) {
      const lead = /^[\s"'(=]/.test(go[0]) ? 1 : 0;
      const start = desc.at - before.length + go.index + lead;
      const message = t.slice(Math.max(0, start), desc.at + desc.text.length);
      const err: ErrFields = { type: 'net.OpError', message, code: desc.code, syscall: go[4] ?? go[1]! };
      if (go[3]) Object.assign(err, splitHostPort(go[3]));
      return err;
    }
    const lookup = GO_LOOKUP_TAIL.exec(before);
    if (lookup) {
      const lead = /^[\s"'(=]/.test(lookup[0]) ? 1 : 0;
      const start = desc.at - before.length + lookup.index + lead;
      return { type: 'net.DNSError', message: t.slice(Math.max(0, start), desc.at + desc.text.length), code: desc.code, syscall: 'lookup', address: lookup[1]! };
    }
    const own = SYSCALL_BEFORE.exec(before);
    const ngx = NGINX.exec(t);
    if (ngx) return nginxErr(t, ngx);
    const err: ErrFields = { type: 'Error', message: t, code: desc.code };
    if (own) err.syscall = own[1]!;
    const py = PY_ERRNO.exec(t);
    if (py) err.errno = Number(py[1]);
    return err;
  }
  const node = NODE.exec(t);
  if (node) {
    const err: ErrFields = { type: 'Error', message: t, code: node[2]!, syscall: node[1]! };
    if (node[3] && node[1] !== 'listen') Object.assign(err, splitHostPort(node[3]));
    return err;
  }
  const ngx = NGINX.exec(t);
  if (ngx) return nginxErr(t, ngx);
  const py = PY_ERRNO.exec(t);
  if (py) {
    const code = ERRNO[Number(py[1])];
    if (code) return { type: 'OSError', message: t, code, errno: Number(py[1]) };
  }
  return null;
}

function nginxErr(t: string, m: RegExpExecArray): ErrFields | null {
  const code = ERRNO[Number(m[2])];
  if (!code) return null;
  const err: ErrFields = { type: 'Error', message: t, code, errno: Number(m[2]), syscall: m[1]! };
  const up = NGINX_UPSTREAM.exec(t);
  if (up) {
    err.address = up[1]!.replace(/^\[|\]$/g, '');
    if (up[2]) err.port = Number(up[2]);
  }
  return err;
}

/** An error value a logger printed (`error="…"`, zap's `"error":"…"`): typed when it names a system error. */
export function errorFromText(text: string): ErrFields {
  const net = netErrorOf(text);
  if (net) return { ...net, message: text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) + '…' : text };
  return { type: 'Error', message: text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) + '…' : text };
}
