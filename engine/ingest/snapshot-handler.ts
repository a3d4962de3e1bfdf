/**
 * Stores snapshot parsers' records: each `snapshot` record opens a snapshot of the file's kind, the
 * rows that follow belong to it. Capture times the file does not give come from its name, then its
 * mtime (ARCHITECTURE.md's order of trust).
 */
import type { CgroupFact } from '../../parsers/cgroup';
import type { GoroutineDump } from '../../parsers/goroutine';
import type { HeapHistogram, MatSuspect } from '../../parsers/jmap';
import type { ThreadDump } from '../../parsers/jstack';
import type { LimitRow } from '../../parsers/limits';
import type { FdCount, FdRow } from '../../parsers/lsof';
import type { SocketRow } from '../../parsers/sockets';
import type { MetricPoint } from '../../parsers/metrics';
import type { PgBackend, PgCaptureError } from '../../parsers/pgstat';
import type { TopSample } from '../../parsers/top';
import type { SnapshotMeta } from '../../parsers/types';
import type { Store } from '../store';
import { TQ } from '../store/events';
import type { SnapshotWriter } from '../store/snapshots';
import { timeFromFileName } from './filename-time';
import type { RecordHandler } from './record-sink';
import { writeGoroutineDump, writeHistogram, writeMatSuspect, writeThreadDump } from './rows/dump-rows';
import { writeFd, writeFdCount, writeLimit, writeSocket } from './rows/net-rows';
import { writeTopSample } from './rows/top-rows';
import { writePgBackend, writePgCaptureError } from './rows/pg-rows';

interface Current {
  id: number;
  rows: number;
  lastLine: number;
  /** The process the capture is about, when its header says (top -H -p PID: the threads' process). */
  pid: number | null;
}

interface FileState {
  kind: string;
  seq: number;
  current: Current | null;
}

export const SNAPSHOT_RECORD_TYPES = ['snapshot', 'fd', 'fd-count', 'socket', 'limit', 'thread-dump', 'goroutine-dump', 'heap-histogram', 'mat-suspect', 'top-sample', 'cgroup-fact', 'metric', 'pg-backend', 'pg-capture-error'] as const;

export class SnapshotHandler implements RecordHandler {
  private readonly files = new Map<number, FileState>();

  constructor(private readonly store: Store, private readonly w: SnapshotWriter) {}

  /** One handler serves every snapshot record type. */
  register(into: Map<string, RecordHandler>): void {
    for (const t of SNAPSHOT_RECORD_TYPES) into.set(t, this);
  }

  private state(fileId: number): FileState {
    let s = this.files.get(fileId);
    if (!s) {
      s = { kind: this.store.files.get(fileId)?.kind ?? 'unknown', seq: 0, current: null };
      this.files.set(fileId, s);
    }
    return s;
  }

  private open(fileId: number, meta: SnapshotMeta | null, line: number, kind?: string): Current {
    const s = this.state(fileId);
    this.close(s);
    const captured = meta?.capturedAt ?? null;
    const id = this.w.createSnapshot({
      file_id: fileId,
      kind: kind ?? meta?.kind ?? s.kind,
      seq: s.seq++,
      captured_at: captured,
      tq: captured === null ? TQ.none : meta?.tq === 'explicit' ? TQ.explicit : TQ.assumed,
      time_source: captured === null ? null : (meta?.timeSource ?? 'header'),
      host: meta?.host ?? null,
      pid: meta?.pid ?? null,
      command: meta?.command ?? null,
      line,
    });
    s.current = { id, rows: 0, lastLine: line, pid: meta?.pid ?? null };
    return s.current;
  }

  private close(s: FileState): void {
    if (!s.current) return;
    this.w.finishSnapshot(s.current.id, s.current.lastLine, s.current.rows);
    s.current = null;
  }

  /** The snapshot rows belong to; a row before any snapshot record opens an implicit one. */
  private target(fileId: number, line: number, kind?: string): Current {
    const s = this.state(fileId);
    return s.current ?? this.open(fileId, null, line, kind);
  }

  accept(record: { type: string }, fileId: number): void {
    const r = record as { type: string; line?: number; endLine?: number };
    if (r.type === 'metric') {
      const m = record as MetricPoint;
      this.w.metrics.add(fileId, m.series, m.ts, m.value, m.tq === 'explicit' ? TQ.explicit : TQ.assumed, m.line);
      return;
    }
    if (r.type === 'snapshot') {
      const meta = record as SnapshotMeta;
      this.open(fileId, meta, meta.line);
      return;
    }
    const line = r.line ?? 0;
    const isHistogramInOtherFile = r.type === 'heap-histogram' && this.state(fileId).kind !== 'jmap-histo';
    const cur = this.target(fileId, line, isHistogramInOtherFile ? 'jmap-histo' : undefined);
    cur.lastLine = Math.max(cur.lastLine, r.endLine ?? line);
    switch (r.type) {
      case 'fd':
        writeFd(this.w, cur.id, record as FdRow);
        cur.rows++;
        break;
      case 'fd-count':
        writeFdCount(this.w, cur.id, record as FdCount);
        cur.rows++;
        break;
      case 'socket':
        writeSocket(this.w, cur.id, record as SocketRow);
        cur.rows++;
        break;
      case 'limit':
        writeLimit(this.w, cur.id, record as LimitRow);
        cur.rows++;
        break;
      case 'thread-dump':
        cur.rows += writeThreadDump(this.w, cur.id, record as ThreadDump);
        break;
      case 'goroutine-dump':
        cur.rows += writeGoroutineDump(this.w, cur.id, record as GoroutineDump);
        break;
      case 'heap-histogram':
        cur.rows += writeHistogram(this.w, cur.id, record as HeapHistogram);
        break;
      case 'top-sample':
        cur.rows += writeTopSample(this.w, cur.id, record as TopSample, cur.pid);
        break;
      case 'mat-suspect':
        writeMatSuspect(this.w, cur.id, record as MatSuspect);
        cur.rows++;
        break;
      case 'pg-backend':
        writePgBackend(this.w, cur.id, record as PgBackend);
        cur.rows++;
        break;
      case 'pg-capture-error':
        writePgCaptureError(this.w, cur.id, record as PgCaptureError);
        break;
      case 'cgroup-fact': {
        // One snapshot_facts row per value: numbers as text in the unit the name says, `max` for no limit.
        const f = record as CgroupFact;
        this.w.facts.add(cur.id, f.line, f.name, String(f.value));
        cur.rows++;
        break;
      }
    }
  }

  endFile(fileId: number): void {
    this.w.flush(); // metrics arrive without a snapshot
    const s = this.files.get(fileId);
    if (!s) return;
    this.close(s);
    this.w.flush();
    const file = this.store.files.get(fileId);
    for (const snap of this.store.snapshots.ofFile(fileId)) {
      if (snap.captured_at !== null) continue;
      const named = file ? timeFromFileName(file.path) : null;
      if (named) this.store.snapshots.setCapture(snap.id, named.ts, named.explicit ? TQ.explicit : TQ.assumed, 'filename');
      else if (file?.mtime) this.store.snapshots.setCapture(snap.id, file.mtime, TQ.explicit, 'mtime');
    }
    this.files.delete(fileId);
  }
}
