/**
 * lsof parser: whole-system tables, `lsof -p` / `-i` output (Linux and macOS), headerless pasted
 * rows, `ls -l /proc/PID/fd` listings and shell transcripts with `| wc -l` counts. Streams one
 * FdRow per row after the SnapshotMeta of its snapshot.
 */
import type { LineSink, ParseContext, ParserModule, SkippedLine } from '../types';
import { isLsofHeader, parseLsofHeader, type LsofLayout } from './columns';
import type { FdCount, LsofOutput, LsofRecord } from './model';
import { fdRowFromProcLink, parseProcFdLine } from './proc-fd';
import { cellsByHeuristic, cellsByLayout, fdRowFromCells } from './row';
import { countLine, parseShellLine, pidFromArgs, stripHtmlArtifacts, type ShellCommand } from './shell';
import { SnapshotTracker } from './snapshots';
import { sniffLsof } from './sniff';
import { tokenize } from './tokens';

/** Lines users put in place of rows they left out. */
export function isElision(text: string): boolean {
  return /^\s*(?:\.{2,}|…+|\[\.\.\.\]|\(\.\.\.\)|<snip>|\[snip\])\s*$/i.test(text);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

class LsofSink implements LineSink {
  private layout: LsofLayout | null = null;
  private readonly snaps: SnapshotTracker;
  /** A `… | wc -l` command whose count is the next line. */
  private awaiting: ShellCommand | null = null;

  constructor(private readonly emit: (r: LsofOutput) => void, ctx: ParseContext) {
    this.snaps = new SnapshotTracker(ctx.time, (m) => emit(m));
  }

  private skip(line: number, offset: number, reason: string): void {
    const s: SkippedLine = { type: 'skipped', line, offset, reason };
    this.emit(s);
  }

  private out(r: LsofRecord, line: number): void {
    this.snaps.row(line);
    this.emit(r);
  }

  line(raw: string, lineNo: number, offset: number): void {
    try {
      this.handle(raw, lineNo, offset);
    } catch (e) {
      this.skip(lineNo, offset, `lsof parser error: ${message(e)}`);
    }
  }

  private handle(raw: string, lineNo: number, offset: number): void {
    const text = stripHtmlArtifacts(raw);
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
        this.out(c, lineNo);
        return;
      }
    }
    if (this.snaps.header(text, lineNo)) return;
    if (isLsofHeader(text)) {
      this.layout = parseLsofHeader(text);
      this.snaps.boundary(lineNo);
      this.skip(lineNo, offset, 'column header');
      return;
    }
    const link = parseProcFdLine(text);
    if (link) {
      const cur = this.snaps.current();
      this.out(fdRowFromProcLink(link, lineNo, cur.pid ?? 0, ''), lineNo);
      return;
    }
    const toks = tokenize(text);
    const cells = (this.layout && cellsByLayout(text, toks, this.layout)) || cellsByHeuristic(text, toks);
    if (cells) {
      this.out(fdRowFromCells(cells, lineNo), lineNo);
      return;
    }
    const cmd = parseShellLine(text);
    if (cmd) {
      const known = cmd.tool === 'lsof' || (cmd.tool === 'ls' && cmd.args.some((a) => a.includes('/proc/')));
      if (known) {
        const pid = pidFromArgs(cmd);
        this.snaps.boundary(lineNo, pid === undefined ? { command: cmd.command } : { pid, command: cmd.command });
        this.layout = null;
      }
      if (cmd.counts) this.awaiting = cmd;
      this.skip(lineNo, offset, known ? 'shell command' : cmd.prompted ? 'shell prompt (other command)' : 'shell command (other tool)');
      return;
    }
    if (isElision(text)) this.skip(lineNo, offset, 'elision in paste');
    else if (/^total \d+$/.test(text.trim())) this.skip(lineNo, offset, 'ls total line');
    else if (/^[dl-][rwx-]{9}/.test(text)) this.skip(lineNo, offset, 'ls entry that is not an fd link');
    else if (text.startsWith('lsof: ') || /^\s+Output information may be incomplete/.test(text)) this.skip(lineNo, offset, 'lsof warning');
    else this.skip(lineNo, offset, 'not an lsof row');
  }

  end(): void {
    this.snaps.end();
  }
}

export const lsofParser: ParserModule<LsofRecord> = {
  kind: 'lsof',
  sniff: sniffLsof,
  create(ctx, emit) {
    return new LsofSink(emit, ctx);
  },
};
