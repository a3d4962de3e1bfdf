import type { LogRecord } from '../../../parsers/types';
import { fieldsOf, pickEvidence, plural, singleFinding } from '../findings-from-hits';
import { nodeErrOf, recordText } from '../record-text';
import type { Occurrence } from '../../model/occurrence';
import type { Signature } from '../types';

export const NODE_CONNECTION_ERRORS = 'node-connection-errors';

export interface NodeConnErrorsData {
  byCode: Record<string, number>;
  byPeer: Record<string, number>;
}

export interface ConnErrorOcc extends Occurrence {
  code: string;
  peer: string | null;
}

function codeAndPeer(f: Record<string, unknown>, message: string): { code: string; peer: string | null } {
  const err = (f.err ?? {}) as { code?: string; message?: string; address?: string; port?: number };
  const code = err.code ?? (/socket hang up/.test(err.message ?? message) ? 'socket hang up' : (CODE_IN_TEXT.exec(message)?.[1] ?? 'other'));
  return { code, peer: err.address ? (err.port ? `${err.address}:${err.port}` : err.address) : null };
}

const CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EPIPE', 'EHOSTUNREACH', 'ECONNABORTED']);
const HANG_UP = /socket hang up/;
const CODE_IN_TEXT = /\b(ECONNRESET|ETIMEDOUT|ECONNREFUSED|EPIPE|EHOSTUNREACH|ECONNABORTED)\b/;

export function connectionErrorCode(r: LogRecord): string | null {
  const err = nodeErrOf(r.fields);
  if (err?.code && CODES.has(err.code)) return err.code;
  if (r.level !== null && r.level < 40) return null;
  if (!r.kind?.startsWith('node.') && !err) return null; // Java logs have their own signatures
  const text = recordText(r);
  if (HANG_UP.test(text)) return 'socket hang up';
  return CODE_IN_TEXT.exec(text)?.[1] ?? null;
}

export const nodeConnectionErrors: Signature<typeof NODE_CONNECTION_ERRORS, NodeConnErrorsData, ConnErrorOcc> = {
  id: NODE_CONNECTION_ERRORS,
  title: 'Peer connection errors (ECONNRESET, ETIMEDOUT, ECONNREFUSED, socket hang up)',
  severity: 'medium',
  explanation:
    'Connections to or from peers failed: reset by the other side (ECONNRESET, socket hang up: the peer or a proxy closed a ' +
    'kept-alive connection), no answer in time (ETIMEDOUT), or nobody listening (ECONNREFUSED). A burst toward one peer points ' +
    'at that peer or the path to it; resets on reused keep-alive sockets point at idle-timeout mismatches.',
  fix:
    'Group by peer and code: restart or fix the failing peer; align keep-alive timeouts (client shorter than server/proxy); add ' +
    'timeouts and retries with backoff for idempotent calls.',
  references: ['https://nodejs.org/api/errors.html#common-system-errors', 'https://nodejs.org/api/http.html#class-httpagent'],
  samples: {
    parser: 'pino',
    match: [
      '{"level":50,"time":1636045080853,"pid":23140,"hostname":"api-1","err":{"type":"Error","message":"read ECONNRESET","stack":"Error: read ECONNRESET\\n    at TCP.onStreamRead (internal/stream_base_commons.js:209:20)","errno":-54,"code":"ECONNRESET","syscall":"read"},"msg":"read ECONNRESET"}',
      '{"level":50,"time":1636045080900,"pid":23140,"hostname":"api-1","err":{"type":"Error","message":"socket hang up","stack":"Error: socket hang up"},"msg":"upstream call failed"}',
    ],
    noMatch: ['{"level":30,"time":1636045080852,"pid":23140,"hostname":"api-1","res":{"statusCode":200},"responseTime":6,"msg":"request completed"}'],
  },
  match: (r: LogRecord) => connectionErrorCode(r) !== null,
  detect(ctx) {
    return singleFinding(this, ctx, (events, count) => {
      const byCode = new Map<string, number>();
      const byPeer = new Map<string, number>();
      const firstOfCode = new Map<string, (typeof events)[number]>();
      for (const e of events) {
        const { code, peer } = codeAndPeer(fieldsOf(e), e.message);
        byCode.set(code, (byCode.get(code) ?? 0) + 1);
        if (!firstOfCode.has(code)) firstOfCode.set(code, e);
        if (peer) byPeer.set(peer, (byPeer.get(peer) ?? 0) + 1);
      }
      const codes = [...byCode.entries()].sort((a, b) => b[1] - a[1]);
      const peers = [...byPeer.entries()].sort((a, b) => b[1] - a[1]);
      return {
        summary: `${plural(count, 'connection error')}: ${codes.map(([c, n]) => `${c} ×${n}`).join(', ')}${peers[0] ? `; most toward ${peers[0][0]}` : ''}.`,
        data: { byCode: Object.fromEntries(codes), byPeer: Object.fromEntries(peers.slice(0, 20)) },
        evidence: pickEvidence(events, [...firstOfCode.entries()].map(([c, e]) => [e, `first ${c}`])),
      };
    }, (e, base, f) => ({ ...base, ...codeAndPeer(f, e.message) }));
  },
};
