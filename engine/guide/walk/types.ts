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
  /** A symptom every cause of its hypotheses shows: confirmed, it adds weight, but supports no hypothesis alone. */
  corroborates?: true;
  /** Only about this runtime: left out of a hypothesis's checks where the bundle shows another runtime (see relevantTo). */
  runtime?: Runtime;
}

/** A runtime a hypothesis may be about (see facts.ts `runtimesOf` and `relevantTo`). */
export type Runtime = 'go' | 'jvm' | 'node';

export interface Hypothesis {
  id: string;
  title: string;
  explanation: string;
  checks: CheckDef[];
  causes: RootCauseId[];
  /** Only about this runtime: left out of the walk when the bundle shows another runtime and none of this one. */
  runtime?: Runtime;
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

/** `explained`: the data supports it, but its causes are consequences of another cause in this episode. */
export type HypothesisStatus = 'supported' | 'explained' | 'rejected' | 'open';

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
  /** For an `explained` hypothesis: which cause explains its causes, in the words every face uses. */
  explainedBy?: { cause: RootCauseId; explained: RootCauseId; verdict: string }[];
}

/** One comparison of two causes that claimed the same evidence: the winner explains the other. */
export interface Comparison {
  winner: { id: RootCauseId; title: string; confidence: number };
  explained: { id: RootCauseId; title: string };
  /** The same words every face uses ("Consequence of deadlock: its borrowing thread … is stuck in the deadlock."). */
  verdict: string;
  reason: string;
  /** How many of the explained cause's own pieces of evidence the winner accounts for, of how many. */
  taken: number;
  of: number;
  evidence: ResolvedEvidence[];
}

/** An episode as the walk names it. */
export interface WalkEpisode {
  id: string;
  from: number | null;
  to: number | null;
  summary: string;
}

export interface GuideWalk {
  /** The episode walked (null when the bundle has none: the walk then covers the whole bundle). */
  episode: WalkEpisode | null;
  /** Every episode of the bundle, to walk another. */
  episodes: WalkEpisode[];
  symptom: { id: SymptomId; title: string; description: string };
  proposed: { id: SymptomId; reason: string; scores: Record<SymptomId, number> } | null;
  /** True when the user chose a symptom other than the proposed one. */
  chosenByUser: boolean;
  steps: WalkStep[];
  /** Causes that competed for the same evidence, and which explains which: a step of its own before the conclusion. */
  comparisons: Comparison[];
  conclusion: (WalkCause & { reasoning: string[] }) | null;
  /** What the bundle could not answer, and which artifact would. */
  openQuestions: string[];
}
