/** Data shaping for the overview: findings by severity and signature, files, descriptor series (pure). */
import type { FdSeries } from '../../../../engine/analysis/fd-series';
import type { FileSummary } from '../../../../engine/api/report-types';
import type { Finding, Severity } from '../../../../engine/model/finding';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** The findings of one signature at one severity (a signature can produce hundreds). */
export interface SignatureGroup {
  key: string;
  signature: string;
  severity: Severity;
  findings: Finding[];
  /** Sum of the findings' occurrence counts. */
  occurrences: number;
  first: number | null;
  last: number | null;
}

export interface SeverityGroup {
  severity: Severity;
  groups: SignatureGroup[];
  /** Number of findings at this severity. */
  count: number;
}

const byTime = (a: number | null, b: number | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b);

function minOf(xs: (number | null)[]): number | null {
  let m: number | null = null;
  for (const x of xs) if (x !== null && (m === null || x < m)) m = x;
  return m;
}

function maxOf(xs: (number | null)[]): number | null {
  let m: number | null = null;
  for (const x of xs) if (x !== null && (m === null || x > m)) m = x;
  return m;
}

/** Critical → info; inside a severity one group per signature, earliest first; findings in a group by time. */
export function groupFindings(findings: readonly Finding[]): SeverityGroup[] {
  const out: SeverityGroup[] = [];
  for (const severity of SEVERITIES) {
    const at = findings.filter((f) => f.severity === severity);
    if (at.length === 0) continue;
    const bySig = new Map<string, Finding[]>();
    for (const f of at) {
      const list = bySig.get(f.signature);
      if (list) list.push(f);
      else bySig.set(f.signature, [f]);
    }
    const groups: SignatureGroup[] = [...bySig].map(([signature, list]) => {
      const sorted = [...list].sort((a, b) => byTime(a.first, b.first) || byTime(a.last, b.last) || a.id - b.id);
      return {
        key: `${severity}:${signature}`,
        signature,
        severity,
        findings: sorted,
        occurrences: sorted.reduce((n, f) => n + f.count, 0),
        first: minOf(sorted.map((f) => f.first)),
        last: maxOf(sorted.map((f) => f.last ?? f.first)),
      };
    });
    groups.sort((a, b) => byTime(a.first, b.first) || a.signature.localeCompare(b.signature));
    out.push({ severity, groups, count: at.length });
  }
  return out;
}

/** How many findings per severity, for the page's summary line. */
export function severityCounts(findings: readonly Finding[]): { severity: Severity; count: number }[] {
  return SEVERITIES.map((severity) => ({ severity, count: findings.filter((f) => f.severity === severity).length })).filter((x) => x.count > 0);
}

/** Long lists grow by pages: how many to show after one more click. */
export function nextPage(shown: number, total: number, step = 20): number {
  return Math.min(total, shown + step);
}

// ---- files ----

export const PROBLEM_STATUSES = ['refused', 'error', 'binary', 'unknown'] as const;

export const STATUS_INFO: Record<string, { label: string; explain: string }> = {
  parsed: { label: 'read', explain: 'Recognised and parsed.' },
  refused: { label: 'refused', explain: 'Not read for safety (an archive entry with an absolute path, "..", or a link leading outside the bundle; or over a size cap).' },
  error: { label: 'read error', explain: 'Reading or parsing stopped with an error; what was read before it is kept.' },
  binary: { label: 'binary', explain: 'A binary file: listed, not parsed.' },
  unknown: { label: 'not recognised', explain: 'No parser recognised its content; it is listed, not parsed.' },
};

export function statusInfo(status: string): { label: string; explain: string } {
  return STATUS_INFO[status] ?? { label: status, explain: '' };
}

/** Files Rootline could not read (refused, errors, binary, unknown) first, then the rest. */
export function splitFiles(files: readonly FileSummary[]): { problems: FileSummary[]; read: FileSummary[] } {
  const rank = (s: string) => (PROBLEM_STATUSES as readonly string[]).indexOf(s);
  const problems = files.filter((f) => rank(f.status) >= 0).sort((a, b) => rank(a.status) - rank(b.status) || a.path.localeCompare(b.path));
  const read = files.filter((f) => rank(f.status) < 0).sort((a, b) => a.path.localeCompare(b.path));
  return { problems, read };
}

