/** Turns a query's filters into what each row source needs: event partitions, a predicate, row tests. */
import type { EventPredicate, Partition } from '../store/timeline-queries';
import { ROW_TYPES, TimelineError, type RowType, type TimelineFilters } from './types';

export interface Filter {
  types: ReadonlySet<RowType>;
  fileIds: ReadonlySet<number> | null;
  level: ((level: number | null | undefined) => boolean) | null;
  kinds: ReadonlySet<string> | null;
  /** Lower-cased (ASCII) needle. */
  text: string | null;
  eventIds: readonly number[] | null;
}

const FINDING_LEVEL: Record<string, number> = { critical: 60, high: 50, medium: 40, low: 30, info: 30 };
export const severityLevel = (severity: string): number => FINDING_LEVEL[severity] ?? 30;

/** ASCII-only case folding, the same as SQLite's LIKE, so events and other rows match alike. */
export const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

export function normalizeFilters(f: TimelineFilters = {}): Filter {
  const types = new Set<RowType>(f.types ?? ROW_TYPES);
  for (const t of types) if (!(ROW_TYPES as readonly string[]).includes(t)) throw new TimelineError(`unknown row type "${t}" (use ${ROW_TYPES.join(', ')})`);
  const fileIds = f.fileIds ? new Set(f.fileIds) : null;
  for (const id of fileIds ?? []) if (!Number.isSafeInteger(id)) throw new TimelineError(`not a file id: ${id}`);
  for (const id of f.eventIds ?? []) if (!Number.isSafeInteger(id)) throw new TimelineError(`not an event id: ${id}`);
  const min = f.minLevel;
  if (min !== undefined && !Number.isFinite(min)) throw new TimelineError(`not a level: ${min}`);
  const levels = f.levels ? new Set(f.levels) : null;
  const level =
    min === undefined && levels === null
      ? null
      : (l: number | null | undefined) => l !== null && l !== undefined && l >= 0 && (min === undefined || l >= min) && (levels === null || levels.has(l));
  const text = f.text === undefined || f.text === '' ? null : asciiLower(f.text);
  return { types, fileIds, level, kinds: f.kinds ? new Set(f.kinds) : null, text, eventIds: f.eventIds ? [...f.eventIds] : null };
}

/** The (file, level) partitions of the bundle's events that the filter keeps. */
export function selectPartitions(all: readonly Partition[], f: Filter): Partition[] {
  if (!f.types.has('event')) return [];
  return all.filter((p) => (f.fileIds === null || f.fileIds.has(p.fileId)) && (f.level === null || f.level(p.level)));
}

/** `%needle%` for LIKE, with the needle's own wildcards escaped. */
export const likePattern = (needle: string): string => `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function eventPredicate(f: Filter): EventPredicate {
  return {
    kinds: f.kinds ? [...f.kinds] : null,
    // Ids given by the caller (a full-text index) answer the text filter for events.
    like: f.text !== null && f.eventIds === null ? likePattern(f.text) : null,
    eventIds: f.eventIds,
  };
}

/** Whether a non-event row passes the filter. */
export function keepRow(f: Filter, r: { type: RowType; fileIds: readonly number[]; level: number | undefined; kind: string | undefined; text: string }): boolean {
  if (!f.types.has(r.type)) return false;
  if (f.fileIds !== null && !r.fileIds.some((id) => f.fileIds!.has(id))) return false;
  if (f.level !== null && !f.level(r.level)) return false;
  if (f.kinds !== null && (r.kind === undefined || !f.kinds.has(r.kind))) return false;
  if (f.text !== null && !asciiLower(r.text).includes(f.text)) return false;
  return true;
}
