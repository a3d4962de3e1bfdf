/** The guide walk for a terminal: symptom, hypotheses with their checks and evidence, the conclusion. */
import type { GuideWalk } from '../engine/guide/walk/types';
import { percent } from '../engine/report/format';

const MARK = { confirmed: '✔', refuted: '✘', 'no-data': '?' } as const;
const STEP = { supported: 'supported', explained: 'explained by another cause', rejected: 'rejected', open: 'open — the bundle cannot tell' } as const;

export function guideText(w: GuideWalk): string {
  const out: string[] = [];
  if (w.episode) {
    const others = w.episodes.filter((e) => e.id !== w.episode!.id).map((e) => e.id);
    out.push(`Episode ${w.episode.id}: ${w.episode.summary}${others.length ? `  (also in this bundle: ${others.join(', ')}; --episode to walk one)` : ''}`, '');
  }
  const why = w.proposed && !w.chosenByUser ? `proposed from the data: ${w.proposed.reason}` : w.chosenByUser ? `chosen; the data suggests "${w.proposed?.id ?? 'none'}"` : 'no symptom stands out in the data';
  out.push(`Symptom: ${w.symptom.title} (${w.symptom.id}) — ${why}`, `  ${w.symptom.description}`, '');
  w.steps.forEach((st, i) => {
    out.push(`${i + 1}. ${st.hypothesis.title} — ${STEP[st.status]}`);
    out.push(`   ${st.hypothesis.explanation}`);
    for (const c of st.checks) {
      out.push(`   ${MARK[c.status]} ${c.question} ${c.status}`);
      out.push(`       ${c.reasoning}`);
      for (const e of c.evidence) out.push(`       > ${e.file}:${e.line}  ${(e.excerpt.split('\n')[0] ?? '').slice(0, 150)}`);
    }
    for (const c of st.causes) out.push(`   → ${c.id} ${percent(c.confidence)}: ${c.summary}`);
    for (const x of st.explainedBy ?? []) out.push(`   → ${x.explained}: ${x.verdict}`);
    out.push('');
  });
  if (w.comparisons.length) {
    out.push('Competing explanations:');
    for (const c of w.comparisons) {
      out.push(`  ${c.winner.id} explains ${c.explained.id} (${c.taken} of its ${c.of} pieces of evidence): ${c.verdict}`);
      for (const e of c.evidence.slice(0, 2)) out.push(`     > ${e.file}:${e.line}  ${(e.excerpt.split('\n')[0] ?? '').slice(0, 150)}`);
    }
    out.push('');
  }
  if (w.conclusion) {
    out.push(`Conclusion: ${w.conclusion.id} (${percent(w.conclusion.confidence)}) — ${w.conclusion.title}`);
    for (const r of w.conclusion.reasoning) out.push(`  - ${r}`);
    out.push(`  Fix: ${w.conclusion.fix}`);
    if (w.conclusion.references.length) out.push(`  See: ${w.conclusion.references.join(' ')}`);
  } else {
    out.push('Conclusion: none of the hypotheses is supported by this bundle.');
  }
  if (w.openQuestions.length) out.push('', 'What the bundle cannot answer (collect next time):', ...w.openQuestions.map((q) => `  - ${q}`));
  return out.join('\n') + '\n';
}
