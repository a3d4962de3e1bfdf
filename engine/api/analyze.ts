/**
 * `analyze`: open (or reuse) the bundle's database, ingest, detect, rank, and return the report.
 */
import { existsSync, accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import { PARSERS } from '../../parsers';
import { analyzeBundle } from '../analysis/analyze';
import { fdSeries } from '../analysis/fd-series';
import { buildTimelineSummary } from '../timeline';
import { isBundleError } from '../bundle';
import { resolveEvidence } from '../content/excerpt';
import { IngestCancelled } from '../ingest/file-ingest';
import { ingestBundle, storedIngest } from '../ingest/ingest';
import type { IngestProgress } from '../ingest/progress';
import { ZoneError } from '../ingest/zone';
import { SIGNATURES } from '../signatures';
import { Store } from '../store';
import { canBuildFresh, FreshDatabase } from '../store/fresh-file';
import { RootlineError } from './errors';
import { contentRootFor, defaultDbPath } from './paths';
import type { AnalysisReport, FileSummary } from './report-types';
import type { FileRow } from '../store/files';
import type { StoredEpisode } from '../store/findings';
import type { Episode } from '../model/episode';

function resolveEpisode(store: Store, e: StoredEpisode): Episode {
  const { rowId: _rowId, ...rest } = e;
  return {
    ...rest,
    firstSignal: e.firstSignal ? { ...e.firstSignal, evidence: resolveEvidence(store, [e.firstSignal.evidence])[0]! } : null,
    rootCauses: e.rootCauses.map((c) => ({ ...c, evidence: resolveEvidence(store, c.evidence) })),
    consequences: e.consequences.map((c) => ({ ...c, evidence: resolveEvidence(store, c.evidence) })),
    findings: e.findings.map((f) => ({ ...f, evidence: resolveEvidence(store, f.evidence) })),
  };
}

export interface AnalyzeOptions {
  tz?: string;
  db?: string;
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: IngestProgress) => void;
  /**
   * Build the timeline's index over events with the load (default). A face that shows no timeline
   * (the CLI's report) leaves it to the first timeline query.
   */
  timelineIndex?: boolean;
}

export interface PreparedBundle {
  store: Store;
  bundleId: number;
  dbPath: string;
  reused: boolean;
  errors: AnalysisReport['errors'];
}

/**
 * Opens the bundle's database, ingesting and analysing the bundle unless an unchanged copy is
 * already stored. The caller owns `store` and must close it.
 */
export async function prepareBundle(bundlePath: string, opts: AnalyzeOptions = {}): Promise<PreparedBundle> {
  const path = resolve(bundlePath);
  if (!existsSync(path)) throw new RootlineError('not-found', `${bundlePath}: no such file or directory`);
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw new RootlineError('unreadable', `${bundlePath}: permission denied`);
  }
  const dbPath = resolve(opts.db ?? defaultDbPath(path));
  try {
    if (existsSync(dbPath)) {
      const store = Store.open(dbPath);
      try {
        const stored = await storedIngest(store, path, opts);
        if (stored) return { store, bundleId: stored.bundle.id, dbPath, reused: true, errors: [] };
      } catch (e) {
        store.close();
        throw e;
      }
      store.close();
    }
    if (canBuildFresh(dbPath, path)) return await buildFresh(path, dbPath, opts);
    const store = Store.open(dbPath);
    try {
      return { store, ...(await ingestInto(store, path, dbPath, opts)) };
    } catch (e) {
      store.close();
      throw e;
    }
  } catch (e) {
    throw toRootlineError(e);
  }
}

/** Ingests and analyses the bundle into `store`; the bundle's id, and the analysis errors. */
async function ingestInto(store: Store, path: string, dbPath: string, opts: AnalyzeOptions): Promise<Omit<PreparedBundle, 'store'>> {
  let errors: AnalysisReport['errors'] = [];
  const result = await ingestBundle(store, path, {
    tz: opts.tz,
    force: opts.force,
    signal: opts.signal,
    onProgress: opts.onProgress,
    parsers: PARSERS,
    signatures: SIGNATURES,
    contentRoot: contentRootFor(dbPath),
    afterLoad: (bundleId, streamed) => {
      errors = analyzeBundle(store, bundleId, SIGNATURES, streamed).errors;
      buildTimelineSummary(store, bundleId, Date.now(), (fileId) => streamed.secondCounts(fileId), opts.timelineIndex ?? true);
    },
  });
  return { bundleId: result.bundle.id, dbPath, reused: result.reused, errors };
}

/** The bundle's own database, rebuilt in a temporary file and moved into place once complete (store/fresh-file.ts). */
async function buildFresh(path: string, dbPath: string, opts: AnalyzeOptions): Promise<PreparedBundle> {
  const fresh = new FreshDatabase(dbPath);
  try {
    const built = await ingestInto(fresh.store, path, dbPath, opts);
    fresh.carryAnnotations(path, built.bundleId);
    return { store: fresh.commit(), ...built };
  } catch (e) {
    fresh.discard();
    throw e;
  }
}

export function toRootlineError(e: unknown): unknown {
  if (e instanceof RootlineError) return e;
  if (e instanceof IngestCancelled) return new RootlineError('cancelled', 'analysis cancelled; nothing already stored was lost');
  if (e instanceof ZoneError) return new RootlineError('bad-option', e.message);
  if (isBundleError(e)) {
    const code = e.code === 'not-found' ? 'not-found' : e.code === 'unreadable' ? 'unreadable' : 'corrupt';
    return new RootlineError(code, e.message);
  }
  return e;
}

export async function analyzePath(bundlePath: string, opts: AnalyzeOptions = {}): Promise<AnalysisReport> {
  const p = await prepareBundle(bundlePath, opts);
  try {
    return buildReport(p.store, p.bundleId, p.dbPath, p.reused, p.errors);
  } finally {
    p.store.close();
  }
}

export function toFileSummary(f: FileRow, captureSources: string[] = []): FileSummary {
  return {
    captureSources,
    id: f.id, path: f.path, kind: f.kind, status: f.status, confidence: f.confidence, lines: f.lines, records: f.records,
    skipped: f.skipped, note: f.note, timeQuality: f.time_quality, first: f.first_ts, last: f.last_ts, encoding: f.encoding,
  };
}

export function buildReport(store: Store, bundleId: number, dbPath: string, reused: boolean, errors: AnalysisReport['errors']): AnalysisReport {
  const b = store.bundles.get(bundleId)!;
  const stats = store.bundles.stats(b);
  return {
    bundle: {
      id: b.id, path: b.path, name: b.name, kind: b.kind, tz: b.tz ?? 'UTC', tzSource: b.tz_source ?? '', db: dbPath, reused,
      ingestedAt: b.ingested_at, bytes: stats?.bytes ?? 0, lines: stats?.lines ?? 0, records: stats?.records ?? 0, durationMs: stats?.durationMs ?? 0, stopped: stats?.stopped ?? null,
    },
    files: store.files.list(bundleId).map((f) => toFileSummary(f, store.files.captureSources(f.id))),
    findings: store.findings.findings(bundleId).map((f) => ({ ...f, evidence: resolveEvidence(store, f.evidence) })),
    episodes: store.findings.episodes(bundleId).map((e) => resolveEpisode(store, e)),
    rootCauses: store.findings.rootCauses(bundleId).map((c) => ({ ...c, evidence: resolveEvidence(store, c.evidence) })),
    consequences: store.findings.consequences(bundleId).map((c) => ({ ...c, evidence: resolveEvidence(store, c.evidence) })),
    fdSeries: fdSeries(store, bundleId),
    errors,
  };
}
