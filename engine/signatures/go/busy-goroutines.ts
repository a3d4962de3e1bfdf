import type { FindingDraft } from '../../model/finding';
import { parseJson } from '../../store/json';
import { plural } from '../findings-from-hits';
import { growth, seriesBy, snapEvidence, spanOccurrence } from '../series';
import type { Signature } from '../types';
import { appFrame } from './group-series';

export const BUSY_GOROUTINES = 'busy-goroutines';

/** One or two goroutines caught running are what any busy server shows; three in one function at once is a pattern. */
const MIN_BUSY = 3;

export interface BusyGoroutinesData {
  frame: string;
  counts: number[];
  growing: boolean;
  cpu: number | null;
  pid: number | null;
}
/** %CPU of one process (top counts 100 per core) that we call high. */
const HIGH_CPU = 80;

export const busyGoroutines: Signature<typeof BUSY_GOROUTINES, BusyGoroutinesData> = {
  id: BUSY_GOROUTINES,
  title: 'Goroutines spinning in the same function',
  severity: 'high',
  explanation:
    'Several goroutines are running or runnable — not waiting — in the same function, in dump after dump. Goroutines normally ' +
    'sit in IO wait, select or chan receive; many on-CPU in one place is a busy loop (a `for { select { … default: } }` that never ' +
    'blocks, a retry without backoff), burning a core each.',
  fix:
    'Make the loop block or exit: `return` (not `break`, which only leaves the select) on EOF or closed channels, drop the `default:` ' +
    'case or add a sleep/backoff, and close the connection when the stream ends. goleak in tests catches the goroutines left behind.',
  references: ['https://go.dev/ref/spec#Break_statements', 'https://github.com/uber-go/goleak'],
  detect(ctx) {
    const q = ctx.store.series;
    const dumps = q.dumps(ctx.bundleId, 'goroutine');
    // A spinning goroutine is caught at a different instruction in every dump, so exact-stack groups
    // split it up; what stays put is the application frame the loop lives in.
    const busy = q.groups(ctx.bundleId, 'goroutine').filter((g) => (g.tags ?? '').split(',').includes('busy'));
    const top = q.topTasks(ctx.bundleId);
    const out: FindingDraft<BusyGoroutinesData>[] = [];
    for (const [, ds] of seriesBy(dumps, (d) => `${d.host ?? ''}|${d.pid ?? ''}`)) {
      const ids = new Set(ds.map((d) => d.sid));
      const byFrame = seriesBy(
        busy.filter((g) => ids.has(g.sid)),
        (g) => appFrame(parseJson<string[]>(g.frames, [])).split(' ')[0]!,
      );
      for (const [frame, rows] of byFrame) {
        const counts = ds.map((d) => rows.filter((r) => r.sid === d.sid).reduce((n, r) => n + r.count, 0));
        const g = growth(ds.map((d, i) => ({ t: d.capturedAt, v: counts[i]! })));
        const growing = g.points >= 3 && g.last > g.first && g.last >= 2;
        if (g.max < MIN_BUSY && !growing) continue;
        const pid = ds.find((d) => d.pid !== null)?.pid ?? null;
        const mine = top.filter((t) => !t.isThread && (pid === null || t.pid === pid));
        const hottest = pid === null ? null : mine.reduce<(typeof top)[number] | null>((a, b) => (!a || (b.cpu ?? 0) > (a.cpu ?? 0) ? b : a), null);
        const hot = hottest && (hottest.cpu ?? 0) >= HIGH_CPU ? hottest : null;
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
          data: { frame, counts, growing, cpu: hot?.cpu ?? null, pid },
          evidence: [
            ...rows.slice(-2).map((p) => snapEvidence(p, p.groupLine ?? p.line, `${p.count} goroutine${p.count === 1 ? '' : 's'} [${p.state}] in ${frame}`)),
            ...(hot ? [snapEvidence(hot, hot.taskLine ?? hot.line, `${hot.cpu}% CPU`)] : []),
          ],
          occurrences: [spanOccurrence(rows[0]!, rows.at(-1)!, rows.at(-1)!.groupLine ?? rows.at(-1)!.line, pid, `${g.max} goroutines on-CPU`)],
        });
      }
    }
    return out;
  },
};
