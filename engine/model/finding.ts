import type { EvidenceRef, ResolvedEvidence } from './evidence';
import type { Occurrence } from './occurrence';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITY_ORDER: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** What a signature detected, with its data typed by the signature (see `engine/signatures/index.ts`). */
export interface FindingDraft<D extends object = Record<string, unknown>, O extends Occurrence = Occurrence> {
  signature: string;
  severity: Severity;
  title: string;
  summary: string;
  first: number | null;
  last: number | null;
  count: number;
  /** Signature-specific numbers (max delta, pools, peers…) that root-cause rules read. */
  data: D;
  evidence: EvidenceRef[];
  /** Every dated piece of it (capped per signature), for episodes and attribution; not stored. */
  occurrences: O[];
}

export interface Finding extends Omit<FindingDraft, 'evidence' | 'occurrences'> {
  id: number;
  evidence: ResolvedEvidence[];
}
