/** The evaluation as plain text: a row per bundle, then precision and recall per cause, then the tally. */
import type { CauseStats, Row } from './score';

function pad(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
}

const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : '—');

export function table(rows: readonly Row[], causes: readonly CauseStats[]): string {
  const head = ['bundle', 'expected first', 'got first', 'rank', 'episodes exp/found', 'must-not concluded', 'symptom', 'result'];
  const body = rows.map((r) => [
    r.name,
    r.expectedFirst === null ? (r.why[0]?.startsWith('no expected') ? '?' : 'none') : r.expectedFirst.join('|'),
    r.gotFirst ? `${r.gotFirst} ${Math.round((r.gotConfidence ?? 0) * 100)}%` : 'none',
    r.rank === null ? '—' : String(r.rank),
    `${r.episodes.expected}/${r.episodes.found}`,
    r.concludedMustNot.join(',') || '—',
    r.symptom?.expected ? (r.symptom.got !== null && r.symptom.expected.includes(r.symptom.got) ? 'ok' : `${r.symptom.got ?? 'none'}≠${r.symptom.expected.join('|')}`) : '—',
    r.pass ? 'pass' : 'FAIL',
  ]);
  const out = pad([head, ...body]);
  const failures = rows.filter((r) => !r.pass);
  if (failures.length) out.push('', 'Failures:', ...failures.flatMap((r) => r.why.map((w) => `  ${r.name}: ${w}`)));
  out.push('', 'Per cause (concluded = confidence ≥ 50%):');
  out.push(...pad([['cause', 'tp', 'fp', 'fn', 'precision', 'recall'], ...causes.map((c) => [c.cause, String(c.tp), String(c.fp), String(c.fn), pct(c.tp / (c.tp + c.fp)), pct(c.tp / (c.tp + c.fn))])]).map((l) => `  ${l}`));
  const judged = rows.filter((r) => !r.why[0]?.startsWith('no expected'));
  out.push('', `${judged.filter((r) => r.pass).length} passed, ${judged.filter((r) => !r.pass).length} failed`);
  return out.join('\n') + '\n';
}
