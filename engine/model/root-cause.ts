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
  'goroutine-leak',
  'http-body-not-closed',
  'busy-loop',
  'slow-reader',
  'deadlock',
  'memory-leak',
] as const;
export type RootCauseId = (typeof ROOT_CAUSE_IDS)[number];

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
}

export interface RootCause extends Omit<RootCauseDraft, 'evidence'> {
  id: number;
  rank: number;
  evidence: ResolvedEvidence[];
}
