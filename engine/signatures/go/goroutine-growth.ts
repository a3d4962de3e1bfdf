import type { FindingDraft } from '../../model/finding';
import { plural } from '../findings-from-hits';
import { isGrowing, snapEvidence, spanOccurrence, type Growth } from '../series';
import type { LogMetricRef } from '../log-metric-series';
import type { Signature } from '../types';
import { goroutineGrowthFromLogs } from './goroutine-growth-logs';
import { groupTrends, leakKey, userFrame } from './group-series';

export const GOROUTINE_GROWTH = 'goroutine-growth';

/** A group must gain ten goroutines that stay: request-scoped goroutines come and go by a few with load. */
const MIN_DELTA = 10;
/** …and at least double: a group that grows by half again is load, not a leak. */
const MIN_RATIO = 2;

export interface GoroutineGrowthData {
  /** 'log': the goroutine count a service logs itself (goroutine-growth-logs.ts); absent: a group across dumps. */
  source?: 'log';
  /** The log metric series of a 'log' growth, which the timeline charts. */
  series?: LogMetricRef;
  state: string | null;
  frame: string;
  createdBy: string | null;
  tags: string[];
  counts: number[];
  growth: Growth;
}

/**
 * A net/http server goroutine with no application frame is a client connection between requests (keep-alive,
 * or a client that never closes): one per open connection, as many as clients keep open. Their growth is the
 * clients' doing — descriptor and socket snapshots show it per peer — not goroutines this code leaks; a handler
 * that hangs is keyed by its own frame instead.
 */
const SERVER_CONNECTION = /^net\/http\.\(\*(?:conn|http2serverConn)\)\.serve\b/;
export const isServerConnection = (frame: string): boolean => SERVER_CONNECTION.test(frame);

export const goroutineGrowth: Signature<typeof GOROUTINE_GROWTH, GoroutineGrowthData> = {
  id: GOROUTINE_GROWTH,
  title: 'A group of goroutines keeps growing',
  severity: 'high',
  explanation:
    'Across the goroutine dumps, one group of goroutines with the same stack grows. Goroutines that are started for each ' +
    'request, connection or subscription and never return are leaked: each holds its stack, what it references, and often a ' +
    'socket, until memory, CPU or descriptors run out.',
  fix:
    'Give every goroutine a way to stop: pass a context and return on ctx.Done(), close the channel or connection it waits on, ' +
    'and test with goleak. The creating function is shown as "created by".',
  references: ['https://go.dev/blog/context', 'https://github.com/uber-go/goleak'],
  detect(ctx) {
    const q = ctx.store.series;
    const trends = groupTrends(q.groups(ctx.bundleId, 'goroutine'), q.dumps(ctx.bundleId, 'goroutine'), leakKey);
    const dumps = trends
      .filter((t) => isGrowing(t.growth, MIN_DELTA, MIN_RATIO) && !isServerConnection(userFrame(t.frames)))
      .sort((a, b) => b.growth.delta - a.growth.delta)
      .slice(0, 8)
      .map((t): FindingDraft<GoroutineGrowthData> => {
        const where = userFrame(t.frames);
        return {
          signature: this.id,
          severity: t.growth.last >= 1000 ? 'critical' : 'high',
          title: `Goroutines in ${where.split(' ')[0]} grew ${t.growth.first} → ${t.growth.last}`,
          summary:
            `${plural(t.growth.last, 'goroutine')} [${t.state ?? '?'}] in ${where} (${t.counts.join(' → ')} across ${plural(t.counts.length, 'dump')})` +
            (t.createdBy ? `, created by ${t.createdBy.split(' ')[0]}` : '') + '.',
          first: t.dumps[0]!.capturedAt,
          last: t.dumps.at(-1)!.capturedAt,
          count: t.growth.last,
          data: { state: t.state, frame: where, createdBy: t.createdBy, tags: t.tags, counts: t.counts, growth: t.growth },
          evidence: t.present.slice(-3).map((p) => snapEvidence(p, p.groupLine ?? p.line, `${p.count} goroutines in this group`)),
          occurrences: [spanOccurrence(t.dumps[0]!, t.present.at(-1)!, t.present.at(-1)!.groupLine ?? t.present.at(-1)!.line, t.dumps[0]!.pid, `${t.growth.first} → ${t.growth.last} goroutines`)],
        };
      });
    return [...dumps, ...goroutineGrowthFromLogs(ctx, this.id, MIN_DELTA, MIN_RATIO)];
  },
};
