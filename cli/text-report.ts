/** The human summary `rootline analyze` prints when not asked for JSON. */
import type { AnalysisReport } from '../engine/api/report-types';
import { fdSeriesText } from '../engine/report/fd-series-text';
import { formatMs } from '../engine/signatures/findings-from-hits';
import { humanUtc, percent } from '../engine/report/format';
import { consequenceText, verdictText } from '../engine/report/wording';
import type { RootCause } from '../engine/model/root-cause';

function causeLines(c: RootCause, n: number, indent: string): string[] {
  const out = [`${indent}${n}. ${c.cause}  ${percent(c.confidence)}  ${c.title}  (${verdictText(c.confidence)})`];
  for (const s of c.reasoning) out.push(`${indent}     - ${s}`);
  for (const e of c.evidence.slice(0, 4)) out.push(`${indent}     > ${e.file}:${e.line}  ${e.excerpt.split('\n')[0]?.slice(0, 160) ?? ''}`);
  out.push(`${indent}     fix: ${c.fix}`, '');
  return out;
}

export function textReport(r: AnalysisReport): string {
  const out: string[] = [];
  out.push(`Bundle ${r.bundle.path} — ${r.files.length} files; times without a zone read as ${r.bundle.tz} (${r.bundle.tzSource})`);
  if (r.bundle.stopped) out.push(`Reading stopped early: ${r.bundle.stopped}`);
  if (r.bundle.reused) out.push('(unchanged since the last analysis: results reused from the database; --force re-reads it)');
  out.push('');
  if (r.episodes.length === 0) {
    out.push(r.findings.length ? 'No incident episode: no root cause stands out; see the findings.' : 'No failure signature found.', '');
    r.rootCauses.forEach((c, i) => out.push(...causeLines(c, i + 1, '')));
  }
  if (r.episodes.length > 1) out.push(`${r.episodes.length} incident episodes, apart in time with normal operation between them:`, '');
  for (const e of r.episodes) {
    const span = e.from !== null && e.to !== null ? `${humanUtc(e.from)} → ${humanUtc(e.to).slice(11)} (${formatMs(e.to - e.from)})` : 'time unknown';
    out.push(`${e.id}  ${span}`, `    ${e.summary}`);
    if (e.firstSignal) out.push(`    first signal: ${humanUtc(e.firstSignal.ts)}  ${e.firstSignal.title}  ${e.firstSignal.evidence.file}:${e.firstSignal.evidence.line}`);
    out.push('');
    e.rootCauses.forEach((c, i) => out.push(...causeLines(c, i + 1, '    ')));
    for (const c of e.consequences) out.push(`    ${c.cause}: ${consequenceText(c)}`);
    if (e.consequences.length) out.push('');
  }
  if (r.episodes.length > 1) {
    out.push(`Merged ranking: ${r.rootCauses.map((c, i) => `${i + 1}. ${c.cause} ${percent(c.confidence)}`).join('  ')}`, '');
  }
  if (r.findings.length) {
    out.push('Findings:');
    for (const f of r.findings) out.push(`  [${f.severity}] ${f.signature}: ${f.summary} (${humanUtc(f.first)} – ${humanUtc(f.last)})`);
    out.push('');
  }
  if (r.fdSeries.length) {
    out.push('Open descriptors per snapshot:', ...fdSeriesText(r.fdSeries), '');
  }
  const notable = r.files.filter((f) => f.status !== 'parsed' || f.skipped > 0 || f.note);
  out.push('Files:');
  for (const f of r.files) {
    const captured = f.captureSources.length ? `  [captured ${humanUtc(f.first)}; time from ${f.captureSources.join(', ')}]` : '';
    out.push(`  ${f.kind.padEnd(10)} ${String(f.records).padStart(8)} records  ${f.path}${captured}${f.note ? `  (${f.note})` : ''}`);
  }
  if (notable.length === 0) out.push('  all files recognised and fully parsed');
  return out.join('\n') + '\n';
}
