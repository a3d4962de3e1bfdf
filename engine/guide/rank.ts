/**
 * Root causes ranked from findings. Each rule reads the findings of a bundle and says how well they
 * support its cause; rules also lower their own confidence when another cause explains the same
 * evidence better (a freeze explains pool timeouts; a leak explains a full pool).
 */
import type { EvidenceRef } from '../model/evidence';
import type { FindingDraft } from '../model/finding';
import type { RootCauseDraft } from '../model/root-cause';
import { connectionLeak } from './causes/connection-leak';
import { databaseUnavailable } from './causes/database-unavailable';
import { gcPressure } from './causes/gc-pressure';
import { idleConnectionsClosed } from './causes/idle-connections-closed';
import { poolSaturation } from './causes/pool-saturation';
import { processStarvation } from './causes/process-starvation';
import { socketLeak } from './causes/socket-leak';
import { busyLoop } from './causes/busy-loop';
import { deadlock } from './causes/deadlock';
import { goroutineLeak } from './causes/goroutine-leak';
import { httpBodyNotClosed } from './causes/http-body-not-closed';
import { memoryLeak } from './causes/memory-leak';
import { slowReader } from './causes/slow-reader';
import { byTime } from '../signatures/findings-from-hits';
import { CauseContext, type CauseRule } from './types';

export const CAUSE_RULES: readonly CauseRule[] = [
  processStarvation,
  gcPressure,
  connectionLeak,
  poolSaturation,
  databaseUnavailable,
  idleConnectionsClosed,
  socketLeak,
  goroutineLeak,
  httpBodyNotClosed,
  busyLoop,
  slowReader,
  deadlock,
  memoryLeak,
];

/** One entry per file line, in time order; the first note given for a line wins. */
function dedupe(evidence: readonly EvidenceRef[]): EvidenceRef[] {
  const seen = new Map<string, EvidenceRef>();
  for (const e of evidence) {
    const key = `${e.fileId}:${e.line}:${e.ref ?? ''}`;
    if (!seen.has(key)) seen.set(key, e);
  }
  return [...seen.values()].sort(byTime);
}

export function rankRootCauses(findings: readonly FindingDraft[], rules: readonly CauseRule[] = CAUSE_RULES): RootCauseDraft[] {
  const ctx = new CauseContext(findings);
  const out: RootCauseDraft[] = [];
  for (const rule of rules) {
    const a = rule.assess(ctx);
    if (!a || a.confidence <= 0) continue;
    out.push({ cause: rule.id, title: rule.title, fix: rule.fix, references: rule.references, ...a, evidence: dedupe(a.evidence) });
  }
  return out.sort((x, y) => y.confidence - x.confidence);
}
