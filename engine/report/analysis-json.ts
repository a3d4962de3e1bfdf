/** The `--json` output of `rootline analyze`: a stable, documented shape (see README). */
import type { AnalysisReport } from '../api/report-types';
import type { ResolvedEvidence } from '../model/evidence';
import { isoUtc } from './format';
import type { Consequence, RootCause } from '../model/root-cause';
import { consequenceText } from './wording';

const ev = (e: ResolvedEvidence) => ({ file: e.file, line: e.line, ...(e.note ? { note: e.note } : {}), text: e.excerpt });

const cause = (c: RootCause) => ({
  id: c.cause, confidence: c.confidence, title: c.title, summary: c.summary, reasoning: c.reasoning, fix: c.fix,
  references: c.references, findings: c.findings, evidence: c.evidence.map(ev),
  ...(c.explains?.length ? { explains: c.explains.map((x) => ({ id: x.cause, reason: x.reason })) } : {}),
});

const consequence = (c: Consequence) => ({
  id: c.cause, title: c.title, explainedBy: c.explainedBy, reason: c.reason, wording: consequenceText(c), evidence: c.evidence.map(ev),
});

export function analysisJson(r: AnalysisReport) {
  return {
    bundle: {
      path: r.bundle.path,
      name: r.bundle.name,
      kind: r.bundle.kind,
      timeZone: r.bundle.tz,
      timeZoneSource: r.bundle.tzSource,
      database: r.bundle.db,
      reused: r.bundle.reused,
      bytes: r.bundle.bytes,
      lines: r.bundle.lines,
      records: r.bundle.records,
      ...(r.bundle.stopped ? { stopped: r.bundle.stopped } : {}),
    },
    files: r.files.map((f) => ({
      path: f.path, kind: f.kind, status: f.status, records: f.records, skipped: f.skipped, note: f.note,
      lines: f.lines, timeQuality: f.timeQuality, first: isoUtc(f.first), last: isoUtc(f.last),
      ...(f.captureSources.length ? { captureSources: f.captureSources } : {}),
    })),
    findings: r.findings.map((f) => ({
      signature: f.signature, severity: f.severity, title: f.title, summary: f.summary, first: isoUtc(f.first), last: isoUtc(f.last),
      count: f.count, evidence: f.evidence.map(ev),
    })),
    episodes: r.episodes.map((e) => ({
      id: e.id,
      from: isoUtc(e.from),
      to: isoUtc(e.to),
      summary: e.summary,
      firstSignal: e.firstSignal ? { at: isoUtc(e.firstSignal.ts), signature: e.firstSignal.signature, title: e.firstSignal.title, evidence: ev(e.firstSignal.evidence) } : null,
      rootCauses: e.rootCauses.map(cause),
      consequences: e.consequences.map(consequence),
      findings: e.findings.map((f) => ({ signature: f.signature, count: f.count, first: isoUtc(f.first), last: isoUtc(f.last) })),
    })),
    rootCauses: r.rootCauses.map(cause),
    consequences: r.consequences.map(consequence),
    fdSeries: r.fdSeries.map((s) => ({ ...s, points: s.points.map((p) => ({ ...p, ts: isoUtc(p.ts) })) })),
    ...(r.errors.length ? { errors: r.errors } : {}),
  };
}
