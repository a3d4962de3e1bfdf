/**
 * How each psql output style lays a row out. Aligned tables are cut at the column boundaries of the
 * `----+----` line under the header, so a `|` inside a value does not split it; psql marks a value that
 * goes on to the next line with `+` in the column's right margin. Unaligned (`-A`) rows are split on `|`,
 * and extra separators are given to the query column, the only free text. CSV goes through papaparse.
 */
import { parseRow } from '../metrics/csv-line';
import { columnsOf, type Columns } from './columns';

export const SEPARATOR = /^-+(?:\+-+)*$/;
export const FOOTER = /^\((\d+) rows?\)$/;
export const RECORD_HEADER = /^-\[ RECORD \d+ \]-*(?:\+-*)?$/;

/** Header cells split on `|` (aligned or unaligned), when they name pg_stat_activity columns. */
export function pipeHeader(text: string): Columns | null {
  return text.includes('|') ? columnsOf(text.split('|')) : null;
}

/** A CSV header (psql --csv), when it names pg_stat_activity columns. */
export function csvHeader(text: string): Columns | null {
  return text.includes(',') && !text.includes('|') ? columnsOf(parseRow(text, ',').cells) : null;
}

export function csvRow(text: string): { cells: string[]; open: boolean } {
  return parseRow(text, ',');
}

/** Start and end (exclusive) of each column's region, from the `----+----` line. */
export function alignedBounds(separator: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i <= separator.length; i++) {
    if (i === separator.length || separator[i] === '+') {
      out.push([start, i]);
      start = i + 1;
    }
  }
  return out;
}

export interface AlignedCells {
  cells: string[];
  /** Columns whose value goes on to the next line (psql's `+` newline marker). */
  marked: boolean[];
}

/** One aligned line cut into its columns' values (margins and padding removed). */
export function alignedCells(text: string, bounds: readonly [number, number][]): AlignedCells {
  const n = bounds.length;
  const fits = bounds.slice(1).every(([s]) => s - 1 >= text.length || text[s - 1] === '|');
  let regions: string[];
  if (fits) regions = bounds.map(([s, e], i) => text.slice(s, i === n - 1 ? undefined : e));
  else {
    // Wide characters moved the columns: fall back to the separators, extra ones left in the last column.
    const parts = text.split('|');
    regions = parts.length >= n ? [...parts.slice(0, n - 1), parts.slice(n - 1).join('|')] : parts;
  }
  const cells: string[] = [];
  const marked: boolean[] = [];
  regions.forEach((r, i) => {
    const width = bounds[i]![1] - bounds[i]![0];
    const mark = r.length >= width && r.endsWith('+') && fits;
    marked.push(mark);
    cells.push((mark ? r.slice(1, -1) : r.slice(1)).replace(/\s+$/, ''));
  });
  return { cells, marked };
}

/** An unaligned (`-A`) row's cells: extra `|` belong to the query column. Null when it has too few. */
export function unalignedCells(text: string, cols: Columns): string[] | null {
  const n = cols.names.length;
  const parts = text.split('|');
  if (parts.length === n) return parts;
  if (parts.length < n) return null;
  const q = cols.index.query;
  if (q === undefined) return null;
  const after = n - q - 1;
  return [...parts.slice(0, q), parts.slice(q, parts.length - after).join('|'), ...parts.slice(parts.length - after)];
}
