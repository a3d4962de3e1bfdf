/**
 * Resource limits: `/proc/PID/limits`, `ulimit -a` (bash and zsh layouts), `ulimit -n` transcripts,
 * `prlimit` and limits.conf lines. "Max open files 1024" next to an EMFILE is the other half of a
 * descriptor-leak story.
 */
import { parseShellLine, pidFromArgs, stripHtmlArtifacts, type ShellCommand } from '../lsof/shell';
import { SnapshotTracker } from '../lsof/snapshots';
import type { LineSink, ParseContext, ParserModule } from '../types';
import type { LimitRow, LimitsOutput, LimitsRecord } from './model';
import { limitValue, ULIMIT_FLAGS } from './resources';
import { isPrlimitHeader, isProcLimitsHeader, parseLimitRow } from './rows';
import { sniffLimits } from './sniff';

/** What a `ulimit` command prints: every limit (`-a`) or one value, soft or hard. */
export function ulimitQuery(cmd: ShellCommand): { all: boolean; hard: boolean; resource: string } {
  let all = false;
  let hard = false;
  let letter = 'f'; // bash's default resource
  for (const a of cmd.args) {
    if (!/^-[A-Za-z]+$/.test(a)) continue;
    for (const c of a.slice(1)) {
      if (c === 'a') all = true;
      else if (c === 'H') hard = true;
      else if (c !== 'S') letter = c;
    }
  }
  return { all, hard, resource: ULIMIT_FLAGS[letter] ?? letter };
}

class LimitsSink implements LineSink {
  private readonly snaps: SnapshotTracker;
  private hard = false;
  /** `ulimit -n`: the next line is the value. */
  private single: { hard: boolean; resource: string } | null = null;

  constructor(private readonly emit: (r: LimitsOutput) => void, ctx: ParseContext) {
    this.snaps = new SnapshotTracker(ctx.time, (m) => emit(m));
  }

  private skip(line: number, offset: number, reason: string): void {
    this.emit({ type: 'skipped', line, offset, reason });
  }

  private out(row: LimitRow): void {
    this.snaps.row(row.line);
    this.emit(row);
  }

  line(raw: string, lineNo: number, offset: number): void {
    try {
      this.handle(stripHtmlArtifacts(raw), lineNo, offset);
    } catch (e) {
      this.skip(lineNo, offset, `limits parser error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private handle(text: string, lineNo: number, offset: number): void {
    if (text.trim() === '') {
      this.skip(lineNo, offset, 'blank line');
      return;
    }
    const single = this.single;
    this.single = null;
    if (single) {
      const v = limitValue(text.trim());
      if (v !== undefined) {
        this.out({
          type: 'limit', name: single.resource, resource: single.resource, soft: single.hard ? null : v, hard: single.hard ? v : null,
          printed: single.hard ? 'hard' : 'soft', line: lineNo,
        });
        return;
      }
    }
    if (this.snaps.header(text, lineNo)) return;
    if (isProcLimitsHeader(text) || isPrlimitHeader(text)) {
      this.snaps.boundary(lineNo);
      this.skip(lineNo, offset, 'column header');
      return;
    }
    const row = parseLimitRow(text, this.hard);
    if (row) {
      this.out({ ...row, line: lineNo });
      return;
    }
    const cmd = parseShellLine(text);
    if (cmd && (cmd.prompted || cmd.tool === 'ulimit' || cmd.tool === 'prlimit')) {
      const mine = cmd.tool === 'ulimit' || cmd.tool === 'prlimit' || (cmd.tool === 'cat' && cmd.args.some((a) => /limits(?:\.conf)?$/.test(a)));
      if (mine) {
        const pid = pidFromArgs(cmd);
        this.snaps.boundary(lineNo, pid === undefined ? { command: cmd.command } : { pid, command: cmd.command });
        this.hard = false;
        if (cmd.tool === 'ulimit') {
          const q = ulimitQuery(cmd);
          this.hard = q.hard;
          if (!q.all) this.single = { hard: q.hard, resource: q.resource };
        }
      }
      this.skip(lineNo, offset, mine ? 'shell command' : 'shell prompt (other command)');
      return;
    }
    if (text.trimStart().startsWith('#')) this.skip(lineNo, offset, 'comment line');
    else this.skip(lineNo, offset, 'not a limit row');
  }

  end(): void {
    this.snaps.end();
  }
}

export const limitsParser: ParserModule<LimitsRecord> = {
  kind: 'limits',
  sniff: sniffLimits,
  create(ctx, emit) {
    return new LimitsSink(emit, ctx);
  },
};
