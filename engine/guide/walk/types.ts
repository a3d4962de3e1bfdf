import type { ResolvedEvidence } from '../../model/evidence';
import type { RootCauseId } from '../../model/root-cause';
import type { StoredFinding } from '../../store/findings';
import type { BundleFacts } from './facts';

export const SYMPTOM_IDS = ['timeouts-5xx', 'too-many-open-files', 'cpu-high', 'memory-growing', 'db-connection-errors', 'peers-disconnect'] as const;
export type SymptomId = (typeof SYMPTOM_IDS)[number];

/** A question the bundle can answer: confirmed by findings of `signatures`, refuted when the data is there without them. */
export interface CheckDef {
  id: string;
  question: string;
  signatures: string[];
  /** Only findings that pass count (e.g. a growing series, not a single snapshot). */
  accept?: (f: StoredFinding) => boolean;
  hasData(facts: BundleFacts): boolean;
  /** The artifact that would settle the question when the bundle has no data for it. */
  missing: string;
  /** Why a confirmation matters, in plain language (the finding summaries come before it). */
  meaning: string;
  /** Why its absence matters. */
  refuted: string;
}

export interface Hypothesis {
  id: string;
  title: string;
  explanation: string;
  checks: CheckDef[];
  causes: RootCauseId[];
}

export interface Symptom {
  id: SymptomId;
  title: string;
  description: string;
  /** Findings that are this symptom as users see it, with weights for proposing the starting symptom. */
  signals: Record<string, number>;
  hypotheses: Hypothesis[];
}

export type CheckStatus = 'confirmed' | 'refuted' | 'no-data';

export interface CheckResult {
  id: string;
  question: string;
  status: CheckStatus;
  reasoning: string;
  evidence: ResolvedEvidence[];
  findings: string[];
  /** Set when status is `no-data`: what to collect next time. */
  missing?: string;
}

export type HypothesisStatus = 'supported' | 'rejected' | 'open';

export interface WalkCause {
  id: RootCauseId;
  title: string;
  confidence: number;
  summary: string;
  fix: string;
  references: string[];
}

export interface WalkStep {
  hypothesis: { id: string; title: string; explanation: string };
  status: HypothesisStatus;
  checks: CheckResult[];
  causes: WalkCause[];
}

export interface GuideWalk {
  symptom: { id: SymptomId; title: string; description: string };
  proposed: { id: SymptomId; reason: string; scores: Record<SymptomId, number> } | null;
  /** True when the user chose a symptom other than the proposed one. */
  chosenByUser: boolean;
  steps: WalkStep[];
  conclusion: (WalkCause & { reasoning: string[] }) | null;
  /** What the bundle could not answer, and which artifact would. */
  openQuestions: string[];
}
