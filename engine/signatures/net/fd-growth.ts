import { deltasOf, fdKind, fdTarget, targetDeltas, targetMatches, FD_KIND_LABEL, type Delta, type FdKind } from '../../../parsers/lsof';
import type { EvidenceRef } from '../../model/evidence';
import type { FindingDraft } from '../../model/finding';
import type { FdCountPoint, FdRowRef } from '../../store/snapshot-queries';
import { formatMs, plural } from '../findings-from-hits';
import { growth, isGrowing, seriesBy, snapEvidence, spanOccurrence, type Growth } from '../series';
import type { LogMetricRef } from '../log-metric-series';
import type { Signature } from '../types';
import { fdGrowthFromLogs } from './fd-growth-logs';
import { codePathRef, fileCodePath, type CodePath } from './fd-code-path';

export const FD_GROWTH = 'fd-growth';

/** Fewer new descriptors than this across the snapshots is the ordinary churn of a busy process (pooled connections opening and closing). */
const MIN_DELTA = 20;
/**
 * A kind of descriptor (sockets, files, pipes…) names the leak when it carries more than half of the growth: then
 * it grew more than every other kind together. Below that several kinds grew alike and none is named.
 */
const DOMINANT_SHARE = 0.5;
/** Snapshots cited between the first and the last, spread over the series: enough to show the climb without listing them all. */
const MIDDLE_EVIDENCE = 3;

export interface FdGrowthData {
  /** 'log': counts the service logs itself (metrics inside logs, fd-growth-logs.ts); absent: lsof snapshots. */
  source?: 'log';
  /** The log metric series of a 'log' growth, which the timeline charts. */
  series?: LogMetricRef;
  /** Null when a log printed none. */
  pid: number | null;
  command: string;
  counts: { ts: number | null; count: number }[];
  growth: Growth;
  limit: number | null;
  limitSource: string | null;
  minutesToLimit: number | null;
  byType: { key: string; first: number; last: number }[];
  byPeer: { key: string; first: number; last: number }[];
  /** The remote endpoint whose descriptors grew most: the connections that are not closed. */
  growingPeer: string | null;
  /** TCP states of the growing peer's sockets in the last snapshot (`ESTABLISHED: 117, CLOSE_WAIT: 2`). */
  peerStates: Record<string, number> | null;
  growingType: string | null;
  /** Numbered descriptors per kind (socket, file, pipe, anon, other) in the first and the last snapshot, biggest growth first. */
  byKind: Delta[];
  /** The kind that carries more than half of the growth, which names the leak; null when several grew alike. */
  leakKind: FdKind | null;
  /**
   * Non-socket descriptors of the leaking kind (of every non-socket kind when none leads) per target: a path, a
   * path pattern (`/spool/upload-*.part`, `/data/journal/*`), `pipe`, `[eventfd]`; biggest growth first.
   */
  byTarget: Delta[];
  /** The file path or pattern (or pipe, eventfd…) whose descriptors grew most; null when none did. */
  growingTarget: string | null;
  /** The code holding files, when a goroutine or thread dump of the process shows it. */
  codePath: CodePath | null;
}

/** What a growth is a leak of: its leading kind, else the kind that grew most. */
export function leakKindOf(d: Pick<FdGrowthData, 'leakKind' | 'byKind'>): FdKind | null {
  // Findings stored before kinds were told apart have neither field.
  const top = d.byKind?.[0];
  return d.leakKind ?? (top && top.last > top.first ? top.key as FdKind : null);
}

/** Sockets leak (or the kind is not told): socket-leak's. Files, pipes, eventfds: file-leak's. */
export function isSocketGrowth(d: Pick<FdGrowthData, 'leakKind' | 'byKind'>): boolean {
  const k = leakKindOf(d);
  return k === null || k === 'socket' || k === 'other';
}

/** Count per key in the first and the last snapshot, biggest growth first. */
export function deltas(first: { key: string; count: number }[], last: { key: string; count: number }[]) {
  const keys = new Set([...first.map((b) => b.key), ...last.map((b) => b.key)]);
  return [...keys]
    .map((key) => ({ key, first: first.find((b) => b.key === key)?.count ?? 0, last: last.find((b) => b.key === key)?.count ?? 0 }))
    .sort((a, b) => b.last - b.first - (a.last - a.first));
}

/** `10.0.0.7:9000` → `10.0.0.7`; IPv6 `[::1]:80` → `[::1]`. */
export function hostOf(endpoint: string): string {
  const i = endpoint.lastIndexOf(':');
  return i > 0 ? endpoint.slice(0, i) : endpoint;
}

/**
 * Growth per remote endpoint; when a client's connections each use a new ephemeral port, no single
 * host:port grows, so the same is computed per host (`host:*`) and the stronger signal wins.
 */
