/** The console's result as CSV (RFC 4180 through papaparse): a header row, then one line per row. */
import Papa from 'papaparse';
import type { SqlRows } from './run-sql';

export interface CsvOptions {
  /**
   * Prefix cells that a spreadsheet would run as a formula (starting with = + - @ tab or CR) with
   * a quote, as OWASP advises: log text is attacker-controlled. Default true.
   */
  escapeFormulae?: boolean;
}

const hex = (b: Uint8Array) => `X'${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex').toUpperCase()}'`;

function cell(v: unknown): unknown {
  if (v instanceof Uint8Array) return hex(v); // blobs as SQL hex literals
  if (typeof v === 'bigint') return v.toString();
  return v; // null → empty cell; numbers stay numbers (so -5 is not taken for a formula)
}

/** CRLF line ends (RFC 4180), and after the last row too (papaparse ends a header-only result with one, other results without). */
export function toCsv(result: Pick<SqlRows, 'columns' | 'rows'>, opts: CsvOptions = {}): string {
  const csv = Papa.unparse(
    { fields: result.columns, data: result.rows.map((r) => r.map(cell)) },
    { escapeFormulae: opts.escapeFormulae ?? true, header: true, newline: '\r\n' },
  );
  return csv.endsWith('\r\n') ? csv : `${csv}\r\n`;
}
