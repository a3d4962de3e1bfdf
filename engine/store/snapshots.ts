import { BatchInsert } from './batch';
import type { DB } from './open';

export interface SnapshotRow {
  id: number;
  file_id: number;
  kind: string;
  seq: number;
  captured_at: number | null;
  tq: number;
  time_source: string | null;
  host: string | null;
  pid: number | null;
  command: string | null;
  line: number;
  end_line: number | null;
  row_count: number;
}

export type NewSnapshot = Omit<SnapshotRow, 'id' | 'row_count' | 'end_line'>;

type N = number | null;
type S = string | null;

/** Writers for every snapshot row table; flushed together at the end of each file. */
export class SnapshotWriter {
  readonly fds: BatchInsert<[number, number, S, N, N, S, S, S, S, S, S, S]>;
  readonly fdCounts: BatchInsert<[number, number, S, N, number, S]>;
  readonly sockets: BatchInsert<[number, number, S, S, N, N, S, S, N, S, N, S]>;
  readonly limits: BatchInsert<[number, number, S, S, N, N, S]>;
  readonly threads: BatchInsert<[number, number, S, S, S, S, S, S, S, N, N]>;
  readonly stackGroups: BatchInsert<[number, string, S, number, S, S, S, N, N, N]>;
  readonly deadlocks: BatchInsert<[number, number, S, string]>;
  readonly heapClasses: BatchInsert<[number, N, N, string, N, N, S]>;
  readonly topTasks: BatchInsert<[number, N, N, S, N, N, S, S, number, N]>;
  readonly facts: BatchInsert<[number, N, string, S]>;
  readonly metrics: BatchInsert<[number, string, number, N, number, N]>;
  readonly pgBackends: BatchInsert<[number, number, N, number, S, S, S, S, S, S, S, S, N, N, N, N, S, number]>;

