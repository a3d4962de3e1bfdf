import type { Kind, LogRecord } from '../../parsers/types';
import type { FindingDraft, Severity } from '../model/finding';
import type { Occurrence } from '../model/occurrence';
import type { Store } from '../store';
import type { ExactHistogram } from './stats';

/** Lines a signature must and must not match, parsed by the named parser; its tests run them. */
export interface SignatureSamples {
  parser: Kind;
  match: string[];
  noMatch: string[];
}

export interface DetectContext {
  bundleId: number;
  store: Store;
  /** Statistics kept while the bundle streamed in (ingest/stream-stats.ts); absent on a stored bundle. */
  streamed?: StreamedStats;
}

/** A file's timed events in line order, as parallel arrays: millions of rows without an object each. */
export interface TimesInLineOrder {
  /** The time of the i-th event (read in place: no copy of millions of times). */
  at(i: number): number;
  length: number;
  /** The id of the i-th event. */
  id(i: number): number;
  /** The line of the i-th event (read on demand: only a few are ever needed). */
  line(i: number): number;
}

/**
 * What detectors would otherwise re-read from every stored event, kept during the stream. Each
 * answer is null where the stream could not give the same result as the store (then detectors query).
 */
export interface StreamedStats {
  timesInLineOrder(fileId: number): TimesInLineOrder | null;
  /** Response times (ms) of every `http.request` event: value → how many. */
  responseTimes(): ExactHistogram | null;
  /** Events of `kind` per `ts - (ts % bucketMs)`, as EventRepo.histogram. */
  histogram(kind: string, bucketMs: number): Map<number, number> | null;
}

/**
 * One failure signature, as data plus two functions: `match` is the line-level predicate applied
 * to every parsed record during ingest (it sees the whole record, stack included); `detect` turns
 * the stored matches (or other store queries) into findings with evidence and occurrences.
 *
 * `Id` is the signature's id as a literal type, `D` the shape of its findings' `data` and `O` of
 * their occurrences: cause rules read them through `CauseContext.of(ID)`, so a misspelt id or a
 * renamed field fails to compile.
 */
export interface Signature<Id extends string = string, D extends object = Record<string, unknown>, O extends Occurrence = Occurrence> {
  id: Id;
  title: string;
  severity: Severity;
  /** Plain language: what this means and why it matters. */
  explanation: string;
  fix: string;
  references: string[];
  samples?: SignatureSamples;
  match?(record: LogRecord): boolean;
  detect(ctx: DetectContext): FindingDraft<D, O>[];
}

/** Any signature, whatever its id and data. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySignature = Signature<string, any, any>;
