/**
 * The summary lines above top's task table, in the dialects of procps-ng 4, procps 3.3, procps 3.2
 * and busybox. Every reader returns null for a line that is not its own, so the caller can try them
 * in turn; numbers may use a decimal comma (`load average: 0,06, 0,05, 0,02`).
 */
import type { TopCpu, TopMem, TopSample } from './model';

const num = (s: string) => Number(s.replace(',', '.'));

export interface TopLine {
  clock: string;
  h: number;
  mi: number;
  s: number;
  uptimeText?: string;
  users?: number;
  load?: [number, number, number];
}

/** `top - 22:30:58 up 375 days,  2:54,  1 user,  load average: 1.58, 2.79, 4.16` */
export function parseTopLine(text: string): TopLine | null {
  const m = /^top - (\d{1,2}):(\d{2}):(\d{2})\b/.exec(text);
  if (!m) return null;
  const out: TopLine = { clock: `${m[1]!.padStart(2, '0')}:${m[2]}:${m[3]}`, h: Number(m[1]), mi: Number(m[2]), s: Number(m[3]) };
  const la = text.indexOf('load average:');
  const up = text.indexOf(' up ');
  if (up >= 0) {
    let upText = text.slice(up + 4, la >= 0 ? la : undefined).trim().replace(/,$/, '');
    const users = /,\s+(\d+) users?$/.exec(upText);
    if (users) {
      out.users = Number(users[1]);
      upText = upText.slice(0, users.index);
    }
    out.uptimeText = upText.trim();
  }
  if (la >= 0) {
    const parts = text.slice(la + 13).trim().split(/,\s+/).map(num);
    if (parts.length === 3 && parts.every(Number.isFinite)) out.load = parts as [number, number, number];
  }
  return out;
}

/** `Tasks: 738 total,   1 running, …` or `Threads:  19 total, …`. */
export function parseCounts(text: string): { counts: NonNullable<TopSample['counts']>; threads: boolean } | null {
  const m = /^(Tasks|Threads):/.exec(text);
  if (!m) return null;
  const counts = { total: 0, running: 0, sleeping: 0, stopped: 0, zombie: 0 };
  for (const c of text.matchAll(/(\d+) (total|running|sleeping|stopped|zombie)\b/g)) counts[c[2] as keyof typeof counts] = Number(c[1]);
  return { counts, threads: m[1] === 'Threads' };
}

/** `%Cpu(s):  0.0 us, …`, `Cpu(s): 21.7% us, …`, `Cpu(s):  1.0%us, …`, busybox `CPU:   0% usr   0% sys …`. */
export function parseCpu(text: string): TopCpu | null {
  if (/^%?Cpu\(s\)\s*:/.test(text)) {
    const cpu: TopCpu = { us: 0, sy: 0, ni: 0, id: 0, wa: 0, hi: 0, si: 0, st: 0 };
    let seen = 0;
    for (const c of text.matchAll(/(\d+(?:[.,]\d+)?)\s*%?\s*(us|sy|ni|id|wa|hi|si|st)\b/g)) {
      cpu[c[2] as keyof TopCpu] = num(c[1]!);
      seen++;
    }
    return seen >= 4 ? cpu : null;
  }
  if (/^CPU:\s/.test(text)) {
    const names: Record<string, keyof TopCpu> = { usr: 'us', sys: 'sy', nic: 'ni', idle: 'id', io: 'wa', irq: 'hi', sirq: 'si' };
    const cpu: TopCpu = { us: 0, sy: 0, ni: 0, id: 0, wa: 0, hi: 0, si: 0, st: 0 };
    let seen = 0;
    for (const c of text.matchAll(/(\d+(?:[.,]\d+)?)% (usr|sys|nic|idle|io|irq|sirq)\b/g)) {
      cpu[names[c[2]!]!] = num(c[1]!);
      seen++;
    }
    return seen >= 4 ? cpu : null;
  }
  return null;
}

const UNIT_KB: Record<string, number> = { KiB: 1, MiB: 1024, GiB: 1024 ** 2, TiB: 1024 ** 3, PiB: 1024 ** 4, EiB: 1024 ** 5 };
const SUFFIX_KB: Record<string, number> = { '': 1, k: 1, K: 1, m: 1024, M: 1024, g: 1024 ** 2, G: 1024 ** 2, t: 1024 ** 3, T: 1024 ** 3 };

/** `MiB Mem :  24105.6 total, …`, `KiB Swap:  … used.  … avail Mem`, `Mem:  65968872k total, …`. */
export function parseMem(text: string, into: TopMem): boolean {
  const m = /^(?:([KMGTPE]iB) )?(Mem|Swap)\s*:/.exec(text);
  if (!m || /\d\/\d/.test(text)) return false; // graph mode (`GiB Mem : 28.2/7.8 [|||]`) carries no fields
  const unit = UNIT_KB[m[1] ?? 'KiB']!;
  const swap = m[2] === 'Swap';
  let seen = 0;
  for (const f of text.matchAll(/(\d+(?:[.,]\d+)?)([kKmMgGtT]?)\s+(total|free|used|buff\/cache|buffers|avail Mem|cached Mem|cached)\b/g)) {
    const kb = Math.round(num(f[1]!) * (f[2] ? SUFFIX_KB[f[2]]! : unit));
    seen++;
    switch (f[3]) {
      case 'total':
        if (swap) into.swapTotalKb = kb;
        else into.totalKb = kb;
        break;
      case 'free':
        if (swap) into.swapFreeKb = kb;
        else into.freeKb = kb;
        break;
      case 'used':
        if (swap) into.swapUsedKb = kb;
        else into.usedKb = kb;
        break;
      case 'buff/cache':
      case 'buffers':
        into.buffCacheKb = kb;
        break;
      case 'avail Mem':
        into.availKb = kb;
        break;
      default:
        into.cachedKb = kb;
    }
  }
  return seen > 0;
}

/** busybox: `Mem: 449532K used, 159356K free, 0K shrd, 0K buff, 139914323006485K cached`. */
export function parseBusyboxMem(text: string, into: TopMem): boolean {
  if (!/^Mem: \d+K used\b/.test(text)) return false;
  for (const f of text.matchAll(/(\d+)K (used|free|buff|cached)\b/g)) {
    const kb = Number(f[1]);
    if (f[2] === 'used') into.usedKb = kb;
    else if (f[2] === 'free') into.freeKb = kb;
    else if (f[2] === 'buff') into.buffCacheKb = kb;
    else into.cachedKb = kb;
  }
  return true;
}

/** busybox: `Load average: 0.00 0.01 0.05 1/111 598`. */
export function parseBusyboxLoad(text: string): [number, number, number] | null {
  const m = /^Load average: (\d+[.,]\d+) (\d+[.,]\d+) (\d+[.,]\d+)\b/.exec(text);
  return m ? [num(m[1]!), num(m[2]!), num(m[3]!)] : null;
}
