/**
 * `timelineWindow`: one page of the merged, time-ordered view of a bundle (events, snapshots,
 * findings, annotations) over a window, with the window's total and its density histogram.
 */
import type { Store } from '../store';
import type { EventKey, Partition, TimelineQueries } from '../store/timeline-queries';
import { bucketGrid } from './buckets';
import { boundFor, compareKeys, decodeCursor, encodeCursor, RANK, type RowKey } from './cursor';
import { countAll, countEvents, Tally } from './density';
import { eventPredicate, normalizeFilters, selectPartitions } from './filters';
import { otherRows, type KeyedRow } from './other-rows';
import { timelineQueries } from './queries';
import { ensureTimelineSummary } from './summary';
import { TimelineError, type TimelineQuery, type TimelineRow, type TimelineWindow } from './types';

export const DEFAULT_LIMIT = 500;
export const DEFAULT_BUCKETS = 200;

function bounded(name: string, v: number | undefined, dflt: number, min: number, max: number): number {
  if (v === undefined) return dflt;
  if (!Number.isFinite(v)) throw new TimelineError(`${name} must be a number`);
  return Math.min(max, Math.max(min, Math.floor(v)));
}

/** The bundle's time span: first to just after the last time of anything on its timeline. */
export function timelineRange(store: Store, bundleId: number): { from: number; to: number } | null {
  ensureTimelineSummary(store, bundleId);
  const r = timelineQueries(store).range(bundleId);
  return r.first === null || r.last === null ? null : { from: r.first, to: r.last + 1 };
}

export function timelineWindow(store: Store, bundleId: number, query: TimelineQuery = {}): TimelineWindow {
  ensureTimelineSummary(store, bundleId);
  const q = timelineQueries(store);
  const filter = normalizeFilters(query.filters);
  const limit = bounded('limit', query.limit, DEFAULT_LIMIT, 1, 10_000);
  const buckets = bounded('buckets', query.buckets, DEFAULT_BUCKETS, 1, 2_000);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;

  const span = query.from === undefined || query.to === undefined ? timelineRange(store, bundleId) : null;
  // A missing end is the bundle's (or just after the other end when the bundle ends before it).
  const from = Math.floor(query.from ?? Math.min(span?.from ?? 0, (query.to ?? Infinity) - 1));
  const to = Math.floor(query.to ?? Math.max(span?.to ?? 0, from + 1));
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new TimelineError('from and to must be times in ms');
  if (to <= from) throw new TimelineError(`the window ends (${to}) before it starts (${from})`);

  const files = q.bundleFiles(bundleId);
  const paths = new Map(files.map((f) => [f.id, f.path]));
  const parts = selectPartitions(q.partitions(files.map((f) => f.id)), filter);
  const pred = eventPredicate(filter);

  const grid = bucketGrid(from, to, buckets);
  const tally = new Tally(grid);
  const counting = countEvents(q, parts, pred, from, to, tally);
  const eventTotal = tally.total;
  const others = otherRows(store, q, bundleId, filter, from, to, paths);
  for (const o of others) tally.add(Math.max(o.key.ts, from), o.row.level);

  // One page: up to limit + 1 rows of each source after the cursor, merged; the extra row says more follow.
  const keys = eventTotal === 0 ? [] : eventPage(q, parts, pred, boundFor(cursor, RANK.event, from), to, limit + 1, eventTotal, from);
  const events = eventRows(q, keys, paths);
  const later = cursor ? others.filter((o) => compareKeys(o.key, cursor) > 0) : others;
  const merged = [...events, ...later.slice(0, limit + 1)].sort((a, b) => compareKeys(a.key, b.key));
  const page = merged.slice(0, limit);
  const truncated = merged.length > limit;

  const w: TimelineWindow = {
    from, to, rows: page.map((r) => r.row), totalInWindow: tally.total, truncated,
    density: {
      from: grid.base, to: grid.base + grid.count * grid.bucketMs, bucketMs: grid.bucketMs, counts: tally.counts,
      byLevel: { error: tally.byLevel[0], warn: tally.byLevel[1], other: tally.byLevel[2] },
    },
    counting,
  };
  if (truncated) w.nextCursor = encodeCursor(page.at(-1)!.key);
  return w;
}

/**
 * Keys of the next events. Partition ranges serve most queries; a kind filter whose kinds are rare
 * in the window, or a given id set, is cheaper through SQLite's own plan (kind index, rowids).
 */
function eventPage(
  q: TimelineQueries, parts: readonly Partition[], pred: ReturnType<typeof eventPredicate>, after: { ts: number; id: number },
  to: number, n: number, matched: number, from: number,
): EventKey[] {
  if (pred.eventIds !== null) return q.eventKeysByIds(parts, after, to, n, pred);
  if (pred.kinds !== null && pred.like === null && q.hasIndex('events_kind')) {
    const inWindow = countAll(q, parts, from, to);
    const scanCost = Math.min(inWindow, (n * inWindow) / Math.max(1, matched));
    let kindRows = 0;
    for (const r of q.slotCounts(86_400_000, parts, pred.kinds, -8.64e15, 8.64e15)) kindRows += r[2] as number;
    if (kindRows < scanCost) return q.eventKeysByKind(parts, after, to, n, pred);
  }
  return q.eventKeysByPartition(parts, after, to, n, pred);
}

function eventRows(q: TimelineQueries, keys: readonly EventKey[], paths: ReadonlyMap<number, string>): KeyedRow[] {
  const byId = new Map(q.eventsByIds(keys.map((k) => k.id)).map((e) => [e.id, e]));
  const out: KeyedRow[] = [];
  for (const k of keys) {
    const e = byId.get(k.id);
    if (!e) continue;
    const row: TimelineRow = { type: 'event', ts: e.ts, fileId: e.fileId, file: paths.get(e.fileId), line: e.line, text: e.message, ref: `event:${e.id}` };
    if (e.endLine !== e.line) row.endLine = e.endLine;
    if (e.level !== null) row.level = e.level;
    if (e.kind !== null) row.kind = e.kind;
    const key: RowKey = { ts: e.ts, rank: RANK.event, id: e.id };
    out.push({ key, row });
  }
  return out;
}
