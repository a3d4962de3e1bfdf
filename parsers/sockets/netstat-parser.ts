/**
 * netstat parser: Linux net-tools (`-an`, `-anp`, `-tanp`, `-tunp`, `-aeep`, `-lnp`, the unix-socket
 * section, localised states), macOS/BSD `netstat -An` (Internet section; the unix and kernel
 * sections are reported as skipped) and Windows `netstat -aon` / `-abno`.
 */
import type { ShellCommand } from '../lsof/shell';
import type { ParseContext, ParserModule } from '../types';
import type { SocketOutput, SocketRecord } from './model';
import {
  netstatLayout,
  parseBsdRow,
  parseLinuxInetRow,
  parseLinuxUnixRow,
  parseWindowsRow,
  type NetstatLayout,
  type NetstatRow,
} from './netstat-row';
import { sniffNetstat } from './sniff';
import { TableSink } from './table-sink';

type Mode = 'linux' | 'unix' | 'bsd' | 'windows' | 'other' | null;

/** Section banners: which parser reads the rows that follow, and whether a new snapshot starts. */
export function bannerMode(text: string): { mode: Mode; starts: boolean; section: string } | null {
  const t = text.trim();
  if (/^Active Internet connections\b/i.test(t) || /^(?:Aktive Internetverbindungen|Connexions Internet actives)\b/i.test(t)) {
    return { mode: 'linux', starts: true, section: 'internet' };
  }
  if (/^(?:Active Connections|Aktive Verbindungen|Connexions actives|Conexiones activas)\s*$/i.test(t)) {
    return { mode: 'windows', starts: true, section: 'internet' };
  }
  if (/^Active UNIX domain sockets\b/i.test(t) || /^Aktive Sockets in der UNIX-Dom/i.test(t)) return { mode: 'unix', starts: false, section: 'unix' };
  if (/^(?:Active|Registered) .*(?:sockets|modules|connections)\b/i.test(t)) return { mode: 'other', starts: false, section: t };
  return null;
}

/** Column headers of the three families. */
export function headerMode(text: string): Mode {
  if (/^\s*Proto\s+Local Address\s+Foreign Address\s+State/.test(text)) return 'windows';
  if (/Proto\s+Recv-Q\s+Send-Q\s+Local Address\s+Foreign Address\s+\(state\)/.test(text)) return 'bsd';
  if (/^\s*Proto\s+Recv-Q\s+Send-Q\s+(?:Local Address|Adresse locale)/.test(text)) return 'linux';
  if (/^\s*Proto\s+(?:RefCnt|RefZäh|RefCpt)\s+/.test(text)) return 'unix';
  return null;
}

/** Any row form, for headerless pastes: Linux first, then Windows and BSD. */
export function parseAnyNetstatRow(text: string, mode: Mode = null, layout: NetstatLayout | null = null): NetstatRow | null {
  switch (mode) {
    case 'linux':
      return parseLinuxInetRow(text, layout) ?? parseBsdRow(text);
    case 'unix':
      return parseLinuxUnixRow(text, layout);
    case 'bsd':
      return parseBsdRow(text);
    case 'windows':
      return parseWindowsRow(text);
    case 'other':
      return null;
    default:
      return parseLinuxInetRow(text) ?? parseLinuxUnixRow(text) ?? parseWindowsRow(text) ?? parseBsdRow(text);
  }
}

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

  protected detail(text: string): boolean {
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
