/** What a bundle (or one episode of it) contains, so a check can tell "not found" (refuted) from "not measured" (no data). */
import { roleOf, type LogMetricRole } from '../../signatures/log-metric-fields';
import { seriesBy } from '../../signatures/series';
import { formatMs, plural } from '../../signatures/findings-from-hits';
import type { Store } from '../../store';
import type { StoredEpisode, StoredFinding } from '../../store/findings';
import type { Runtime } from './types';

export interface BundleFacts {
  fileKinds: Set<string>;
  eventKinds: Set<string>;
  /** Snapshot count per kind (lsof: 5, jstack: 2 …). */
  snapshots: Map<string, number>;
  findings: StoredFinding[];
  bySignature: Map<string, StoredFinding[]>;
  /** What the services log about themselves that the signatures read (metrics inside logs): goroutines, fds, pool.waiting… */
  logMetrics: Set<LogMetricRole>;
}

export function bundleFacts(store: Store, bundleId: number, episode: StoredEpisode | null = null): BundleFacts {
  const files = store.files.list(bundleId).filter((f) => f.status === 'parsed' || f.status === 'error');
  const eventKinds = new Set(store.events.kindsIn(bundleId));
  const snapshots = store.snapshots.countsByKind(bundleId);
  const all = store.findings.findings(bundleId);
  const findings = episode ? sliceTo(all, episode) : all;
  const bySignature = seriesBy(findings, (f) => f.signature);
  const logMetrics = new Set(store.logMetrics.list(bundleId).flatMap((r) => roleOf(r.message, r.field) ?? []));
  return { fileKinds: new Set(files.map((f) => f.kind)), eventKinds, snapshots, findings, bySignature, logMetrics };
}

/**
 * The findings as one episode holds them: only those with occurrences in it, with its count, times
 * and evidence; a finding that lies partly outside says how much of it is inside.
 */
function sliceTo(all: readonly StoredFinding[], e: StoredEpisode): StoredFinding[] {
  const byId = new Map(all.map((f) => [f.id, f]));
  return e.findings.flatMap((s) => {
    const f = byId.get(s.findingId);
    if (!f) return [];
    // Wholly inside the episode: the finding as it is. (`count` means different things per signature, times do not.)
    const whole = f.first === null || (s.first !== null && s.last !== null && s.first <= f.first && s.last >= (f.last ?? f.first));
    if (whole) return [f];
    const span = s.first !== null && s.last !== null && s.last > s.first ? ` over ${formatMs(s.last - s.first)}` : '';
    return [{
      ...f, first: s.first, last: s.last, evidence: s.evidence.length ? s.evidence : f.evidence,
      summary: `${f.title}: ${plural(s.count, 'time')} in this episode${span}, of the whole bundle's ${plural(f.count, 'occurrence')}`,
    }];
  });
}

/** Which runtimes the bundle shows: Go by its goroutine dumps or the goroutine count it logs, the JVM by its logs, thread dumps, GC logs and histograms. */
export function runtimesOf(f: BundleFacts): Set<Runtime> {
  const out = new Set<Runtime>();
  if (snaps(f, 'goroutine') > 0 || f.logMetrics.has('goroutines')) out.add('go');
  if (['java-log', 'gc-log'].some((k) => f.fileKinds.has(k)) || snaps(f, 'jstack') > 0 || snaps(f, 'jmap-histo') > 0) out.add('jvm');
  // Node by a pino log (Node's logger), Node's own crash and warning output, or the event-loop delay it logs.
  if (f.fileKinds.has('pino') || [...f.eventKinds].some((k) => k.startsWith('node.')) || f.bySignature.has('event-loop-delay')) out.add('node');
  return out;
}

/**
 * Whether a hypothesis about one runtime belongs in the walk: when the bundle shows that runtime. A JVM or
 * Go question also stays when the bundle shows neither of those two (a Node-only bundle keeps them, as before
 * Node was recognised); a Node question also stays when the bundle shows no runtime at all.
 */
export function relevantTo(h: { runtime?: Runtime }, runtimes: ReadonlySet<Runtime>): boolean {
  if (!h.runtime || runtimes.has(h.runtime)) return true;
  if (h.runtime === 'node') return runtimes.size === 0;
  return !runtimes.has('jvm') && !runtimes.has('go');
}

export const hasLogs = (f: BundleFacts) => ['java-log', 'pino', 'json-log', 'text-log'].some((k) => f.fileKinds.has(k));
export const hasHikari = (f: BundleFacts) => [...f.eventKinds].some((k) => k.startsWith('hikari.'));
export const hasHttp = (f: BundleFacts) => f.eventKinds.has('http.request');
export const snaps = (f: BundleFacts, kind: string) => f.snapshots.get(kind) ?? 0;
