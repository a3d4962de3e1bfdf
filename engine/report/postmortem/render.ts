/**
 * The postmortem as GitHub-flavoured Markdown with YAML front matter: a pure function of its input and
 * options (no clock, no store), so the same database and options always give the same bytes.
 */
import type { Episode } from '../../model/episode';
import type { ResolvedEvidence } from '../../model/evidence';
import type { Consequence, RootCause } from '../../model/root-cause';
import { consequenceText } from '../wording';
import { formatMs, plural } from '../../signatures/findings-from-hits';
import { bytes, isoUtc, percent } from '../format';
import { detection, impactWindow, type ImpactWindow } from './impact';
import { mdCell, mdCode, mdFence, mdText, yamlScalar } from './markdown-text';
import { mermaidTimeline } from './mermaid';
import { deriveSeverity } from './severity';
import { bySignature, firstEvidence, firstLine, stamp, timelineRows, type TimelineRow } from './timeline';
import type { PostmortemInput, PostmortemOptions } from './types';

export const DEFAULT_CONTRIBUTING_THRESHOLD = 0.3;
const TO_FILL = '_To be filled in by the team._';
const MAX_SUMMARY_TITLES = 4;
const MAX_APPENDIX_PER_SIGNATURE = 10;

/** An episode's verdict: its top cause, the other causes that contributed, and the causes it explains. */
interface EpisodeVerdict {
  episode: Episode | null;
  top: RootCause | undefined;
  contributing: RootCause[];
  consequences: Consequence[];
}

function verdicts(input: PostmortemInput, threshold: number): EpisodeVerdict[] {
  if (input.episodes.length === 0) {
    const [top, ...others] = input.rootCauses;
    return [{ episode: null, top, contributing: others.filter((c) => c.confidence >= threshold), consequences: input.consequences }];
  }
  return input.episodes.map((e) => {
    const [top, ...others] = e.rootCauses;
    return { episode: e, top, contributing: others.filter((c) => c.confidence >= threshold), consequences: e.consequences };
  });
}

export function renderPostmortem(input: PostmortemInput, opts: PostmortemOptions = {}): string {
  const threshold = opts.contributingThreshold ?? DEFAULT_CONTRIBUTING_THRESHOLD;
  const eps = verdicts(input, threshold);
  // The headline cause: the most confident episode top (ties: the earliest episode).
  const top = eps.map((v) => v.top).filter((c): c is RootCause => !!c).reduce<RootCause | undefined>((a, b) => (!a || b.confidence > a.confidence ? b : a), undefined);
  const window = impactWindow(input.findings, input.annotations);
  const verdict = deriveSeverity(input.findings, input.rootCauses);
  const rows = timelineRows(input.findings, eps.flatMap((v) => (v.top ? [v.top, ...v.contributing] : [])), input.annotations);
  const start = window?.start ?? Math.min(...input.findings.flatMap((f) => (f.first === null ? [] : [f.first])));
  const date = Number.isFinite(start) ? isoUtc(start)!.slice(0, 10) : null;
  const title = opts.title ?? `Postmortem${date ? ` ${date}` : ''}: ${top ? top.title : input.bundle.name}`;
  const severity = opts.severity ?? verdict.severity;

  const out: string[] = [];
  out.push('---', `title: ${JSON.stringify(title)}`, `date: ${date ?? '""'}`, `status: ${yamlScalar(opts.status ?? 'draft')}`, `severity: ${yamlScalar(severity)}`);
  out.push(`authors: [${(opts.authors ?? []).map((a) => JSON.stringify(a)).join(', ')}]`);
  if (opts.now !== undefined) out.push(`generated: ${isoUtc(opts.now)}`);
  out.push('---', '', `# ${mdText(title)}`, '');
  const b = input.bundle;
  out.push(
    `_Drafted by Rootline from the log bundle ${mdCode(b.name)}: ${plural(input.files.length, 'file')}, ${bytes(b.bytes)}, ` +
      `${b.lines.toLocaleString('en-US')} lines, ${b.records.toLocaleString('en-US')} records. All times are UTC._`,
    '',
  );
  if (input.anonymized) {
    out.push('_Anonymised: host names, IP addresses, user ids and e-mail addresses are replaced by tokens (`host-1`, `ip-1`, `user-1`, `email-1@example.invalid`); the same token always stands for the same value._', '');
  }
  if (b.stopped) out.push(`**Reading stopped early:** ${mdText(b.stopped)}`, '');

  out.push('## Summary', '', summary(input, window, eps), '');
  out.push(`- **Impact window (UTC):** ${impactLine(window)}`);
  out.push(`- **Severity:** ${mdText(severity)} — ${opts.severity ? 'set by the authors' : `derived from ${mdText(verdict.reason)}`}.`);
  out.push(`- **Time zone:** logs that print no zone were read as **${mdText(b.tz)}**${b.tzSource ? ` (${mdText(b.tzSource)})` : ''}.`, '');

  out.push('## Detection', '', ...detectionLines(input), '');

  if (eps.length > 1) {
    out.push('## Root causes by episode', '', `The bundle holds ${plural(eps.length, 'separate incident episode')}, apart in time with normal operation between them; each has its own cause.`, '');
    for (const v of eps) out.push(...episodeSection(v, threshold, '###'));
  } else {
    out.push(...episodeSection(eps[0]!, threshold, '##'));
  }

  out.push('## Timeline', '', ...timelineTable(rows), '');
  if (opts.mermaid) out.push(mermaidTimeline(rows), '');

  out.push('## Action items', '', ...actionItems(eps.flatMap((v) => (v.top ? [v.top, ...v.contributing] : []))), '');

  out.push('## Lessons learned', '');
  for (const h of ['What went well', 'What went wrong', 'Where we got lucky']) out.push(`### ${h}`, '', TO_FILL, '');

  out.push('## Appendix A: Findings', '', ...findingsTable(input), '');
  out.push('## Appendix B: Files', '', ...filesTable(input), '');
  return out.join('\n').replace(/\n+$/, '\n');
}

