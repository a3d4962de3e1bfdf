/**
 * Read-side SQL of the merged timeline and its chart series. Event rows are read per (file, level)
 * partition through `events_timeline` (file_id, coalesce(level, -1), ts): each partition is already
 * in (ts, id) order, so SQLite merges them (UNION ALL … ORDER BY … LIMIT) and stops after one page,
 * whatever the window's size. Counts come from `timeline_counts` (migration 005).
 */
import type { Statement } from 'better-sqlite3';
import { BLOCK_KINDS } from './line-block-codec';
import { LineBlockRepo } from './line-blocks';
import { rowsOfLines } from './line-rows';
import type { DB } from './open';
import { TimelineLines } from './timeline-lines';

export const TIMELINE_INDEX = 'events_timeline';

/** One file's timeline counts per second, level (-1 for none) and kind ('' for none), with its totals. */
export interface SecondCounts {
  /** Iterated once, by the summary (a big file has hundreds of thousands: made as they are read). */
  rows: Iterable<{ t: number; level: number; kind: string; n: number }>;
  events: number;
  untimed: number;
  first: number | null;
  last: number | null;
  errors: number;
  warnings: number;
}
const LEVEL = 'coalesce(level, -1)';
/** The coarsest slot width; reading it is the cheapest way to know what a file holds. */
const DAY = 86_400_000;
const RESOLUTIONS = [1_000, 10_000, 60_000, 600_000, 3_600_000, DAY];
/** SQLite refuses compound SELECTs of more than 500 terms. */
const MAX_ARMS = 250;

export interface Partition {
  fileId: number;
  /** events.level, -1 for none. */
  level: number;
  /** Timed events of this file and level. */
  n: number;
}

/** Exclusive lower bound in (ts, id) order. */
export interface KeyBound {
  ts: number;
  id: number;
}

export interface EventKey {
  ts: number;
  id: number;
}

/** What partitions cannot say about an event: its kind, message, or membership in a given id set. */
export interface EventPredicate {
  kinds: readonly string[] | null;
  /** A LIKE pattern with `\` as escape. */
  like: string | null;
  eventIds: readonly number[] | null;
}

export interface TimelineEventRow {
  id: number;
  fileId: number;
  ts: number;
  level: number | null;
  kind: string | null;
  message: string;
  line: number;
  endLine: number;
}

export interface TimelineSnapshotRow {
  id: number;
  fileId: number;
  kind: string;
  ts: number;
  line: number;
  endLine: number | null;
  rowCount: number;
  pid: number | null;
  command: string | null;
  /** pprof snapshots: what the profile measures, over how long, and its hottest application function. */
  profile?: string | null;
  durationMs?: number | null;
  hottest?: string | null;
  hottestShare?: number | null;
}

export interface TimelineFindingRow {
  id: number;
  signature: string;
  severity: string;
  title: string;
  first: number | null;
  last: number | null;
  /** Evidence locations in order; the first is what the row points at. */
  evidence: { fileId: number; line: number; endLine: number | null }[];
}

export interface SourceRow {
  fileId: number;
  path: string;
  kind: string;
  events: number | null;
  untimed: number | null;
  errors: number | null;
  warnings: number | null;
  firstEvent: number | null;
  lastEvent: number | null;
  snapshots: number;
  firstSnapshot: number | null;
  lastSnapshot: number | null;
  metricPoints: number;
  firstMetric: number | null;
  lastMetric: number | null;
}

const ints = (xs: readonly number[]): string => {
  for (const x of xs) if (!Number.isSafeInteger(x)) throw new TypeError(`not an integer id: ${x}`);
  return xs.join(',');
};

const NO_MATCH = '(NULL)'; // `x IN (NULL)` is never true: an empty filter list matches nothing

/** The first `limit` of two pages of keys, each in (ts, id) order. */
function mergeKeys(a: EventKey[], b: EventKey[], limit: number): EventKey[] {
  if (b.length === 0) return a;
  return [...a, ...b].sort((x, y) => x.ts - y.ts || x.id - y.id).slice(0, limit);
}

