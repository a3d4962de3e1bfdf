/**
 * The words every face uses for the diagnosis' verdicts, so Overview, Guide, Report and CLI say the
 * same thing: a cause explained by another is a consequence, in these words, everywhere.
 */
import { CONCLUDED, type ConsequenceDraft, type RootCauseId } from '../model/root-cause';

/** "Consequence of process-starvation: its wait spans the freeze." */
export function consequenceText(c: Pick<ConsequenceDraft, 'explainedBy' | 'reason'>): string {
  return `Consequence of ${c.explainedBy}: ${c.reason}.`;
}

/** "Explained by process-starvation (its wait spans the freeze)" — the short form for lists. */
export function explainedByText(c: Pick<ConsequenceDraft, 'explainedBy' | 'reason'>): string {
  return `explained by ${c.explainedBy} (${c.reason})`;
}

/** How sure: "conclusion" from even odds up, "possible" below. */
export function verdict(confidence: number): 'conclusion' | 'possible' {
  return confidence >= CONCLUDED ? 'conclusion' : 'possible';
}

export function verdictText(confidence: number): string {
  return verdict(confidence) === 'conclusion' ? 'likely cause' : 'possible cause';
}

export type { RootCauseId };
