/**
 * The guided walk, for one incident episode: symptom → hypotheses → checks (confirmed / refuted / no
 * data, each with evidence and plain reasoning) → the comparison of causes that claimed the same
 * evidence → root causes from the episode's ranking. Asks the user nothing the bundle answers; lists
 * what it cannot answer and which artifact would.
 */
import { resolveEvidence } from '../../content/excerpt';
import { SEVERITY_ORDER } from '../../model/finding';
import type { Store } from '../../store';
import type { StoredEpisode, StoredFinding, StoredRootCause } from '../../store/findings';
import { consequenceText } from '../../report/wording';
import { bundleFacts, relevantTo, runtimesOf, type BundleFacts } from './facts';
import { SYMPTOMS } from './symptoms';
import type { CheckDef, CheckResult, Comparison, GuideWalk, Hypothesis, HypothesisStatus, Symptom, SymptomId, WalkCause, WalkEpisode, WalkStep } from './types';

const MAX_EVIDENCE = 4;

export class UnknownSymptomError extends Error {}
export class UnknownEpisodeError extends Error {}

const walkEpisode = (e: StoredEpisode): WalkEpisode => ({ id: e.id, from: e.from, to: e.to, summary: e.summary });

/** The episode to walk: the one asked for, else the one whose top cause is the most confident (the earliest on a tie). */
function pickEpisode(episodes: readonly StoredEpisode[], id?: string | null): StoredEpisode | null {
  // null as well as undefined: the browser bridge sends arguments as JSON, where undefined becomes null.
  if (id != null) {
    const e = episodes.find((x) => x.id === id);
    if (!e) throw new UnknownEpisodeError(`unknown episode "${id}" (${episodes.length ? `choose one of ${episodes.map((x) => x.id).join(', ')}` : 'this bundle has none'})`);
    return e;
  }
  let best: StoredEpisode | null = null;
  for (const e of episodes) if (!best || (e.rootCauses[0]?.confidence ?? 0) > (best.rootCauses[0]?.confidence ?? 0)) best = e;
  return best;
}

function comparisons(store: Store, e: StoredEpisode | null): Comparison[] {
  if (!e) return [];
  return e.consequences.map((c) => {
    const w = e.rootCauses.find((r) => r.cause === c.explainedBy);
    return {
      winner: { id: c.explainedBy, title: w?.title ?? c.explainedBy, confidence: w?.confidence ?? 0 },
      explained: { id: c.cause, title: c.title },
      verdict: consequenceText(c),
      reason: c.reason,
      taken: c.taken,
      of: c.of,
      evidence: resolveEvidence(store, c.evidence),
    };
  });
}

/** Scores each symptom by the severity of the findings that are that symptom; the highest is proposed. */
export function proposeSymptom(facts: BundleFacts): GuideWalk['proposed'] {
  const scores = {} as Record<SymptomId, number>;
  let best: { s: Symptom; score: number; why: string[] } | null = null;
  for (const s of SYMPTOMS) {
    let score = 0;
    const why: string[] = [];
    for (const [sig, weight] of Object.entries(s.signals)) {
      const fs = facts.bySignature.get(sig) ?? [];
      if (!fs.length) continue;
      const sev = Math.max(...fs.map((f) => SEVERITY_ORDER[f.severity]));
      score += weight * (1 + sev);
      why.push(sig);
    }
    scores[s.id] = score;
    if (score > 0 && (!best || score > best.score)) best = { s, score, why };
  }
  if (!best) return null;
  return { id: best.s.id, reason: `the bundle shows ${best.why.join(', ')}`, scores };
}

function runCheck(store: Store, facts: BundleFacts, c: CheckDef): CheckResult {
  const found: StoredFinding[] = c.signatures.flatMap((s) => facts.bySignature.get(s) ?? []).filter((f) => !c.accept || c.accept(f));
  const base = { id: c.id, question: c.question };
  if (found.length) {
    const summaries = found.slice(0, 2).map((f) => f.summary.replace(/\.$/, '')).join('; ');
    return {
      ...base,
      status: 'confirmed',
      reasoning: `${summaries}. ${c.meaning}`,
      evidence: resolveEvidence(store, found.flatMap((f) => f.evidence).slice(0, MAX_EVIDENCE)),
      findings: [...new Set(found.map((f) => f.signature))],
    };
  }
  if (c.hasData(facts)) return { ...base, status: 'refuted', reasoning: c.refuted, evidence: [], findings: [] };
  return { ...base, status: 'no-data', reasoning: `The bundle has no data to answer this. ${c.missing}`, evidence: [], findings: [], missing: c.missing };
}

