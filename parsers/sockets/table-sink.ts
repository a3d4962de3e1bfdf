/**
 * What the ss and netstat sinks share: blank lines, capture headers, `… | wc -l` counts, command
 * lines, a row held back until its detail lines (`ss -i`, Windows `-b`) have been read, and the
 * never-throw wrapper.
 */
import type { FdCount } from '../lsof/model';
import { countLine, parseShellLine, pidFromArgs, stripHtmlArtifacts, type ShellCommand } from '../lsof/shell';
import { SnapshotTracker } from '../lsof/snapshots';
import type { LineSink, ParseContext } from '../types';
import { tableContext, type TableContext } from './flags';
import type { SocketOutput, SocketRow } from './model';

export abstract class TableSink implements LineSink {
  protected readonly snaps: SnapshotTracker;
  protected pending: SocketRow | null = null;
  protected table: TableContext = {};
  private awaiting: ShellCommand | null = null;

  constructor(
    protected readonly emit: (r: SocketOutput) => void,
    ctx: ParseContext,
    private readonly tools: readonly string[],
  ) {
    this.snaps = new SnapshotTracker(ctx.time, (m) => emit(m));
  }

  protected skip(line: number, offset: number, reason: string): void {
    this.emit({ type: 'skipped', line, offset, reason });
  }

  protected hold(row: SocketRow): void {
    this.flush();
    this.pending = row;
  }

  protected flush(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    this.snaps.row(p.line);
    this.emit(p);
  }

  line(raw: string, lineNo: number, offset: number): void {
    try {
      this.handle(stripHtmlArtifacts(raw), lineNo, offset);
    } catch (e) {
      this.flush();
      this.skip(lineNo, offset, `parser error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** A detail line of the held row: return true when consumed. */
  protected abstract detail(text: string, lineNo: number): boolean;
  /** Table content (headers, banners, rows); return a skip reason when the line is none of those. */
  protected abstract content(text: string, lineNo: number, offset: number): string | null;

  private handle(text: string, lineNo: number, offset: number): void {
    if (this.pending && text.trim() !== '' && this.detail(text, lineNo)) return;
    this.flush();
    if (text.trim() === '') {
      this.skip(lineNo, offset, 'blank line');
      return;
    }
    const awaiting = this.awaiting;
    this.awaiting = null;
    if (awaiting) {
      const n = countLine(text);
      if (n !== null) {
        const c: FdCount = { type: 'fd-count', command: awaiting.command, count: n, tool: awaiting.tool, line: lineNo };
        if (awaiting.filters.length > 0) c.filter = awaiting.filters.join(' | ');
        const pid = pidFromArgs(awaiting);
        if (pid !== undefined) c.pid = pid;
        this.snaps.row(lineNo);
        this.emit(c);
        return;
      }
    }
    if (this.snaps.header(text, lineNo)) return;
    const reason = this.content(text, lineNo, offset);
    if (reason === null) return;
    const cmd = parseShellLine(text);
    if (cmd) {
      const mine = this.tools.includes(cmd.tool);
      if (mine) {
        this.snaps.boundary(lineNo, { command: cmd.command });
        this.table = tableContext(cmd);
        this.onCommand(cmd);
      }
      if (cmd.counts) this.awaiting = cmd;
      this.skip(lineNo, offset, mine ? 'shell command' : cmd.prompted ? 'shell prompt (other command)' : 'shell command (other tool)');
      return;
    }
    this.skip(lineNo, offset, text.trimStart().startsWith('#') ? 'comment line' : reason);
  }

  /** Hook for a command line of this tool. */
  protected onCommand(_cmd: ShellCommand): void {}

  end(): void {
    this.flush();
    this.snaps.end();
  }
}
