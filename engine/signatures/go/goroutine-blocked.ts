import type { FindingDraft } from '../../model/finding';
import { plural } from '../findings-from-hits';
import { snapEvidence, spanOccurrence } from '../series';
import type { Signature } from '../types';
import { userFrame } from './group-series';
import { parseJson } from '../../store/json';

const BLOCKING = /^(chan send|chan receive|chan send \(nil chan\)|chan receive \(nil chan\)|select|select \(no cases\)|semacquire|sync\.(Mutex|RWMutex|WaitGroup)\.\w+|sync\.Cond\.Wait)$/;
/** Minutes a goroutine must have waited to count as blocked, not just waiting: the runtime prints waits in whole minutes. */
const MIN_MINUTES = 1;

export const GOROUTINE_BLOCKED = 'goroutine-blocked';

export interface GoroutineBlockedData {
  state: string | null;
  frame: string;
  waitMin: number | null;
  waitMax: number | null;
  createdBy: string | null;
}

export const goroutineBlocked: Signature<typeof GOROUTINE_BLOCKED, GoroutineBlockedData> = {
  id: GOROUTINE_BLOCKED,
  title: 'Goroutines blocked for minutes on the same line',
  severity: 'high',
  explanation:
    'Goroutines have waited minutes in a channel send or receive, a select, or a mutex/WaitGroup, at the same line. A send that ' +
    'nobody will receive (the caller gave up after a timeout and returned) or a WaitGroup waiting on a dead downstream never ' +
    'completes: the goroutines and everything they hold stay forever.',
  fix:
    'Make the send non-blocking or buffered for the abandoned case, select on ctx.Done() next to every channel operation, and pass ' +
    'context.WithTimeout down to every outbound call so workers return when the caller has.',
  references: ['https://go.dev/blog/pipelines', 'https://go.dev/blog/context'],
  detect(ctx) {
    const rows = ctx.store.series.groups(ctx.bundleId, 'goroutine').filter((g) => BLOCKING.test(g.state ?? '') && (g.waitMax ?? 0) >= MIN_MINUTES);
    // Report each group once, at its latest (longest-waiting) dump.
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of rows) latest.set(r.key, r);
    return [...latest.values()]
      .sort((a, b) => (b.waitMax ?? 0) * b.count - (a.waitMax ?? 0) * a.count)
      .slice(0, 8)
      .map((g): FindingDraft<GoroutineBlockedData> => {
        const where = userFrame(parseJson<string[]>(g.frames, []));
        return {
          signature: this.id,
          severity: g.count >= 100 || (g.waitMax ?? 0) >= 60 ? 'critical' : 'high',
          title: `${plural(g.count, 'goroutine')} blocked in ${g.state} at ${where.split(' ')[0]}`,
          summary: `${plural(g.count, 'goroutine')} [${g.state}] for ${g.waitMin === g.waitMax ? g.waitMax : `${g.waitMin}–${g.waitMax}`} minutes at ${where}.`,
          first: g.capturedAt,
          last: g.capturedAt,
          count: g.count,
          data: { state: g.state, frame: where, waitMin: g.waitMin, waitMax: g.waitMax, createdBy: g.createdBy },
          evidence: [snapEvidence(g, g.groupLine ?? g.line, `${g.count} goroutines, ${g.waitMax} minutes`)],
          // Blocked since the longest wait the runtime printed: the span reaches back to when they stopped.
          occurrences: [{
            ...spanOccurrence(g, g, g.groupLine ?? g.line, null, `${g.count} goroutines, ${g.waitMax} minutes`),
            ts: g.capturedAt === null ? null : g.capturedAt - (g.waitMax ?? 0) * 60_000,
          }],
        };
      });
  },
};
