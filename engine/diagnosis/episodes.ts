/**
 * Episodes: abnormal items and the windows of candidate causes, clustered in time. Two clusters are
 * separate episodes only when normal operation is seen between them: the logs kept writing ordinary
 * records for a while with nothing abnormal. Without records in between (snapshots only), clusters
 * stay apart only when a long stretch separates them.
 */
import { endOf } from '../model/occurrence';
import type { Item, Window } from './types';

/**
 * Records written between two clusters with none of them abnormal that we call normal operation. If
 * an ongoing failure made even one record in five abnormal, 20 clean records in a row would happen by
 * chance about 1% of the time (0.8^20).
 */
export const NORMAL_RECORDS = 20;
/** And the quiet stretch lasts this long: shorter gaps are inside a failure's own rhythm (retries, backoff). */
export const MIN_SEPARATION_MS = 5_000;
/** Without any record in between to show normal operation, only a gap this long separates: a quarter of an hour of nothing abnormal. */
export const BLIND_SEPARATION_MS = 15 * 60_000;

export interface Cluster {
  window: Window;
  items: Item[];
}

/**
 * `records(from, to)` counts the records written strictly between two times (any file): the witness
 * of normal operation. Items without a time are left out.
 */
export function clusterEpisodes(items: readonly Item[], windows: readonly Window[], records: (from: number, to: number) => number): Cluster[] {
  type Span = { from: number; to: number; item: Item | null };
  const spans: Span[] = [];
  for (const item of items) {
    const from = item.occ.ts;
    const to = endOf(item.occ);
    if (from === null || to === null) continue;
    spans.push({ from: Math.min(from, to), to: Math.max(from, to), item });
  }
  // A window may be open-ended (a deadlock lasts as long as the bundle): it reaches as far as the items do.
  const lo = Math.min(...spans.map((s) => s.from));
  const hi = Math.max(...spans.map((s) => s.to));
  for (const w of windows) {
    const from = Math.max(w.from, lo);
    const to = Math.min(w.to, hi);
    if (from <= to) spans.push({ from, to, item: null });
  }
  spans.sort((a, b) => a.from - b.from || a.to - b.to);
  const out: Cluster[] = [];
  let cur: Cluster | null = null;
  for (const s of spans) {
    if (cur && !separated(cur.window.to, s.from, records)) {
      cur.window.to = Math.max(cur.window.to, s.to);
      if (s.item) cur.items.push(s.item);
      continue;
    }
    cur = { window: { from: s.from, to: s.to }, items: s.item ? [s.item] : [] };
    out.push(cur);
  }
  return out.filter((c) => c.items.length > 0);
}

function separated(end: number, next: number, records: (from: number, to: number) => number): boolean {
  if (next <= end) return false;
  const gap = next - end;
  if (gap < MIN_SEPARATION_MS) return false;
  const n = records(end, next);
  return n >= NORMAL_RECORDS || (n === 0 && gap >= BLIND_SEPARATION_MS);
}
