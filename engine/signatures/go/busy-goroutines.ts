import type { FindingDraft } from '../../model/finding';
import { plural } from '../findings-from-hits';
import { snapEvidence } from '../series';
import type { Signature } from '../types';
import { groupTrends, userFrame } from './group-series';

const MIN_BUSY = 3;
/** %CPU of one process (top counts 100 per core) that we call high. */
const HIGH_CPU = 80;

export const busyGoroutines: Signature = {
  id: 'busy-goroutines',
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
    const trends = groupTrends(q.groups(ctx.bundleId, 'goroutine'), q.dumps(ctx.bundleId, 'goroutine')).filter((t) => t.tags.includes('busy'));
    const top = q.topTasks(ctx.bundleId);
    const hot = top.filter((t) => !t.isThread && (t.cpu ?? 0) >= HIGH_CPU);
    const out: FindingDraft[] = [];
    for (const t of trends) {
      if (t.growth.max < MIN_BUSY) continue;
      const where = userFrame(t.frames);
      const hottest = hot.reduce<(typeof hot)[number] | null>((a, b) => (!a || (b.cpu ?? 0) > (a.cpu ?? 0) ? b : a), null);
      const growing = t.growth.points >= 2 && t.growth.last > t.growth.first;
      out.push({
        signature: this.id,
        severity: hottest || growing ? 'critical' : 'high',
        title: `${plural(t.growth.max, 'goroutine')} on-CPU in ${where.split(' ')[0]}`,
        summary:
          `${plural(t.growth.last, 'goroutine')} [${t.state}] in ${where}` +
          (t.counts.length > 1 ? ` (${t.counts.join(' → ')} across ${plural(t.counts.length, 'dump')})` : '') +
          (hottest ? `; top shows ${hottest.command ?? 'the process'} (pid ${hottest.pid}) at ${hottest.cpu}% CPU` : '') + '.',
        first: t.dumps[0]!.capturedAt,
        last: t.dumps.at(-1)!.capturedAt,
        count: t.growth.last,
        data: { frame: where, state: t.state, counts: t.counts, growing, cpu: hottest?.cpu ?? null, pid: hottest?.pid ?? null },
        evidence: [
          ...t.present.slice(-2).map((p) => snapEvidence(p, p.groupLine ?? p.line, `${p.count} goroutines [${p.state}]`)),
          ...(hottest ? [snapEvidence(hottest, hottest.taskLine ?? hottest.line, `${hottest.cpu}% CPU`)] : []),
        ],
      });
    }
    return out;
  },
};
