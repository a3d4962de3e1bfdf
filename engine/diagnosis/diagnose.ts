/**
 * findings → candidate causes → attribution → episodes → arbitration → ranked causes per episode, and
 * the merged ranking (each cause once, with its best confidence). See ../../docs/DIAGNOSIS.md.
 */
import type { EvidenceRef } from '../model/evidence';
import type { EpisodeDraft, EpisodeFindingSlice, FirstSignal } from '../model/episode';
import { SEVERITY_ORDER, type FindingDraft } from '../model/finding';
import { endOf } from '../model/occurrence';
import { CONCLUDED, type ConsequenceDraft, type RootCauseDraft, type RootCauseId } from '../model/root-cause';
import { byTime } from '../signatures/findings-from-hits';
import type { SignatureId } from '../signatures';
import { arbitrate, gotByCandidate, type Explained } from './arbitration';
import { attribute, type Win } from './attribution';
import { CAUSE_RULES } from './causes';
import { CauseContext } from './context';
import { clusterEpisodes, type Cluster } from './episodes';
import { episodeSummary } from './summary';
import { overlaps } from './time';
import type { Candidate, CauseRule, GotApi, Item, ItemOf, Link, Window } from './types';

export interface Diagnosis {
  episodes: EpisodeDraft[];
  /** Each cause once, with its best confidence over the episodes; consequences are not in it. */
  rootCauses: RootCauseDraft[];
  /** Causes that another explains in every episode they appear in. */
  consequences: ConsequenceDraft[];
}

/** Pieces of evidence a cause cites from what it got. */
const MAX_EVIDENCE = 6;

/**
 * `records(from, to)` counts the bundle's records strictly between two times: episodes are separated
 * only by normal operation.
 */
export function diagnose(findings: readonly FindingDraft[], records: (from: number, to: number) => number, rules: readonly CauseRule[] = CAUSE_RULES): Diagnosis {
  const ctx = new CauseContext(findings);
  const cands: Candidate[] = rules.flatMap((rule) =>
    rule.candidates(ctx).filter((c) => c.own.length > 0).map((init) => ({ ...init, rule }) as Candidate),
  );
  const wins = attribute(ctx.allItems, cands, ctx);
  const abnormal = ctx.allItems.filter((it) => SEVERITY_ORDER[it.severity] >= SEVERITY_ORDER.medium);
  const clusters = withUntimed(clusterEpisodes(abnormal, cands.flatMap((c) => c.windows), records), abnormal);

  const episodes: EpisodeDraft[] = [];
  for (const cl of clusters) {
    const ep = episodeOf(cl, ctx, cands, wins, findings);
    const significant = ep.rootCauses.some((c) => c.confidence >= CONCLUDED) || cl.items.some((it) => SEVERITY_ORDER[it.severity] >= SEVERITY_ORDER.high);
    if (significant) episodes.push(ep);
  }
  episodes.sort((a, b) => (a.from ?? Infinity) - (b.from ?? Infinity));
  episodes.forEach((e, i) => (e.id = `E${i + 1}`));
  return { episodes, ...merged(episodes) };
}

/** Items without a time join no cluster; if there are any, they form one episode of their own. */
function withUntimed(clusters: Cluster[], abnormal: readonly Item[]): Cluster[] {
  const untimed = abnormal.filter((it) => it.occ.ts === null);
  if (untimed.length === 0) return clusters;
  return [...clusters, { window: { from: NaN, to: NaN }, items: untimed }];
}

function episodeOf(cl: Cluster, ctx: CauseContext, cands: readonly Candidate[], wins: ReadonlyMap<number, Win>, findings: readonly FindingDraft[]): EpisodeDraft {
  const untimed = Number.isNaN(cl.window.from);
  // Every item inside the window belongs to the episode, quieter ones included (GC context, returned leaks).
  const inside = untimed ? cl.items : ctx.allItems.filter((it) => cl.items.includes(it) || overlaps(it.occ, cl.window));
  const keys = new Set(inside.map((it) => it.key));
  const explained = arbitrate(cands, keys, wins);
  const got = gotByCandidate(inside, wins, explained, cands);
  const window: Window = untimed ? { from: -Infinity, to: Infinity } : cl.window;

  const rootCauses: RootCauseDraft[] = [];
  cands.forEach((c, i) => {
    if (explained.has(i) || !c.own.some((it) => keys.has(it.key))) return;
    const mine = got.get(i) ?? [];
    const explains = [...explained.entries()].filter(([, e]) => e.by === i).map(([j, e]) => ({ cause: cands[j]!.rule.id, reason: e.reason }));
    const a = c.rule.conclude(c, gotApi(mine, c, keys, explains, window), ctx);
    if (!a || a.confidence <= 0) return;
    rootCauses.push({
      cause: c.rule.id, title: c.rule.title, fix: a.fix ?? c.rule.fix, references: c.rule.references,
      confidence: a.confidence, summary: a.summary, reasoning: a.reasoning,
      findings: [...new Set(mine.map((m) => m.item.sig))],
      evidence: dedupe(a.evidence),
      ...(explains.length ? { explains } : {}),
    });
  });
  rootCauses.sort((a, b) => b.confidence - a.confidence);
  const consequences = [...explained.entries()].map(([i, e]) => consequence(cands, i, e, keys));
  const firstSignal = firstOf(cl.items);
  return {
    id: '',
    from: untimed ? null : cl.window.from,
    to: untimed ? null : cl.window.to,
    summary: episodeSummary(untimed ? null : cl.window, rootCauses, cl.items),
    firstSignal,
    rootCauses,
    consequences,
    findings: slices(inside, findings),
  };
}

