/**
 * Java threads grouped by name pattern across the dumps of one process: which group grows, where its
 * threads wait, and, for Executors' default names (`pool-N-thread-M`), how many distinct pools there are.
 * A leak is a group: an executor created per call and never shut down adds one `pool-N` per call.
 */
import { parseJson } from '../../store/json';
import type { GroupPoint, JavaThreadRow } from '../../store/snapshot-queries';
import { growth, isGrowing, seriesBy, type Growth } from '../series';

export interface ThreadGroupGrowth {
  /** `pool-N-thread-M`, `http-worker-N`: the name with its numbers replaced. */
  pattern: string;
  counts: number[];
  growth: Growth;
  /** Distinct pools (first number of a two-number name) in each dump: one more per executor created. */
  pools: number[] | null;
  /** The program's own frame most of the group's threads are in, when they are in one. */
  appFrame: string | null;
  /** Where they wait: `java.util.concurrent.ThreadPoolExecutor.getTask` for idle executor workers. */
  waitFrame: string | null;
  /** One thread of the group in the last dump (evidence), and its dump. */
  sample: JavaThreadRow;
  firstSample: JavaThreadRow | null;
}

/** `pool-12-thread-3` → `pool-N-thread-M`: the numbers a factory appends, in order. */
export function namePattern(name: string): string {
  const letters = ['N', 'M', 'K'];
  let i = 0;
  return name.replace(/\d+/g, () => letters[Math.min(i++, letters.length - 1)]!);
}

const PLATFORM = /^(?:java|javax|jdk|sun|com\.sun|kotlin|scala)\./;
/** Frames of parking and queue plumbing: where a thread waits is the first frame past them. */
const PLUMBING = /^(?:jdk\.internal\.misc\.|java\.util\.concurrent\.locks\.|java\.util\.concurrent\.ForkJoinPool\.(?:unmanaged|managed)Block|java\.lang\.Object\.wait|java\.lang\.Thread\.sleep|java\.util\.concurrent\.(?:LinkedBlockingQueue|ArrayBlockingQueue|SynchronousQueue|LinkedTransferQueue|DelayQueue|ScheduledThreadPoolExecutor\$DelayedWorkQueue)\.)/;
const method = (frame: string): string => frame.replace(/^at /, '').replace(/\(.*$/, '').replace(/^.*\//, '');

function mostCommon(values: readonly (string | null)[]): string | null {
  const n = new Map<string, number>();
  for (const v of values) if (v) n.set(v, (n.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, c] of n) if (best === null || c > n.get(best)!) best = v;
  return best;
}

/**
 * Growing name groups of one process's dumps (rows in capture order), largest growth first. A group must
 * grow by `minDelta` threads and by `minRatio`, as the whole count must.
 */
export function growingThreadGroups(rows: readonly JavaThreadRow[], groups: readonly GroupPoint[], minDelta: number, minRatio: number): ThreadGroupGrowth[] {
  const frames = new Map(groups.map((g) => [`${g.sid}|${g.key}`, parseJson<string[]>(g.frames, [])]));
  const dumps = [...new Map(rows.map((r) => [r.sid, r])).values()];
  const out: ThreadGroupGrowth[] = [];
  for (const [pattern, list] of seriesBy(rows, (r) => namePattern(r.name))) {
    const bySid = seriesBy(list, (r) => String(r.sid));
    const counts = dumps.map((d) => bySid.get(String(d.sid))?.length ?? 0);
    const g = growth(dumps.map((d, i) => ({ t: d.capturedAt, v: counts[i]! })));
    if (!isGrowing(g, minDelta, minRatio)) continue;
    const two = /N.*M/.test(pattern);
    const pools = two ? dumps.map((d) => new Set((bySid.get(String(d.sid)) ?? []).map((r) => /\d+/.exec(r.name)?.[0])).size) : null;
    const last = bySid.get(String(dumps.at(-1)!.sid)) ?? list.slice(-1);
    const stacks = last.map((r) => (frames.get(`${r.sid}|${r.groupKey}`) ?? (r.topFrame ? [r.topFrame] : [])).map(method));
    out.push({
      pattern,
      counts,
      growth: g,
      pools,
      appFrame: mostCommon(stacks.map((fs) => fs.find((f) => !PLATFORM.test(f)) ?? null)),
      waitFrame: mostCommon(stacks.map((fs) => fs.find((f) => !PLUMBING.test(f)) ?? null)),
      sample: last.at(-1)!,
      firstSample: list[0] ?? null,
    });
  }
  return out.sort((a, b) => b.growth.delta - a.growth.delta);
}
