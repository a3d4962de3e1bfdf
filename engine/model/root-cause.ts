import type { EvidenceRef, ResolvedEvidence } from './evidence';

/** The root-cause vocabulary. Ids are part of the public output: never rename one. */
export const ROOT_CAUSE_IDS = [
  'process-starvation',
  'gc-pressure',
  'connection-leak',
  'pool-saturation',
  'database-unavailable',
  'idle-connections-closed',
  'socket-leak',
  'file-leak',
  'goroutine-leak',
  'http-body-not-closed',
  'busy-loop',
  'event-loop-blocked',
  'slow-reader',
  'lock-contention',
  'deadlock',
  'memory-leak',
  'thread-leak',
] as const;
export type RootCauseId = (typeof ROOT_CAUSE_IDS)[number];

/**
 * Confidence from which a cause is the conclusion rather than a possibility: above even odds. Every
 * face words it the same way (see `engine/report/wording.ts`).
 */
export const CONCLUDED = 0.5;

/** A cause another cause explains: shown as "explained by", never ranked as a peer. */
export interface ConsequenceDraft {
  cause: RootCauseId;
  title: string;
  explainedBy: RootCauseId;
  /** Why, in a few words, from the links that took its evidence. */
  reason: string;
  /** How many of its own pieces of evidence the other cause explains, of how many. */
  taken: number;
  of: number;
  evidence: EvidenceRef[];
}

export interface Consequence extends Omit<ConsequenceDraft, 'evidence'> {
  evidence: ResolvedEvidence[];
}

export interface RootCauseDraft {
  cause: RootCauseId;
  confidence: number;
  title: string;
  summary: string;
  /** Plain-language steps from the evidence to the conclusion. */
  reasoning: string[];
  fix: string;
  references: string[];
  /** Signature ids of the findings that support it. */
  findings: string[];
  evidence: EvidenceRef[];
  /** Causes it explains (shown under it as "explained by" it), with the reason. */
  explains?: { cause: RootCauseId; reason: string }[];
}

export interface RootCause extends Omit<RootCauseDraft, 'evidence'> {
  id: number;
  rank: number;
  evidence: ResolvedEvidence[];
}