function summary(input: PostmortemInput, window: ImpactWindow | null, eps: readonly EpisodeVerdict[]): string {
  const s: string[] = [];
  if (window && window.findings.length) {
    // One title per signature: 250 "Unread data piles up on …" findings read as one.
    const titles = bySignature(window.findings).map((g) => `${g[0]!.title}${g.length > 1 ? ` (and ${g.length - 1} like it)` : ''}`);
    const shown = titles.slice(0, MAX_SUMMARY_TITLES).join('; ') + (titles.length > MAX_SUMMARY_TITLES ? `; and ${titles.length - MAX_SUMMARY_TITLES} more` : '');
    s.push(`Between ${stamp(window.start)} and ${stamp(window.end)} UTC (${duration(window)}) the logs show ${plural(window.findings.length, 'high-severity finding')}: ${shown}.`);
  } else if (input.findings.length) {
    s.push(`Rootline found ${plural(input.findings.length, 'finding')} in this bundle, none of high severity.`);
  } else {
    s.push('Rootline found no failure signature in this bundle.');
  }
  if (eps.length > 1) s.push(`They form ${plural(eps.length, 'separate episode')}:`);
  for (const v of eps) {
    const lead = eps.length > 1 && v.episode ? `${v.episode.id} (${episodeSpan(v.episode)}):` : '';
    if (v.top) {
      s.push(`${lead} The most likely root cause (${percent(v.top.confidence)} confidence) is: ${v.top.title}.`.trim(), v.top.summary);
      if (v.contributing.length) s.push(`${plural(v.contributing.length, 'other cause')} contributed: ${v.contributing.map((c) => c.title).join('; ')}.`);
      if (v.consequences.length) s.push(`${v.consequences.map((c) => c.cause).join(', ')} ${v.consequences.length === 1 ? 'is a consequence' : 'are consequences'}, not ${v.consequences.length === 1 ? 'a cause' : 'causes'}.`);
    } else {
      s.push(`${lead} No known root cause fits the evidence.`.trim());
    }
  }
  return mdText(s.join(' '));
}

