import type { FindingDraft } from '../../model/finding';
import { parseJson } from '../../store/json';
import { snapEvidence, spanOccurrence } from '../series';
import type { Signature } from '../types';

export const MAT_LEAK_SUSPECT = 'mat-leak-suspect';

export interface Suspect {
  index: number;
  text: string;
  className?: string;
  bytes?: number;
  percent?: number;
}

export const matLeakSuspect: Signature<typeof MAT_LEAK_SUSPECT, Suspect> = {
  id: MAT_LEAK_SUSPECT,
  title: 'Eclipse MAT leak suspect',
  severity: 'high',
  explanation:
    "Eclipse Memory Analyzer's Leak Suspects report names objects that retain a large share of the heap. A single class or " +
    'instance retaining a big percentage is usually the leak itself or the collection that holds it.',
  fix: 'Open the suspect in MAT (path to GC roots, dominator tree) to see who keeps it alive, then bound or release that reference.',
  references: ['https://help.eclipse.org/latest/topic/org.eclipse.mat.ui.help/tasks/runningleaksuspectreport.html'],
  detect(ctx) {
    return ctx.store.series.facts(ctx.bundleId, 'mat-suspect').map((f): FindingDraft<Suspect> => {
      const s = parseJson<Suspect>(f.value, { index: 0, text: '' });
      return {
        signature: this.id,
        severity: (s.percent ?? 0) >= 30 ? 'critical' : 'high',
        title: `Leak suspect ${s.index}${s.className ? `: ${s.className}` : ''}`,
        summary: s.text.length > 300 ? s.text.slice(0, 300) + '…' : s.text,
        first: f.capturedAt,
        last: f.capturedAt,
        count: 1,
        data: { ...s },
        evidence: [snapEvidence(f, f.factLine ?? f.line, `suspect ${s.index}${s.percent ? ` (${s.percent}% of the heap)` : ''}`)],
        occurrences: [spanOccurrence(f, f, f.factLine ?? f.line, null, `suspect ${s.index}`)],
      };
    });
  },
};