/** Supported by a confirmed check of its own; rejected when its own checks found nothing where there was data. */
function statusOf(checks: readonly CheckResult[], defs: readonly CheckDef[]): HypothesisStatus {
  const own = checks.filter((_, i) => !defs[i]?.corroborates);
  if (own.some((c) => c.status === 'confirmed')) return 'supported';
  if (own.some((c) => c.status === 'refuted')) return 'rejected';
  return 'open';
}

function consequencesOf(e: StoredEpisode | null, h: Hypothesis): StoredEpisode['consequences'] {
  return e ? e.consequences.filter((c) => h.causes.includes(c.cause)) : [];
}

function toCause(c: StoredRootCause): WalkCause {
  return { id: c.cause, title: c.title, confidence: c.confidence, summary: c.summary, fix: c.fix, references: c.references };
}

export function guideWalk(store: Store, bundleId: number, symptom?: SymptomId, episodeId?: string | null): GuideWalk {
  const episodes = store.findings.episodes(bundleId);
  const episode = pickEpisode(episodes, episodeId);
  const facts = bundleFacts(store, bundleId, episode);
  const proposed = proposeSymptom(facts);
  const chosen = symptom ?? proposed?.id ?? 'timeouts-5xx';
  const s = SYMPTOMS.find((x) => x.id === chosen);
  if (!s) throw new UnknownSymptomError(`unknown symptom "${chosen}" (choose one of ${SYMPTOMS.map((x) => x.id).join(', ')})`);
  const ranked = episode ? episode.rootCauses : store.findings.rootCauses(bundleId);
  // A Go-only question is noise in a JVM bundle and the other way round; a bundle showing neither keeps both (a Node question: see relevantTo).
  const runtimes = runtimesOf(facts);
  const relevant = s.hypotheses.filter((h) => relevantTo(h, runtimes));
  const steps: WalkStep[] = relevant.map((h: Hypothesis) => {
    // The same for one check of a hypothesis that spans runtimes (a busy loop: Go goroutines or Java threads).
    const defs = h.checks.filter((c) => relevantTo(c, runtimes));
    const checks = defs.map((c) => runCheck(store, facts, c));
    let status = statusOf(checks, defs);
    const causes = status === 'supported' ? ranked.filter((c) => h.causes.includes(c.cause)).map(toCause) : [];
    const step: WalkStep = { hypothesis: { id: h.id, title: h.title, explanation: h.explanation }, status, checks, causes };
    // The data supports it, but another cause explains its causes here: say so, in the same words as everywhere.
    const explained = status === 'supported' && causes.length === 0 ? consequencesOf(episode, h) : [];
    if (explained.length) {
      status = 'explained';
      step.status = status;
      step.explainedBy = explained.map((c) => ({ cause: c.explainedBy, explained: c.cause, verdict: consequenceText(c) }));
    }
    return step;
  });
  // Supported hypotheses first, by their best cause; the data decides the order, not the list.
  const best = (st: WalkStep) => Math.max(0, ...st.causes.map((c) => c.confidence));
  const order: Record<HypothesisStatus, number> = { supported: 0, explained: 1, open: 2, rejected: 3 };
  steps.sort((a, b) => order[a.status] - order[b.status] || best(b) - best(a));
  const top = steps.flatMap((st) => st.causes).sort((a, b) => b.confidence - a.confidence)[0];
  const topStored = top ? ranked.find((c) => c.cause === top.id) : undefined;
  return {
    episode: episode ? walkEpisode(episode) : null,
    episodes: episodes.map(walkEpisode),
    symptom: { id: s.id, title: s.title, description: s.description },
    proposed,
    chosenByUser: symptom != null && symptom !== proposed?.id,
    steps,
    comparisons: comparisons(store, episode),
    conclusion: top ? { ...top, reasoning: topStored?.reasoning ?? [] } : null,
    openQuestions: [...new Set(steps.flatMap((st) => st.checks.filter((c) => c.status === 'no-data').map((c) => c.missing!)))],
  };
}

export { SYMPTOMS };
