/**
 * The pprof model: what Rootline keeps of a profile (profile.proto, as Go's runtime/pprof, Datadog's
 * and Google's profilers write it) — its kind, time and duration, the totals per sample type, and the
 * top functions of each sample type by flat, cumulative and application share.
 */

/** What a profile measures, from its sample types (and, for Go's look-alike mutex and block profiles, its name or leaf frames). */
export type ProfileKind = 'cpu' | 'heap' | 'goroutine' | 'mutex' | 'block' | 'threadcreate' | 'other';

export interface ProfileSampleType {
  /** `cpu`, `samples`, `alloc_space`, `inuse_space`, `goroutine`, `contentions`, `delay`… */
  type: string;
  /** `nanoseconds`, `count`, `bytes`… */
  unit: string;
  /** Sum of the values of every sample. */
  total: number;
}

export interface ProfileFunction {
  /** 1-based row number over the whole profile (sample types in order, then rank): what evidence points at. */
  row: number;
  sampleType: string;
  unit: string;
  /** 1 = the most flat value within its sample type. */
  rank: number;
  name: string;
  file: string | null;
  startLine: number | null;
  /** Value of the samples whose leaf frame is this function. */
  flat: number;
  /** Value of the samples with this function anywhere on their stack. */
  cum: number;
  /** Value of the samples whose innermost application frame (not runtime, not standard library) is this function. */
  app: number;
  /** Shares of the sample type's total, 0..1; null when the total is 0. */
  flatShare: number | null;
  cumShare: number | null;
  appShare: number | null;
  /** The program's own code (not the language runtime or standard library). */
  isApp: boolean;
}

export interface ProfileSummary {
  type: 'pprof';
  kind: ProfileKind;
  /** When the profile was taken (Go: the start of a CPU profile), UTC ms; null when it does not say. */
  capturedAt: number | null;
  /** What it covers (a CPU profile's sampling time), ms; null when not printed. */
  durationMs: number | null;
  period: number | null;
  periodType: string | null;
  periodUnit: string | null;
  sampleTypes: ProfileSampleType[];
  /** The sample type shown by default: the profile's `default_sample_type`, else the last one (as pprof does). */
  defaultType: string;
  samples: number;
  /** Distinct functions in the profile (`functions` keeps the top ones of each sample type). */
  functionCount: number;
  functions: ProfileFunction[];
  /** The executable of the profile's first mapping (`/usr/local/bin/api-server`), when named. */
  program: string | null;
  /** The application function with the largest share of the default sample type, by innermost application frame. */
  hottest: { name: string; share: number | null; row: number } | null;
  comments: string[];
}
