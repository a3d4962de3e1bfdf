/**
 * netstat parser: Linux net-tools (`-an`, `-anp`, `-tanp`, `-tunp`, `-aeep`, `-lnp`, the unix-socket
 * section, localised states), macOS/BSD `netstat -An` (Internet section; the unix and kernel
 * sections are reported as skipped) and Windows `netstat -aon` / `-abno`.
 */
import type { ShellCommand } from '../lsof/shell';
import type { ParseContext, ParserModule } from '../types';
import type { SocketOutput, SocketRecord } from './model';
import { netstatLayout, type NetstatLayout } from './netstat-row';
import { bannerMode, headerMode, parseAnyNetstatRow, type Mode } from './netstat-sections';
import { sniffNetstat } from './sniff';
import { TableSink } from './table-sink';

class NetstatSink extends TableSink {
  private mode: Mode = null;
  private layout: NetstatLayout | null = null;
  private section = '';

  constructor(emit: (r: SocketOutput) => void, ctx: ParseContext) {
    super(emit, ctx, ['netstat']);
  }

  protected override onCommand(_cmd: ShellCommand): void {
    this.mode = null;
    this.layout = null;
  }

  protected detail(text: string, lineNo: number): boolean {
    // Windows `-b`: the executable in brackets, a service name, or the ownership warning under the row
    if (this.mode !== 'windows' && this.mode !== null) return false;
    const p = this.pending!;
    if (!/^\s/.test(text) && !text.startsWith('[')) return false;
    const t = text.trim();
    const exe = /^\[(.{1,260})\]$/.exec(t);
    if (exe) {
      p.process = exe[1]!;
    } else if (/^Can ?not obtain ownership information$/i.test(t)) {
      p.info = { ...p.info, owner: 'unknown' };
    } else if (/^[\w.-]{1,80}$/.test(t) && this.mode === 'windows') {
      p.info = { ...p.info, service: t };
    } else {
      return false;
    }
    p.endLine = lineNo;
    return true;
  }

  protected content(text: string, lineNo: number): string | null {
    const banner = bannerMode(text);
    if (banner) {
      if (banner.starts) this.snaps.boundary(lineNo);
      this.mode = banner.mode;
      this.section = banner.section;
      this.layout = null;
      return 'section banner';
    }
    const hm = headerMode(text);
    if (hm) {
      if (hm !== 'unix') this.snaps.boundary(lineNo);
      this.mode = hm;
      this.layout = hm === 'linux' || hm === 'unix' ? netstatLayout(text) : null;
      return 'column header';
    }
    if (this.mode === 'other') return `netstat section not modelled (${this.section})`;
    const row = parseAnyNetstatRow(text, this.mode, this.layout);
    if (row) {
      if (this.table.state !== undefined && row.state === undefined) row.state = this.table.state;
      this.hold({ ...row, line: lineNo });
      return null;
    }
    if (this.mode === 'bsd' && /^[0-9a-f]{8,16}\s/.test(text)) return 'netstat row not modelled';
    return 'not a netstat row';
  }
}

export const netstatParser: ParserModule<SocketRecord> = {
  kind: 'netstat',
  sniff: sniffNetstat,
  create(ctx, emit) {
    return new NetstatSink(emit, ctx);
  },
};
