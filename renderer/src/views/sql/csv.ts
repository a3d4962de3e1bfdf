/** CSV of a query result with papaparse: a header row, NULL as empty, formula-like text defused. */
import Papa from 'papaparse';
import { cellCsv } from './result';

/**
 * Cells a spreadsheet would run as a formula get a leading `'` (log text is written by whoever
 * attacked you). papaparse's own pattern misses multi-line cells (`.` stops at a newline), so
 * only the first character is checked.
 */
const FORMULA = /^[=+\-@\t\r]/;

export function resultCsv(columns: readonly string[], rows: readonly unknown[][]): string {
  return Papa.unparse(
    { fields: [...columns], data: rows.map((r) => columns.map((_, i) => cellCsv(r[i]))) },
    { escapeFormulae: FORMULA, newline: '\r\n', quotes: false },
  );
}
