/**
 * One bundle's analysis against its expected.json: the first cause, where the expected one ranked,
 * what was concluded that must not be, whether the episodes line up, and the guide's starting symptom.
 */
import type { AnalysisReport } from '../engine/api/report-types';
import { CONCLUDED, type RootCauseId } from '../engine/model/root-cause';
import type { SymptomId } from '../engine/guide/walk/types';
import type { Expected } from './expected';

/**
 * Slack when lining up an expected episode with a found one: the make script knows when it acted, not
 * when the symptoms surfaced; a request logs its timeout up to HikariCP's default connectionTimeout (30 s) later.
 */
export const EPISODE_SLACK_MS = 30_000;

export interface Row {
  name: string;
  expectedFirst: RootCauseId[] | null;
  /** The top cause when concluded (confidence ≥ CONCLUDED), else null. */
  gotFirst: RootCauseId | null;
  gotConfidence: number | null;
  /** 1-based rank of the expected first cause in the merged ranking (any confidence), null when absent. */
  rank: number | null;
  concludedMustNot: RootCauseId[];
  episodes: { expected: number; found: number; problems: string[] };
  symptom: { expected: SymptomId[] | null; got: SymptomId | null } | null;
  concluded: RootCauseId[];
  truth: RootCauseId[];
  pass: boolean;
  why: string[];
}

type FoundEpisode = AnalysisReport['episodes'][number];

function overlaps(e: { from: number; to: number }, f: FoundEpisode): boolean {
  return f.from !== null && f.to !== null && f.from <= e.to + EPISODE_SLACK_MS && f.to >= e.from - EPISODE_SLACK_MS;
}

const topOf = (f: FoundEpisode): RootCauseId | null => (f.rootCauses[0] && f.rootCauses[0].confidence >= CONCLUDED ? f.rootCauses[0].cause : null);

export function score(name: string, r: AnalysisReport, proposed: SymptomId | null, exp: Expected | null): Row {
  const concluded = r.rootCauses.filter((c) => c.confidence >= CONCLUDED).map((c) => c.cause);
  const top = r.rootCauses[0];
  const gotFirst = top && top.confidence >= CONCLUDED ? top.cause : null;
  const base = {
    name, gotFirst, gotConfidence: top?.confidence ?? null, concluded,
    episodes: { expected: exp?.episodes.length ?? 0, found: r.episodes.length, problems: [] as string[] },
  };
  if (!exp) {
    return { ...base, expectedFirst: null, rank: null, concludedMustNot: [], symptom: null, truth: [], pass: true, why: ['no expected.json: shown, not judged'] };
  }
  const why: string[] = [];
  const firstOk = exp.firstCause === null ? gotFirst === null : gotFirst !== null && exp.firstCause.includes(gotFirst);
  if (!firstOk) why.push(`first cause: expected ${exp.firstCause?.join(' or ') ?? 'none'}, got ${gotFirst ?? 'none'}`);
  const ranks = (exp.firstCause ?? []).map((c) => r.rootCauses.findIndex((x) => x.cause === c)).filter((i) => i >= 0);
  const rank = ranks.length ? Math.min(...ranks) + 1 : null;
  const concludedMustNot = exp.mustNotConclude.filter((c) => concluded.includes(c));
  if (concludedMustNot.length) why.push(`concluded what it must not: ${concludedMustNot.join(', ')}`);

  const problems = base.episodes.problems;
  exp.episodes.forEach((e, i) => {
    const matching = r.episodes.filter((f) => overlaps(e, f));
    if (!matching.length) problems.push(`expected episode ${i + 1} (${new Date(e.from).toISOString()}) not found`);
    else if (e.firstCause && !matching.some((f) => topOf(f) === e.firstCause)) {
      problems.push(`episode ${i + 1}: expected ${e.firstCause} first, got ${matching.map((f) => topOf(f) ?? 'none').join('/')}`);
    }
  });
  for (const f of r.episodes) if (!exp.episodes.some((e) => overlaps(e, f))) problems.push(`episode ${f.id} (${f.from === null ? 'untimed' : new Date(f.from).toISOString()}) is not an expected one`);
  why.push(...problems);

  const symptom = { expected: exp.symptom, got: proposed };
  if (exp.symptom !== null && (symptom.got === null || !exp.symptom.includes(symptom.got))) why.push(`guide starts from ${symptom.got ?? 'nothing'}, expected ${exp.symptom.join(' or ')}`);

  const truth = [...new Set([...(exp.firstCause ?? []), ...exp.otherCauses, ...exp.episodes.flatMap((e) => (e.firstCause ? [e.firstCause] : []))])];
  return { ...base, expectedFirst: exp.firstCause, rank, concludedMustNot, symptom, truth, pass: why.length === 0, why };
}

export interface CauseStats {
  cause: RootCauseId;
  tp: number;
  fp: number;
  fn: number;
}

/** Per cause: concluded and true (tp), concluded but not true (fp), true but not concluded (fn). */
export function perCause(rows: readonly Row[]): CauseStats[] {
  const by = new Map<RootCauseId, CauseStats>();
  const get = (c: RootCauseId) => by.get(c) ?? by.set(c, { cause: c, tp: 0, fp: 0, fn: 0 }).get(c)!;
  for (const r of rows) {
    if (r.why[0] === 'no expected.json: shown, not judged') continue;
    for (const c of r.concluded) get(c)[r.truth.includes(c) ? 'tp' : 'fp']++;
    for (const c of r.truth) if (!r.concluded.includes(c)) get(c).fn++;
  }
  return [...by.values()].sort((a, b) => (a.cause < b.cause ? -1 : 1));
}