function episodeSpan(e: Episode): string {
  if (e.from === null || e.to === null) return 'time unknown';
  return `${stamp(e.from)} → ${clockOf(e.to)} UTC`;
}

const clockOf = (ts: number) => stamp(ts).slice(11);

/** One episode's root cause, consequences and contributing factors, under headings of the given level. */
function episodeSection(v: EpisodeVerdict, threshold: number, h: '##' | '###'): string[] {
  const sub = h === '##' ? '###' : '####';
  const out: string[] = [];
  if (h === '###' && v.episode) out.push(`${h} ${v.episode.id} · ${mdText(episodeSpan(v.episode))}`, '', mdText(v.episode.summary), '');
  out.push(h === '##' ? '## Root cause' : `${sub} Root cause`, '');
  if (v.top) out.push(...causeBlock(v.top, true, h === '##' ? '###' : '#####'));
  else out.push('No known root cause fits the evidence here. Start from the findings in Appendix A.', '');
  if (v.consequences.length) {
    out.push(h === '##' ? '## Consequences, not causes' : `${sub} Consequences, not causes`, '');
    for (const c of v.consequences) out.push(`- **${mdText(c.title)}** (${mdCode(c.cause)}): ${mdText(consequenceText(c))}`);
    out.push('');
  }
  out.push(h === '##' ? '## Contributing factors' : `${sub} Contributing factors`, '');
  if (v.contributing.length) for (const c of v.contributing) out.push(...causeBlock(c, false, h === '##' ? '###' : '#####'));
  else out.push(`None at or above ${percent(threshold)} confidence.`, '');
  return out;
}

const duration = (w: ImpactWindow) => (w.end === w.start ? 'a single moment' : formatMs(w.end - w.start));

function impactLine(w: ImpactWindow | null): string {
  if (!w) return 'not determined: no high or critical finding, and no annotation marked Detection or Repair.';
  const why = [
    w.findings.length ? 'from the first to the last high or critical finding' : '',
    w.annotations.length ? `${w.findings.length ? 'widened' : 'set'} by ${plural(w.annotations.length, 'annotation')} marked Detection or Repair` : '',
  ].filter(Boolean);
  return `${stamp(w.start)} → ${stamp(w.end)} (${duration(w)}), ${why.join(', ')}.`;
}

function detectionLines(input: PostmortemInput): string[] {
  const { firstSignal, detected } = detection(input.findings, input.annotations);
  const lines: string[] = [];
  if (firstSignal) {
    const ev = firstEvidence(firstSignal);
    lines.push(`- **First signal in the logs:** ${mdText(firstSignal.title)} (${firstSignal.severity}) at ${stamp(firstSignal.first!)}${ev ? ` — ${mdCode(`${ev.file}:${ev.line}`)}` : ''}.`);
    // Indented under its list item, so the list goes on after it.
    if (ev?.excerpt) lines.push('', mdFence(firstLine(ev.excerpt, 1000)).replace(/^/gm, '  '), '');
  } else {
    lines.push('- **First signal in the logs:** none: no finding has a time.');
  }
  if (detected) {
    const lag = firstSignal && detected.ts! >= firstSignal.first! ? ` — ${formatMs(detected.ts! - firstSignal.first!)} after the first signal` : '';
    lines.push(`- **Detected by the team:** ${stamp(detected.ts!)}${lag}: ${mdCell(detected.text)}`);
  } else {
    lines.push('- **Detected by the team:** not recorded. Add an annotation marked Detection at the moment the team noticed.');
  }
  return lines;
}

function evidenceHead(e: ResolvedEvidence): string {
  return [mdCode(`${e.file}:${e.line}`), e.ts != null ? `${stamp(e.ts)} UTC` : '', e.note ? mdText(e.note) : ''].filter(Boolean).join(' · ');
}

