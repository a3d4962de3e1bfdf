/**
 * `csv` parser for metrics exports. Lines arrive one at a time: the header and up to 20 rows are
 * held until the layout is clear (see layout.ts), then every row becomes one `MetricPoint` per value
 * column. A blank line followed by a new header starts a new table (Grafana writes one per frame);
 * `sep=;` (Excel) sets the delimiter; a quoted field holding a newline is joined with the next lines.
 */
import type { LineSink, ParseContext, ParserModule, SkippedLine } from '../types';
import { detectDelimiter, excelSeparator, parseRow, type Delimiter } from './csv-line';
import { decideLayout, seriesName, type Layout } from './layout';
import type { MetricPoint } from './model';
import { sniffMetricsCsv } from './sniff';
import { parseTimeCell } from './times';
import { parseCellValue } from './values';

/** Rows held back while the layout is not decided. */
const SAMPLE_ROWS = 20;
/** A quoted field may span at most this many lines. */
const MAX_JOIN = 50;

interface Row {
  cells: string[];
  line: number;
  endLine: number;
  offset: number;
  /** Every physical line of the row (more than one when a quoted field held a newline). */
  lines: { line: number; offset: number }[];
}

type Emit = (record: MetricPoint | SkippedLine) => void;

/** A header names columns, so none of its cells is a time (column names may be numbers: `Time;1024;128`). */
export function looksLikeHeader(ctx: ParseContext, cells: string[]): boolean {
  return cells.length >= 2 && cells.every((c) => parseTimeCell(ctx.time, c) === null && !/^\s*\d{4}-\d{2}-\d{2}/.test(c));
}

class MetricsSink implements LineSink {
  private delimiter: Delimiter | null = null;
  private header: string[] | null = null;
  private layout: Layout | null = null;
  private failed: string | null = null;
  private pending: Row[] = [];
  private joining: { text: string; lines: { line: number; offset: number }[] } | null = null;
  private prevBlank = false;
  private readonly fallback: string;

  constructor(
    private readonly ctx: ParseContext,
    private readonly emit: Emit,
  ) {
    this.fallback = ctx.fileName.replace(/^.*[/\\]/, '').replace(/\.[^.]*$/, '') || 'value';
  }

  line(text: string, lineNo: number, offset: number): void {
    try {
      this.handle(text, lineNo, offset);
    } catch (e) {
      this.emit({ type: 'skipped', line: lineNo, offset, reason: `metrics CSV parser error: ${(e as Error).message}` });
    }
  }

  end(): void {
    if (this.joining) {
      for (const l of this.joining.lines) this.emit({ type: 'skipped', line: l.line, offset: l.offset, reason: 'quoted field never closed' });
      this.joining = null;
    }
    this.decide();
  }

  private handle(text: string, lineNo: number, offset: number): void {
    if (this.joining) {
      this.joining.text += '\n' + text;
      this.joining.lines.push({ line: lineNo, offset });
      this.tryRow(this.joining.text, this.joining.lines);
      return;
    }
    if (text.trim() === '') {
      this.prevBlank = true;
      return;
    }
    if (!this.header) {
      const sep = excelSeparator(text);
      if (sep && !this.delimiter) {
        this.delimiter = sep;
        return;
      }
      if (text.startsWith('#')) return; // Grafana's `#name#…`/`#unit#…` header lines
      this.delimiter ??= detectDelimiter(text);
      if (!this.delimiter) {
        this.emit({ type: 'skipped', line: lineNo, offset, reason: 'not a delimited table line' });
        return;
      }
    }
    this.tryRow(text, [{ line: lineNo, offset }]);
  }

  /** Parses a (possibly joined) record; waits for more lines while a quote is open. */
  private tryRow(text: string, lines: { line: number; offset: number }[]): void {
    const parsed = parseRow(text, this.delimiter!);
    // Only data rows are joined: a header with a stray quote is read as it is.
    if (parsed.open && this.header && lines.length < MAX_JOIN) {
      this.joining = { text, lines };
      return;
    }
    this.joining = null;
    const first = lines[0]!;
    if (parsed.open && this.header) {
      for (const l of lines) this.emit({ type: 'skipped', line: l.line, offset: l.offset, reason: 'quoted field never closed' });
      return;
    }
    const row: Row = { cells: parsed.cells, line: first.line, endLine: lines[lines.length - 1]!.line, offset: first.offset, lines };
    const blankBefore = this.prevBlank;
    this.prevBlank = false;
    if (!this.header) {
      this.startTable(row);
      return;
    }
    if (blankBefore && row.lines.length === 1 && looksLikeHeader(this.ctx, row.cells)) {
      this.decide();
      this.header = null;
      this.startTable(row);
      return;
    }
    if (!this.layout && !this.failed) {
      this.pending.push(row);
      if (this.pending.length >= SAMPLE_ROWS) this.decide();
      return;
    }
    this.emitRow(row);
  }

  private startTable(row: Row): void {
    this.layout = null;
    this.failed = null;
    this.pending = [];
    if (row.cells.length < 2) {
      this.header = null;
      const reason = `one field where a table header was expected (delimiter "${this.delimiter}")`;
      for (const l of row.lines) this.emit({ type: 'skipped', line: l.line, offset: l.offset, reason });
      return;
    }
    if (looksLikeHeader(this.ctx, row.cells)) {
      this.header = row.cells;
      return;
    }
    // No header: name the columns by position; the row is data.
    this.header = row.cells.map((_, i) => `column${i + 1}`);
    this.pending.push(row);
  }

  private decide(): void {
    if (!this.header || this.layout || this.failed) return;
    const layout = decideLayout(this.ctx.time, this.delimiter!, this.header, this.pending.map((r) => r.cells));
    if (layout) {
      if (layout.valueCols.length === 1 && /^column\d+$/.test(layout.header[layout.valueCols[0]!]!)) layout.header[layout.valueCols[0]!] = 'value';
      this.layout = layout;
    } else this.failed = 'no time column with numeric value columns in this table';
    const rows = this.pending;
    this.pending = [];
    for (const r of rows) this.emitRow(r);
  }

  private emitRow(row: Row): void {
    const skip = (reason: string) => {
      for (const l of row.lines) this.emit({ type: 'skipped', line: l.line, offset: l.offset, reason });
    };
    const layout = this.layout;
    if (!layout) return skip(this.failed ?? 'no table header');
    const { header, timeCol, valueCols, decimalComma, units } = layout;
    const extra = row.cells.slice(header.length);
    if (row.cells.length < header.length || extra.some((c) => c.trim() !== '')) {
      return skip(`row has ${row.cells.length} fields, the header ${header.length}`);
    }
    const t = parseTimeCell(this.ctx.time, row.cells[timeCol]!);
    if (!t) return skip(`no time in column "${header[timeCol]}"`);
    let emitted = 0;
    for (const c of valueCols) {
      const v = parseCellValue(row.cells[c]!, decimalComma);
      if (!v) continue;
      const unit = v.unit ?? (v.value === null ? units[c] : null);
      const series = seriesName(layout, row.cells, c, this.fallback) + (unit ? ` (${unit})` : '');
      const p: MetricPoint = { type: 'metric', series, ts: t.ts, tq: t.tq, value: v.value, line: row.line };
      if (row.endLine !== row.line) p.endLine = row.endLine;
      this.emit(p);
      emitted++;
    }
    if (emitted === 0) skip('no numeric value in the row');
  }
}

export const metricsCsvParser: ParserModule<MetricPoint> = {
  kind: 'csv',
  sniff: sniffMetricsCsv,
  create: (ctx, emit) => new MetricsSink(ctx, emit),
};
