import type { Finding } from '../model/finding';
import type { Consequence, RootCause } from '../model/root-cause';
import type { Episode } from '../model/episode';
import type { FdSeries } from '../analysis/fd-series';

export interface FileSummary {
  id: number;
  path: string;
  kind: string;
  status: string;
  confidence: number | null;
  lines: number;
  records: number;
  skipped: number;
  note: string | null;
  timeQuality: string | null;
  first: number | null;
  last: number | null;
  encoding: string | null;
  /** For snapshot files: where their capture times came from (`tool`, `header`, `filename`, `mtime`). */
  captureSources: string[];
}

export interface BundleSummary {
  id: number;
  path: string;
  name: string;
  kind: string | null;
  tz: string;
  tzSource: string;
  db: string;
  reused: boolean;
  ingestedAt: number | null;
  bytes: number;
  lines: number;
  records: number;
  durationMs: number;
  /** Why reading stopped before the end of the bundle (size cap), or null. */
  stopped: string | null;
}

/** Everything an analysis produced, as every face shows it. */
export interface AnalysisReport {
  bundle: BundleSummary;
  files: FileSummary[];
  findings: Finding[];
  /** Incident episodes in time order, each with its own ranked causes. */
  episodes: Episode[];
  /** The merged ranking: each cause once, with its best confidence over the episodes. */
  rootCauses: RootCause[];
  /** Causes another explains in every episode they appear in: shown as "explained by", not ranked. */
  consequences: Consequence[];
  /** Open descriptors per process across lsof snapshots. */
  fdSeries: FdSeries[];
  /** Detector failures, reported rather than fatal. */
  errors: { signature: string; message: string }[];
}
