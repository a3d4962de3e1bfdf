/**
 * Bundle ingest: walk the bundle's entries safely, stream each into the store, place times in the
 * bundle's zone, build indexes, then analyse. Re-opening an unchanged bundle reuses the database.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleFingerprint, walkBundle, type RefusedEntry } from '../bundle';
import type { AnyParser } from '../../parsers/registry';
import type { AnySignature as Signature } from '../signatures/types';
import type { Store, BundleRow, IngestStats } from '../store';
import { ingestEntry, IngestCancelled, type FileOutcome } from './file-ingest';
import { placeTimes } from './place-times';
import { ProgressTracker, type IngestProgress } from './progress';
import { GcHandler } from './gc-handler';
import { SnapshotHandler } from './snapshot-handler';
import type { RecordHandler } from './record-sink';
import { chooseZone, parseZone, siblingOffset, zoneName, type ZoneChoice } from './zone';
import { displayName } from './bundle-name';
import { StreamStats } from './stream-stats';
import { LazyParseWorker } from './parse-pipe';

/** Bump when parsing or storage changes so that stored bundles are re-ingested. */
export const INGEST_FORMAT = 2;

export interface IngestOptions {
  tz?: string;
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: IngestProgress) => void;
  parsers: readonly AnyParser[];
  signatures: readonly Signature[];
  handlers?: ReadonlyMap<string, RecordHandler>;
  /** Directory for copies of archive members; null keeps no copies (excerpts of those files are then unavailable). */
  contentRoot: string | null;
  /**
   * Files from this size (bytes) are parsed on a worker thread while this one stores (parse-pipe.ts);
   * null parses every file here. Default PIPE_FROM_BYTES.
   */
  parseInWorkerFrom?: number | null;
  /** Runs after the bulk load, before the bundle is marked complete (the analysis), with what the stream kept. */
  afterLoad?: (bundleId: number, streamed: StreamStats) => void;
}

export interface IngestResult {
  bundle: BundleRow;
  reused: boolean;
  refused: RefusedEntry[];
  zone: ZoneChoice;
}

/**
 * Bytes to read, when known up front (a folder, a plain file), so progress can be a real bar. Archives
 * expand as they stream: unknown. Gzipped members make the count grow past it; the UI caps it.
 */
function totalBytes(path: string, isDir: boolean): number | null {
  if (!isDir) return /\.(zip|tar|tgz|gz)$/i.test(path) ? null : statSync(path).size;
  let sum = 0;
  let n = 0;
  for (const rel of readdirSync(path, { recursive: true, encoding: 'utf8' })) {
    if (++n > 200_000) return null;
    try {
      const st = lstatSync(join(path, rel));
      if (st.isFile()) sum += st.size;
    } catch {
      // vanished or unreadable: the walk reports it
    }
  }
  return sum;
}

const fingerprintOf = async (path: string) => `${INGEST_FORMAT}:${await bundleFingerprint(path)}`;

/** `existing` as the result, when it is a complete ingest of the bundle's current content (and zone). */
function reuse(store: Store, existing: BundleRow | undefined, force: boolean | undefined, zoneFlag: string | undefined, fingerprint: string): IngestResult | null {
  if (!existing || force || existing.status !== 'complete' || existing.fingerprint !== fingerprint || (zoneFlag && existing.tz !== zoneFlag)) return null;
  return {
    bundle: existing,
    reused: true,
    refused: store.files.list(existing.id).filter((f) => f.status === 'refused').map((f) => ({ path: f.path, reason: f.note ?? '' })),
    zone: { zone: existing.tz ?? 'UTC', source: existing.tz_source ?? '' },
  };
}

/** The stored result for the bundle when `store` already holds a complete ingest of its current content (and zone), else null. */
export async function storedIngest(store: Store, bundlePath: string, opts: Pick<IngestOptions, 'tz' | 'force'>): Promise<IngestResult | null> {
  const path = resolve(bundlePath);
  const zoneFlag = opts.tz ? parseZone(opts.tz).name : undefined; // validate before any work
  const existing = store.bundles.byPath(path);
  // The bundle's metadata is walked only when there is a complete ingest to compare it with.
  if (!existing || opts.force || existing.status !== 'complete') return null;
  return reuse(store, existing, opts.force, zoneFlag, await fingerprintOf(path));
}

