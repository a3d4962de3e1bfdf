/**
 * Counts over SocketRows, for the socket signatures: states, the peers with CLOSE_WAIT piling up,
 * and receive/send queues per connection. Pass the rows of one snapshot for a picture of that
 * moment, or of several snapshots for totals and maxima per connection over time (`samples` says
 * in how many rows the connection was seen).
 */
import { normaliseAddress, splitHostPort } from './address';
import type { SocketRow } from './model';
import { socketKey } from './socket-key';

export interface PeerSockets {
  /** Remote end in identity form (`10.0.0.5:5432`, `[2001:db8::1]:443`). */
  peer: string;
  count: number;
  closeWait: number;
  recvQ: number;
  sendQ: number;
  byState: Record<string, number>;
}

export interface ConnectionQueues {
  key: string;
  local: string;
  remote: string;
  samples: number;
  recvQTotal: number;
  recvQMax: number;
  sendQTotal: number;
  sendQMax: number;
  /** Line of the row with the largest Recv-Q (evidence). */
  recvQMaxLine: number;
  lastState?: string;
}

export interface ProcessSockets {
  pid?: number;
  process?: string;
  count: number;
  closeWait: number;
}

export interface SocketSummary {
  total: number;
  byState: Record<string, number>;
  /** Connected sockets per remote host:port (listeners and `*` peers left out), busiest first. */
  byPeer: PeerSockets[];
  /** The same per remote host only: a server's clients differ by ephemeral port. */
  byRemoteHost: PeerSockets[];
  /** Connected sockets per local port: many CLOSE_WAITs on one server port point at that server. */
  byLocalPort: { port: number; count: number; closeWait: number }[];
  byProcess: ProcessSockets[];
  /** Per connection (socketKey), largest Recv-Q first. */
  queues: ConnectionQueues[];
  recvQTotal: number;
  sendQTotal: number;
}

function inc(m: Record<string, number>, k: string): void {
  m[k] = (m[k] ?? 0) + 1;
}

function isWildcardPeer(normRemote: string): boolean {
  const hp = splitHostPort(normRemote);
  return normRemote === '' || normRemote === '*' || hp === null || hp.host === '*' || hp.port === '*';
}

function peerEntry(map: Map<string, PeerSockets>, peer: string): PeerSockets {
  let p = map.get(peer);
  if (!p) {
    p = { peer, count: 0, closeWait: 0, recvQ: 0, sendQ: 0, byState: {} };
    map.set(peer, p);
  }
  return p;
}

function addTo(p: PeerSockets, r: SocketRow): void {
  p.count++;
  if (r.state === 'CLOSE_WAIT') p.closeWait++;
  p.recvQ += r.recvQ;
  p.sendQ += r.sendQ;
  if (r.state !== undefined) inc(p.byState, r.state);
}

const byBusiest = (a: PeerSockets, b: PeerSockets): number => b.count - a.count || b.closeWait - a.closeWait || a.peer.localeCompare(b.peer);

export function summariseSockets(rows: Iterable<SocketRow>): SocketSummary {
  const s: SocketSummary = { total: 0, byState: {}, byPeer: [], byRemoteHost: [], byLocalPort: [], byProcess: [], queues: [], recvQTotal: 0, sendQTotal: 0 };
  const peers = new Map<string, PeerSockets>();
  const hosts = new Map<string, PeerSockets>();
  const ports = new Map<number, { port: number; count: number; closeWait: number }>();
  const procs = new Map<string, ProcessSockets>();
  const queues = new Map<string, ConnectionQueues>();
  for (const r of rows) {
    s.total++;
    s.recvQTotal += r.recvQ;
    s.sendQTotal += r.sendQ;
    if (r.state !== undefined) inc(s.byState, r.state);
    const remote = r.proto === 'unix' ? '' : normaliseAddress(r.remote);
    const connected = !isWildcardPeer(remote) && r.state !== 'LISTEN';
    if (connected) {
      addTo(peerEntry(peers, remote), r);
      addTo(peerEntry(hosts, splitHostPort(remote)!.host), r);
      if (r.localPort !== undefined) {
        let lp = ports.get(r.localPort);
        if (!lp) {
          lp = { port: r.localPort, count: 0, closeWait: 0 };
          ports.set(r.localPort, lp);
        }
        lp.count++;
        if (r.state === 'CLOSE_WAIT') lp.closeWait++;
      }
    }
    if (r.pid !== undefined || r.process !== undefined) {
      const k = `${r.pid ?? ''}\u0000${r.process ?? ''}`;
      let p = procs.get(k);
      if (!p) {
        p = { count: 0, closeWait: 0 };
        if (r.pid !== undefined) p.pid = r.pid;
        if (r.process !== undefined) p.process = r.process;
        procs.set(k, p);
      }
      p.count++;
      if (r.state === 'CLOSE_WAIT') p.closeWait++;
    }
    const key = socketKey(r);
    let q = queues.get(key);
    if (!q) {
      q = { key, local: r.local, remote: r.remote, samples: 0, recvQTotal: 0, recvQMax: 0, sendQTotal: 0, sendQMax: 0, recvQMaxLine: r.line };
      queues.set(key, q);
    }
    q.samples++;
    q.recvQTotal += r.recvQ;
    q.sendQTotal += r.sendQ;
    if (r.recvQ > q.recvQMax) {
      q.recvQMax = r.recvQ;
      q.recvQMaxLine = r.line;
    }
    if (r.sendQ > q.sendQMax) q.sendQMax = r.sendQ;
    if (r.state !== undefined) q.lastState = r.state;
  }
  s.byPeer = [...peers.values()].sort(byBusiest);
  s.byRemoteHost = [...hosts.values()].sort(byBusiest);
  s.byLocalPort = [...ports.values()].sort((a, b) => b.count - a.count || a.port - b.port);
  s.byProcess = [...procs.values()].sort((a, b) => b.count - a.count);
  s.queues = [...queues.values()].sort((a, b) => b.recvQMax - a.recvQMax || b.sendQMax - a.sendQMax || a.key.localeCompare(b.key));
  return s;
}
