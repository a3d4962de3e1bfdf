/**
 * Series over snapshots: descriptors per process (total, per type, per peer) from lsof, sockets per
 * state, Recv-Q/Send-Q bytes, Java thread states, goroutine groups. A key missing from a snapshot
 * counts 0 there (the snapshot is the evidence that nothing was open), so lines drop, not vanish.
 */
import { storedFunc, storedUserFrame } from '../../parsers/goroutine';
import { stableHash } from '../../parsers/goroutine/hash';
import type { Store } from '../store';
import { oneDumpPerInstant, withCreators } from '../store/goroutine-captures';
import { parseJson } from '../store/json';
import type { SeriesQueries, SnapshotStamp } from '../store/timeline-queries';
import { seriesId, type SeriesDef, type SeriesGroup, type SeriesPoint } from './series-types';

const TOP_PEERS = 8;
const TOP_CONNECTIONS = 5;
const TOP_GROUPS = 8;
/** More distinct peers than this (a server's clients) are grouped by host. */
const MAX_EXACT_PEERS = 20;

const procKey = (host: string | null, pid: number | null) => `${host ?? ''}|${pid ?? ''}`;
const who = (command: string | null | undefined, pid: number | null, host: string | null) =>
  `${command ? `${command} ` : ''}(pid ${pid ?? '?'}${host ? ` on ${host}` : ''})`;

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/** One point per stamp: the count of `key` there (0 when absent), pointing at its first row or the snapshot. */
function track(stamps: readonly SnapshotStamp[], rows: readonly { sid: number; n: number; line: number }[]): SeriesPoint[] {
  const at = new Map<number, { n: number; line: number }>();
  for (const r of rows) {
    const cur = at.get(r.sid);
    at.set(r.sid, cur ? { n: cur.n + r.n, line: Math.min(cur.line, r.line) } : { n: r.n, line: r.line });
  }
  return stamps.map((s) => {
    const v = at.get(s.sid);
    return { ts: s.ts, value: v?.n ?? 0, ref: `snapshot:${s.sid}`, fileId: s.fileId, line: v?.line ?? s.line };
  });
}

const peak = (points: readonly SeriesPoint[]) => points.reduce((m, p) => Math.max(m, p.value), 0);

/** The `n` series with the highest peak, highest first. */
function top(defs: SeriesDef[], n: number): SeriesDef[] {
  return [...defs].sort((a, b) => peak(b.points) - peak(a.points) || a.id.localeCompare(b.id)).slice(0, n);
}

/** Groups in key order, so series come out in the same order whatever order SQLite grouped them in. */
const sortedGroups = <T>(m: Map<string, T[]>): [string, T[]][] => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function hostOf(remote: string): string {
  const i = remote.lastIndexOf(':');
  return i > 0 ? remote.slice(0, i) : remote;
}

export function fdSeries(store: Store, sq: SeriesQueries, bundle: number): SeriesDef[] {
  const out: SeriesDef[] = [];
  const totals = store.series.fdCounts(bundle).filter((p) => p.capturedAt !== null);
  const byType = groupBy(sq.fdsBy(bundle, 'fd_type'), (r) => procKey(r.host, r.pid));
  const byPeer = groupBy(sq.fdsBy(bundle, 'remote'), (r) => procKey(r.host, r.pid));
  for (const [proc, pts] of groupBy(totals, (p) => procKey(p.host, p.pid))) {
    const first = pts[0]!;
    const name = who(first.command, first.pid, first.host);
    const stamps: SnapshotStamp[] = pts.map((p) => ({ sid: p.sid, fileId: p.fileId, ts: p.capturedAt!, host: p.host, pid: p.pid, src: p.kind, line: p.line }));
    out.push({
      id: seriesId('fd', first.host, first.pid), group: 'fds', label: `Open descriptors: ${name}`, unit: 'descriptors',
      points: pts.map((p) => ({ ts: p.capturedAt!, value: p.count, ref: `snapshot:${p.sid}`, fileId: p.fileId, line: p.rowLine })),
    });
    for (const [type, rows] of sortedGroups(groupBy(byType.get(proc) ?? [], (r) => r.key))) {
      out.push({ id: seriesId('fd-type', first.host, first.pid, type), group: 'fds', label: `${type} descriptors: ${name}`, unit: 'descriptors', points: track(stamps, rows) });
    }
    const peers = byPeer.get(proc) ?? [];
    const exact = new Set(peers.map((r) => r.key)).size <= MAX_EXACT_PEERS;
    const peerDefs: SeriesDef[] = [];
    for (const [peer, rows] of groupBy(peers, (r) => (exact ? r.key : `${hostOf(r.key)}:*`))) {
      peerDefs.push({ id: seriesId('fd-peer', first.host, first.pid, peer), group: 'fds', label: `Descriptors to ${peer}: ${name}`, unit: 'descriptors', points: track(stamps, rows) });
    }
    out.push(...top(peerDefs, TOP_PEERS));
  }
  return out;
}

export function socketSeries(sq: SeriesQueries, bundle: number): SeriesDef[] {
  const out: SeriesDef[] = [];
  const stamps = groupBy(sq.stamps(bundle, ['ss', 'netstat', 'lsof']), (s) => s.src);
  for (const [src, rows] of sortedGroups(groupBy(sq.socketStates(bundle), (r) => r.src))) {
    for (const [state, list] of sortedGroups(groupBy(rows, (r) => r.key))) {
      out.push({ id: seriesId('sockets', src, state), group: 'sockets', label: `Sockets in ${state} (${src})`, unit: 'sockets', points: track(stamps.get(src) ?? [], list) });
    }
  }
  return out;
}

