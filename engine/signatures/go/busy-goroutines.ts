import type { EvidenceRef } from '../../model/evidence';
import type { FindingDraft } from '../../model/finding';
import { oneDumpPerInstant } from '../../store/goroutine-captures';
import { parseJson } from '../../store/json';
import { plural } from '../findings-from-hits';
import { processCpuPoints, type ProcessCpuPoint } from '../os/top-cpu';
import { growth, seriesBy, snapEvidence, spanOccurrence } from '../series';
import type { Signature } from '../types';
import { appFrame } from './group-series';

export const BUSY_GOROUTINES = 'busy-goroutines';

/** One or two goroutines caught running are what any busy server shows; three in one function at once is a pattern. */
const MIN_BUSY = 3;
/** Without that many, the same function on-CPU in this many dumps while top shows the process burning a core. */
const MIN_DUMPS_WITH_CPU = 2;

export interface BusyGoroutinesData {
  frame: string;
  counts: number[];
  growing: boolean;
  /** %CPU of the process in top around the dumps (100 = one core), when high. */
  cpu: number | null;
  pid: number | null;
  /** Dumps that showed goroutines on-CPU in the frame. */
  dumps: number;
  /** Where the frame was caught (`/src/app/stream.go:72`), as the last dump prints it. */
  at: string | null;
}
/** %CPU of one process (top counts 100 per core) that we call high. */
export const HIGH_CPU = 80;
/** top captures this close to the dumps (before the first, after the last) speak for them. */
const CPU_NEAR_MS = 60_000;

/** The line of frame `idx` of a goroutine whose header is at `header`: a traceback prints each frame as two lines (the call, then file:line). */
export const goFrameLine = (header: number, idx: number): number => header + 1 + 2 * idx;

/** The hottest top point of `pid` in [from - near, to + near], if at or above HIGH_CPU. */
export function hotProcess(points: readonly ProcessCpuPoint[], pid: number | null, from: number | null, to: number | null): ProcessCpuPoint | null {
  if (pid === null) return null;
  const near = (t: number | null) => t === null || from === null || to === null || (t >= from - CPU_NEAR_MS && t <= to + CPU_NEAR_MS);
  const mine = points.filter((p) => p.pid === pid && near(p.row.capturedAt));
  const hottest = mine.reduce<ProcessCpuPoint | null>((a, b) => (!a || b.cpu > a.cpu ? b : a), null);
  return hottest && hottest.cpu >= HIGH_CPU ? hottest : null;
}

/** The row to cite for a hot process: its busiest thread under top -H (the one at a full core), else its own row. */
export function cpuEvidence(hot: ProcessCpuPoint): EvidenceRef {
  const t = hot.hottestThread;
  const note = t ? `thread ${t.pid} at ${t.cpu}% CPU (${hot.command ?? 'the process'}: ${hot.cpu}% in all)` : `${hot.command ?? 'the process'} at ${hot.cpu}% CPU`;
  return snapEvidence(hot.row, hot.line, note);
}