export class TimelineQueries {
  private readonly cache = new Map<string, Statement>();
  private readonly blocks: LineBlockRepo;
  /** Ordinary lines, read from line blocks alongside the rows of `events`. */
  private readonly lines: TimelineLines;

  constructor(private readonly db: DB) {
    this.blocks = new LineBlockRepo(db);
    this.lines = new TimelineLines(db, this.blocks);
  }

  /** Statements are prepared once per distinct SQL text (partition lists vary, so the cache is bounded). */
  private stmt(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      if (this.cache.size >= 256) this.cache.clear();
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  bundleFiles(bundleId: number): { id: number; path: string; kind: string }[] {
    return this.stmt('SELECT id, path, kind FROM files WHERE bundle_id = ? ORDER BY path').all(bundleId) as { id: number; path: string; kind: string }[];
  }

  /** Files of the bundle without a summary (0 when the summary is complete). */
  unsummarised(bundleId: number): number {
    return (
      this.stmt('SELECT COUNT(*) AS n FROM files f WHERE f.bundle_id = ? AND NOT EXISTS (SELECT 1 FROM timeline_files t WHERE t.file_id = f.id)').get(bundleId) as {
        n: number;
      }
    ).n;
  }

  /**
   * Rebuilds the slot counts and lane totals of a bundle from its events, and the timeline index if
   * it is missing. One pass over the events (a GROUP BY); the coarser resolutions come from the finer.
   */
  /**
   * Counts the bundle's events per file, slot, level and kind. `streamed` gives a file's one-second
   * counts kept while it streamed in (ingest/stream-stats.ts); other files are counted from events.
   */
  buildSummary(bundleId: number, now: number, streamed: (fileId: number) => SecondCounts | null = () => null, index = true): void {
    // The counts need no index of their own; the windows the timeline later reads do (`index`).
    if (index) this.ensureIndex();
    const files = (this.db.prepare('SELECT id FROM files WHERE bundle_id = ?').all(bundleId) as { id: number }[]).map((f) => f.id);
    this.db.transaction(() => {
      const inBundle = 'file_id IN (SELECT id FROM files WHERE bundle_id = @bundle)';
      this.db.prepare(`DELETE FROM timeline_counts WHERE ${inBundle}`).run({ bundle: bundleId });
      this.db.prepare(`DELETE FROM timeline_files WHERE ${inBundle}`).run({ bundle: bundleId });
      // ((x % r) + r) % r: SQLite's % keeps the sign, and slots must start on the floor.
      const fromEvents = this.db.prepare(
        `INSERT INTO timeline_counts (file_id, res, t, level, kind, n)
         SELECT file_id, 1000, ts - (((ts % 1000) + 1000) % 1000) AS t, ${LEVEL} AS lv, coalesce(kind, '') AS k, COUNT(*)
         FROM events WHERE file_id = ? AND ts IS NOT NULL GROUP BY lv, t, k`,
      );
      const insertCount = this.db.prepare('INSERT INTO timeline_counts (file_id, res, t, level, kind, n) VALUES (?, 1000, ?, ?, ?, ?)');
      const insertFile = this.db.prepare('INSERT INTO timeline_files (file_id, events, untimed, first_ts, last_ts, errors, warnings, built_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const counted: number[] = [];
      for (const id of files) {
        const kept = streamed(id);
        if (!kept) {
          fromEvents.run(id);
          this.countLines(id);
          counted.push(id);
          continue;
        }
        for (const r of kept.rows) insertCount.run(id, r.t, r.level, r.kind, r.n);
        insertFile.run(id, kept.events, kept.untimed, kept.first, kept.last, kept.errors, kept.warnings, now);
      }
      for (let i = 1; i < RESOLUTIONS.length; i++) {
        const [fine, r] = [RESOLUTIONS[i - 1]!, RESOLUTIONS[i]!];
        this.db
          .prepare(
            `INSERT INTO timeline_counts (file_id, res, t, level, kind, n)
             SELECT file_id, @r, t - (((t % @r) + @r) % @r) AS t2, level, kind, SUM(n) FROM timeline_counts
             WHERE ${inBundle} AND res = @fine GROUP BY file_id, t2, level, kind`,
          )
          .run({ bundle: bundleId, r, fine });
      }
      const totals = this.db.prepare<[number], { events: number | null; errors: number | null; warnings: number | null; first: number | null; last: number | null }>(
        `SELECT SUM(n) AS events, SUM(CASE WHEN level >= 50 THEN n ELSE 0 END) AS errors,
           SUM(CASE WHEN level >= 40 AND level < 50 THEN n ELSE 0 END) AS warnings, MIN(t) AS first, MAX(t) AS last
         FROM timeline_counts WHERE file_id = ? AND res = 1000`,
      );
      // The first and last second are known; the exact times are one short index range away.
      const edge = (fileId: number, slot: number, fn: 'MIN' | 'MAX'): number | null => {
        let v = (this.db.prepare(`SELECT ${fn}(ts) AS v FROM events WHERE file_id = ? AND ts >= ? AND ts < ?`).get(fileId, slot, slot + 1000) as { v: number | null }).v;
        for (const { block: b } of this.blocks.inWindow([fileId], slot, slot + 1000)) {
          for (let i = 0; i < b.n; i++) {
            const t = b.ts[i]!;
            if (t >= slot && t < slot + 1000 && (v === null || (fn === 'MIN' ? t < v : t > v))) v = t;
          }
        }
        return v;
      };
      const untimed = this.db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM events WHERE file_id = ? AND ts IS NULL');
      for (const id of counted) {
        const t = totals.get(id)!;
        const first = t.first === null ? null : edge(id, t.first, 'MIN');
        const last = t.last === null ? null : edge(id, t.last, 'MAX');
        let untimedLines = 0;
        for (const { block: b } of this.blocks.ofFile(id)) for (let i = 0; i < b.n; i++) if (Number.isNaN(b.ts[i]!)) untimedLines++;
        insertFile.run(id, t.events ?? 0, untimed.get(id)!.n + untimedLines, first, last, t.errors ?? 0, t.warnings ?? 0, now);
      }
    })();
  }

  /** Adds a file's ordinary lines to its one-second counts (as the GROUP BY over its rows counts them). */
  private countLines(fileId: number): void {
    const counts = new Map<string, number>();
    for (const { block: b } of this.blocks.ofFile(fileId)) {
      for (let i = 0; i < b.n; i++) {
        const ts = b.ts[i]!;
        if (Number.isNaN(ts)) continue;
        const t = Math.trunc(ts);
        const key = `${t - (((t % 1000) + 1000) % 1000)}|${b.level[i]! - 1}|${BLOCK_KINDS[b.kind[i]!] ?? ''}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const upsert = this.db.prepare(
      'INSERT INTO timeline_counts (file_id, res, t, level, kind, n) VALUES (?, 1000, ?, ?, ?, ?) ON CONFLICT (file_id, res, t, level, kind) DO UPDATE SET n = n + excluded.n',
    );
    for (const [key, n] of counts) {
      const [t, level, kind] = key.split('|');
      upsert.run(fileId, Number(t), Number(level), kind, n);
    }
  }

  /**
   * Creates the timeline's index over events when it is missing (a bulk load may have dropped it).
   * Built after loading, like the other secondary indexes on events.
   */
  ensureIndex(): void {
    if (this.hasIndex(TIMELINE_INDEX)) return;
    this.db.exec(`CREATE INDEX ${TIMELINE_INDEX} ON events(file_id, ${LEVEL}, ts)`);
    // Without statistics the planner takes the new index for a selective one and may pick it for
    // other queries on events (a scan of a whole file where an index on kind would do).
    this.db.exec(`ANALYZE ${TIMELINE_INDEX}`);
  }

  /** Every (file, level) that holds timed events, with its count. */
  partitions(fileIds: readonly number[]): Partition[] {
    if (fileIds.length === 0) return [];
    return this.stmt(
      `SELECT file_id AS fileId, level, SUM(n) AS n FROM timeline_counts WHERE file_id IN (${ints(fileIds)}) AND res = ${DAY} GROUP BY file_id, level`,
    ).all() as Partition[];
  }

  /**
   * Slot counts of one resolution over [from, to) (both multiples of `res`), as raw rows
   * [t, level, n] — or [t, level, n, kind] with `withKind` — for the caller to bucket.
   */
  slotCounts(res: number, parts: readonly Partition[], kinds: readonly string[] | null, from: number, to: number, withKind = false): unknown[][] {
    if (parts.length === 0) return [];
    const files = ints([...new Set(parts.map((p) => p.fileId))]);
    const levels = ints([...new Set(parts.map((p) => p.level))]);
    const kindSql = kinds === null ? '' : ` AND kind IN (${kinds.length ? kinds.map(() => '?').join(',') : NO_MATCH})`;
    return this.stmt(
      `SELECT t, level, n${withKind ? ', kind' : ''} FROM timeline_counts WHERE file_id IN (${files}) AND res = ? AND t >= ? AND t < ? AND level IN (${levels})${kindSql}`,
    )
      .raw(true)
      .all(res, from, to, ...(kinds ?? [])) as unknown[][];
  }

  private predicateSql(p: EventPredicate): { sql: string; params: Record<string, unknown> } {
    let sql = '';
    const params: Record<string, unknown> = {};
    if (p.kinds !== null) {
      sql += p.kinds.length ? ` AND kind IN (SELECT value FROM json_each(@kinds))` : ` AND kind IN ${NO_MATCH}`;
      params.kinds = JSON.stringify(p.kinds);
    }
    if (p.like !== null) {
      sql += " AND message LIKE @like ESCAPE '\\'";
      params.like = p.like;
    }
    if (p.eventIds !== null) {
      sql += ' AND id IN (SELECT value FROM json_each(@ids))';
      params.ids = JSON.stringify(p.eventIds);
    }
    return { sql, params };
  }

  /** [ts, level] of every event of the partitions in [from, to) that passes `p` (counted one by one). */
  eventLevels(parts: readonly Partition[], from: number, to: number, p: EventPredicate): [number, number][] {
    if (parts.length === 0 || from >= to) return [];
    const files = ints([...new Set(parts.map((x) => x.fileId))]);
    const levels = ints([...new Set(parts.map((x) => x.level))]);
    const pred = this.predicateSql(p);
    const via = p.eventIds !== null ? 'NOT INDEXED' : `INDEXED BY ${TIMELINE_INDEX}`;
    const rows = this.stmt(
      `SELECT ts, ${LEVEL} FROM events ${via} WHERE file_id IN (${files}) AND ${LEVEL} IN (${levels}) AND ts >= @from AND ts < @to${pred.sql}`,
    )
      .raw(true)
      .all({ from, to, ...pred.params }) as [number, number][];
    for (const x of this.lines.levels(parts, from, to, p)) rows.push(x);
    return rows;
  }

  /**
   * The first `limit` events after `after` and before `to`, in (ts, id) order: one ordered range per
   * partition, merged by SQLite, which stops once the page is full.
   */
  eventKeysByPartition(parts: readonly Partition[], after: KeyBound, to: number, limit: number, p: EventPredicate): EventKey[] {
    if (parts.length === 0 || limit <= 0) return [];
    const pred = this.predicateSql(p);
    const run = (chunk: readonly Partition[]): EventKey[] => {
      const arms = chunk.map(
        (x) =>
          `SELECT ts, id FROM events INDEXED BY ${TIMELINE_INDEX} WHERE file_id = ${ints([x.fileId])} AND ${LEVEL} = ${ints([x.level])}` +
          ` AND (ts, id) > (@ats, @aid) AND ts < @to${pred.sql}`,
      );
      return this.stmt(`${arms.join(' UNION ALL ')} ORDER BY ts, id LIMIT @limit`).all({ ats: after.ts, aid: after.id, to, limit, ...pred.params }) as EventKey[];
    };
    const lines = this.lines.keys(parts, after, to, limit, p);
    if (parts.length <= MAX_ARMS) return mergeKeys(run(parts), lines, limit);
    const out: EventKey[] = [];
    for (let i = 0; i < parts.length; i += MAX_ARMS) out.push(...run(parts.slice(i, i + MAX_ARMS)));
    out.sort((x, y) => x.ts - y.ts || x.id - y.id);
    return mergeKeys(out.slice(0, limit), lines, limit);
  }

  /**
   * The same page through the kind index: cheaper when the kinds asked for are rare (scanning
   * partitions would read many events to find a few).
   */
  eventKeysByKind(parts: readonly Partition[], after: KeyBound, to: number, limit: number, p: EventPredicate): EventKey[] {
    return this.filteredKeys('INDEXED BY events_kind', parts, after, to, limit, p);
  }

  /** The same page for a given id set (from the full-text index): rowid lookups, then a sort. */
  eventKeysByIds(parts: readonly Partition[], after: KeyBound, to: number, limit: number, p: EventPredicate): EventKey[] {
    return this.filteredKeys('NOT INDEXED', parts, after, to, limit, p);
  }

  private filteredKeys(via: string, parts: readonly Partition[], after: KeyBound, to: number, limit: number, p: EventPredicate): EventKey[] {
    if (parts.length === 0 || limit <= 0) return [];
    const files = ints([...new Set(parts.map((x) => x.fileId))]);
    const levels = ints([...new Set(parts.map((x) => x.level))]);
    const pred = this.predicateSql(p);
    const rows = this.stmt(
      `SELECT ts, id FROM events ${via} WHERE file_id IN (${files}) AND ${LEVEL} IN (${levels}) AND (ts, id) > (@ats, @aid) AND ts < @to${pred.sql}
       ORDER BY ts, id LIMIT @limit`,
    ).all({ ats: after.ts, aid: after.id, to, limit, ...pred.params }) as EventKey[];
    return mergeKeys(rows, this.lines.keys(parts, after, to, limit, p), limit);
  }

  hasIndex(name: string): boolean {
    return this.stmt("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) !== undefined;
  }

  eventsByIds(ids: readonly number[]): TimelineEventRow[] {
    if (ids.length === 0) return [];
    const rows = this.stmt(
      `SELECT id, file_id AS fileId, ts, level, kind, message, line, end_line AS endLine FROM events WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as TimelineEventRow[];
    if (rows.length === ids.length) return rows;
    const found = new Set(rows.map((r) => r.id));
    for (const e of rowsOfLines(this.db, this.blocks.locate(ids.filter((id) => !found.has(id))).values())) {
      rows.push({ id: e.id, fileId: e.file_id, ts: e.ts!, level: e.level, kind: e.kind, message: e.message, line: e.line, endLine: e.end_line });
    }
    return rows;
  }

  /** Snapshots captured in [from, to), in time order. */
  snapshotsIn(bundleId: number, from: number, to: number): TimelineSnapshotRow[] {
    return this.stmt(
      `SELECT s.id, s.file_id AS fileId, s.kind, s.captured_at AS ts, s.line, s.end_line AS endLine, s.row_count AS rowCount, s.pid, s.command,
         p.profile AS profile, p.duration_ms AS durationMs, p.hottest AS hottest, p.hottest_share AS hottestShare
       FROM snapshots s JOIN files f ON f.id = s.file_id LEFT JOIN profiles p ON p.snapshot_id = s.id
       WHERE f.bundle_id = ? AND s.captured_at >= ? AND s.captured_at < ? ORDER BY s.captured_at, s.id`,
    ).all(bundleId, from, to) as TimelineSnapshotRow[];
  }

  findings(bundleId: number): TimelineFindingRow[] {
    const rows = this.stmt('SELECT id, signature, severity, title, first_ts AS first, last_ts AS last FROM findings WHERE bundle_id = ? ORDER BY id').all(bundleId) as Omit<
      TimelineFindingRow,
      'evidence'
    >[];
    const ev = this.stmt(
      `SELECT e.finding_id AS fid, e.file_id AS fileId, e.line, e.end_line AS endLine FROM evidence e JOIN findings f ON f.id = e.finding_id
       WHERE f.bundle_id = ? AND e.file_id IS NOT NULL ORDER BY e.finding_id, e.ord`,
    ).all(bundleId) as { fid: number; fileId: number; line: number; endLine: number | null }[];
    const byFinding = new Map<number, TimelineFindingRow['evidence']>();
    for (const e of ev) {
      const list = byFinding.get(e.fid) ?? [];
      list.push({ fileId: e.fileId, line: e.line, endLine: e.endLine });
      byFinding.set(e.fid, list);
    }
    return rows.map((r) => ({ ...r, evidence: byFinding.get(r.id) ?? [] }));
  }

  /** The time of the record a file line belongs to (annotations on a line carry no time of their own). */
  timeAtLine(fileId: number, line: number): number | null {
    const r = this.stmt('SELECT ts, line FROM events WHERE file_id = ? AND line <= ? AND ts IS NOT NULL ORDER BY line DESC LIMIT 1').get(fileId, line) as
      | { ts: number; line: number }
      | undefined;
    // The last timed ordinary line at or before it, if later than that row.
    for (let at = line; at >= 1; ) {
      const l = this.blocks.atOrBefore(fileId, at);
      if (!l || (r && l.block.block.line[l.i]! < r.line)) break;
      const b = l.block.block;
      for (let i = l.i; i >= 0; i--) {
        if (r && b.line[i]! < r.line) break;
        if (!Number.isNaN(b.ts[i]!)) return b.ts[i]!;
      }
      at = b.line[0]! - 1;
    }
    return r?.ts ?? null;
  }

  sources(bundleId: number): SourceRow[] {
    return this.stmt(
      `SELECT f.id AS fileId, f.path, f.kind, t.events, t.untimed, t.errors, t.warnings, t.first_ts AS firstEvent, t.last_ts AS lastEvent,
         (SELECT COUNT(*) FROM snapshots s WHERE s.file_id = f.id) AS snapshots,
         (SELECT MIN(captured_at) FROM snapshots s WHERE s.file_id = f.id) AS firstSnapshot,
         (SELECT MAX(captured_at) FROM snapshots s WHERE s.file_id = f.id) AS lastSnapshot,
         (SELECT COUNT(*) FROM metrics m WHERE m.file_id = f.id) AS metricPoints,
         (SELECT MIN(ts) FROM metrics m WHERE m.file_id = f.id) AS firstMetric,
         (SELECT MAX(ts) FROM metrics m WHERE m.file_id = f.id) AS lastMetric
       FROM files f LEFT JOIN timeline_files t ON t.file_id = f.id WHERE f.bundle_id = ? ORDER BY f.path`,
    ).all(bundleId) as SourceRow[];
  }

  /** First and last time of anything the bundle puts on the timeline (events from the summary). */
  range(bundleId: number): { first: number | null; last: number | null } {
    return this.stmt(
      `SELECT MIN(a) AS first, MAX(b) AS last FROM (
         SELECT t.first_ts AS a, t.last_ts AS b FROM timeline_files t JOIN files f ON f.id = t.file_id WHERE f.bundle_id = @bundle
         UNION ALL SELECT s.captured_at, s.captured_at FROM snapshots s JOIN files f ON f.id = s.file_id WHERE f.bundle_id = @bundle
         UNION ALL SELECT first_ts, coalesce(last_ts, first_ts) FROM findings WHERE bundle_id = @bundle
         UNION ALL SELECT ts, coalesce(ts_end, ts) FROM annotations WHERE bundle_id = @bundle)`,
    ).get({ bundle: bundleId }) as { first: number | null; last: number | null };
  }

  /** First and last event time straight from the events (before a summary exists). */
  eventRange(bundleId: number): { first: number | null; last: number | null } {
    return this.stmt(
      `SELECT MIN(a) AS first, MAX(b) AS last FROM (
         SELECT MIN(ts) AS a, MAX(ts) AS b FROM events WHERE file_id IN (SELECT id FROM files WHERE bundle_id = @bundle)
         UNION ALL SELECT MIN(min_ts), MAX(max_ts) FROM line_blocks WHERE file_id IN (SELECT id FROM files WHERE bundle_id = @bundle))`,
    ).get({ bundle: bundleId }) as { first: number | null; last: number | null };
  }
}

/** A count per snapshot and key (fd type, peer, socket state, thread state), with the first row's line. */
export interface SnapshotCount {
  sid: number;
  fileId: number;
  ts: number;
  host: string | null;
  pid: number | null;
  /** The snapshot kind (ss, netstat, lsof, jstack…). */
  src: string;
  key: string;
  n: number;
  line: number;
}

export interface SnapshotStamp {
  sid: number;
  fileId: number;
  ts: number;
  host: string | null;
  pid: number | null;
  src: string;
  line: number;
}

export interface QueueRow {
  sid: number;
  line: number;
  local: string;
  remote: string;
  recvQ: number;
  sendQ: number;
}

export interface HikariStatRow {
  id: number;
  fileId: number;
  ts: number;
  line: number;
  pid: number | null;
  pool: string | null;
  total: number | null;
  active: number | null;
  idle: number | null;
  waiting: number | null;
}

export interface MetricSeriesRow {
  fileId: number;
  series: string;
  n: number;
  first: number;
  last: number;
  min: number | null;
  max: number | null;
}

const SNAP = 's.id AS sid, s.file_id AS fileId, s.captured_at AS ts, s.host AS host, s.kind AS src';
const TIMED_IN_BUNDLE = 'JOIN files fl ON fl.id = s.file_id WHERE fl.bundle_id = @bundle AND s.captured_at IS NOT NULL';

/** Chart series: counts over snapshots, pool stats and GC pauses from events, metrics CSV points. */
export class SeriesQueries {
  constructor(private readonly db: DB) {}

  private all<T>(sql: string, params: Record<string, unknown>): T[] {
    return this.db.prepare(sql).all(params) as T[];
  }

  /** Timed snapshots of some kinds (so a key absent from one shows as 0 there). */
  stamps(bundle: number, kinds: readonly string[]): SnapshotStamp[] {
    return this.all<SnapshotStamp>(
      `SELECT ${SNAP}, s.pid AS pid, s.line AS line FROM snapshots s ${TIMED_IN_BUNDLE} AND s.kind IN (SELECT value FROM json_each(@kinds))
       ORDER BY s.captured_at, s.id`,
      { bundle, kinds: JSON.stringify(kinds) },
    );
  }

  /** Numeric descriptors per lsof snapshot and process, by `fd_type` or by `remote`. */
  fdsBy(bundle: number, by: 'fd_type' | 'remote'): SnapshotCount[] {
    return this.all<SnapshotCount>(
      `SELECT ${SNAP}, f.pid AS pid, f.${by} AS key, COUNT(*) AS n, MIN(f.line) AS line FROM fds f JOIN snapshots s ON s.id = f.snapshot_id
       ${TIMED_IN_BUNDLE} AND f.fd GLOB '[0-9]*' AND f.pid IS NOT NULL AND f.${by} IS NOT NULL AND f.${by} <> ''
       GROUP BY s.id, f.pid, f.${by} ORDER BY s.captured_at, s.id`,
      { bundle },
    );
  }

  /** Sockets per snapshot and state: ss/netstat rows, and lsof's TCP rows. */
  socketStates(bundle: number): SnapshotCount[] {
    return this.all<SnapshotCount>(
      `SELECT ${SNAP}, NULL AS pid, so.state AS key, COUNT(*) AS n, MIN(so.line) AS line FROM sockets so JOIN snapshots s ON s.id = so.snapshot_id
       ${TIMED_IN_BUNDLE} AND so.state IS NOT NULL GROUP BY s.id, so.state
       UNION ALL
       SELECT ${SNAP}, NULL AS pid, f.state AS key, COUNT(*) AS n, MIN(f.line) AS line FROM fds f JOIN snapshots s ON s.id = f.snapshot_id
       ${TIMED_IN_BUNDLE} AND f.state IS NOT NULL GROUP BY s.id, f.state
       ORDER BY 3, 1`,
      { bundle },
    );
  }

  /** Connections with bytes queued (listeners excluded: their queues count connections, not bytes). */
  queues(bundle: number): QueueRow[] {
    return this.all<QueueRow>(
      `SELECT s.id AS sid, so.line AS line, coalesce(so.local, '') AS local, coalesce(so.remote, '') AS remote,
         coalesce(so.recv_q, 0) AS recvQ, coalesce(so.send_q, 0) AS sendQ
       FROM sockets so JOIN snapshots s ON s.id = so.snapshot_id ${TIMED_IN_BUNDLE}
         AND (so.recv_q > 0 OR so.send_q > 0) AND coalesce(so.state, '') <> 'LISTEN'`,
      { bundle },
    );
  }

  /** Threads per Java dump and state. */
  threadStates(bundle: number): SnapshotCount[] {
    return this.all<SnapshotCount>(
      `SELECT ${SNAP}, s.pid AS pid, coalesce(t.state, 'unknown') AS key, COUNT(*) AS n, MIN(t.line) AS line FROM threads t JOIN snapshots s ON s.id = t.snapshot_id
       ${TIMED_IN_BUNDLE} AND s.kind = 'jstack' GROUP BY s.id, key ORDER BY s.captured_at, s.id`,
      { bundle },
    );
  }

  /** Goroutines per dump and stack group, with what names the group. */
  goroutineGroups(bundle: number): (SnapshotCount & { state: string | null; frames: string | null; createdBy: string | null })[] {
    return this.all(
      `SELECT ${SNAP}, s.pid AS pid, g.key AS key, g.count AS n, coalesce(g.line, s.line) AS line, g.state AS state, g.frames AS frames, g.created_by AS createdBy
       FROM stack_groups g JOIN snapshots s ON s.id = g.snapshot_id ${TIMED_IN_BUNDLE} AND s.kind = 'goroutine' ORDER BY s.captured_at, s.id`,
      { bundle },
    );
  }

  hikariStats(bundle: number): HikariStatRow[] {
    return this.all<HikariStatRow>(
      `SELECT id, file_id AS fileId, ts, line, pid, json_extract(fields, '$.pool') AS pool, json_extract(fields, '$.total') AS total,
         json_extract(fields, '$.active') AS active, json_extract(fields, '$.idle') AS idle, json_extract(fields, '$.waiting') AS waiting
       FROM events WHERE kind = 'hikari.stats' AND ts IS NOT NULL AND file_id IN (SELECT id FROM files WHERE bundle_id = @bundle) ORDER BY ts, id`,
      { bundle },
    );
  }

  metricSeries(bundle: number): MetricSeriesRow[] {
    return this.all<MetricSeriesRow>(
      `SELECT m.file_id AS fileId, m.series, COUNT(*) AS n, MIN(m.ts) AS first, MAX(m.ts) AS last, MIN(m.value) AS min, MAX(m.value) AS max
       FROM metrics m JOIN files f ON f.id = m.file_id WHERE f.bundle_id = @bundle AND m.value IS NOT NULL GROUP BY m.file_id, m.series ORDER BY m.file_id, m.series`,
      { bundle },
    );
  }

  metricPoints(fileId: number, series: string): { ts: number; value: number; line: number | null }[] {
    return this.all(
      'SELECT ts, value, line FROM metrics WHERE series = @series AND file_id = @fileId AND value IS NOT NULL ORDER BY ts',
      { fileId, series },
    );
  }
}
