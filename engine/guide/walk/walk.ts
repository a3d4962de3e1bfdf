/**
 * The guided walk: symptom → hypotheses → checks (confirmed / refuted / no data, each with evidence
 * and plain reasoning) → root causes from the ranking. Asks the user nothing the bundle answers;
 * lists what it cannot answer and which artifact would.
 */
import { resolveEvidence } from '../../content/excerpt';
import { SEVERITY_ORDER } from '../../model/finding';
import type { Store } from '../../store';
import type { StoredFinding, StoredRootCause } from '../../store/findings';
import { bundleFacts, type BundleFacts } from './facts';
import { SYMPTOMS } from './symptoms';
import type { CheckDef, CheckResult, GuideWalk, Hypothesis, HypothesisStatus, Symptom, SymptomId, WalkCause, WalkStep } from './types';

const MAX_EVIDENCE = 4;

export class UnknownSymptomError extends Error {}

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

function statusOf(checks: readonly CheckResult[]): HypothesisStatus {
  if (checks.some((c) => c.status === 'confirmed')) return 'supported';
  if (checks.some((c) => c.status === 'refuted')) return 'rejected';
  return 'open';
}

function toCause(c: StoredRootCause): WalkCause {
  return { id: c.cause, title: c.title, confidence: c.confidence, summary: c.summary, fix: c.fix, references: c.references };
}

export function guideWalk(store: Store, bundleId: number, symptom?: SymptomId): GuideWalk {
  const facts = bundleFacts(store, bundleId);
  const proposed = proposeSymptom(facts);
  const chosen = symptom ?? proposed?.id ?? 'timeouts-5xx';
  const s = SYMPTOMS.find((x) => x.id === chosen);
  if (!s) throw new UnknownSymptomError(`unknown symptom "${chosen}" (choose one of ${SYMPTOMS.map((x) => x.id).join(', ')})`);
  const ranked = store.findings.rootCauses(bundleId);
  const steps: WalkStep[] = s.hypotheses.map((h: Hypothesis) => {
    const checks = h.checks.map((c) => runCheck(store, facts, c));
    const status = statusOf(checks);
    const causes = status === 'supported' ? ranked.filter((c) => h.causes.includes(c.cause)).map(toCause) : [];
    return { hypothesis: { id: h.id, title: h.title, explanation: h.explanation }, status, checks, causes };
  });
  // Supported hypotheses first, by their best cause; the data decides the order, not the list.
  const best = (st: WalkStep) => Math.max(0, ...st.causes.map((c) => c.confidence));
  const order: Record<HypothesisStatus, number> = { supported: 0, open: 1, rejected: 2 };
  steps.sort((a, b) => order[a.status] - order[b.status] || best(b) - best(a));
  const top = steps.flatMap((st) => st.causes).sort((a, b) => b.confidence - a.confidence)[0];
  const topStored = top ? ranked.find((c) => c.cause === top.id) : undefined;
  return {
    symptom: { id: s.id, title: s.title, description: s.description },
    proposed,
    chosenByUser: symptom !== undefined && symptom !== proposed?.id,
    steps,
    conclusion: top ? { ...top, reasoning: topStored?.reasoning ?? [] } : null,
    openQuestions: [...new Set(steps.flatMap((st) => st.checks.filter((c) => c.status === 'no-data').map((c) => c.missing!)))],
  };
}

export { SYMPTOMS };
