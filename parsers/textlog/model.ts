/** The first line of a record as a layout reader understood it, before continuation lines fold in. */
import type { NumericLeaves, TimeQuality } from '../types';
import type { GenericLogFields } from './fields';

export interface Start {
  ts: number | null;
  tq: TimeQuality;
  level: number | null;
  pid?: number;
  thread?: string;
  logger?: string;
  message: string;
  kind: string | null;
  fields: GenericLogFields;
  /** A PostgreSQL DETAIL/HINT/STATEMENT… line: folds into the open record of the same backend. */
  pgFollowUp?: string;
  /** Lines the record carries inside its first line (zap's JSON `stacktrace`): its continuation starts with them. */
  carried?: string[];
  /** A JSON line's numbers among its untyped keys (see parsers/numeric-leaves.ts). */
  numbers?: NumericLeaves;
}

/** Where a line is in the file, as the engine reports it. */
export interface Ln {
  no: number;
  offset: number;
  len: number;
}

export const MAX_MESSAGE = 64 * 1024;
export const MAX_CONTINUATION = 200;
export const MAX_EXTRA_KEYS = 40;
export const MAX_EXTRA_CHARS = 1000;

export function capMessage(s: string): string {
  return s.length > MAX_MESSAGE ? s.slice(0, MAX_MESSAGE) + '…' : s;
}

/** A value for `fields.extra`: strings capped, objects as compact JSON. */
export function shallow(v: unknown): unknown {
  if (typeof v === 'string') return v.length > MAX_EXTRA_CHARS ? v.slice(0, MAX_EXTRA_CHARS) + '…' : v;
  if (v === null || typeof v !== 'object') return v;
  let s: string;
  try {
    s = JSON.stringify(v);
  } catch {
    return '[unserialisable]';
  }
  return s.length > MAX_EXTRA_CHARS ? s.slice(0, MAX_EXTRA_CHARS) + '…' : s;
}
