/**
 * Goroutine dumps of one process taken at the same instant are one capture. A collector that fetches
 * pprof's `?debug=1` and `?debug=2` together (or a SIGQUIT trace next to a profile) leaves two dumps of
 * the same goroutines a second apart; counted as two points, a steady climb reads "6 → 6 → 23 → 23"
 * and, where the two formats' stacks differ, "0 → 6 → 0 → 23". One of them stands for the instant:
 * the one whose groups say more (states the runtime printed, creators), i.e. a debug=2 or SIGQUIT
 * trace over a debug=1 profile, which prints neither. A debug=1 group, which names no creator, takes the
 * one the other dumps of its process print for the same top user frame (`withCreators`).
 */
import { storedFunc, storedUserFrame } from '../../parsers/goroutine';
import { parseJson } from './json';

/** Dumps further apart than this are separate captures; two curls started together land within it. */
export const SAME_INSTANT_MS = 2_000;

export interface CaptureRef {
  sid: number;
  capturedAt: number | null;
  host: string | null;
  pid: number | null;
}

export interface GroupRef {
  sid: number;
  state: string | null;
  createdBy: string | null;
}

const processOf = (d: CaptureRef) => `${d.host ?? ''}|${d.pid ?? ''}`;

/** How much a dump's groups tell: one point per group with a printed state, one per group with a creator. */
function richness(groups: readonly GroupRef[] | undefined): number {
  let n = 0;
  for (const g of groups ?? []) {
    if (g.state && g.state !== 'unknown') n++;
    if (g.createdBy) n++;
  }
  return n;
}

/**
 * The dumps that stand for their instant, in the order given: of the dumps of one process within
 * SAME_INSTANT_MS of the first of their cluster, the richest (the earliest of equals). Dumps without a
 * capture time are kept as they are.
 */
export function oneDumpPerInstant<D extends CaptureRef>(dumps: readonly D[], groups: readonly GroupRef[]): D[] {
  const bySid = new Map<number, GroupRef[]>();
  for (const g of groups) {
    const list = bySid.get(g.sid);
    if (list) list.push(g);
    else bySid.set(g.sid, [g]);
  }
  const drop = new Set<number>();
  const byProcess = new Map<string, D[]>();
  for (const d of dumps) {
    if (d.capturedAt === null) continue;
    const k = processOf(d);
    const list = byProcess.get(k);
    if (list) list.push(d);
    else byProcess.set(k, [d]);
  }
  for (const list of byProcess.values()) {
    const sorted = [...list].sort((a, b) => a.capturedAt! - b.capturedAt! || a.sid - b.sid);
    let i = 0;
    while (i < sorted.length) {
      let j = i + 1;
      while (j < sorted.length && sorted[j]!.capturedAt! - sorted[i]!.capturedAt! <= SAME_INSTANT_MS) j++;
      let best = sorted[i]!;
      for (let k = i + 1; k < j; k++) if (richness(bySid.get(sorted[k]!.sid)) > richness(bySid.get(best.sid))) best = sorted[k]!;
      for (let k = i; k < j; k++) if (sorted[k] !== best) drop.add(sorted[k]!.sid);
      i = j;
    }
  }
  return dumps.filter((d) => !drop.has(d.sid));
}

/** Rows that printed no creator take the one other rows with the same top user frame agree on. */
export function withCreators<P extends { frames: string | null; createdBy: string | null }>(rows: readonly P[]): P[] {
  const creators = new Map<string, Set<string>>();
  const sample = new Map<string, string>();
  for (const r of rows) {
    if (!r.createdBy) continue;
    const top = storedFunc(storedUserFrame(parseJson<string[]>(r.frames, [])));
    const c = storedFunc(r.createdBy);
    (creators.get(top) ?? creators.set(top, new Set()).get(top)!).add(c);
    sample.set(`${top}|${c}`, r.createdBy);
  }
  return rows.map((r) => {
    if (r.createdBy) return r;
    const top = storedFunc(storedUserFrame(parseJson<string[]>(r.frames, [])));
    const cs = creators.get(top);
    if (!cs || cs.size !== 1) return r;
    return { ...r, createdBy: sample.get(`${top}|${[...cs][0]}`)! };
  });
}