/** What a file's time quality means, in the words of the zone the bundle was read in. */
const CAPTURE: Record<string, [short: string, long: string]> = {
  tool: ['tool', 'the time the tool printed itself'],
  header: ['header', 'a collector header line (# captured …) or date output in the file'],
  filename: ['file name', 'a time stamp in the file name'],
  mtime: ['mtime', "the file's modification time (nothing better was there)"],
};

export function timeQuality(q: string | null, tz: string, first: number | null = null, captureSources: readonly string[] = []): { label: string; explain: string } {
  if (q === 'none' && first !== null && captureSources.length) {
    return {
      label: `captured (${captureSources.map((s) => CAPTURE[s]?.[0] ?? s).join(', ')})`,
      explain: `Snapshot capture times, from ${captureSources.map((s) => CAPTURE[s]?.[1] ?? s).join('; then ')}.`,
    };
  }
  switch (q) {
    case 'explicit':
      return { label: 'zone in file', explain: 'Every record prints its own zone or offset.' };
    case 'assumed':
      return { label: `read as ${tz}`, explain: `The records print no zone; they were read in the bundle's zone (${tz}).` };
    case 'mixed':
      return { label: `partly ${tz}`, explain: `Some records print a zone; the others were read as ${tz}.` };
    case 'none':
      return first !== null
        ? { label: 'own times', explain: 'Not log records: the times come from what the file itself prints (GC log, metrics, snapshot headers).' }
        : { label: 'no times', explain: 'The records carry no time of their own (a snapshot or dump: its capture time is used).' };
    default:
      return { label: '—', explain: 'Not parsed, so no times.' };
  }
}

/** "12 kinds" summary: how many files of each kind, most first. */
export function kindCounts(files: readonly FileSummary[]): { kind: string; count: number }[] {
  const m = new Map<string, number>();
  for (const f of files) m.set(f.kind, (m.get(f.kind) ?? 0) + 1);
  return [...m].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

/** The time the logs cover: earliest first record to latest last record over all files. */
export function bundleSpan(files: readonly FileSummary[]): { first: number; last: number } | null {
  const first = minOf(files.map((f) => f.first));
  const last = maxOf(files.map((f) => f.last ?? f.first));
  return first === null || last === null ? null : { first, last };
}

// ---- descriptor series ----

export interface FdRow {
  ts: number | null;
  count: number;
  /** Change since the previous snapshot (null for the first). */
  delta: number | null;
  file: string;
  fileId: number | null;
  line: number;
}

export interface FdTable {
  key: string;
  title: string;
  first: number;
  last: number;
  span: number | null;
  rows: FdRow[];
  byType: { key: string; first: number; last: number; delta: number }[];
  byPeer: { key: string; first: number; last: number; delta: number }[];
}

/** One compact table per process; snapshot rows link to their file by id when the file is in the bundle. */
export function fdTables(series: readonly FdSeries[], files: readonly FileSummary[]): FdTable[] {
  const ids = new Map(files.map((f) => [f.path, f.id]));
  return series.map((s) => {
    const rows: FdRow[] = s.points.map((p, i) => ({
      ts: p.ts,
      count: p.count,
      delta: i === 0 ? null : p.count - s.points[i - 1]!.count,
      file: p.file,
      fileId: ids.get(p.file) ?? null,
      line: p.line,
    }));
    const first = rows[0]?.count ?? 0;
    const last = rows.at(-1)?.count ?? 0;
    const t0 = rows[0]?.ts ?? null;
    const t1 = rows.at(-1)?.ts ?? null;
    const withDelta = (xs: { key: string; first: number; last: number }[]) =>
      xs.map((x) => ({ ...x, delta: x.last - x.first })).filter((x) => x.delta !== 0 || x.last > 0);
    return {
      key: `${s.host ?? ''}|${s.pid}`,
      title: `${s.command} (pid ${s.pid})${s.host ? ` on ${s.host}` : ''}`,
      first,
      last,
      span: t0 !== null && t1 !== null ? t1 - t0 : null,
      rows,
      byType: withDelta(s.byType),
      byPeer: withDelta(s.byPeer),
    };
  });
}

/** "+118", "−3", "0". */
export function signed(n: number): string {
  return n > 0 ? `+${n.toLocaleString('en-US')}` : n < 0 ? `−${Math.abs(n).toLocaleString('en-US')}` : '0';
}
