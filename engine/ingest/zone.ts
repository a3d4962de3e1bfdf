/**
 * The bundle's time zone. Parsers read times printed without a zone as if they were UTC
 * ("wall-clock as UTC"); once every file has been seen, the engine picks the zone and re-times
 * those records. Printed offsets and `date` headers in the bundle are the evidence for the pick.
 */
import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';

export interface ZoneChoice {
  /** IANA name (`Asia/Seoul`) or a fixed offset (`UTC+9`, `UTC+5:30`), or `UTC`. */
  zone: string;
  /** Why: shown in reports ("offset +09:00 printed in logs/gc.log"). */
  source: string;
}

export class ZoneError extends Error {}

/** Resolves a user-supplied zone (`Asia/Seoul`, `UTC`, `+09:00`, `UTC+9`) or throws a clear error. */
export function parseZone(name: string): Zone {
  const off = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(name.trim());
  if (off) {
    const mins = (Number(off[2]) * 60 + Number(off[3] ?? 0)) * (off[1] === '-' ? -1 : 1);
    return FixedOffsetZone.instance(mins);
  }
  if (/^(UTC|GMT|Z)$/i.test(name.trim())) return FixedOffsetZone.utcInstance;
  if (!IANAZone.isValidZone(name)) throw new ZoneError(`unknown time zone "${name}" (use an IANA name like Europe/Berlin, or an offset like +09:00)`);
  return IANAZone.create(name);
}

export function zoneName(offsetMinutes: number): string {
  return FixedOffsetZone.instance(offsetMinutes).name;
}

/** Maps wall-clock-as-UTC ms to real UTC ms in `zone`; offsets are cached per wall-clock hour. */
export function wallToUtc(zone: Zone): (wall: number) => number {
  if (zone.isUniversal) {
    const off = zone.offset(0) * 60_000;
    return (wall) => wall - off;
  }
  const cache = new Map<number, number>();
  return (wall) => {
    const hour = Math.floor(wall / 3_600_000);
    let off = cache.get(hour);
    if (off === undefined) {
      const d = DateTime.fromMillis(hour * 3_600_000, { zone: 'utc' });
      const local = DateTime.fromObject({ year: d.year, month: d.month, day: d.day, hour: d.hour }, { zone });
      off = local.offset * 60_000;
      cache.set(hour, off);
    }
    return wall - off;
  };
}

/** Real UTC ms → wall-clock-as-UTC ms in `zone` (to place a file's mtime on its local day). */
export function utcToWall(zone: Zone, utc: number): number {
  return utc + zone.offset(utc) * 60_000;
}

/** Common/combined log format: `[07/Dec/2026:19:52:03 +0530]` (nginx, Apache access logs). */
const CLF_OFFSET = /\[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} ([+-])(\d{2})(\d{2})\]/;
const ISO_OFFSET = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:,\s*|\s?)([+-])(\d{2}):?(\d{2})(?!\d)/;
const TZ_FILE = /(?:^|\/)(?:etc\/)?timezone$/;

/** Evidence about the zone found in one file's head. */
export interface ZoneHints {
  /** Offsets in minutes → number of lines printing them. */
  offsets: Map<number, number>;
  /** An IANA zone named by a `timezone` file or `TZ=` line. */
  iana?: string;
}

export function zoneHintsFromHead(path: string, lines: readonly string[]): ZoneHints {
  const hints: ZoneHints = { offsets: new Map() };
  if (TZ_FILE.test(path)) {
    const name = lines.find((l) => l.trim())?.trim();
    if (name && IANAZone.isValidZone(name)) hints.iana = name;
    return hints;
  }
  for (const line of lines) {
    const tz = /^TZ=([A-Za-z_]+\/[A-Za-z_]+)\s*$/.exec(line);
    if (tz && IANAZone.isValidZone(tz[1]!)) hints.iana = tz[1];
    const m = ISO_OFFSET.exec(line) ?? CLF_OFFSET.exec(line);
    if (!m) continue;
    const mins = (Number(m[2]) * 60 + Number(m[3])) * (m[1] === '-' ? -1 : 1);
    if (Math.abs(mins) > 14 * 60) continue;
    hints.offsets.set(mins, (hints.offsets.get(mins) ?? 0) + 1);
  }
  return hints;
}

/** A program's name as its files carry it: `nginx-error.log`, `nginx-access.log.1` → `nginx`. */
export function programStem(path: string): string {
  const base = path.split('/').pop() ?? path;
  return (base.split(/[-_.]/)[0] ?? base).toLowerCase();
}

/**
 * The zone of a file that prints no offset, when another file of the same program prints exactly one
 * (nginx's error log is in the zone its access log prints). Null: the bundle's zone applies.
 */
export function siblingOffset(path: string, perFile: ReadonlyArray<{ path: string; hints: ZoneHints }>): { minutes: number; from: string } | null {
  const stem = programStem(path);
  const kin = perFile.filter((f) => f.path !== path && programStem(f.path) === stem && f.hints.offsets.size === 1);
  const offsets = new Set(kin.map((f) => [...f.hints.offsets.keys()][0]!));
  if (kin.length === 0 || offsets.size !== 1) return null;
  return { minutes: [...offsets][0]!, from: kin[0]!.path };
}

/** Picks the zone: the user's flag, then a timezone file, then the offset most files print, else UTC. */
export function chooseZone(flag: string | undefined, perFile: ReadonlyArray<{ path: string; hints: ZoneHints }>): ZoneChoice {
  if (flag) return { zone: parseZone(flag).name, source: '--tz option' };
  const named = perFile.find((f) => f.hints.iana);
  if (named) return { zone: named.hints.iana!, source: `zone named in ${named.path}` };
  const votes = new Map<number, { lines: number; files: string[] }>();
  for (const f of perFile) {
    for (const [off, n] of f.hints.offsets) {
      const v = votes.get(off) ?? { lines: 0, files: [] };
      v.lines += n;
      v.files.push(f.path);
      votes.set(off, v);
    }
  }
  const best = [...votes.entries()].sort((a, b) => b[1].files.length - a[1].files.length || b[1].lines - a[1].lines)[0];
  if (best) {
    const [off, v] = best;
    const shown = FixedOffsetZone.instance(off).formatOffset(0, 'short');
    const where = v.files.slice(0, 3).join(', ') + (v.files.length > 3 ? ` and ${v.files.length - 3} more` : '');
    return { zone: zoneName(off), source: `offset ${shown} printed in ${where}` };
  }
  return { zone: 'UTC', source: 'no zone found in the bundle; assumed UTC (override with --tz)' };
}
