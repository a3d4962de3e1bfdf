/** What a bundle contains, so a check can tell "not found" (refuted) from "not measured" (no data). */
import { seriesBy } from '../../signatures/series';
import type { Store } from '../../store';
import type { StoredFinding } from '../../store/findings';

export interface BundleFacts {
  fileKinds: Set<string>;
  eventKinds: Set<string>;
  /** Snapshot count per kind (lsof: 5, jstack: 2 …). */
  snapshots: Map<string, number>;
  findings: StoredFinding[];
  bySignature: Map<string, StoredFinding[]>;
}

export function bundleFacts(store: Store, bundleId: number): BundleFacts {
  const files = store.files.list(bundleId).filter((f) => f.status === 'parsed' || f.status === 'error');
  const eventKinds = new Set(
    store.db
      .prepare<[number], { kind: string }>('SELECT DISTINCT kind FROM events WHERE kind IS NOT NULL AND file_id IN (SELECT id FROM files WHERE bundle_id = ?)')
      .all(bundleId)
      .map((r) => r.kind),
  );
  const snapshots = new Map(
    store.db
      .prepare<[number], { kind: string; n: number }>('SELECT s.kind AS kind, COUNT(*) AS n FROM snapshots s JOIN files f ON f.id = s.file_id WHERE f.bundle_id = ? GROUP BY s.kind')
      .all(bundleId)
      .map((r) => [r.kind, r.n]),
  );
  const findings = store.findings.findings(bundleId);
  const bySignature = seriesBy(findings, (f) => f.signature);
  return { fileKinds: new Set(files.map((f) => f.kind)), eventKinds, snapshots, findings, bySignature };
}

export const hasLogs = (f: BundleFacts) => ['java-log', 'pino', 'json-log', 'text-log'].some((k) => f.fileKinds.has(k));
export const hasHikari = (f: BundleFacts) => [...f.eventKinds].some((k) => k.startsWith('hikari.'));
export const hasHttp = (f: BundleFacts) => f.eventKinds.has('http.request');
export const snaps = (f: BundleFacts, kind: string) => f.snapshots.get(kind) ?? 0;
