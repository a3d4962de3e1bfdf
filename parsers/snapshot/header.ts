/**
 * Capture-time lines written by collectors above a snapshot:
 *   `# captured 2026-11-22T02:55:30Z host=web-1 pid=4242 cmd=lsof -p 4242`
 *   `Sun Nov 22 02:55:30 UTC 2026` (plain `date`), `Sun 22 Nov 2026 02:55:30 AM UTC` (newer locales)
 *   `2026-11-22T02:55:30+00:00` (`date -Is`), `2026-11-22 02:55:30` (`date '+%F %T'`)
 */
import { fractionToMs, monthFromName, parseIsoStamp, resolveTime, type ResolvedTime } from '../time';
import type { TimeContext } from '../types';

export interface CaptureHeader extends ResolvedTime {
  host?: string;
  pid?: number;
  command?: string;
}

/** Zone abbreviations `date` prints that we can map safely (ambiguous ones like IST/CST are left out). */
const ABBREV: Record<string, string> = {
  UTC: 'Z', GMT: 'Z', Z: 'Z', KST: '+09:00', JST: '+09:00', CET: '+01:00', CEST: '+02:00', EET: '+02:00',
  EEST: '+03:00', WET: '+00:00', WEST: '+01:00', BST: '+01:00', EST: '-05:00', EDT: '-04:00', PST: '-08:00',
  PDT: '-07:00', MST: '-07:00', MDT: '-06:00', AEST: '+10:00', AEDT: '+11:00', HKT: '+08:00', SGT: '+08:00',
};

const COLLECTOR = /^#\s*captured(?:[ :=]+)(\S+(?:\s\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?)(.*)$/i;
const DATE_CMD =
  /^(?:[A-Z][a-z]{2},?\s+)?(?:([A-Z][a-z]{2})\s+(\d{1,2})|(\d{1,2})\s+([A-Z][a-z]{2}))\s+(?:(\d{4})\s+)?(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:\s*([AP]M))?\s+([A-Z]{1,5}|[+-]\d{4})?\s*(\d{4})?\s*$/;

function kv(rest: string): Pick<CaptureHeader, 'host' | 'pid' | 'command'> {
  const out: Pick<CaptureHeader, 'host' | 'pid' | 'command'> = {};
  const cmd = /\bcmd=(.*)$/.exec(rest);
  if (cmd) out.command = cmd[1]!.trim();
  const before = cmd ? rest.slice(0, cmd.index) : rest;
  const host = /\bhost=(\S+)/.exec(before);
  if (host) out.host = host[1];
  const pid = /\bpid=(\d+)/.exec(before);
  if (pid) out.pid = Number(pid[1]);
  return out;
}

/** Parse one line as a capture-time header, or return null. */
export function parseCaptureHeader(ctx: TimeContext, line: string): CaptureHeader | null {
  const text = line.trim();
  const c = COLLECTOR.exec(text);
  if (c) {
    const stamp = c[1]!;
    const iso = parseIsoStamp(ctx, stamp);
    if (iso) return { ts: iso.ts, tq: iso.tq, ...kv(c[2] ?? '') };
    if (/^\d{9,13}$/.test(stamp)) {
      const n = Number(stamp);
      return { ts: n < 1e11 ? n * 1000 : n, tq: 'explicit', ...kv(c[2] ?? '') };
    }
    return null;
  }
  const iso = parseIsoStamp(ctx, text);
  if (iso && iso.length >= text.length - 1) return { ts: iso.ts, tq: iso.tq };
  const d = DATE_CMD.exec(text);
  if (d) {
    const mon = monthFromName(d[1] ?? d[4] ?? '');
    const day = Number(d[2] ?? d[3]);
    const year = Number(d[5] ?? d[12]);
    if (!mon || !year) return null;
    let h = Number(d[6]);
    if (d[10] === 'PM' && h < 12) h += 12;
    if (d[10] === 'AM' && h === 12) h = 0;
    const zone = d[11] ? (ABBREV[d[11]] ?? (/^[+-]\d{4}$/.test(d[11]) ? d[11] : undefined)) : undefined;
    const r = resolveTime(ctx, year, mon, day, h, Number(d[7]), Number(d[8]), fractionToMs(d[9]), zone);
    return r;
  }
  return null;
}
