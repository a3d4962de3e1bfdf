/**
 * Node error objects and error text, wherever they appear: pino's `err`/`error` key, a bare
 * serialised error, a pino-pretty `err: {` block, or Node's own crash output.
 */
import { STACK_LINES, type ExceptionField, type NodeErrFields } from './fields';

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function portOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 65535) return v;
  if (typeof v === 'string' && /^\d{1,5}$/.test(v)) return portOf(Number(v));
  return undefined;
}

/** First STACK_LINES lines of a stack. */
export function capStack(stack: string): string {
  let idx = -1;
  for (let n = 0; n < STACK_LINES; n++) {
    idx = stack.indexOf('\n', idx + 1);
    if (idx === -1) return stack;
  }
  return stack.slice(0, idx);
}

// `TypeError: x`, `FastifyError [FST_ERR_X]: x`, `Error [ERR_HTTP_HEADERS_SENT]: x`, `SequelizeConnectionError: x`.
const ERROR_LINE = /^([A-Za-z_$][\w$.]{0,80}?(?:Error|Exception)|Error)(?: \[([\w.-]{1,80})\])?(?:: (.*))?$/;

export interface ErrorLine {
  type: string;
  /** Code in brackets (`Error [ERR_X]: …`), if any. */
  code?: string;
  message: string;
}

/** `Error: read ECONNRESET` → type and message; null when the text is not an error line. */
export function parseErrorLine(line: string): ErrorLine | null {
  if (line.length > 4000) return null;
  const m = ERROR_LINE.exec(line);
  if (!m) return null;
  const out: ErrorLine = { type: m[1]!, message: m[3] ?? '' };
  if (m[2]) out.code = m[2];
  return out;
}

// Node's system-error messages (lib/internal/errors.js): `connect ECONNREFUSED 127.0.0.1:5432`,
// `read ECONNRESET`, `getaddrinfo ENOTFOUND db`, `listen EADDRINUSE: address already in use :::3000`.
const SYSCALL_CODE = /^([a-z][a-z0-9_]{0,31}) (E[A-Z0-9]{2,31})\b:? ?(\S*)/;
// fs errors (uvException): `EMFILE: too many open files, open '/etc/hosts'`.
const CODE_DESC = /^(E[A-Z0-9]{2,31}): [^,]{0,200}, (\w{1,32})/;

export interface ParsedSystemMessage {
  code: string;
  syscall?: string;
  address?: string;
  port?: number;
}

/** The code/syscall/peer a Node system-error message carries, or null. */
export function parseSystemMessage(message: string): ParsedSystemMessage | null {
  const a = SYSCALL_CODE.exec(message);
  if (a) {
    const out: ParsedSystemMessage = { code: a[2]!, syscall: a[1]! };
    const peer = a[3] ?? '';
    const colon = peer.lastIndexOf(':');
    if (colon > 0 && /^\d{1,5}$/.test(peer.slice(colon + 1))) {
      out.address = peer.slice(0, colon);
      out.port = portOf(peer.slice(colon + 1));
    } else if (peer && /^[\w.:-]+$/.test(peer) && a[1] !== 'listen') out.address = peer;
    return out;
  }
  const b = CODE_DESC.exec(message);
  if (b) return { code: b[1]!, syscall: b[2]! };
  return null;
}

/** Normalise a serialised error (pino `err`, a pretty `err` block, crash text) to NodeErrFields. */
export function normalizeErr(e: unknown): NodeErrFields | null {
  if (typeof e === 'string') return e ? withParsedMessage({ type: 'Error', message: e.slice(0, 4000) }) : null;
  if (!e || typeof e !== 'object' || Array.isArray(e)) return null;
  const o = e as Record<string, unknown>;
  const stack = str(o.stack);
  const head = stack ? parseErrorLine(firstLine(stack)) : null;
  const out: NodeErrFields = {
    type: str(o.type) ?? str(o.name) ?? head?.type ?? 'Error',
    message: str(o.message) ?? head?.message ?? '',
  };
  if (typeof o.code === 'string' && o.code) out.code = o.code;
  else if (typeof o.code === 'number') out.code = String(o.code);
  else if (head?.code) out.code = head.code;
  if (typeof o.errno === 'number' || typeof o.errno === 'string') out.errno = o.errno;
  const syscall = str(o.syscall);
  if (syscall) out.syscall = syscall;
  const address = str(o.address);
  if (address) out.address = address;
  const port = portOf(o.port);
  if (port !== undefined) out.port = port;
  if (o.fatal === true) out.fatal = true;
  const errorno = str(o.errorno);
  if (errorno) out.errorno = errorno;
  if (stack) out.stack = capStack(stack);
  return withParsedMessage(out);
}

/** Fill code/syscall/address/port from the message when the object did not carry them. */
export function withParsedMessage(err: NodeErrFields): NodeErrFields {
  if (err.code && err.syscall) return err;
  const p = parseSystemMessage(err.message);
  if (!p || (err.code && err.code !== p.code)) return err;
  err.code ??= p.code;
  if (p.syscall && !err.syscall) err.syscall = p.syscall;
  if (p.address && !err.address) err.address = p.address;
  if (p.port !== undefined && err.port === undefined) err.port = p.port;
  return err;
}

export function exceptionOf(err: NodeErrFields): ExceptionField {
  return { type: err.type, message: err.message };
}

function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return nl === -1 ? s : s.slice(0, nl);
}

/** `errno: -104,` / `code: 'ECONNRESET'` lines Node prints after a crash stack (util.inspect of the error). */
const INSPECT_PROP = /^\s+(errno|code|syscall|address|port): (?:'([^']*)'|(-?\d+))/;

/** Apply one util.inspect property line to an error; returns true when it was one. */
export function applyInspectProp(err: NodeErrFields, line: string): boolean {
  const m = INSPECT_PROP.exec(line);
  if (!m) return false;
  const key = m[1]!;
  const s = m[2];
  const n = m[3] !== undefined ? Number(m[3]) : undefined;
  if (key === 'errno') err.errno = n ?? s;
  else if (key === 'port') {
    const p = portOf(n ?? s);
    if (p !== undefined) err.port = p;
  } else if (s !== undefined) {
    if (key === 'code') err.code = s;
    else if (key === 'syscall') err.syscall = s;
    else err.address = s;
  }
  return true;
}
