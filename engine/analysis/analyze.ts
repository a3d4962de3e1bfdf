/** Runs every signature over a stored bundle and diagnoses it; results replace the previous analysis. */
import { diagnose, type Diagnosis } from '../diagnosis/diagnose';
import type { FindingDraft } from '../model/finding';
import type { AnySignature, StreamedStats } from '../signatures/types';
import type { Store } from '../store';

export interface AnalysisResult extends Diagnosis {
  findings: FindingDraft[];
  /** Signatures whose detector failed: reported, never fatal. */
  errors: { signature: string; message: string }[];
}

export function analyzeBundle(store: Store, bundleId: number, signatures: readonly AnySignature[], streamed?: StreamedStats): AnalysisResult {
  const findings: FindingDraft[] = [];
  const errors: AnalysisResult['errors'] = [];
  for (const sig of signatures) {
    try {
      findings.push(...sig.detect({ store, bundleId, streamed }));
    } catch (e) {
      errors.push({ signature: sig.id, message: (e as Error).message });
    }
  }
  const records = (from: number, to: number) => {
    let n = 0;
    for (const c of store.events.countsByFileBetween(bundleId, from, to).values()) n += c;
    return n;
  };
  const diagnosis = diagnose(findings, records);
  store.findings.replace(bundleId, { findings, ...diagnosis });
  return { findings, ...diagnosis, errors };
}
