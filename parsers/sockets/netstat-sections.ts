/**
 * The sections of netstat output (banners and column headers of Linux, BSD and Windows netstat) and
 * which row parser reads the rows under each.
 */
import {
  parseBsdRow,
  parseLinuxInetRow,
  parseLinuxUnixRow,
  parseWindowsRow,
  type NetstatLayout,
  type NetstatRow,
} from './netstat-row';

export type Mode = 'linux' | 'unix' | 'bsd' | 'windows' | 'other' | null;

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
