/** Runs every signature over a stored bundle and ranks root causes; results replace the previous analysis. */
import { rankRootCauses } from '../guide/rank';
import type { FindingDraft } from '../model/finding';
import type { RootCauseDraft } from '../model/root-cause';
import type { Signature } from '../signatures/types';
import type { Store } from '../store';

export interface AnalysisResult {
  findings: FindingDraft[];
  rootCauses: RootCauseDraft[];
  /** Signatures whose detector failed: reported, never fatal. */
  errors: { signature: string; message: string }[];
}

export function analyzeBundle(store: Store, bundleId: number, signatures: readonly Signature[]): AnalysisResult {
  const findings: FindingDraft[] = [];
  const errors: AnalysisResult['errors'] = [];
  for (const sig of signatures) {
    try {
      findings.push(...sig.detect({ store, bundleId }));
    } catch (e) {
      errors.push({ signature: sig.id, message: (e as Error).message });
    }
  }
  const rootCauses = rankRootCauses(findings);
  store.findings.replace(bundleId, findings, rootCauses);
  return { findings, rootCauses, errors };
}
