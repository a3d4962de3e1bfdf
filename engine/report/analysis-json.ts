/** The `--json` output of `rootline analyze`: a stable, documented shape (see README). */
import type { AnalysisReport } from '../api/report-types';
import type { ResolvedEvidence } from '../model/evidence';
import { isoUtc } from './format';

const ev = (e: ResolvedEvidence) => ({ file: e.file, line: e.line, ...(e.note ? { note: e.note } : {}), text: e.excerpt });

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
    rootCauses: r.rootCauses.map((c) => ({
      id: c.cause, confidence: c.confidence, title: c.title, summary: c.summary, reasoning: c.reasoning, fix: c.fix,
      references: c.references, findings: c.findings, evidence: c.evidence.map(ev),
    })),
    fdSeries: r.fdSeries.map((s) => ({ ...s, points: s.points.map((p) => ({ ...p, ts: isoUtc(p.ts) })) })),
    ...(r.errors.length ? { errors: r.errors } : {}),
  };
}
