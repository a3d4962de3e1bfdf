/**
 * Test support: what a timeline window must contain, computed the slow, obvious way (straight SQL
 * over `events`, plain loops over snapshots, findings and annotations) — no slots, no partitions.
 */
import type { Store } from '../../store';
import type { TimelineFilters } from '../types';
import { allEvents } from '../../store/testing/all-events';

const SEVERITY_LEVEL: Record<string, number> = { critical: 60, high: 50, medium: 40, low: 30, info: 30 };

export interface ExpectedRow {
  type: string;
  ts: number;
  ref: string;
}

/** Every row the window [from, to) holds under `f`, unordered. Text filters are not modelled. */
export function expectedRows(store: Store, bundleId: number, from: number, to: number, f: TimelineFilters = {}): ExpectedRow[] {
  const types = new Set(f.types ?? ['event', 'snapshot', 'finding', 'annotation']);
  const levelOk = (l: number | null | undefined) =>
    f.minLevel === undefined && f.levels === undefined
      ? true
      : l !== null && l !== undefined && (f.minLevel === undefined || l >= f.minLevel) && (f.levels === undefined || f.levels.includes(l));
  const fileOk = (ids: number[]) => f.fileIds === undefined || ids.some((id) => f.fileIds!.includes(id));
  const kindOk = (k: string | null | undefined) => f.kinds === undefined || (k !== null && k !== undefined && f.kinds.includes(k));
  const out: ExpectedRow[] = [];
  const paths = new Map(store.files.list(bundleId).map((x) => [x.path, x.id]));

  if (types.has('event')) {
    const inBundle = store.files.list(bundleId).map((x) => x.id);
    const rows = allEvents(store, inBundle).filter((e): e is typeof e & { ts: number } => e.ts !== null && e.ts >= from && e.ts < to);
    for (const e of rows) {
      if (f.eventIds && !f.eventIds.includes(e.id)) continue;
      if (levelOk(e.level) && fileOk([e.file_id]) && kindOk(e.kind)) out.push({ type: 'event', ts: e.ts, ref: `event:${e.id}` });
    }
  }
  if (types.has('snapshot') && f.minLevel === undefined && f.levels === undefined) {
    for (const s of store.db.prepare<[number], { id: number; file_id: number; kind: string; captured_at: number | null }>(
      'SELECT s.id, s.file_id, s.kind, s.captured_at FROM snapshots s JOIN files f ON f.id = s.file_id WHERE f.bundle_id = ?',
    ).all(bundleId)) {
      if (s.captured_at === null || s.captured_at < from || s.captured_at >= to) continue;
      if (fileOk([s.file_id]) && kindOk(s.kind)) out.push({ type: 'snapshot', ts: s.captured_at, ref: `snapshot:${s.id}` });
    }
  }
  if (types.has('finding')) {
    for (const x of store.findings.findings(bundleId)) {
      if (x.first === null) continue;
      const last = Math.max(x.last ?? x.first, x.first);
      if (x.first >= to || last < from) continue;
      if (levelOk(SEVERITY_LEVEL[x.severity]) && fileOk(x.evidence.map((e) => e.fileId)) && kindOk(x.signature)) out.push({ type: 'finding', ts: x.first, ref: `finding:${x.id}` });
    }
  }
  if (types.has('annotation') && f.minLevel === undefined && f.levels === undefined) {
    for (const a of store.annotations.list(bundleId)) {
      const fileId = a.filePath !== null ? paths.get(a.filePath) : undefined;
      let ts = a.ts;
      if (ts === null && fileId !== undefined && a.line !== null) ts = store.events.atLine(fileId, a.line)?.ts ?? null;
      if (ts === null) continue;
      const end = Math.max(a.tsEnd ?? ts, ts);
      if (ts >= to || end < from) continue;
      if (fileOk(fileId === undefined ? [] : [fileId]) && kindOk(a.marker)) out.push({ type: 'annotation', ts, ref: `annotation:${a.id}` });
    }
  }
  return out;
}
