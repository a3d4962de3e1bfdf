/**
 * Capture time from a snapshot's file name, third in trust after the tool's own stamp and a
 * collector header: `lsof-20261122T025530Z.txt`, `ss_2026-11-22_02-55-30.txt`,
 * `jstack.20261122-025530.txt`, `goroutines-1763780130.txt` (epoch seconds).
 */
export interface NameTime {
  /** UTC ms when the name says Z/UTC; otherwise wall clock read as UTC (zone assumed). */
  ts: number;
  explicit: boolean;
}

const COMPACT = /(?:^|[^\d])(20\d{2})(\d{2})(\d{2})[T_-]?(\d{2})(\d{2})(\d{2})(Z|UTC)?(?!\d)/;
const DASHED = /(?:^|[^\d])(20\d{2})-(\d{2})-(\d{2})[T_ ](\d{2})[-:.](\d{2})[-:.](\d{2})(Z|UTC)?(?!\d)/;
const EPOCH = /(?:^|[^\d])(1[5-9]\d{8})(?:\d{3})?(?!\d)/;

export function timeFromFileName(path: string): NameTime | null {
  const name = path.split('/').pop() ?? path;
  const m = DASHED.exec(name) ?? COMPACT.exec(name);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
    return { ts: Date.UTC(y, mo - 1, d, h, mi, s), explicit: Boolean(m[7]) };
  }
  const e = EPOCH.exec(name);
  if (e) return { ts: Number(e[1]) * 1000, explicit: true };
  return null;
}