export const busyGoroutines: Signature<typeof BUSY_GOROUTINES, BusyGoroutinesData> = {
  id: BUSY_GOROUTINES,
  title: 'Goroutines spinning in the same function',
  severity: 'high',
  explanation:
    'Goroutines are running or runnable — not waiting — in the same function, in dump after dump. Goroutines normally ' +
    'sit in IO wait, select or chan receive; several on-CPU in one place, or one caught there every time while top shows the process ' +
    'burning a core, is a busy loop (a `for { select { … default: } }` that never blocks, a retry without backoff, an index that ' +
    'never advances), burning a core each.',
  fix:
    'Make the loop block or exit: `return` (not `break`, which only leaves the select) on EOF or closed channels, drop the `default:` ' +
    'case or add a sleep/backoff, and close the connection when the stream ends. goleak in tests catches the goroutines left behind.',
  references: ['https://go.dev/ref/spec#Break_statements', 'https://github.com/uber-go/goleak'],
  detect(ctx) {
    const q = ctx.store.series;
    const dumps = q.dumps(ctx.bundleId, 'goroutine');
    // A spinning goroutine is caught at a different instruction in every dump, so exact-stack groups
    // split it up; what stays put is the application frame the loop lives in.
    const groups = q.groups(ctx.bundleId, 'goroutine');
    const busy = groups.filter((g) => (g.tags ?? '').split(',').includes('busy'));
    if (busy.length === 0) return [];
    const cpu = processCpuPoints(q.topTasks(ctx.bundleId));
    const out: FindingDraft<BusyGoroutinesData>[] = [];
    for (const [, all] of seriesBy(dumps, (d) => `${d.host ?? ''}|${d.pid ?? ''}`)) {
      // A debug=1 and a debug=2 dump taken together are one point (store/goroutine-captures.ts).
      const allIds = new Set(all.map((d) => d.sid));
      const ds = oneDumpPerInstant(all, groups.filter((g) => allIds.has(g.sid)));
      const ids = new Set(ds.map((d) => d.sid));
      const byFrame = seriesBy(
        busy.filter((g) => ids.has(g.sid)),
        (g) => appFrame(parseJson<string[]>(g.frames, [])).split(' ')[0]!,
      );
      for (const [frame, rows] of byFrame) {
        const counts = ds.map((d) => rows.filter((r) => r.sid === d.sid).reduce((n, r) => n + r.count, 0));
        const present = counts.filter((c) => c > 0).length;
        const g = growth(ds.map((d, i) => ({ t: d.capturedAt, v: counts[i]! })));
        const growing = g.points >= 3 && g.last > g.first && g.last >= 2;
        const pid = ds.find((d) => d.pid !== null)?.pid ?? null;
        const hot = hotProcess(cpu, pid, rows[0]!.capturedAt, rows.at(-1)!.capturedAt);
        if (g.max < MIN_BUSY && !growing && !(hot && present >= MIN_DUMPS_WITH_CPU)) continue;
        // Cite the frame itself in the dump: the loop's function line and its file:line.
        const frameAt = (p: (typeof rows)[number]) => {
          const frames = parseJson<string[]>(p.frames, []);
          const idx = frames.findIndex((f) => f.split(' ')[0] === frame);
          return p.groupLine !== null && idx >= 0 ? { line: goFrameLine(p.groupLine, idx), at: frames[idx]!.split(' ')[1] ?? null } : { line: p.groupLine ?? p.line, at: null };
        };
        const last = frameAt(rows.at(-1)!);
        out.push({
          signature: this.id,
          severity: hot || growing ? 'critical' : 'high',
          title: `${plural(g.max, 'goroutine')} on-CPU in ${frame}`,
          summary:
            `Goroutines running or runnable in ${frame} (${counts.join(' → ')} across ${plural(counts.length, 'dump')})` +
            (hot ? `; top shows ${hot.command ?? 'the process'} (pid ${hot.pid}) at ${hot.cpu}% CPU` : '') + '.',
          first: ds[0]!.capturedAt,
          last: ds.at(-1)!.capturedAt,
          count: g.last,
          data: { frame, counts, growing, cpu: hot?.cpu ?? null, pid, dumps: present, at: last.at },
          evidence: [
            ...rows.slice(-2).map((p) => {
              const f = frameAt(p);
              return snapEvidence(p, f.line, `${p.count} goroutine${p.count === 1 ? '' : 's'} [${p.state}] in ${frame}`, f.at ? f.line + 1 : undefined);
            }),
            ...(hot ? [cpuEvidence(hot)] : []),
          ],
          occurrences: [spanOccurrence(rows[0]!, rows.at(-1)!, last.line, pid, `${plural(g.max, 'goroutine')} on-CPU`)],
        });
      }
    }
    return out;
  },
};
