/**
 * Records of heap-histogram artifacts: `jmap -histo` / `jcmd GC.class_histogram` tables (all JDK
 * generations, the Serviceability-Agent `jmap -F` form, jvmkill tables, histograms embedded in GC
 * logs) and Eclipse MAT "Leak Suspects" text.
 */
import type { SnapshotMeta } from '../types';

export interface HistogramRow {
  /** 1-based rank as printed; jvmkill prints none, so its rows are ranked by bytes. */
  rank: number;
  instances: number;
  bytes: number;
  /** Java-syntax name: `[C` → `char[]`, `[Ljava.lang.String;` → `java.lang.String[]`, `Ljava/util/Map;` → `java.util.Map`. */
  className: string;
  /** The name exactly as printed (without the module column). */
  rawName: string;
  /** JDK 9+ module column without parentheses, e.g. `java.base@17.0.15`. */
  module?: string;
  /** The row's line in its file (evidence points at the class, not at the table). */
  line?: number;
}

/** Which tool printed the table. */
export type HistogramFormat = 'jmap' | 'jmap-sa' | 'jvmkill' | 'gc-log';

export interface HeapHistogram {
  type: 'heap-histogram';
  format: HistogramFormat;
  rows: HistogramRow[];
  /** The `Total` line, when the table has one. */
  total?: { instances: number; bytes: number };
  /** True when rows were left out (`...` lines, as people paste them). */
  elided: boolean;
  /** First and last line of the table, including its preamble (prompt, `Object Histogram:`, pid line). */
  line: number;
  endLine: number;
}

/** One "Problem Suspect" paragraph of a MAT Leak Suspects report. */
export interface MatSuspect {
  type: 'mat-suspect';
  /** 1-based: from `Problem Suspect N`, else the order in the file. */
  index: number;
  /** The description paragraph, lines joined with single spaces. */
  text: string;
  /** The first quoted class named by the description (`One instance of "X"`, `The class "X"`). */
  className?: string;
  /** Retained bytes: `occupies 3,121,544 (12.79%) bytes` → 3121544. */
  bytes?: number;
  /** Share of the heap: 12.79. */
  percent?: number;
  /** `One instance of` → 1, `60,444 instances of` → 60444. */
  instances?: number;
  /** The lines of the `Keywords` block. */
  keywords: string[];
  line: number;
  endLine: number;
}

export type JmapRecord = SnapshotMeta | HeapHistogram | MatSuspect;
