/**
 * panicparse-style grouping: goroutines in the same state whose frames are the same function at
 * the same file:line (arguments ignored), created by the same function and place, are one group.
 * A thousand goroutines blocked on one channel send become one row with a count.
 */
import { stableHash } from './hash';
import type { AggregatedStack, GoFrame, Goroutine, GoroutineDump, GoroutineGroup } from './model';
import { inferState } from './state';
import { userFrame } from './user-frame';

function frameKey(f: GoFrame): string {
  return `${f.func} ${f.file}:${f.lineNo}`;
}

/** The canonical text a group key is the hash of. */
export function groupSignature(state: string, frames: readonly GoFrame[], createdBy?: GoFrame): string {
  let s = state + '\n';
  for (const f of frames) s += frameKey(f) + '\n';
  if (createdBy) s += 'created by ' + frameKey(createdBy);
  return s;
}

function fromGoroutine(g: Goroutine, key: string): GoroutineGroup {
  const out: GoroutineGroup = {
    key,
    state: g.state,
    count: 0,
    ids: [],
    frames: g.frames,
    waitMinMinutes: Number.POSITIVE_INFINITY,
    waitMaxMinutes: 0,
    lockedToThread: false,
    framesElided: g.framesElided,
  };
  const top = userFrame(g.frames);
  if (top) out.userFrame = top;
  if (g.createdBy) {
    const { goroutine: _parent, ...frame } = g.createdBy;
    out.createdBy = frame;
  }
  return out;
}

function fromAggregated(a: AggregatedStack): GoroutineGroup {
  const state = inferState(a.frames);
  const top = userFrame(a.frames);
  return {
    ...(top ? { userFrame: top } : {}),
    key: stableHash(groupSignature(state, a.frames)),
    state,
    count: a.count,
    ids: [],
    frames: a.frames,
    waitMinMinutes: 0,
    waitMaxMinutes: 0,
    lockedToThread: false,
    framesElided: false,
  };
}

export function groupGoroutines(dump: GoroutineDump): GoroutineGroup[] {
  const byKey = new Map<string, GoroutineGroup>();
  for (const g of dump.goroutines) {
    const key = stableHash(groupSignature(g.state, g.frames, g.createdBy));
    let grp = byKey.get(key);
    if (!grp) {
      grp = fromGoroutine(g, key);
      byKey.set(key, grp);
    }
    grp.count++;
    grp.ids.push(g.id);
    const w = g.waitMinutes ?? 0;
    if (w < grp.waitMinMinutes) grp.waitMinMinutes = w;
    if (w > grp.waitMaxMinutes) grp.waitMaxMinutes = w;
    if (g.lockedToThread) grp.lockedToThread = true;
    if (g.framesElided) grp.framesElided = true;
  }
  // debug=1 blocks are already aggregated; identical stacks with different labels merge here.
  for (const a of dump.aggregated) {
    const grp = fromAggregated(a);
    const prev = byKey.get(grp.key);
    if (prev) prev.count += grp.count;
    else byKey.set(grp.key, grp);
  }
  const groups = [...byKey.values()];
  for (const g of groups) if (g.waitMinMinutes === Number.POSITIVE_INFINITY) g.waitMinMinutes = 0;
  // Stable sort: equal counts stay in the order the dump printed them.
  return groups.sort((a, b) => b.count - a.count);
}
