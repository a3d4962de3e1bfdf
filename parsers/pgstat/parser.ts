/**
 * `pg_stat_activity` parser: result tables of psql in its four output styles, any number per file (a
 * collector appending captures, or one capture per file under the `# captured …` header of
 * samples/shared/lib.sh). Each table becomes one snapshot; its capture time is the rows' own `now()`
 * column when the query selected one, else the collector header's. What psql printed instead of a
 * table (the server down) is a `pg-capture-error` inside that capture.
 */
import { parseCaptureHeader, type CaptureHeader } from '../snapshot/header';
import type { LineSink, ParseContext, ParserModule, SkippedLine, SnapshotMeta } from '../types';
import { columnsOf, type Columns } from './columns';
import { alignedBounds, alignedCells, csvHeader, csvRow, FOOTER, pipeHeader, RECORD_HEADER, SEPARATOR, unalignedCells } from './layout';
import type { PgBackend, PgCaptureError, PgStatRecord } from './model';
import { sniffPgStat } from './sniff';
import { backendOf } from './values';

type Emit = (record: PgStatRecord | SkippedLine) => void;

/** psql's own failures: the server not there or not taking connections, or the query refused. */
const PSQL_ERROR = /^(?:psql: (?:error: )?|(?:ERROR|FATAL): {1,2}|could not connect to server: )/;
const UNREACHABLE = /Connection refused|could not connect|No such file or directory|the database system is (?:starting up|shutting down|in recovery mode|not yet accepting connections)|too many clients|remaining connection slots|server closed the connection unexpectedly|timeout expired|Connection timed out/i;
/** The statement that produced the table, when a paste kept the psql prompt (`shop=> SELECT …`). */
const PSQL_PROMPT = /^[\w-]+(?:=|-|\()[>#*'"(]?[>#] /;
/** The title psql's `\watch` prints above each result: `Mon Dec  7 16:54:34 2026 (every 1s)` (9.x: `Watch every 1s\tMon Dec …`). */
const WATCH_TITLE = /^\s*(?:(.+?) \(every [\d.]+s\)|Watch every [\d.]+s\s+(.+))$/;

interface Row {
  cells: string[];
  line: number;
  /** Line number and byte offset of each of its lines, for the skipped lines of a row that could not be read. */
  at: [number, number][];
  endLine: number;
  /** Aligned: columns whose value goes on; unaligned and CSV: the raw text so far. */
  marked?: boolean[];
  raw?: string;
}

interface Table {
  style: 'aligned' | 'expanded' | 'csv' | 'unaligned';
  cols: Columns | null;
  line: number;
  header: (CaptureHeader & { line: number; offset: number }) | null;
  bounds?: [number, number][];
  rows: PgBackend[];
  open: Row | null;
  /** Expanded: the names of the record being read, and where the `|` sits. */
  names?: string[];
  bar?: number;
}

class PgStatSink implements LineSink {
  private header: (CaptureHeader & { line: number; offset: number }) | null = null;
  private candidate: { cols: Columns; line: number; text: string } | null = null;
  private table: Table | null = null;
  private error: PgCaptureError | null = null;

  constructor(private readonly ctx: ParseContext, private readonly emit: Emit) {}

  line(text: string, lineNo: number, offset: number): void {
    try {
      this.handle(text.slice(0, 1 << 20), lineNo, offset);
    } catch (e) {
      this.emit({ type: 'skipped', line: lineNo, offset, reason: `pg_stat_activity parser error: ${(e as Error).message}` });
    }
  }

  end(): void {
    this.closeCandidate(null);
    this.closeTable();
    this.closeError();
    this.dropHeader();
  }

  private skip(line: number, offset: number, reason: string): void {
    this.emit({ type: 'skipped', line, offset, reason });
  }

  private handle(raw: string, lineNo: number, offset: number): void {
    const t = raw.replace(/\s+$/, '');
    if (this.candidate) {
      const c = this.candidate;
      this.candidate = null;
      if (SEPARATOR.test(t)) {
        this.table = { style: 'aligned', cols: c.cols, line: c.line, header: this.takeHeader(), bounds: alignedBounds(t), rows: [], open: null };
        this.skip(lineNo, offset, 'separator between header and rows');
        return;
      }
      this.table = { style: 'unaligned', cols: c.cols, line: c.line, header: this.takeHeader(), rows: [], open: null };
    }
    if (this.table) {
      if (this.inTable(raw, t, lineNo, offset)) return;
      this.closeTable();
    }
    if (this.error) {
      if (/^\s/.test(raw) || /^(?:DETAIL|HINT|LINE \d+|CONTEXT): /.test(t) || /^# command exited with status \d+$/.test(t)) {
        if (t.trim() !== '') this.error.message += this.error.message.length < 2000 ? `\n${t.trim()}` : '';
        this.error.endLine = lineNo;
        return;
      }
      this.closeError();
    }
    if (t === '') return this.skip(lineNo, offset, 'blank line');
    const watch = WATCH_TITLE.exec(t);
    const watched = watch ? parseCaptureHeader(this.ctx.time, (watch[1] ?? watch[2])!) : null;
    if (watched) {
      // The client's clock in its own zone when it ran the query: the capture time of the table below.
      this.dropHeader();
      this.header = { ...watched, command: 'psql \\watch', line: lineNo, offset };
      return;
    }
    if (t.startsWith('#')) {
      const h = parseCaptureHeader(this.ctx.time, t);
      if (h) {
        this.dropHeader();
        this.header = { ...h, line: lineNo, offset };
        return;
      }
      return this.skip(lineNo, offset, 'comment line');
    }
    if (RECORD_HEADER.test(t)) {
      this.table = { style: 'expanded', cols: null, line: lineNo, header: this.takeHeader(), rows: [], open: null };
      this.startRecord(t, lineNo, offset);
      return;
    }
    if (PSQL_ERROR.test(t)) {
      this.error = { type: 'pg-capture-error', message: t, unreachable: false, line: lineNo, endLine: lineNo };
      return;
    }
    const pipe = pipeHeader(t);
    if (pipe) {
      this.candidate = { cols: pipe, line: lineNo, text: t };
      this.skip(lineNo, offset, 'column header');
      return;
    }
    const csv = csvHeader(t);
    if (csv) {
      this.table = { style: 'csv', cols: csv, line: lineNo, header: this.takeHeader(), rows: [], open: null };
      this.skip(lineNo, offset, 'column header');
      return;
    }
    if (FOOTER.test(t)) return this.skip(lineNo, offset, 'row count footer outside a result table');
    if (PSQL_PROMPT.test(t)) return this.skip(lineNo, offset, 'shell prompt (psql)');
    if (/^(?:Expanded display is (?:on|off|used automatically)\.|Timing is (?:on|off)\.|Time: [\d.]+ ms)/.test(t)) return this.skip(lineNo, offset, 'comment line (psql message)');
    this.skip(lineNo, offset, 'not part of a pg_stat_activity result');
  }

  /** True when the line belongs to the open table. */
  private inTable(raw: string, t: string, lineNo: number, offset: number): boolean {
    const tb = this.table!;
    if (t === '' || t.startsWith('#')) return false;
    if (FOOTER.test(t.trim())) {
      this.flushRow();
      this.skip(lineNo, offset, 'row count footer');
      this.closeTable();
      return true;
    }
    switch (tb.style) {
      case 'aligned': {
        const { cells, marked } = alignedCells(raw, tb.bounds!);
        const prev = tb.open;
        if (prev?.marked?.some(Boolean)) {
          // psql printed the rest of a multi-line value: the other columns are blank.
          cells.forEach((c, i) => {
            if (prev.marked![i]) prev.cells[i] = `${prev.cells[i] ?? ''}\n${c}`;
          });
          prev.marked = prev.marked!.map((m, i) => m && !!marked[i]);
          prev.endLine = lineNo;
          prev.at.push([lineNo, offset]);
          return true;
        }
        this.flushRow();
        tb.open = { cells, marked, line: lineNo, endLine: lineNo, at: [[lineNo, offset]] };
        return true;
      }
      case 'unaligned': {
        const cells = unalignedCells(raw, tb.cols!);
        const startsRow = cells !== null && /^\d+$/.test((cells[tb.cols!.index.pid!] ?? '').trim());
        if (!startsRow && tb.open) {
          tb.open.raw = `${tb.open.raw}\n${raw}`;
          tb.open.endLine = lineNo;
          tb.open.at.push([lineNo, offset]);
          return true;
        }
        this.flushRow();
        tb.open = { cells: cells ?? [], raw, line: lineNo, endLine: lineNo, at: [[lineNo, offset]] };
        return true;
      }
      case 'csv': {
        if (tb.open && csvRow(tb.open.raw!).open) {
          tb.open.raw = `${tb.open.raw}\n${raw}`;
          tb.open.endLine = lineNo;
          tb.open.at.push([lineNo, offset]);
          return true;
        }
        this.flushRow();
        tb.open = { cells: [], raw, line: lineNo, endLine: lineNo, at: [[lineNo, offset]] };
        return true;
      }
      case 'expanded': {
        if (RECORD_HEADER.test(t)) {
          this.flushRow();
          this.startRecord(t, lineNo, offset);
          return true;
        }
        const bar = tb.bar ?? raw.indexOf(' | ') + 1;
        if (bar <= 0 || raw[bar] !== '|' && !(raw.length === bar && raw.endsWith('|'))) {
          this.skip(lineNo, offset, 'expanded line without "name | value"');
          return true;
        }
        const name = raw.slice(0, bar).trim();
        const value = raw.slice(bar + 2).replace(/\s+$/, '');
        const rec = tb.open!;
        if (name === '') {
          const last = rec.cells.length - 1;
          if (last >= 0) rec.cells[last] = `${rec.cells[last]!.replace(/\s*\+$/, '')}\n${value}`;
        } else {
          tb.names!.push(name);
          rec.cells.push(value);
        }
        rec.endLine = lineNo;
        rec.at.push([lineNo, offset]);
        return true;
      }
    }
  }

  private startRecord(t: string, lineNo: number, offset: number): void {
    const tb = this.table!;
    const plus = t.indexOf('+');
    if (plus > 0) tb.bar = plus;
    tb.names = [];
    tb.open = { cells: [], line: lineNo, endLine: lineNo, at: [[lineNo, offset]] };
  }

  /** The open row (or expanded record) becomes a backend, or a skipped line saying why not. */
  private flushRow(): void {
    const tb = this.table;
    const r = tb?.open;
    if (!tb || !r) return;
    tb.open = null;
    let cells = r.cells;
    if (tb.style === 'expanded') {
      tb.cols ??= columnsOf(tb.names ?? []);
      if (!tb.cols) return this.skipRow(r, 'expanded record without pg_stat_activity columns');
      const byName = new Map(tb.names!.map((n, i) => [n.toLowerCase(), r.cells[i] ?? '']));
      cells = tb.cols.names.map((n) => byName.get(n) ?? '');
    } else if (tb.style === 'unaligned') {
      const c = unalignedCells(r.raw!, tb.cols!);
      if (!c) return this.skipRow(r, `row has ${r.raw!.split('|').length} of ${tb.cols!.names.length} columns`);
      cells = c;
    } else if (tb.style === 'csv') {
      const p = csvRow(r.raw!);
      if (p.open) return this.skipRow(r, 'CSV row with an unclosed quote');
      cells = p.cells;
      if (cells.length !== tb.cols!.names.length) return this.skipRow(r, `row has ${cells.length} of ${tb.cols!.names.length} columns`);
    }
    const b = backendOf(this.ctx.time, tb.cols!, cells, r.line, r.endLine);
    if (typeof b === 'string') return this.skipRow(r, b);
    tb.rows.push(b);
  }

  private skipRow(r: Row, reason: string): void {
    for (const [line, offset] of r.at) this.skip(line, offset, reason);
  }

  private takeHeader(): (CaptureHeader & { line: number; offset: number }) | null {
    const h = this.header;
    this.header = null;
    return h;
  }

  private meta(header: (CaptureHeader & { line: number }) | null, line: number, toolTime: number | null): SnapshotMeta {
    const m: SnapshotMeta = { type: 'snapshot', capturedAt: null, timeSource: null, line: header?.line ?? line, command: header?.command ?? 'psql' };
    if (toolTime !== null) {
      m.capturedAt = toolTime;
      m.timeSource = 'tool';
      m.tq = 'explicit';
    } else if (header) {
      m.capturedAt = header.ts;
      m.timeSource = 'header';
      m.tq = header.tq;
    }
    if (header?.host) m.host = header.host;
    if (header?.pid !== undefined) m.pid = header.pid;
    return m;
  }

  private closeTable(): void {
    const tb = this.table;
    if (!tb) return;
    this.flushRow();
    this.table = null;
    if (!tb.cols && tb.rows.length === 0) {
      if (tb.header) this.skip(tb.header.line, tb.header.offset, 'capture header without a pg_stat_activity result');
      return;
    }
    this.emit(this.meta(tb.header, tb.line, tb.rows.find((r) => r.capturedAt !== null)?.capturedAt ?? null));
    for (const r of tb.rows) this.emit(r);
  }

  /** A `|` header line with nothing after it: an unaligned table without rows. */
  private closeCandidate(_next: null): void {
    const c = this.candidate;
    if (!c) return;
    this.candidate = null;
    this.emit(this.meta(this.takeHeader(), c.line, null));
  }

  private closeError(): void {
    const e = this.error;
    if (!e) return;
    this.error = null;
    e.unreachable = UNREACHABLE.test(e.message);
    this.emit(this.meta(this.takeHeader(), e.line, null));
    this.emit(e);
  }

  private dropHeader(): void {
    if (this.header) this.skip(this.header.line, this.header.offset, 'capture header without a pg_stat_activity result');
    this.header = null;
  }
}

export const pgStatParser: ParserModule<PgStatRecord> = {
  kind: 'pg-stat-activity',
  sniff: sniffPgStat,
  create: (ctx, emit) => new PgStatSink(ctx, emit),
};