export async function ingestBundle(store: Store, bundlePath: string, opts: IngestOptions): Promise<IngestResult> {
  const path = resolve(bundlePath);
  const zoneFlag = opts.tz ? parseZone(opts.tz).name : undefined; // validate before any work
  const fingerprint = await fingerprintOf(path);
  const stored = reuse(store, store.bundles.byPath(path), opts.force, zoneFlag, fingerprint);
  if (stored) return stored;

  const bundle = store.bundles.ensure(path, displayName(path));
  store.bundles.clearDerived(bundle.id);
  const isDir = statSync(path).isDirectory();
  store.bundles.markIngesting(bundle.id, fingerprint, isDir ? 'directory' : 'file');
  const progress = new ProgressTracker(opts.onProgress, totalBytes(path, isDir));
  const streamed = new StreamStats(store);
  const writer = store.eventWriter(streamed.event);
  const handlers = new Map(opts.handlers ?? []);
  new SnapshotHandler(store, store.snapshotWriter()).register(handlers);
  new GcHandler(writer).register(handlers);
  const outcomes: FileOutcome[] = [];
  const started = Date.now();
  const parseWorker = opts.parseInWorkerFrom === null ? undefined : new LazyParseWorker(opts.parseInWorkerFrom);
  store.beginBulkLoad();
  try {
    const walk = await walkBundle(
      path,
      async (entry) => {
        const inPlace = entry.diskPath ?? null;
        outcomes.push(
          await ingestEntry(
            {
              store, bundleId: bundle.id, parsers: opts.parsers, matchers: opts.signatures.filter((s) => s.match),
              handlers, writer, stats: streamed, parseWorker, contentRoot: opts.contentRoot, progress, signal: opts.signal,
            },
            { path: entry.path, size: entry.size, mtime: entry.mtime, stream: entry.stream, inPlacePath: inPlace, compressed: entry.compressed },
          ),
        );
      },
      { signal: opts.signal },
    );
    await parseWorker?.close(); // every file is read: free the worker's memory before indexing
    for (const r of walk.refused) {
      store.files.insert({
        bundle_id: bundle.id, path: r.path, size: null, mtime: null, encoding: null, kind: 'unknown', confidence: null,
        status: 'refused', note: r.reason, content_path: null,
      });
    }
    // Entries read part-way, then stopped (cap, corruption): keep what was read, say why it stopped.
    for (const p of walk.problems) {
      const f = store.files.byPath(bundle.id, p.path);
      if (f && !(f.note ?? '').includes(p.reason)) store.files.markError(f.id, p.reason);
    }
    store.bundles.markIngesting(bundle.id, fingerprint, walk.kind);
    const zone = chooseZone(zoneFlag, outcomes.map((o) => ({ path: o.path, hints: o.hints })));
    progress.phase('indexing');
    store.indexForPlacing();
    const perFile = outcomes.map((o) => ({ path: o.path, hints: o.hints }));
    placeTimes(
      store,
      parseZone(zone.zone),
      outcomes,
      (path) => {
        if (zoneFlag) return null; // the user's zone is the user's
        const s = siblingOffset(path, perFile);
        if (!s || zoneName(s.minutes) === zone.zone) return null;
        return { zone: parseZone(zoneName(s.minutes)), note: `times without a zone read as ${zoneName(s.minutes)}, the offset ${s.from} prints` };
      },
      streamed,
    );
    store.endBulkLoad();
    progress.phase('analyzing');
    opts.afterLoad?.(bundle.id, streamed);
    const stats: IngestStats = {
      bytes: progress.state.bytes, lines: progress.state.lines, records: progress.state.records,
      files: outcomes.length, durationMs: Date.now() - started, stopped: walk.stopped,
    };
    store.bundles.markComplete(bundle.id, zone.zone, zone.source, stats);
    progress.phase('done');
    return { bundle: store.bundles.get(bundle.id)!, reused: false, refused: walk.refused, zone };
  } catch (e) {
    writer.flush();
    store.endBulkLoad();
    store.bundles.markFailed(bundle.id);
    if (e instanceof IngestCancelled || opts.signal?.aborted) throw new IngestCancelled();
    throw e;
  } finally {
    await parseWorker?.close();
  }
}