  constructor(private readonly db: DB) {
    this.fds = new BatchInsert(db, 'INSERT INTO fds (snapshot_id, line, command, pid, tid, fd, fd_type, protocol, state, local, remote, name) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
    this.fdCounts = new BatchInsert(db, 'INSERT INTO fd_counts (snapshot_id, line, command, pid, count, filter) VALUES (?,?,?,?,?,?)');
    this.sockets = new BatchInsert(db, 'INSERT INTO sockets (snapshot_id, line, proto, state, recv_q, send_q, local, remote, pid, process, fd, info) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
    this.limits = new BatchInsert(db, 'INSERT INTO limits (snapshot_id, line, name, resource, soft, hard, units) VALUES (?,?,?,?,?,?,?)');
    this.threads = new BatchInsert(db, 'INSERT INTO threads (snapshot_id, line, name, state, group_key, tags, top_frame, waiting_on, locks_held, cpu_ms, os_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)');
    this.stackGroups = new BatchInsert(db, 'INSERT INTO stack_groups (snapshot_id, key, state, count, tags, frames, created_by, wait_min, wait_max, line) VALUES (?,?,?,?,?,?,?,?,?,?)');
    this.deadlocks = new BatchInsert(db, 'INSERT INTO deadlocks (snapshot_id, line, source, cycle) VALUES (?,?,?,?)');
    this.heapClasses = new BatchInsert(db, 'INSERT INTO heap_classes (snapshot_id, line, rank, class_name, instances, bytes, module) VALUES (?,?,?,?,?,?,?)');
    this.topTasks = new BatchInsert(db, 'INSERT INTO top_tasks (snapshot_id, line, pid, user, cpu, mem, state, command, is_thread, tgid) VALUES (?,?,?,?,?,?,?,?,?,?)');
    this.facts = new BatchInsert(db, 'INSERT INTO snapshot_facts (snapshot_id, line, name, value) VALUES (?,?,?,?)');
    this.metrics = new BatchInsert(db, 'INSERT INTO metrics (file_id, series, ts, value, tq, line) VALUES (?,?,?,?,?,?)');
    this.pgBackends = new BatchInsert(
      db,
      `INSERT INTO pg_backends (snapshot_id, line, end_line, pid, datname, usename, application_name, client_addr, backend_type, state, wait_event_type,
       wait_event, backend_start, xact_start, query_start, state_change, query, is_capture) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
  }

  createSnapshot(s: NewSnapshot): number {
    return Number(
      this.db
        .prepare('INSERT INTO snapshots (file_id, kind, seq, captured_at, tq, time_source, host, pid, command, line) VALUES (?,?,?,?,?,?,?,?,?,?)')
        .run(s.file_id, s.kind, s.seq, s.captured_at, s.tq, s.time_source, s.host, s.pid, s.command, s.line).lastInsertRowid,
    );
  }

  finishSnapshot(id: number, endLine: number | null, rows: number): void {
    this.db.prepare('UPDATE snapshots SET end_line = ?, row_count = ? WHERE id = ?').run(endLine, rows, id);
  }

  flush(): void {
    for (const b of [this.fds, this.fdCounts, this.sockets, this.limits, this.threads, this.stackGroups, this.deadlocks, this.heapClasses, this.topTasks, this.facts, this.metrics, this.pgBackends]) b.flush();
  }
}

export class SnapshotRepo {
  constructor(private readonly db: DB) {}

  ofFile(fileId: number): SnapshotRow[] {
    return this.db.prepare<[number], SnapshotRow>('SELECT * FROM snapshots WHERE file_id = ? ORDER BY seq').all(fileId);
  }

  /** Snapshots of a kind across the bundle in capture order (a series). */
  ofKind(bundleId: number, kinds: readonly string[]): SnapshotRow[] {
    return this.db
      .prepare<unknown[], SnapshotRow>(
        `SELECT s.* FROM snapshots s JOIN files f ON f.id = s.file_id WHERE f.bundle_id = ? AND s.kind IN (${kinds.map(() => '?').join(',')})
         ORDER BY s.captured_at IS NULL, s.captured_at, f.path, s.seq`,
      )
      .all(bundleId, ...kinds);
  }

  /** Snapshot count per kind in a bundle (lsof: 5, jstack: 2 …). */
  countsByKind(bundleId: number): Map<string, number> {
    const rows = this.db
      .prepare<[number], { kind: string; n: number }>('SELECT s.kind AS kind, COUNT(*) AS n FROM snapshots s JOIN files f ON f.id = s.file_id WHERE f.bundle_id = ? GROUP BY s.kind')
      .all(bundleId);
    return new Map(rows.map((r) => [r.kind, r.n]));
  }

  setCapture(id: number, ts: number, tq: number, source: string): void {
    this.db.prepare('UPDATE snapshots SET captured_at = ?, tq = ?, time_source = ? WHERE id = ?').run(ts, tq, source, id);
  }

  /** Re-times zone-assumed capture times and metric points of a file (see events.convertAssumed). */
  convertAssumed(fileId: number, toUtc: (wallAsUtc: number) => number, fixedOffsetMs: number | null = null): void {
    if (fixedOffsetMs !== null) {
      if (fixedOffsetMs === 0) return;
      this.db.prepare('UPDATE snapshots SET captured_at = captured_at - ? WHERE file_id = ? AND tq = 1 AND captured_at IS NOT NULL').run(fixedOffsetMs, fileId);
      this.db.prepare('UPDATE metrics SET ts = ts - ? WHERE file_id = ? AND tq = 1').run(fixedOffsetMs, fileId);
      return;
    }
    this.db.function('rl_to_utc', { deterministic: true }, (ts: unknown) => (typeof ts === 'number' || typeof ts === 'bigint' ? toUtc(Number(ts)) : null));
    this.db.prepare('UPDATE snapshots SET captured_at = rl_to_utc(captured_at) WHERE file_id = ? AND tq = 1 AND captured_at IS NOT NULL').run(fileId);
    this.db.prepare('UPDATE metrics SET ts = rl_to_utc(ts) WHERE file_id = ? AND tq = 1').run(fileId);
  }

  /** Puts time-of-day-only capture times and metric points (below `limit`) on their day. */
  shiftDateless(fileId: number, dayMs: number, limit: number): void {
    this.db.prepare('UPDATE snapshots SET captured_at = captured_at + ? WHERE file_id = ? AND tq = 1 AND captured_at < ?').run(dayMs, fileId, limit);
    this.db.prepare('UPDATE metrics SET ts = ts + ? WHERE file_id = ? AND tq = 1 AND ts < ?').run(dayMs, fileId, limit);
  }
}
