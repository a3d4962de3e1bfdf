/** A stored pprof profile as the file viewer shows it: what it measures, its totals, its top functions. */
export interface ProfileFunctionRow {
  /** Row number in the profile: what evidence (`file:line`) points at. */
  line: number;
  sampleType: string;
  rank: number;
  name: string;
  file: string | null;
  startLine: number | null;
  flat: number;
  flatShare: number | null;
  cum: number;
  cumShare: number | null;
  app: number;
  appShare: number | null;
  isApp: boolean;
}

export interface ProfileView {
  snapshotId: number;
  /** cpu | heap | goroutine | mutex | block | threadcreate | other */
  profile: string;
  capturedAt: number | null;
  durationMs: number | null;
  period: number | null;
  periodType: string | null;
  periodUnit: string | null;
  defaultType: string;
  samples: number;
  functions: number;
  program: string | null;
  hottest: { name: string; share: number | null; line: number } | null;
  gzipped: boolean;
  types: { type: string; unit: string | null; total: number }[];
  rows: ProfileFunctionRow[];
}

/** A profile value in its unit, for people: `1.33 s`, `5.7 MiB`, `849`. */
export function formatProfileValue(v: number, unit: string | null): string {
  const u = unit ?? '';
  if (u === 'nanoseconds') {
    const abs = Math.abs(v);
    if (abs >= 1e9) return `${(v / 1e9).toFixed(2)} s`;
    if (abs >= 1e6) return `${(v / 1e6).toFixed(1)} ms`;
    if (abs >= 1e3) return `${(v / 1e3).toFixed(1)} µs`;
    return `${v} ns`;
  }
  if (u === 'bytes') {
    const abs = Math.abs(v);
    if (abs >= 1024 ** 3) return `${(v / 1024 ** 3).toFixed(2)} GiB`;
    if (abs >= 1024 ** 2) return `${(v / 1024 ** 2).toFixed(1)} MiB`;
    if (abs >= 1024) return `${(v / 1024).toFixed(1)} KiB`;
    return `${v} B`;
  }
  return Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(2);
}

export function formatShare(s: number | null): string {
  if (s === null) return '–';
  const p = s * 100;
  return `${p >= 10 || p === 0 ? p.toFixed(0) : p.toFixed(1)} %`;
}

/** One function row as a line of text (evidence excerpts, reports): `main.spin — flat 3.8 %, cum 94.7 %, own code 94.7 % of cpu (1.26 s of 1.33 s)`. */
export function profileRowText(r: Pick<ProfileFunctionRow, 'name' | 'sampleType' | 'flatShare' | 'cumShare' | 'appShare' | 'cum'>, unit: string | null, total: number | null): string {
  const of = total !== null ? ` (${formatProfileValue(r.cum, unit)} of ${formatProfileValue(total, unit)})` : '';
  return `${r.name} — flat ${formatShare(r.flatShare)}, cum ${formatShare(r.cumShare)}, as the innermost application frame ${formatShare(r.appShare)} of ${r.sampleType}${of}`;
}
