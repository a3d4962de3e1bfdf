/**
 * Records of GC logs: JDK 9+ unified logging (`-Xlog:gc*`, `-Xlog:safepoint`) and JDK 6–8
 * `-XX:+PrintGCDetails` / `-XX:+PrintGCDateStamps` / `-XX:+PrintGCApplicationStoppedTime` logs.
 */
import type { HeapHistogram } from '../jmap/model';
import type { TimeQuality } from '../types';

/** A stop-the-world pause: a collection pause, or a safepoint (`phase: 'Safepoint'`). */
export interface GcPause {
  type: 'gc-pause';
  /** UTC ms when the pause began; null when the log prints only the JVM uptime. */
  ts: number | null;
  tq: TimeQuality;
  /** Seconds since JVM start when the pause began, when printed. */
  uptimeS?: number;
  pauseMs: number;
  /** `G1`, `Parallel`, `Serial`, `CMS`, `ParNew`, `Shenandoah`, `ZGC`, when known. */
  collector?: string;
  /** `Young`, `Mixed`, `Full`, `Remark`, `Cleanup`, `Initial Mark`, `Safepoint`, or what the collector printed. */
  phase: string;
  /** The pause as printed, e.g. `Pause Young (Normal) (G1 Evacuation Pause)`, `GC pause (G1 Evacuation Pause) (young)`. */
  label: string;
  /** `G1 Evacuation Pause`, `Allocation Failure`, `System.gc()`, a safepoint's VM operation… */
  cause?: string;
  /** Unified logging's `GC(n)`. */
  gcId?: number;
  heapBeforeKb?: number;
  heapAfterKb?: number;
  heapTotalKb?: number;
  /** First and last line of the pause, including folded detail lines. */
  line: number;
  endLine: number;
}

export type GcInfoKind =
  /** JVM/collector start-up block: `Using G1`, heap capacities, `CommandLine flags:` */
  | 'collector'
  | 'to-space-exhausted'
  | 'concurrent-mode-failure'
  | 'promotion-failed'
  | 'gc-overhead-limit'
  | 'out-of-memory'
  /** `Attempting full compaction`, `… clearing soft references`: the heap could not be freed otherwise. */
  | 'full-compaction'
  /** A concurrent cycle or phase, with its duration when printed. */
  | 'concurrent'
  | 'concurrent-abort'
  /** Heap layout printed at exit or around a GC (`Heap`, `{Heap before GC …`). */
  | 'heap-summary'
  /** A pause record that ends before its duration (a cut paste, a crash). */
  | 'incomplete'
  /** A recognised GC-log line that carries no pause (e.g. `GC(3) Pause Young` without a summary). */
  | 'other';

export interface GcInfo {
  type: 'gc-info';
  ts: number | null;
  tq: TimeQuality;
  uptimeS?: number;
  kind: GcInfoKind;
  /** The line's message (without decorations and time prefixes), trimmed. */
  message: string;
  collector?: string;
  gcId?: number;
  durationMs?: number;
  heapInitialKb?: number;
  heapMaxKb?: number;
  line: number;
  endLine: number;
}

export type GcRecord = GcPause | GcInfo | HeapHistogram;
