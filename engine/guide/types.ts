import type { EvidenceRef } from '../model/evidence';
import type { FindingDraft } from '../model/finding';
import type { RootCauseId } from '../model/root-cause';

/** What root-cause rules read: the bundle's findings, grouped by signature. */
export class CauseContext {
  private readonly bySignature = new Map<string, FindingDraft[]>();

  constructor(readonly findings: readonly FindingDraft[]) {
    for (const f of findings) {
      const list = this.bySignature.get(f.signature);
      if (list) list.push(f);
      else this.bySignature.set(f.signature, [f]);
    }
  }

  of(signature: string): FindingDraft[] {
    return this.bySignature.get(signature) ?? [];
  }

  has(signature: string): boolean {
    return this.bySignature.has(signature);
  }

  count(signature: string): number {
    return this.of(signature).reduce((n, f) => n + f.count, 0);
  }
}

export interface CauseAssessment {
  confidence: number;
  summary: string;
  reasoning: string[];
  findings: string[];
  evidence: EvidenceRef[];
}

/** One root cause of the vocabulary: what it is, how to fix it, and how the findings support it. */
export interface CauseRule {
  id: RootCauseId;
  title: string;
  fix: string;
  references: string[];
  assess(ctx: CauseContext): CauseAssessment | null;
}

export function clamp01(x: number): number {
  return Math.max(0, Math.min(0.99, Math.round(x * 100) / 100));
}
