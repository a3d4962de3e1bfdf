/**
 * The incident's severity, derived from what the analysis found (a team can always override it):
 *
 * | Severity | When |
 * |---|---|
 * | SEV1 | a critical finding, or a root cause at ≥ 80 % confidence backed by a high or critical finding (likely and with high impact) |
 * | SEV2 | a high finding, or a root cause at ≥ 50 % confidence |
 * | SEV3 | a medium finding, or any root cause |
 * | SEV4 | only low or informational findings, or none |
 */
import { SEVERITY_ORDER, type Finding } from '../../model/finding';
import type { RootCause } from '../../model/root-cause';

export type DerivedSeverity = 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';

export interface SeverityVerdict {
  severity: DerivedSeverity;
  /** Why, in a sentence fragment ("a critical finding: …"). */
  reason: string;
}

const HIGH = SEVERITY_ORDER.high;

export function deriveSeverity(findings: readonly Finding[], causes: readonly RootCause[]): SeverityVerdict {
  const critical = findings.find((f) => f.severity === 'critical');
  if (critical) return { severity: 'SEV1', reason: `a critical finding (${critical.title})` };
  const bySignature = new Map(findings.map((f) => [f.signature, f]));
  const backedHigh = (c: RootCause) => c.findings.some((s) => SEVERITY_ORDER[bySignature.get(s)?.severity ?? 'info'] >= HIGH);
  const likely = causes.find((c) => c.confidence >= 0.8 && backedHigh(c));
  if (likely) return { severity: 'SEV1', reason: `a root cause at ${Math.round(likely.confidence * 100)}% confidence backed by high-severity findings` };
  const high = findings.find((f) => f.severity === 'high');
  if (high) return { severity: 'SEV2', reason: `a high-severity finding (${high.title})` };
  const probable = causes.find((c) => c.confidence >= 0.5);
  if (probable) return { severity: 'SEV2', reason: `a root cause at ${Math.round(probable.confidence * 100)}% confidence` };
  const medium = findings.find((f) => f.severity === 'medium');
  if (medium) return { severity: 'SEV3', reason: `a medium-severity finding (${medium.title})` };
  if (causes[0]) return { severity: 'SEV3', reason: `a possible root cause at ${Math.round(causes[0].confidence * 100)}% confidence` };
  return { severity: 'SEV4', reason: findings.length ? 'only low or informational findings' : 'no finding' };
}