export function peerDeltas(first: { key: string; count: number }[], last: { key: string; count: number }[]) {
  const exact = deltas(first, last);
  const byHost = (rows: { key: string; count: number }[]) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(`${hostOf(r.key)}:*`, (m.get(`${hostOf(r.key)}:*`) ?? 0) + r.count);
    return [...m.entries()].map(([key, count]) => ({ key, count }));
  };
  const hosts = deltas(byHost(first), byHost(last));
  const grow = (d: { first: number; last: number }[]) => (d[0] ? d[0].last - d[0].first : 0);
  return grow(hosts) > grow(exact) * 1.5 ? hosts : exact;
}

export const fdGrowth: Signature<typeof FD_GROWTH, FdGrowthData> = {
  id: FD_GROWTH,
  title: 'Open file descriptors keep growing',
  severity: 'high',
  explanation:
    "A process's open descriptor count rose across the snapshots. Descriptors that are opened and never closed — sockets to one " +
    'peer, files, pipes — accumulate until the process hits its limit and every accept, connect and open fails with EMFILE ' +
    '("too many open files"). The type and the remote peer that grow tell which code path leaks.',
  fix:
    'Close what grows: reuse one client (gRPC ClientConn, HTTP client, DB pool) instead of dialing per request and always close it; ' +
    'close response bodies and files on every path. Raising `ulimit -n` only delays the failure.',
  references: ['https://man7.org/linux/man-pages/man8/lsof.8.html', 'https://pkg.go.dev/google.golang.org/grpc#ClientConn.Close'],
  detect(ctx) {
    const q = ctx.store.series;
    const points = q.fdCounts(ctx.bundleId);
    const limits = q.openFilesLimits(ctx.bundleId);
    const processes = seriesBy(points, (p) => `${p.host ?? ''}|${p.pid}`);
    const findings: FindingDraft<FdGrowthData>[] = [];
    for (const [, series] of processes) {
      if (series.length < 3) continue;
      const g = growth(series.map((p) => ({ t: p.capturedAt, v: p.count })));
      if (!isGrowing(g, MIN_DELTA)) continue;
      const first = series[0]!;
      const last = series.at(-1)!;
      const rows = new Map(series.map((p) => [p.sid, q.fdRows(p.sid, p.pid)]));
      const firstRows = rows.get(first.sid)!;
      const lastRows = rows.get(last.sid)!;
      const byType = deltas(q.fdByType(first.sid, first.pid), q.fdByType(last.sid, last.pid));
      const byPeer = peerDeltas(q.fdByRemote(first.sid, first.pid), q.fdByRemote(last.sid, last.pid));
      const byKind = deltasOf(firstRows.map((r) => fdKind(r.type)), lastRows.map((r) => fdKind(r.type)));
      const lead = byKind[0] && byKind[0].last - byKind[0].first > DOMINANT_SHARE * g.delta ? (byKind[0].key as FdKind) : null;
      const kind = leakKindOf({ leakKind: lead, byKind });
      // Targets of the leaking kind when it is not sockets; of every non-socket kind when no kind leads.
      const targetsOf = (list: readonly FdRowRef[]) =>
        list.filter((r) => (lead && lead !== 'socket' ? fdKind(r.type) === lead : fdKind(r.type) !== 'socket')).map((r) => fdTarget(r.type, r.name)!);
      const byTarget = kind === 'socket' ? [] : targetDeltas(targetsOf(firstRows), targetsOf(lastRows));
      const lim = limits.find((l) => l.pid === first.pid && l.soft) ?? limits.find((l) => l.pid === null && l.soft);
      const limit = lim?.soft ?? null;
      const minutesToLimit = limit && g.slopePerMin && g.slopePerMin > 0 ? Math.max(0, (limit - g.last) / g.slopePerMin) : null;
      const peer = byPeer[0] && byPeer[0].last - byPeer[0].first > 0 ? byPeer[0] : null;
      const type = byType[0] && byType[0].last - byType[0].first > 0 ? byType[0] : null;
      const target = byTarget[0] && byTarget[0].last - byTarget[0].first > 0 ? byTarget[0] : null;
      const isPeer = (r: FdRowRef) => !!peer && !!r.remote && (r.remote === peer.key || `${hostOf(r.remote)}:*` === peer.key);
      const isTarget = (r: FdRowRef) => !!target && fdKind(r.type) !== 'socket' && targetMatches(target.key, fdTarget(r.type, r.name)!);
      // The rows that tell: the growing target's (or peer's) descriptors; never merely the snapshot's first row.
      const telling = (list: readonly FdRowRef[]) => list.filter(kind === 'socket' ? isPeer : target ? isTarget : (r) => fdKind(r.type) === kind);
      const peerStates = peer ? countBy(lastRows.filter(isPeer).map((r) => r.state ?? '(no state)')) : null;
      const codePath = kind !== null && kind !== 'socket' ? fileCodePath(ctx.store, ctx.bundleId, first.pid, processes.size === 1) : null;
      const data: FdGrowthData = {
        pid: first.pid, command: first.command, counts: series.map((p) => ({ ts: p.capturedAt, count: p.count })), growth: g,
        limit, limitSource: lim ? 'limits' : null, minutesToLimit, byType: byType.slice(0, 8), byPeer: byPeer.slice(0, 8),
        growingPeer: peer?.key ?? null, peerStates, growingType: type?.key ?? null,
        byKind, leakKind: lead, byTarget: byTarget.slice(0, 8), growingTarget: target?.key ?? null, codePath,
      };
      const what = kind === 'socket' ? (peer ? `connections to ${peer.key}` : 'sockets') : target ? onTarget(target.key, kind) : `${kindWord(kind)} open`;
      const lastTelling = telling(lastRows);
      const grown = kind === 'socket' ? peer : target ?? (kind ? byKind.find((k) => k.key === kind) ?? null : null);
      // Each cited snapshot points at its newest telling row (the highest descriptor on that path or peer): the climb
      // shows in the rows themselves. A snapshot with none of them is cited by its capture line only when nothing else is.
      const at = (p: FdCountPoint): EvidenceRef[] => {
        const t = telling(rows.get(p.sid)!);
        if (!grown) return [snapEvidence(p, p.rowLine, `${p.count} descriptors`)];
        return t.length ? [snapEvidence(p, t.at(-1)!.line, `${p.count} descriptors, ${t.length} ${what}`)] : [];
      };
      const growingRows: EvidenceRef[] = lastTelling.length && grown
        ? [snapEvidence(last, lastTelling[0]!.line, `${lastTelling.length} ${what} in the last snapshot (${grown.first} in the first)`, lastTelling.at(-1)!.line)]
        : at(last);
      const middle = series.slice(1, -1);
      const picks = middle.length <= MIDDLE_EVIDENCE ? middle : Array.from({ length: MIDDLE_EVIDENCE }, (_, i) => middle[Math.round(((i + 1) * (middle.length + 1)) / (MIDDLE_EVIDENCE + 1)) - 1]!);
      findings.push({
        signature: this.id,
        severity: limit && g.last >= limit * 0.8 ? 'critical' : 'high',
        title: `${first.command} (pid ${first.pid}): open descriptors grew from ${g.first} to ${g.last}`,
        summary:
          `${first.command} (pid ${first.pid}) went from ${g.first} to ${g.last} open descriptors over ${plural(series.length, 'snapshot')}` +
          (g.slopePerMin ? ` (+${g.slopePerMin.toFixed(1)}/min)` : '') +
          (type ? `; ${type.key} descriptors grew ${type.first} → ${type.last}` : '') +
          (kind === 'socket' && peer ? `; connections to ${peer.key} grew ${peer.first} → ${peer.last}` : '') +
          (kind !== 'socket' && target ? `; ${target.key.startsWith('/') ? `descriptors on ${target.key}` : onTarget(target.key, kind)} grew ${target.first} → ${target.last}` : '') +
          (limit ? `; limit ${limit}${g.last >= limit ? ', reached' : minutesToLimit !== null ? `, reached in about ${formatMs(minutesToLimit * 60_000)} at this rate` : ''}` : '') + '.',
        first: first.capturedAt,
        last: last.capturedAt,
        count: g.last,
        data,
        evidence: [
          ...growingRows,
          ...at(first),
          ...[...new Set(picks)].flatMap(at),
          ...(codePath ? [snapEvidence(codePathRef(codePath), codePath.line, codePathNote(codePath))] : []),
          ...(lim ? [{ fileId: lim.fileId, line: lim.line, note: `open-files limit ${limit}` }] : []),
        ],
        occurrences: [spanOccurrence(first, last, lastTelling[0]?.line ?? last.rowLine, first.pid, `${g.first} → ${g.last} descriptors`)],
      });
    }
    return [...findings, ...fdGrowthFromLogs(ctx, this.id, MIN_DELTA)];
  },
};

/** `open on /data/x.log` for a path or pattern; `pipes (pipe)`, `eventfd/epoll/timer descriptors ([eventfd])` otherwise. */
export function onTarget(key: string, kind: FdKind | null): string {
  return key.startsWith('/') ? `open on ${key}` : `${kindWord(kind)} (${key})`;
}

/** "files", "pipes": how a kind reads in a sentence. */
export function kindWord(kind: FdKind | null): string {
  return kind ? FD_KIND_LABEL[kind] : 'descriptors';
}

/** "main.(*server).appendBatch at main.go:89, inside os.(*File).ReadFrom, on 20 goroutine stacks across 5 dumps". */
export function codePathNote(c: CodePath): string {
  return `${c.fn}${c.at ? ` at ${c.at}` : ''}, inside ${c.via}, on ${plural(c.count, `${c.stacks} stack`)}${c.dumps > 1 ? ` across ${plural(c.dumps, 'dump')}` : ''}`;
}

function countBy(keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}
