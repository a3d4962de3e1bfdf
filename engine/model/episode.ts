import type { EvidenceRef, ResolvedEvidence } from './evidence';
import type { Consequence, ConsequenceDraft, RootCause, RootCauseDraft } from './root-cause';

/** The earliest abnormal thing seen in an episode. */
export interface FirstSignal {
  ts: number | null;
  signature: string;
  /** The finding's title ("A busy log went silent"). */
  title: string;
  evidence: EvidenceRef;
}

/** How much of one finding fell inside an episode. */
export interface EpisodeFindingSlice {
  signature: string;
  /** Index of the finding in the analysis's findings list. */
  finding: number;
  count: number;
  first: number | null;
  last: number | null;
  evidence: EvidenceRef[];
}

/**
 * One incident inside the bundle: abnormal findings clustered in time, separated from other episodes
 * by normal operation, with its own ranked causes and the causes they explain.
 */
export interface EpisodeDraft {
  /** `E1`, `E2`… in time order. */
  id: string;
  from: number | null;
  to: number | null;
  summary: string;
  firstSignal: FirstSignal | null;
  rootCauses: RootCauseDraft[];
  consequences: ConsequenceDraft[];
  findings: EpisodeFindingSlice[];
}

export interface Episode extends Omit<EpisodeDraft, 'firstSignal' | 'rootCauses' | 'consequences' | 'findings'> {
  firstSignal: (Omit<FirstSignal, 'evidence'> & { evidence: ResolvedEvidence }) | null;
  rootCauses: RootCause[];
  consequences: Consequence[];
  findings: (Omit<EpisodeFindingSlice, 'evidence' | 'finding'> & { findingId: number; evidence: ResolvedEvidence[] })[];
}
