/**
 * The contract between pure parsers and the engine. A parser knows nothing of disks, SQLite or
 * the UI: it sniffs the head of a text and turns lines into typed records.
 */

/** Every artifact kind Rootline recognises. `unknown` and `binary` are verdicts, not parsers. */
export type Kind =
  | 'java-log'
  | 'pino'
  | 'lsof'
  | 'ss'
  | 'netstat'
  | 'jstack'
  | 'goroutine'
  | 'jmap-histo'
  | 'gc-log'
  | 'csv'
  | 'top'
  | 'limits'
  | 'cgroup-cpu'
  | 'json-log'
  /** psql output of `pg_stat_activity` (parsers/pgstat). */
  | 'pg-stat-activity'
  | 'text-log'
  /** pprof protobuf profiles: not a line parser (parsers/pprof, read by engine/ingest/profile-ingest.ts). */
  | 'pprof'
  | 'unknown'
  | 'binary';

export interface SniffInput {
  /** Path inside the bundle, `/`-separated. Only a hint: content decides. */
  name: string;
  /** The first lines of the file (decoded, without line terminators), at most ~200. */
  lines: readonly string[];
}

export interface SniffResult {
  kind: Kind;
  /** 0..1 — how sure the sniffer is from the head. */
  confidence: number;
  /** One short sentence shown to the user ("42 of 50 lines match the Spring Boot pattern"). */
  reason: string;
}

/** Log levels on pino's numeric scale, so Java and Node logs sort and filter together. */
export const LEVELS = { TRACE: 10, DEBUG: 20, INFO: 30, WARN: 40, ERROR: 50, FATAL: 60 } as const;
export type LevelName = keyof typeof LEVELS;

/** Where a record's time came from: printed with a zone, printed without one (zone assumed), or absent. */
export type TimeQuality = 'explicit' | 'assumed' | 'none';

/** One log record: a line plus its folded continuation lines (stack traces, `Caused by`, …). */
export interface LogRecord {
  type: 'log';
  /** UTC epoch ms, or null when the record has no time of its own. */
  ts: number | null;
  tq: TimeQuality;
  level: number | null;
  pid?: number;
  thread?: string;
  logger?: string;
  /** The message of the first line (without time, level, thread, logger prefixes). */
  message: string;
  /** Continuation lines folded into this record (stack frames etc.), capped by the parser. */
  continuation: string[];
  /** Typed message id where known, e.g. `hikari.starvation`, `http.request`; null otherwise. */
  kind: string | null;
  /** Fields of the typed message (pool, deltaMs, timeoutMs, statusCode…). */
  fields: Record<string, unknown>;
  /**
   * Structured (JSON) records only: the numbers among the keys the parser did not type, as dotted
   * paths (`goroutines`, `pool.waitingCount`, `db.InUse`). The engine's candidates for metrics
   * inside logs (engine/ingest/log-metrics.ts); not stored with the event.
   */
  numbers?: NumericLeaves;
  /** 1-based line of the record's first line and of its last line. */
  line: number;
  endLine: number;
  /** Byte offset of the first line and byte length of the whole record in the raw file. */
  offset: number;
  length: number;
  /**
   * Set when the record took something from other lines (a request line given the method and URL
   * of its request's start): parsing its line alone would not give the same record.
   */
  fromContext?: true;
}

/** Numeric leaves of a structured record: `values[i]` sits at `paths[i]`. */
export interface NumericLeaves {
  paths: string[];
  values: number[];
}

/** Lines a parser gave up on: counted and reported, never fatal. */
export interface SkippedLine {
  type: 'skipped';
  line: number;
  offset: number;
  reason: string;
}

/** How a parser resolves times: the engine supplies the zone and a reference date. */
export interface TimeContext {
  /** Convert local wall-clock fields in the bundle's assumed zone to UTC ms. Month is 1-based. */
  localToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number;
  /**
   * A date (UTC ms of local midnight of the day, in the assumed zone) for logs that print only a
   * time of day; null when the engine has none.
   */
  referenceDay: number | null;
}

export interface ParseContext {
  fileName: string;
  time: TimeContext;
}

/**
 * A streaming parser instance. The engine pushes lines (without terminator) in order and calls
 * `end` once; the parser emits records through the `emit` callback it was created with.
 */
export interface LineSink {
  line(text: string, lineNo: number, offset: number, byteLength: number): void;
  end(): void;
}

export interface ParserModule<R> {
  kind: Kind;
  sniff(input: SniffInput): SniffResult | null;
  create(ctx: ParseContext, emit: (record: R | SkippedLine) => void): LineSink;
}

/** Where a snapshot's capture time came from, in order of trust (see ARCHITECTURE.md). */
export type CaptureTimeSource = 'tool' | 'header' | 'log' | 'filename' | 'mtime';

/**
 * Emitted by snapshot parsers (lsof, ss, jstack, …) at the start of every snapshot in a file; the
 * rows that follow belong to it. A file may hold several snapshots (a collector loop appending
 * `date; lsof -p PID` to one file). `capturedAt` is null when the file itself does not say; the
 * engine then falls back to the file name and the mtime.
 */
export interface SnapshotMeta {
  type: 'snapshot';
  capturedAt: number | null;
  /** `log`: a dump inside a log without a stamp of its own, timed by the log record that follows it. */
  timeSource: 'tool' | 'header' | 'log' | null;
  /** Whether `capturedAt` carried its zone; when absent the engine treats a time as zone-assumed. */
  tq?: TimeQuality;
  /** The snapshot's kind when it is not the file's (a goroutine dump inside a log); default the file's kind. */
  kind?: Kind;
  host?: string;
  pid?: number;
  command?: string;
  line: number;
}
