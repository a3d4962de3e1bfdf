/**
 * Where parsed records go: log records become events (and signature hits), skipped lines are
 * counted and sampled, other record types go to the handler registered for them.
 */
import { isStructuralSkip } from '../../parsers/skip-reasons';
import type { LogRecord, SkippedLine, TimeQuality } from '../../parsers/types';
import type { AnySignature as Signature } from '../signatures/types';
import type { Store } from '../store';
import type { EventWriter } from '../store/events';
import type { LineBlockWriter } from '../store/line-blocks';
import { TQ } from '../store/events';
import { LogMetricCollector } from './log-metrics';
import { prepareLog, type PreparedLog } from './prepared-log';
import type { StreamStats } from './stream-stats';

/** Stores records of one non-log type (snapshot rows, dumps…) for one file. */
export interface RecordHandler {
  accept(record: { type: string }, fileId: number): void;
  /** Called once per file after its last record. */
  endFile?(fileId: number): void;
}

export interface FileTotals {
  records: number;
  skipped: number;
  explicit: number;
  assumed: number;
  untimed: number;
  minTs: number | null;
  maxTs: number | null;
  unhandled: Map<string, number>;
}

const SKIPPED_SAMPLE = 200;

export class RecordSink {
  readonly totals: FileTotals = { records: 0, skipped: 0, explicit: 0, assumed: 0, untimed: 0, minTs: null, maxTs: null, unhandled: new Map() };
  private readonly skippedRows: { file_id: number; line: number; offset: number; reason: string }[] = [];
  private readonly hits: [string, number][] = [];
  /** Numbers of JSON lines, candidates for metrics inside logs; created by the first record that has any. */
  private metrics: LogMetricCollector | null = null;
  /** Ordinary lines' blocks; created by the first such line. */
  private blocks: LineBlockWriter | null = null;

  constructor(
    private readonly store: Store,
    private readonly fileId: number,
    private readonly writer: EventWriter,
    private readonly matchers: readonly Signature[],
    private readonly handlers: ReadonlyMap<string, RecordHandler>,
    private readonly stats?: Pick<StreamStats, 'responseTime'>,
    /** Whether the file's text stays readable after ingest (then ordinary lines go to blocks). */
    private readonly keepLines = true,
  ) {}

  accept = (rec: { type: string }): void => {
    if (rec.type === 'log') return this.log(rec as LogRecord | PreparedLog);
    if (rec.type === 'skipped') {
      const s = rec as SkippedLine;
      if (isStructuralSkip(s.reason)) return;
      this.totals.skipped++;
      if (this.skippedRows.length < SKIPPED_SAMPLE) this.skippedRows.push({ file_id: this.fileId, line: s.line, offset: s.offset, reason: s.reason });
      return;
    }
    this.totals.records++;
    this.noteTime(rec);
    const h = this.handlers.get(rec.type);
    if (h) h.accept(rec, this.fileId);
    else this.totals.unhandled.set(rec.type, (this.totals.unhandled.get(rec.type) ?? 0) + 1);
  };

  /**
   * GC events, snapshot capture times and metric points carry times too: they count for the file's
   * time quality as log records do (its first/last come from the store once every file is placed).
   */
  private noteTime(rec: { type: string }): void {
    const r = rec as { ts?: unknown; capturedAt?: unknown; tq?: TimeQuality };
    if (typeof (rec.type === 'snapshot' ? r.capturedAt : r.ts) !== 'number') return;
    if (r.tq === 'explicit') this.totals.explicit++;
    else this.totals.assumed++;
  }

  private log(rec: LogRecord | PreparedLog): void {
    // Records from a parse worker come prepared; the sink prepares the others the same way.
    const r = 'prepared' in rec ? rec : prepareLog(rec, this.matchers, this.keepLines);
    const e = r.row;
    const t = this.totals;
    t.records++;
    if (e.ts === null) t.untimed++;
    else {
      if (e.tq === TQ.explicit) t.explicit++;
      else t.assumed++;
      if (t.minTs === null || e.ts < t.minTs) t.minTs = e.ts;
      if (t.maxTs === null || e.ts > t.maxTs) t.maxTs = e.ts;
    }
    if (r.ordinary) {
      const row = { file_id: this.fileId, ...e };
      (this.blocks ??= this.store.lineBlockWriter(this.fileId)).add(this.writer.reserve(row), row, r.responseTime);
      if (r.responseTime !== null) this.stats?.responseTime(r.responseTime);
      return;
    }
    const id = this.writer.add({ file_id: this.fileId, ...e });
    if (r.responseTime !== null) this.stats?.responseTime(r.responseTime);
    if (r.numbers !== undefined) (this.metrics ??= new LogMetricCollector()).add({ numbers: r.numbers, ts: e.ts, kind: e.kind, message: e.message, pid: e.pid }, id);
    if (r.hits) for (const sig of r.hits) this.hits.push([sig, id]);
  }

  /** Flushes events first: hits reference their ids. */
  end(): void {
    this.writer.flush();
    this.blocks?.flush();
    this.store.hits.add(this.hits);
    if (this.metrics) this.store.logMetrics.write(this.fileId, this.metrics.finish());
    this.store.files.addSkipped(this.skippedRows);
    for (const h of new Set(this.handlers.values())) h.endFile?.(this.fileId);
  }
}
