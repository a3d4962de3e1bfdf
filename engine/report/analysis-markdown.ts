/**
 * The `--out report.md` of `rootline analyze`: ranked root causes with the evidence lines, findings,
 * files, and the time zone that was assumed. (The postmortem export is a separate document.)
 */
import type { AnalysisReport } from '../api/report-types';
import type { ResolvedEvidence } from '../model/evidence';
import { fdSeriesMarkdown } from './fd-series-text';
import { bytes, humanUtc, percent } from './format';

function cell(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function fence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const f = '`'.repeat(longest + 1);
  return `${f}text\n${text}\n${f}`;
}

function evidenceBlock(e: ResolvedEvidence): string {
  const head = `- \`${e.file}:${e.line}\`${e.ts ? ` — ${humanUtc(e.ts)}` : ''}${e.note ? ` — ${e.note}` : ''}`;
  return e.excerpt ? `${head}\n\n${fence(e.excerpt).replace(/^/gm, '  ')}\n` : head;
}

export function analysisMarkdown(r: AnalysisReport): string {
  const out: string[] = [];
  const top = r.rootCauses[0];
  out.push(`# Rootline analysis: ${r.bundle.name}`, '');
  out.push(`- Bundle: \`${r.bundle.path}\``);
  out.push(`- Read: ${r.files.length} files, ${bytes(r.bundle.bytes)}, ${r.bundle.lines.toLocaleString('en-US')} lines, ${r.bundle.records.toLocaleString('en-US')} records`);
  if (r.bundle.stopped) out.push(`- **Reading stopped early:** ${r.bundle.stopped}`);
  out.push(`- Times without a zone were read as **${r.bundle.tz}** (${r.bundle.tzSource}). All times below are UTC.`, '');
  out.push('## Summary', '');
  if (top) {
    out.push(`Most likely root cause: **${top.title}** (\`${top.cause}\`, confidence ${percent(top.confidence)}).`, '', top.summary, '');
  } else if (r.findings.length) {
    out.push(`${r.findings.length} findings, but none adds up to a known root cause. Read the findings below.`, '');
  } else {
    out.push('No failure signature was found in this bundle.', '');
  }
  if (r.rootCauses.length) {
    out.push('## Root causes', '');
    r.rootCauses.forEach((c, i) => {
      out.push(`### ${i + 1}. ${c.title} — \`${c.cause}\`, ${percent(c.confidence)}`, '', c.summary, '');
      if (c.reasoning.length) out.push(...c.reasoning.map((s) => `- ${s}`), '');
      out.push(`**Fix.** ${c.fix}`, '');
      if (c.evidence.length) out.push('**Evidence**', '', ...c.evidence.map(evidenceBlock), '');
      if (c.references.length) out.push(`References: ${c.references.map((u) => `<${u}>`).join(', ')}`, '');
    });
  }
  out.push('## Findings', '');
  if (r.findings.length === 0) out.push('None.', '');
  else {
    out.push('| Severity | Signature | Finding | First | Last | Count |', '|---|---|---|---|---|---:|');
    for (const f of r.findings) out.push(`| ${f.severity} | \`${f.signature}\` | ${cell(f.summary)} | ${humanUtc(f.first)} | ${humanUtc(f.last)} | ${f.count} |`);
    out.push('');
    for (const f of r.findings) {
      out.push(`### ${f.title} (\`${f.signature}\`)`, '', f.summary, '', ...f.evidence.map(evidenceBlock), '');
    }
  }
  if (r.fdSeries.length) out.push('## Open descriptors per snapshot', '', ...fdSeriesMarkdown(r.fdSeries));
  out.push('## Files', '', '| File | Kind | Status | Lines | Records | Skipped | Times | Note |', '|---|---|---|---:|---:|---:|---|---|');
  for (const f of r.files) {
    const times = f.captureSources.length ? `captured ${humanUtc(f.first)} (from ${f.captureSources.join(', ')})` : (f.timeQuality ?? '—');
    out.push(`| \`${cell(f.path)}\` | ${f.kind} | ${f.status} | ${f.lines} | ${f.records} | ${f.skipped} | ${times} | ${cell(f.note)} |`);
  }
  out.push('');
  if (r.errors.length) out.push('## Detector errors', '', ...r.errors.map((e) => `- \`${e.signature}\`: ${e.message}`), '');
  return out.join('\n');
}