export function queueSeries(sq: SeriesQueries, bundle: number): SeriesDef[] {
  const out: SeriesDef[] = [];
  const stamps = sq.stamps(bundle, ['ss', 'netstat']);
  const srcOf = new Map(stamps.map((s) => [s.sid, s.src]));
  const rows = sq.queues(bundle);
  for (const [src, srcStamps] of groupBy(stamps, (s) => s.src)) {
    const mine = rows.filter((r) => srcOf.get(r.sid) === src);
    for (const [dir, name] of [['recv', 'Recv-Q'], ['send', 'Send-Q']] as const) {
      const value = (r: (typeof rows)[number]) => (dir === 'recv' ? r.recvQ : r.sendQ);
      const queued = mine.filter((r) => value(r) > 0).map((r) => ({ sid: r.sid, n: value(r), line: r.line, conn: `${r.local} → ${r.remote}` }));
      out.push({ id: seriesId('queue', src, dir), group: 'queues', label: `${name} bytes, all connections (${src})`, unit: 'bytes', points: track(srcStamps, queued) });
      const conns: SeriesDef[] = [];
      for (const [conn, list] of groupBy(queued, (r) => r.conn)) {
        const [local, remote] = conn.split(' → ');
        conns.push({ id: seriesId('queue-conn', src, dir, local ?? '', remote ?? ''), group: 'queues', label: `${name} bytes: ${conn} (${src})`, unit: 'bytes', points: track(srcStamps, list) });
      }
      out.push(...top(conns, TOP_CONNECTIONS));
    }
  }
  return out;
}

export function threadSeries(sq: SeriesQueries, bundle: number): SeriesDef[] {
  const out: SeriesDef[] = [];
  const stamps = groupBy(sq.stamps(bundle, ['jstack']), (s) => procKey(s.host, s.pid));
  for (const [proc, rows] of groupBy(sq.threadStates(bundle), (r) => procKey(r.host, r.pid))) {
    const { host, pid } = rows[0]!;
    for (const [state, list] of sortedGroups(groupBy(rows, (r) => r.key))) {
      out.push({ id: seriesId('threads', host, pid, state), group: 'threads', label: `Java threads ${state} ${who(null, pid, host)}`, unit: 'threads', points: track(stamps.get(proc) ?? [], list) });
    }
  }
  return out;
}

/** A goroutine group's top user frame and creator, as stored (`func file:line`). */
function userGroup(frames: string | null, createdBy: string | null): { fn: string; creator: string } {
  return { fn: storedFunc(storedUserFrame(parseJson<string[]>(frames, []))) || 'unknown', creator: storedFunc(createdBy) };
}

/**
 * Goroutines per process, and per group keyed by the group's top user frame and its creator
 * (`Goroutines in main.(*broker).publish [chan send], created by main.main.func1`): the same goroutines
 * line up across pprof debug=1 and debug=2 dumps and SIGQUIT traces, whose exact stacks differ. Dumps
 * of one process taken at the same instant are one point (store/goroutine-captures.ts).
 */
export function goroutineSeries(sq: SeriesQueries, bundle: number): SeriesDef[] {
  const out: SeriesDef[] = [];
  const allRows = sq.goroutineGroups(bundle);
  const stamps = groupBy(sq.stamps(bundle, ['goroutine']), (s) => procKey(s.host, s.pid));
  for (const [proc, procRows] of groupBy(allRows, (r) => procKey(r.host, r.pid))) {
    const { host, pid } = procRows[0]!;
    const kept = oneDumpPerInstant((stamps.get(proc) ?? []).map((s) => ({ ...s, capturedAt: s.ts })), procRows);
    const st: SnapshotStamp[] = kept;
    const ids = new Set(kept.map((s) => s.sid));
    const rows = withCreators(procRows.filter((r) => ids.has(r.sid)));
    const pidLabel = pid !== null || host ? ` ${who(null, pid, host)}` : '';
    out.push({ id: seriesId('goroutines', host, pid), group: 'goroutines', label: `Goroutines${pidLabel}`, unit: 'goroutines', points: track(st, rows.map((r) => ({ ...r, line: st.find((s) => s.sid === r.sid)?.line ?? r.line }))) });
    const groups: SeriesDef[] = [];
    const byUser = groupBy(rows, (r) => {
      const u = userGroup(r.frames, r.createdBy);
      return `${u.fn}|${u.creator}`;
    });
    for (const [key, list] of sortedGroups(byUser)) {
      const { fn, creator } = userGroup(list[0]!.frames, list[0]!.createdBy);
      // debug=1 prints no state: the group is named by the last state a dump printed for it.
      const state = list.filter((r) => r.state && r.state !== 'unknown').at(-1)?.state ?? list.at(-1)!.state;
      groups.push({
        id: seriesId('goroutine-group', host, pid, stableHash(key)), group: 'goroutines' as SeriesGroup,
        label: `Goroutines in ${fn}${state ? ` [${state}]` : ''}${creator ? `, created by ${creator}` : ''}${pidLabel}`, unit: 'goroutines', points: track(st, list),
      });
    }
    out.push(...top(groups, TOP_GROUPS));
  }
  return out;
}