function gotApi(mine: { item: Item; link: Link; through?: RootCauseId }[], c: Candidate, keys: ReadonlySet<number>, explained: GotApi['explained'], window: Window): GotApi {
  return {
    of: <K extends SignatureId>(id: K) => mine.filter((m) => m.item.sig === id).map((m) => m.item as unknown as ItemOf<K>),
    own: c.own.filter((it) => keys.has(it.key) && mine.some((m) => m.item === it)),
    all: mine,
    explained,
    window,
  };
}

function consequence(cands: readonly Candidate[], i: number, e: Explained, keys: ReadonlySet<number>): ConsequenceDraft {
  const c = cands[i]!;
  return {
    cause: c.rule.id, title: c.rule.title, explainedBy: cands[e.by]!.rule.id, reason: e.reason, taken: e.taken, of: e.of,
    evidence: dedupe(c.own.filter((it) => keys.has(it.key)).map((it) => evidenceOfItem(it))).slice(0, 3),
  };
}

/**
 * The earliest thing one could have seen: by when its line was written (a slow request logged at its
 * end was not visible when it started; a silence is visible from its last line).
 */
function firstOf(items: readonly Item[]): FirstSignal | null {
  const seen = (it: Item) => (it.occ.lineTs !== undefined ? it.occ.lineTs : it.occ.ts);
  let first: Item | null = null;
  for (const it of items) if (seen(it) !== null && (!first || seen(it)! < seen(first)!)) first = it;
  first ??= items[0] ?? null;
  if (!first) return null;
  return { ts: seen(first), signature: first.sig, title: first.finding.title, evidence: evidenceOfItem(first) };
}

/** Per finding, how much of it the episode holds. */
function slices(inside: readonly Item[], findings: readonly FindingDraft[]): EpisodeFindingSlice[] {
  const by = new Map<FindingDraft, Item[]>();
  for (const it of inside) {
    const f = it.finding as unknown as FindingDraft;
    const list = by.get(f);
    if (list) list.push(it);
    else by.set(f, [it]);
  }
  return [...by.entries()].map(([f, its]) => {
    const times = its.flatMap((it) => [it.occ.ts, endOf(it.occ)]).filter((t): t is number => t !== null);
    return {
      signature: f.signature,
      finding: findings.indexOf(f),
      count: its.length,
      first: times.length ? Math.min(...times) : null,
      last: times.length ? Math.max(...times) : null,
      evidence: dedupe(its.slice(0, MAX_EVIDENCE).map((it) => evidenceOfItem(it))),
    };
  });
}

/** Each cause once, with its best episode's assessment; consequences only where never a cause. */
function merged(episodes: readonly EpisodeDraft[]): Pick<Diagnosis, 'rootCauses' | 'consequences'> {
  const best = new Map<RootCauseId, RootCauseDraft>();
  for (const e of episodes) for (const c of e.rootCauses) if ((best.get(c.cause)?.confidence ?? -1) < c.confidence) best.set(c.cause, c);
  const consequences = new Map<RootCauseId, ConsequenceDraft>();
  for (const e of episodes) for (const c of e.consequences) if (!best.has(c.cause) && !consequences.has(c.cause)) consequences.set(c.cause, c);
  return { rootCauses: [...best.values()].sort((a, b) => b.confidence - a.confidence), consequences: [...consequences.values()] };
}

export function evidenceOfItem(it: Item, note?: string): EvidenceRef {
  const o = it.occ;
  const e: EvidenceRef = { fileId: o.fileId, line: o.line, ts: o.lineTs !== undefined ? o.lineTs : o.ts };
  if (o.endLine !== undefined && o.endLine !== o.line) e.endLine = o.endLine;
  if (o.ref) e.ref = o.ref;
  const n = note ?? o.note;
  if (n) e.note = n;
  return e;
}

/** One entry per file line, in time order; the first note given for a line wins. */
export function dedupe(evidence: readonly EvidenceRef[]): EvidenceRef[] {
  const seen = new Map<string, EvidenceRef>();
  for (const e of evidence) {
    const key = `${e.fileId}:${e.line}:${e.ref ?? ''}`;
    if (!seen.has(key)) seen.set(key, e);
  }
  return [...seen.values()].sort(byTime);
}

export { MAX_EVIDENCE };
