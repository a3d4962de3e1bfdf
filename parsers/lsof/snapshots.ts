/**
 * Snapshot boundaries shared by the lsof, ss/netstat and limits parsers. A file may hold several
 * snapshots (a collector loop appending `date; lsof -p PID`): each starts at a capture-time header
 * line, or at a new command / column header once the current snapshot has rows. The `SnapshotMeta`
 * is emitted lazily, just before the first row, so a command line that follows the header can still
 * add the pid it names.
 */
import { parseCaptureHeader } from '../snapshot/header';
import type { SnapshotMeta, TimeContext } from '../types';

export interface SnapshotInfo {
  pid?: number;
  command?: string;
}

export class SnapshotTracker {
  /** Started but not yet emitted. */
  private pending: SnapshotMeta | null = null;
  /** Rows emitted in the current snapshot. */
  private rows = 0;
  private emitted = false;
  private info: SnapshotInfo = {};

  constructor(
    private readonly time: TimeContext,
    private readonly emit: (meta: SnapshotMeta) => void,
  ) {}

  /** Cheap pre-filter: capture headers start with `#`, a digit or a capitalised day/month name. */
  static mayBeHeader(text: string): boolean {
    const c = text.trimStart().charCodeAt(0);
    return c === 35 /* # */ || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  }

  /** Try `text` as a capture-time header; when it is one, a new snapshot starts at this line. */
  header(text: string, line: number): boolean {
    if (!SnapshotTracker.mayBeHeader(text)) return false;
    let h: ReturnType<typeof parseCaptureHeader> = null;
    try {
      h = parseCaptureHeader(this.time, text);
    } catch {
      h = null;
    }
    if (!h) return false;
    this.close();
    const meta: SnapshotMeta = { type: 'snapshot', capturedAt: h.ts, timeSource: 'header', tq: h.tq, line };
    if (h.host !== undefined) meta.host = h.host;
    if (h.pid !== undefined) meta.pid = h.pid;
    if (h.command !== undefined) meta.command = h.command;
    this.start(meta);
    return true;
  }

  /**
   * A new command line or column header. Starts a new (untimed) snapshot when the current one already
   * has rows; otherwise it only adds what it knows to the snapshot about to start.
   */
  boundary(line: number, info: SnapshotInfo = {}): void {
    if (this.rows > 0 || !this.pending) {
      this.close();
      this.start({ type: 'snapshot', capturedAt: null, timeSource: null, line });
    }
    const p = this.pending!;
    if (info.pid !== undefined && p.pid === undefined) p.pid = info.pid;
    if (info.command !== undefined && p.command === undefined) p.command = info.command;
    this.info = { pid: p.pid, command: p.command };
  }

  /** Call before emitting a row: emits the snapshot's meta first (an untimed one if none was started). */
  row(line: number): void {
    if (!this.pending && !this.emitted) this.start({ type: 'snapshot', capturedAt: null, timeSource: null, line });
    if (this.pending) {
      this.emit(this.pending);
      this.emitted = true;
      this.pending = null;
    }
    this.rows++;
  }

  /** pid / command of the current snapshot as far as known (for rows that do not print their own). */
  current(): SnapshotInfo {
    return this.info;
  }

  /** End of input: a timed snapshot with no rows is still a snapshot (the process had nothing open). */
  end(): void {
    this.close();
  }

  private start(meta: SnapshotMeta): void {
    this.pending = meta;
    this.rows = 0;
    this.info = { pid: meta.pid, command: meta.command };
  }

  private close(): void {
    if (this.pending && this.pending.capturedAt !== null) {
      this.emit(this.pending);
      this.emitted = true;
    }
    this.pending = null;
  }
}
