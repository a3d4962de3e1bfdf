/**
 * Does the head look like a metrics export? A delimited table whose rows keep the header's width,
 * with a time column and at least one numeric column. Logs, lsof/ss tables and JSON lines fail one
 * of those tests: their "cells" vary in number, hold text, or no cell is entirely a time stamp.
 */
import type { SniffInput, SniffResult, TimeContext } from '../types';
import { detectDelimiter, excelSeparator, parseRow, type Delimiter } from './csv-line';
import { decideLayout } from './layout';
import { parseTimeCell } from './times';

const UTC: TimeContext = { localToUtc: (y, mo, d, h, mi, s, ms) => Date.UTC(y, mo - 1, d, h, mi, s, ms), referenceDay: null };
const TIME_NAME = /^(?:time|timestamp|date|datetime|ts|_time|@timestamp|epoch)$/i;

export function sniffMetricsCsv(input: SniffInput): SniffResult | null {
  let delimiter: Delimiter | null = null;
  let header: string[] | null = null;
  let headerless = false;
  const rows: string[][] = [];
  for (const raw of input.lines.slice(0, 60)) {
    const text = raw.slice(0, 8192);
    if (text.trim() === '') {
      if (header && rows.length > 0) break; // one table is enough to decide
      continue;
    }
    if (!header) {
      const sep = excelSeparator(text);
      if (sep && !delimiter) {
        delimiter = sep;
        continue;
      }
      if (text.startsWith('#')) continue;
      delimiter ??= detectDelimiter(text);
      if (!delimiter) return null;
      header = parseRow(text, delimiter).cells;
      if (header.some((c) => parseTimeCell(UTC, c) !== null)) {
        headerless = true;
        rows.push(header);
      }
      continue;
    }
    rows.push(parseRow(text, delimiter!).cells);
  }
  if (!header || !delimiter || rows.length === 0) return null;
  const width = header.length;
  const consistent = rows.filter((r) => r.length === width).length;
  if (consistent < Math.max(1, Math.ceil(rows.length * 0.8))) return null;
  const layout = decideLayout(UTC, delimiter, headerless ? header.map((_, i) => `column${i + 1}`) : header, rows);
  if (!layout) return null;
  const named = !headerless && TIME_NAME.test(header[layout.timeCol]!.trim());
  let confidence = headerless ? 0.6 : named ? 0.9 : 0.75;
  if (/\.(?:csv|tsv)$/i.test(input.name)) confidence = Math.round((confidence + 0.05) * 100) / 100;
  const what = headerless ? 'a header-less table' : `column "${header[layout.timeCol]}"`;
  return { kind: 'csv', confidence, reason: `metrics table: times in ${what}, ${layout.valueCols.length} numeric column(s)` };
}
