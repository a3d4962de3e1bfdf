/**
 * Calls that gave up waiting for another service: the client side of a slow or stopped server. Java's
 * socket and HTTP-client timeouts, Go's client and dial timeouts, Node's HTTP clients' timeouts and a
 * proxy's "upstream timed out". They are symptoms: whichever cause made the callee slow explains them.
 * (Node's ETIMEDOUT is a connection error of node-connection-errors; HikariCP's "request timed out"
 * is a pool timeout.)
 */
import type { LogRecord } from '../../../parsers/types';
import type { Occurrence } from '../../model/occurrence';
import type { EventRow } from '../../store';
import { fieldsOf, pickEvidence, plural, singleFinding } from '../findings-from-hits';
import { errorChain, recordText } from '../record-text';
import type { Signature } from '../types';

export const CALL_TIMEOUTS = 'call-timeouts';

export type TimeoutPhase = 'connect' | 'read' | 'call';

export interface CallTimeoutsData {
  byPhase: Partial<Record<TimeoutPhase, number>>;
  /** Where the calls went, most often first (host:port from a URL or address in the line). */
  byPeer: Record<string, number>;
}

export interface CallTimeoutOcc extends Occurrence {
  phase: TimeoutPhase;
  peer: string | null;
}

/** The exception types and messages the runtimes and their common HTTP clients print, and nginx's error log. */
const TIMEOUT =
  /\b(?:java\.net\.SocketTimeoutException|java\.net\.http\.Http(?:Connect)?TimeoutException|org\.apache\.http\.conn\.ConnectTimeoutException|io\.netty\.handler\.timeout\.ReadTimeoutException|(?:Read|connect) timed out|Client\.Timeout exceeded|context deadline exceeded|i\/o timeout|ESOCKETTIMEDOUT|UND_ERR_(?:HEADERS|BODY|CONNECT)_TIMEOUT|timeout of \d+ms exceeded|upstream timed out|The operation was aborted due to timeout)\b/;
const CONNECT = /connect(?:ion)? tim(?:ed out|eout)|ConnectTimeout|UND_ERR_CONNECT_TIMEOUT|\bdial tcp\b|while connecting to upstream/i;
const READ = /Read timed out|ReadTimeout|awaiting headers|UND_ERR_(?:HEADERS|BODY)_TIMEOUT|while reading (?:response|upstream)|\bread tcp\b/i;
const PEER = /\b(?:https?|grpc):\/\/([A-Za-z0-9.-]+(?::\d+)?)|\bupstream: "?[a-z]+:\/\/([A-Za-z0-9.-]+(?::\d+)?)|\b(?:dial|read) tcp [\d.:]+->([\d.]+:\d+)|\bdial tcp ([\w.-]+:\d+)/;
/** pino/bunyan-style numeric levels and the usual names: a timeout logged below warning is not reported as one. */
const WARN = 40;

/** The message and its error's cause chain: the timeout is often a `Caused by:` of a client's own exception. */
function textOf(e: EventRow): string {
  return [e.message, ...errorChain(fieldsOf(e))].join('\n');
}

export function phaseOf(text: string): TimeoutPhase {
  // Read first: nginx says "(110: Connection timed out) while reading response header" of a read.
  return READ.test(text) ? 'read' : CONNECT.test(text) ? 'connect' : 'call';
}

export function peerOf(text: string): string | null {
  const m = PEER.exec(text);
  return m ? (m[1] ?? m[2] ?? m[3] ?? m[4] ?? null) : null;
}

export const callTimeouts: Signature<typeof CALL_TIMEOUTS, CallTimeoutsData, CallTimeoutOcc> = {
  id: CALL_TIMEOUTS,
  title: 'Calls to other services timed out',
  severity: 'medium',
  explanation:
    'A client gave up waiting: it could not connect in time (connect), the other side accepted but did not answer in time (read), ' +
    'or the whole call ran past its deadline. The callee was slow, stopped or overloaded, or the path to it was; the timeouts ' +
    'themselves are what the callers saw, not why.',
  fix: 'Find what made the callee slow at those times (its own findings in this bundle); keep client timeouts shorter than the caller’s own deadline, with retries only for idempotent calls and with backoff.',
  references: [
    'https://docs.oracle.com/en/java/javase/17/docs/api/java.net.http/java/net/http/HttpTimeoutException.html',
    'https://pkg.go.dev/net/http#Client',
    'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_read_timeout',
  ],
  samples: {
    parser: 'java-log',
    match: [
      '2026-12-07T14:17:35,573+00:00 WARN  [bff-call-11] LoyaltyClient - GET /api/v2/members/17682/offers -> upstream timeout after 10006 ms (java.net.http.HttpTimeoutException: request timed out)',
      '2026-12-07 14:18:38.608  WARN 4242 --- [nio-8080-exec-3] c.e.OrderClient : call failed: java.net.SocketTimeoutException: Read timed out',
    ],
    noMatch: [
      '2026-12-07T14:16:48,309+00:00 INFO  [bff-call-7] LoyaltyClient - GET /api/v2/members/154062/offers -> 200 in 19 ms',
      '2026-12-07 14:18:42.089 ERROR 9631 --- [nio-8080-exec-8] c.e.Api : java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 32760ms.',
    ],
  },
  match(r: LogRecord) {
    if (r.level !== null && r.level < WARN) return false;
    return TIMEOUT.test(recordText(r));
  },
  detect(ctx) {
    return singleFinding(
      this,
      ctx,
      (events, count) => {
        const byPhase: Partial<Record<TimeoutPhase, number>> = {};
        const byPeer = new Map<string, number>();
        for (const e of events) {
          const text = textOf(e);
          const p = phaseOf(text);
          byPhase[p] = (byPhase[p] ?? 0) + 1;
          const peer = peerOf(text);
          if (peer) byPeer.set(peer, (byPeer.get(peer) ?? 0) + 1);
        }
        const peers = [...byPeer.entries()].sort((a, b) => b[1] - a[1]);
        const phases = (Object.entries(byPhase) as [TimeoutPhase, number][]).sort((a, b) => b[1] - a[1]);
        return {
          summary:
            `${plural(count, 'call')} timed out (${phases.map(([p, n]) => `${p} ${n}`).join(', ')})` +
            `${peers[0] ? `; most toward ${peers[0][0]}` : ''}.`,
          data: { byPhase, byPeer: Object.fromEntries(peers.slice(0, 20)) },
          evidence: pickEvidence(events),
        };
      },
      (e, base) => {
        const text = textOf(e);
        return { ...base, phase: phaseOf(text), peer: peerOf(text) };
      },
    );
  },
};
