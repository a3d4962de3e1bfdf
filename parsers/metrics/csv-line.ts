/**
 * One CSV record through papaparse (the engine streams lines, so rows are parsed one at a time; a
 * quoted field holding a newline is joined by the caller until the quotes balance).
 */
import Papa from 'papaparse';

export type Delimiter = ',' | ';' | '\t' | '|';
const CANDIDATES: Delimiter[] = [',', ';', '\t', '|'];

export interface ParsedRow {
  cells: string[];
  /** True when a quoted field is still open at the end of the text. */
  open: boolean;
}

export function parseRow(text: string, delimiter: Delimiter): ParsedRow {
  const r = Papa.parse<string[]>(text, { delimiter, quoteChar: '"', header: false, skipEmptyLines: false });
  const open = r.errors.some((e) => e.code === 'MissingQuotes');
  return { cells: r.data[0] ?? [], open };
}

/** The delimiter that splits the header into the most fields (outside quotes); null when none does. */
export function detectDelimiter(header: string): Delimiter | null {
  let best: Delimiter | null = null;
  let bestCount = 1;
  for (const d of CANDIDATES) {
    const n = parseRow(header, d).cells.length;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** `sep=;` — the line Excel-friendly exports put first. */
export function excelSeparator(text: string): Delimiter | null {
  const m = /^sep=(.)$/.exec(text.trim());
  return m && (CANDIDATES as string[]).includes(m[1]!) ? (m[1] as Delimiter) : null;
}
