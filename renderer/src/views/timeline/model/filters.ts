/**
 * The view's filters (sources, minimum level, row types, kinds, text) and how each query takes them:
 * the histogram and the row list pass them all to the engine; the marks on the lanes (snapshots,
 * findings, annotations) are few, so they are fetched once per window and filtered here — that way a
 * level or source filter never hides the user's own annotations.
 */
import { MARKERS } from '../../../../../engine/model/annotation';
import type { RowType, TimelineFilters, TimelineRow } from '../../../../../engine/timeline/types';

/** The engine's row types (its `ROW_TYPES`, repeated here: the renderer imports no engine runtime). */
export const ROW_TYPES: readonly RowType[] = ['event', 'snapshot', 'finding', 'annotation'];

export interface ViewFilters {
  /** Only these files; null: every file. */
  fileIds: number[] | null;
  /** Pino scale (10 trace … 60 fatal); null: every level. */
  minLevel: number | null;
  types: RowType[];
  /** Event kinds, snapshot kinds, finding signatures or annotation markers; empty: any. */
  kinds: string[];
  text: string;
}

export const NO_FILTERS: ViewFilters = { fileIds: null, minLevel: null, types: [...ROW_TYPES], kinds: [], text: '' };

export const LEVEL_OPTIONS: { value: number | null; label: string }[] = [
  { value: null, label: 'Any level' },
  { value: 20, label: 'Debug and above' },
  { value: 30, label: 'Info and above' },
  { value: 40, label: 'Warnings and above' },
  { value: 50, label: 'Errors and above' },
  { value: 60, label: 'Fatal only' },
];

export const TYPE_LABELS: Record<RowType, string> = { event: 'Events', snapshot: 'Snapshots', finding: 'Findings', annotation: 'Annotations' };

export function filtersActive(f: ViewFilters): boolean {
  return f.fileIds !== null || f.minLevel !== null || f.types.length !== ROW_TYPES.length || f.kinds.length > 0 || f.text.trim() !== '';
}

/** The engine filters for the histogram and the row list (optionally narrowed to some row types). */
export function queryFilters(f: ViewFilters, only?: readonly RowType[]): TimelineFilters {
  const out: TimelineFilters = {};
  const types = only ? f.types.filter((t) => only.includes(t)) : f.types;
  if (types.length !== ROW_TYPES.length) out.types = types;
  if (f.fileIds !== null) out.fileIds = f.fileIds;
  if (f.minLevel !== null) out.minLevel = f.minLevel;
  if (f.kinds.length) out.kinds = f.kinds;
  const text = f.text.trim();
  if (text) out.text = text;
  return out;
}

/** The engine filters for the marks query: types and text only (the rest is applied by `keepMark`). */
export function markFilters(f: ViewFilters): TimelineFilters {
  const types = f.types.filter((t) => t !== 'event');
  const out: TimelineFilters = { types };
  const text = f.text.trim();
  if (text) out.text = text;
  return out;
}

const lower = (s: string) => s.toLowerCase();

/**
 * Whether a mark stays on the lanes: snapshots by source and kind, findings by source (any of their
 * evidence files), level and kind; annotations always (they are the user's own), unless the kinds
 * filter names markers and this one is not among them.
 */
export function keepMark(r: TimelineRow, f: ViewFilters, findingFiles: (ref: string) => readonly number[] | undefined): boolean {
  if (!f.types.includes(r.type)) return false;
  const kinds = f.kinds.map(lower);
  const kindOk = (k: string | undefined) => kinds.length === 0 || (k !== undefined && kinds.includes(lower(k)));
  if (r.type === 'snapshot') return (f.fileIds === null || (r.fileId !== undefined && f.fileIds.includes(r.fileId))) && kindOk(r.kind);
  if (r.type === 'finding') {
    if (f.minLevel !== null && (r.level ?? 0) < f.minLevel) return false;
    if (f.fileIds !== null) {
      const files = findingFiles(r.ref) ?? (r.fileId !== undefined ? [r.fileId] : []);
      if (!files.some((id) => f.fileIds!.includes(id))) return false;
    }
    return kindOk(r.kind);
  }
  if (r.type === 'annotation') return kindOk(r.kind) || !kinds.some((k) => (MARKERS as readonly string[]).includes(k));
  return true;
}

/** "app.log, gc.log +3" style summary of a source selection. */
export function sourcesSummary(selected: readonly number[] | null, all: readonly { fileId: number; path: string }[]): string {
  if (selected === null) return `All sources (${all.length})`;
  if (selected.length === 0) return 'No sources';
  const names = all.filter((s) => selected.includes(s.fileId)).map((s) => s.path.slice(s.path.lastIndexOf('/') + 1));
  return names.length <= 2 ? names.join(', ') : `${names.slice(0, 2).join(', ')} +${names.length - 2}`;
}

/** Parses the kinds field: comma or space separated, trimmed, de-duplicated. */
export function parseKinds(s: string): string[] {
  return [...new Set(s.split(/[,\s]+/).map((k) => k.trim()).filter(Boolean))];
}

/** Level name on the pino scale, for the row list. */
export function levelName(level: number | undefined): string {
  if (level === undefined) return '';
  if (level >= 60) return 'fatal';
  if (level >= 50) return 'error';
  if (level >= 40) return 'warn';
  if (level >= 30) return 'info';
  if (level >= 20) return 'debug';
  return 'trace';
}

export const levelClassOf = (level: number | undefined): 'error' | 'warn' | 'other' =>
  level === undefined ? 'other' : level >= 50 ? 'error' : level >= 40 ? 'warn' : 'other';