function causeBlock(c: RootCause, top: boolean, h = '###'): string[] {
  const out = [`${h} ${mdText(c.title)}`, '', `${mdCode(c.cause)} · confidence ${percent(c.confidence)}`, '', mdText(c.summary), ''];
  if (c.reasoning.length) out.push(top ? '**How the evidence leads here**' : '**Why**', '', ...c.reasoning.map((r) => `- ${mdText(r)}`), '');
  if (c.evidence.length) {
    out.push('**Evidence**', '');
    if (top) {
      for (const e of c.evidence) out.push(evidenceHead(e), '', ...(e.excerpt ? [mdFence(e.excerpt), ''] : []));
    } else {
      for (const e of c.evidence) out.push(`- ${evidenceHead(e)}${e.excerpt ? `: ${mdCode(firstLine(e.excerpt))}` : ''}`);
      out.push('');
    }
  }
  out.push(`**Fix.** ${mdText(c.fix)}`, '');
  if (c.references.length) out.push(`References: ${c.references.map((u) => `<${u}>`).join(', ')}`, '');
  return out;
}

function timelineTable(rows: readonly TimelineRow[]): string[] {
  if (!rows.length) return ['Nothing to place on a timeline: no finding has a time and there are no annotations.'];
  const out = ['| Time (UTC) | Source | Event | Marker | Evidence |', '|---|---|---|---|---|'];
  for (const r of rows) {
    const event = mdCell(r.event) + (r.excerpt ? `<br>${mdCode(r.excerpt, true)}` : '');
    out.push(`| ${r.ts !== null ? stamp(r.ts) : '—'} | ${mdCell(r.source)} | ${event} | ${mdCell(r.marker)} | ${r.evidence ? mdCode(r.evidence, true) : ''} |`);
  }
  return out;
}

function actionItems(causes: readonly RootCause[]): string[] {
  if (!causes.length) return ['- [ ] Agree on the actions with the team.'];
  const seen = new Set<string>();
  return causes.flatMap((c) => {
    if (seen.has(c.fix)) return [];
    seen.add(c.fix);
    return [`- [ ] ${mdText(c.fix)} (${mdCode(c.cause)})`];
  });
}

function findingsTable(input: PostmortemInput): string[] {
  if (!input.findings.length) return ['None.'];
  const out = ['| Severity | Finding | First (UTC) | Last (UTC) | Count | Evidence |', '|---|---|---|---|---:|---|'];
  const when = (ts: number | null) => (ts !== null ? stamp(ts) : '—');
  // A signature with hundreds of findings (one per connection) keeps its earliest few; all are in `rootline analyze --json`.
  const kept = new Set(bySignature(input.findings).flatMap((g) => g.slice(0, MAX_APPENDIX_PER_SIGNATURE)));
  const dropped = new Map<string, { n: number; severity: string }>();
  for (const f of input.findings) {
    if (!kept.has(f)) {
      dropped.set(f.signature, { n: (dropped.get(f.signature)?.n ?? 0) + 1, severity: dropped.get(f.signature)?.severity ?? f.severity });
      continue;
    }
    const ev = firstEvidence(f);
    out.push(
      `| ${f.severity} | **${mdCell(f.title)}** (${mdCode(f.signature, true)})<br>${mdCell(f.summary)} | ${when(f.first)} | ` +
        `${when(f.last)} | ${f.count} | ${ev ? mdCode(`${ev.file}:${ev.line}`, true) : ''} |`,
    );
  }
  for (const [sig, d] of dropped) out.push(`| ${d.severity} | … and ${d.n} more ${mdCode(sig, true)} findings (all of them: \`rootline analyze --json\`) |  |  |  |  |`);
  return out;
}

function filesTable(input: PostmortemInput): string[] {
  if (!input.files.length) return ['None.'];
  const out = ['| File | Kind | Records | Skipped | Notes |', '|---|---|---:|---:|---|'];
  for (const f of input.files) {
    const notes = [f.status !== 'parsed' ? f.status : '', f.note ?? ''].filter(Boolean).join(': ');
    out.push(`| ${mdCode(f.path, true)} | ${mdCell(f.kind)} | ${f.records} | ${f.skipped} | ${mdCell(notes)} |`);
  }
  return out;
}
