/** Per-connection queue series across socket snapshots (ss, netstat). */
import type { QueuePoint, SnapRef } from '../../store/snapshot-queries';

export interface ConnSeries {
  key: string;
  local: string;
  remote: string;
  process: string | null;
  /** One entry per socket snapshot of the same kind, in capture order; null when the connection was absent or idle. */
  points: (QueuePoint | null)[];
}

/** Builds series over every ss/netstat capture, so a connection that drained or vanished breaks its run. */
export function connectionSeries(snapshots: readonly SnapRef[], queued: readonly QueuePoint[]): ConnSeries[] {
  const order = new Map(snapshots.map((s, i) => [s.sid, i]));
  const out = new Map<string, ConnSeries>();
  for (const q of queued) {
    if (q.state === 'LISTEN') continue; // a listener's Recv-Q is its accept backlog, not unread data
    const key = `${q.kind}|${q.proto ?? ''}|${q.local}|${q.remote}`;
    let s = out.get(key);
    if (!s) {
      s = { key, local: q.local, remote: q.remote, process: q.process, points: snapshots.map(() => null) };
      out.set(key, s);
    }
    const i = order.get(q.sid);
    if (i !== undefined) s.points[i] = q;
    s.process ??= q.process;
  }
  return [...out.values()];
}

/** The longest run of consecutive snapshots where `value` stays above 0; with its values. */
export function longestRun(s: ConnSeries, value: (q: QueuePoint) => number): QueuePoint[] {
  let best: QueuePoint[] = [];
  let cur: QueuePoint[] = [];
  for (const p of s.points) {
    if (p && value(p) > 0) cur.push(p);
    else cur = [];
    if (cur.length > best.length) best = [...cur];
  }
  return best;
}
