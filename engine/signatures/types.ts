import type { Kind, LogRecord } from '../../parsers/types';
import type { FindingDraft, Severity } from '../model/finding';
import type { Occurrence } from '../model/occurrence';
import type { Store } from '../store';

/** Lines a signature must and must not match, parsed by the named parser; its tests run them. */
export interface SignatureSamples {
  parser: Kind;
  match: string[];
  noMatch: string[];
}

export interface DetectContext {
  bundleId: number;
  store: Store;
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
