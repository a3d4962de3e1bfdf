import type { EvidenceRef, ResolvedEvidence } from './evidence';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITY_ORDER: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export interface FindingDraft {
  signature: string;
  severity: Severity;
  title: string;
  summary: string;
  first: number | null;
  last: number | null;
  count: number;
  /** Signature-specific numbers (max delta, pools, peers…) that root-cause rules read. */
  data: Record<string, unknown>;
  evidence: EvidenceRef[];
}

export interface Finding extends Omit<FindingDraft, 'evidence'> {
  id: number;
  evidence: ResolvedEvidence[];
}
