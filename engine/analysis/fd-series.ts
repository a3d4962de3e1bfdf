/** Descriptor counts per process across lsof snapshots, with what grew between the first and the last. */
import { deltas, peerDeltas } from '../signatures/net/fd-growth';
import { seriesBy } from '../signatures/series';
import type { Store } from '../store';

export interface FdSeries {
  pid: number;
  command: string;
  host: string | null;
  points: { ts: number | null; count: number; file: string; line: number }[];
  byType: { key: string; first: number; last: number }[];
  byPeer: { key: string; first: number; last: number }[];
}

/** The processes with the most descriptors, at most `limit`, each with ≥ 2 snapshots. */
export function fdSeries(store: Store, bundleId: number, limit = 5): FdSeries[] {
  const q = store.series;
  const paths = new Map(store.files.list(bundleId).map((f) => [f.id, f.path]));
  const out: FdSeries[] = [];
  for (const [, pts] of seriesBy(q.fdCounts(bundleId), (p) => `${p.host ?? ''}|${p.pid}`)) {
    if (pts.length < 2) continue;
    const first = pts[0]!;
    const last = pts.at(-1)!;
    out.push({
      pid: first.pid,
      command: first.command,
      host: first.host,
      points: pts.map((p) => ({ ts: p.capturedAt, count: p.count, file: paths.get(p.fileId) ?? '?', line: p.line })),
      byType: deltas(q.fdByType(first.sid, first.pid), q.fdByType(last.sid, last.pid)).slice(0, 6),
      byPeer: peerDeltas(q.fdByRemote(first.sid, first.pid), q.fdByRemote(last.sid, last.pid)).slice(0, 6),
    });
  }
  return out.sort((a, b) => b.points.at(-1)!.count - a.points.at(-1)!.count).slice(0, limit);
}
