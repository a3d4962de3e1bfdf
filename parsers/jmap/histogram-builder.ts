/**
 * Collects the lines of one histogram into a `HeapHistogram`. The caller decides where a table
 * starts and ends; the builder knows what the lines mean.
 */
import type { HistogramLine } from './histogram-line';
import type { HeapHistogram, HistogramFormat, HistogramRow } from './model';

export class HistogramBuilder {
  private readonly rows: HistogramRow[] = [];
  private total: { instances: number; bytes: number } | undefined;
  private elided = false;
  private unranked = false;
  private sa = false;
  private jvmkill = false;
  endLine: number;

  constructor(
    readonly line: number,
    private readonly format: HistogramFormat | null = null,
  ) {
    this.endLine = line;
  }

  get rowCount(): number {
    return this.rows.length;
  }

  get hasTotal(): boolean {
    return this.total !== undefined;
  }

  /** Adds one classified line; `lineNo` extends the table's range. */
  add(l: HistogramLine, lineNo: number): void {
    this.endLine = lineNo;
    switch (l.kind) {
      case 'row':
        if (l.jvmkill) {
          this.jvmkill = true;
          this.unranked = true;
        }
        this.rows.push({ ...l.row, line: lineNo });
        break;
      case 'header':
        if (l.sa) this.sa = true;
        if (l.jvmkill) this.jvmkill = true;
        break;
      case 'total':
        this.total = { instances: l.instances, bytes: l.bytes };
        break;
      case 'elision':
        this.elided = true;
        break;
      case 'rule':
        break;
    }
  }

  /** Extends the range over a line that belongs to the table without adding data (a preamble or a cut line). */
  cover(lineNo: number): void {
    if (lineNo > this.endLine) this.endLine = lineNo;
  }

  finish(): HeapHistogram {
    let rows = this.rows;
    if (this.unranked) {
      // jvmkill prints no rank and log routers reorder its lines: rank by bytes, as jvmkill sorts them.
      rows = [...rows].sort((a, b) => b.bytes - a.bytes || b.instances - a.instances);
      rows.forEach((r, i) => (r.rank = i + 1));
    }
    const format: HistogramFormat = this.format ?? (this.jvmkill ? 'jvmkill' : this.sa ? 'jmap-sa' : 'jmap');
    const h: HeapHistogram = { type: 'heap-histogram', format, rows, elided: this.elided, line: this.line, endLine: this.endLine };
    if (this.total) h.total = this.total;
    return h;
  }
}
