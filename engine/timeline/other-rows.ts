/**
 * The timeline rows that are not log events: snapshots (a point at capture time), findings (their
 * first..last range) and annotations (a point or a range; one on a file line without a time of its
 * own sits at the time of that line's record). They are few, so they are filtered here, not in SQL.
 */
import type { Store } from '../store';
import type { TimelineQueries, TimelineSnapshotRow } from '../store/timeline-queries';
import { RANK, type RowKey } from './cursor';
import { keepRow, severityLevel, type Filter } from './filters';
import type { TimelineRow } from './types';

export interface KeyedRow {
  key: RowKey;
  row: TimelineRow;
}

const NOUNS: Record<string, string> = {
  lsof: 'open files', ss: 'sockets', netstat: 'sockets', limits: 'limits', jstack: 'threads',
  goroutine: 'goroutines', 'jmap-histo': 'classes', top: 'tasks', 'cgroup-cpu': 'values', pprof: 'functions', 'pg-stat-activity': 'backends',
};

export function snapshotText(s: Pick<TimelineSnapshotRow, 'kind' | 'rowCount' | 'pid' | 'command' | 'profile' | 'durationMs' | 'hottest' | 'hottestShare'>): string {
  if (s.kind === 'pprof' && s.profile) {
    const over = s.durationMs ? ` over ${s.durationMs >= 10_000 ? Math.round(s.durationMs / 1000) : (s.durationMs / 1000).toFixed(1)} s` : '';
    const hot = s.hottest ? `: hottest ${s.hottest}${s.hottestShare !== null && s.hottestShare !== undefined ? ` (${Math.round(s.hottestShare * 100)} %)` : ''}` : '';
    return `${s.profile} profile${over}${hot}`;
  }
  const who = s.pid !== null ? ` (pid ${s.pid}${s.command ? `, ${s.command}` : ''})` : s.command ? ` (${s.command})` : '';
  return `${s.kind} snapshot: ${s.rowCount} ${NOUNS[s.kind] ?? 'rows'}${who}`;
}

/** Rows of these types in [from, to) (ranges: overlapping it) that pass the filter, in key order. */
export function otherRows(store: Store, q: TimelineQueries, bundleId: number, f: Filter, from: number, to: number, paths: ReadonlyMap<number, string>): KeyedRow[] {
  const out: KeyedRow[] = [];
  const overlaps = (a: number, b: number) => a < to && b >= from;

  if (f.types.has('snapshot')) {
    for (const s of q.snapshotsIn(bundleId, from, to)) {
      const row: TimelineRow = {
        type: 'snapshot', ts: s.ts, fileId: s.fileId, file: paths.get(s.fileId), line: s.line, kind: s.kind,
        text: snapshotText(s), ref: `snapshot:${s.id}`, rowCount: s.rowCount,
      };
      if (s.endLine !== null) row.endLine = s.endLine;
      if (keepRow(f, { type: 'snapshot', fileIds: [s.fileId], level: undefined, kind: s.kind, text: row.text })) {
        out.push({ key: { ts: s.ts, rank: RANK.snapshot, id: s.id }, row });
      }
    }
  }

  if (f.types.has('finding')) {
    for (const fd of q.findings(bundleId)) {
      if (fd.first === null) continue; // not placed in time
      const last = Math.max(fd.last ?? fd.first, fd.first);
      if (!overlaps(fd.first, last)) continue;
      const level = severityLevel(fd.severity);
      if (!keepRow(f, { type: 'finding', fileIds: fd.evidence.map((e) => e.fileId), level, kind: fd.signature, text: fd.title })) continue;
      const row: TimelineRow = { type: 'finding', ts: fd.first, level, kind: fd.signature, severity: fd.severity, text: fd.title, ref: `finding:${fd.id}` };
      if (last !== fd.first) row.tsEnd = last;
      const ev = fd.evidence[0];
      if (ev) Object.assign(row, { fileId: ev.fileId, file: paths.get(ev.fileId), line: ev.line }, ev.endLine !== null && ev.endLine !== ev.line ? { endLine: ev.endLine } : {});
      out.push({ key: { ts: fd.first, rank: RANK.finding, id: fd.id }, row });
    }
  }

  if (f.types.has('annotation')) {
    const byPath = new Map([...paths].map(([id, p]) => [p, id]));
    for (const a of store.annotations.list(bundleId)) {
      const fileId = a.filePath !== null ? byPath.get(a.filePath) : undefined;
      const ts = a.ts ?? (fileId !== undefined && a.line !== null ? q.timeAtLine(fileId, a.line) : null);
      if (ts === null) continue;
      const end = Math.max(a.tsEnd ?? ts, ts);
      if (!overlaps(ts, end)) continue;
      if (!keepRow(f, { type: 'annotation', fileIds: fileId !== undefined ? [fileId] : [], level: undefined, kind: a.marker, text: a.text })) continue;
      const row: TimelineRow = { type: 'annotation', ts, kind: a.marker, text: a.text, ref: `annotation:${a.id}` };
      if (end !== ts) row.tsEnd = end;
      if (fileId !== undefined) Object.assign(row, { fileId, file: a.filePath });
      if (a.line !== null) row.line = a.line;
      out.push({ key: { ts, rank: RANK.annotation, id: a.id }, row });
    }
  }
  return out.sort((x, y) => x.key.ts - y.key.ts || x.key.rank - y.key.rank || x.key.id - y.key.id);
}
