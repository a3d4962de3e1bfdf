/**
 * Ingests one bundle entry: read the head, decide binary / encoding / kind, then stream every
 * chunk through hash, content cache, line splitter and parser into the store.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { isBinaryFile } from 'isbinaryfile';
import { sniffWith, type AnyParser } from '../../parsers/registry';
import type { Kind } from '../../parsers/types';
import type { AnySignature as Signature } from '../signatures/types';
import type { Store } from '../store';
import type { EventWriter } from '../store/events';
import type { FileStatus } from '../store/files';
import { CachedFile, cachePath } from './content-cache';
import { ProfileCollector, profileCandidate, storeProfile } from './profile-ingest';
import { detectEncoding, LINE_INDEX_STEP, LineSplitter } from './lines';
import type { ProgressTracker } from './progress';
import { createParser } from './parse-context';
import { RecordSink, type RecordHandler } from './record-sink';
import type { StreamStats } from './stream-stats';
import type { LazyParseWorker } from './parse-pipe';
import { zoneHintsFromHead, type ZoneHints } from './zone';

const HEAD_BYTES = 64 * 1024;
const SNIFF_LINES = 200;

export interface EntryInput {
  path: string;
  size: number | null;
  mtime: number | null;
  stream: Readable | NodeJS.ReadableStream;
  /** Absolute path where the bytes can be read in place, or null (archive member, decompressed). */
  inPlacePath: string | null;
  /** Set when the bundle walker gunzipped the entry on the way (a `.gz` file). */
  compressed?: 'gzip';
}

export interface IngestDeps {
  store: Store;
  bundleId: number;
  parsers: readonly AnyParser[];
  matchers: readonly Signature[];
  handlers: ReadonlyMap<string, RecordHandler>;
  writer: EventWriter;
  /** Statistics kept while streaming (ingest/stream-stats.ts). */
  stats?: StreamStats;
  /** Parses big files on another thread; absent: every file is parsed here. */
  parseWorker?: LazyParseWorker;
  /** Where archive members are copied; null disables copying. */
  contentRoot: string | null;
  progress: ProgressTracker;
  signal?: AbortSignal;
}

export interface FileOutcome {
  fileId: number;
  path: string;
  kind: Kind;
  status: FileStatus;
  hints: ZoneHints;
  mtime: number | null;
  /** Time-only log: its times sit on day 0 until the engine places them. */
  dateless: boolean;
  assumed: number;
}

/** Times of a time-only log parsed against reference day 0 stay below this. */
const DATELESS_LIMIT = 366 * 86_400_000;

export class IngestCancelled extends Error {
  constructor() {
    super('ingest cancelled');
  }
}

export async function ingestEntry(deps: IngestDeps, entry: EntryInput): Promise<FileOutcome> {
  const { store, progress } = deps;
  const iter = (entry.stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const headChunks: Buffer[] = [];
  let headLen = 0;
  let exhausted = false;
  let readError: Error | null = null;
  try {
    while (headLen < HEAD_BYTES) {
      const r = await iter.next();
      if (r.done) {
        exhausted = true;
        break;
      }
      const b = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
      headChunks.push(b);
      headLen += b.length;
    }
  } catch (e) {
    readError = e as Error;
    exhausted = true;
  }
  const head = Buffer.concat(headChunks);
  progress.state.file = entry.path;

  const binaryBytes = head.length > 0 && (await isBinaryFile(head, head.length));
  // pprof profiles are read whole, never as text (profile-ingest.ts).
  const maybeProfile = profileCandidate(entry.path, head, exhausted, binaryBytes);
  const profile = maybeProfile ? new ProfileCollector(entry.path) : null;
  const binary = binaryBytes || profile !== null;
  const enc = detectEncoding(head);
  const headLines: string[] = [];
  if (!binary) {
    const s = new LineSplitter(enc, (t) => {
      if (headLines.length < SNIFF_LINES) headLines.push(t);
    });
    s.push(head.subarray(0, HEAD_BYTES));
    if (exhausted) s.end();
  }
  const verdict = profile
    ? { parser: null, result: { kind: 'pprof' as Kind, confidence: 1, reason: 'pprof profile' } }
    : binary
    ? { parser: null, result: { kind: 'binary' as Kind, confidence: 1, reason: 'binary file (not parsed)' } }
    : sniffWith(deps.parsers, { name: entry.path, lines: headLines });
  const hints = binary ? { offsets: new Map<number, number>() } : zoneHintsFromHead(entry.path, headLines);

  let content: CachedFile | null = null;
  if (!entry.inPlacePath && deps.contentRoot && !binary) content = new CachedFile(cachePath(deps.contentRoot, entry.path));
  const status: FileStatus = profile ? 'parsed' : binary ? 'binary' : verdict.parser ? 'parsed' : 'unknown';
  const fileId = store.files.insert({
    bundle_id: deps.bundleId,
    path: entry.path,
    size: entry.size,
    mtime: entry.mtime,
    encoding: binary ? null : enc.encoding,
    kind: verdict.result.kind,
    confidence: verdict.result.confidence,
    status,
    note: verdict.parser || profile ? null : verdict.result.reason,
    content_path: entry.inPlacePath ?? content?.path ?? null,
  });

  const contentPath = entry.inPlacePath ?? content?.path ?? null;
  const sink = new RecordSink(store, fileId, deps.writer, deps.matchers, deps.handlers, deps.stats, contentPath !== null);
  const hash = createHash('sha1');
  const recordsBefore = progress.state.records;
  let lines = 0;
  const checkpoints: [number, number][] = [];
  // A big file is split and parsed by the parse worker while this thread stores (parse-pipe.ts).
  const piped = binary ? null : (deps.parseWorker?.for(entry.size, verdict.parser, deps.matchers) ?? null);
  const pipe = piped?.worker ?? null;
  pipe?.open(
    {
      record: sink.accept,
      lines: (total, more) => {
        progress.state.lines += total - lines;
        lines = total;
        for (const c of more) checkpoints.push(c);
      },
    },
    { parser: piped!.parser, fileName: entry.path, encoding: enc, matchers: piped!.matchers, keepLines: contentPath !== null },
  );
  const parser = pipe || !verdict.parser ? null : createParser(verdict.parser, entry.path, sink.accept);
  const splitter = binary || pipe
    ? null
    : new LineSplitter(enc, (t, no, off, len) => {
        lines++;
        if (no % LINE_INDEX_STEP === 1 && no > 1) checkpoints.push([no, off]);
        parser?.line(t, no, off, len);
      });
  let parseError: Error | null = null;
  const consume = (chunk: Buffer): Promise<void> | void => {
    hash.update(chunk);
    content?.write(chunk);
    progress.state.bytes += chunk.length;
    profile?.push(chunk);
    if (pipe) return pipe.push(chunk);
    if (!splitter || parseError) return;
    const before = lines;
    try {
      splitter.push(chunk);
    } catch (e) {
      parseError = e as Error; // a parser bug: keep what was parsed, report the file
    }
    progress.state.lines += lines - before;
  };

  try {
    await consume(head);
    if (!exhausted) {
      for (;;) {
        if (deps.signal?.aborted) throw new IngestCancelled();
        const r = await iter.next();
        if (r.done) break;
        await consume(Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value));
        progress.state.records = recordsBefore + sink.totals.records;
        progress.report();
      }
    }
  } catch (e) {
    if (e instanceof IngestCancelled) throw e;
    readError = e as Error;
  } finally {
    content?.close();
  }
  if (pipe) {
    const r = await pipe.end();
    if (r.error !== null) parseError = new Error(r.error);
  } else if (splitter && !parseError) {
    try {
      splitter.end();
      parser?.end();
    } catch (e) {
      parseError = e as Error;
    }
  }
  sink.end();
  store.files.addLineCheckpoints(fileId, checkpoints);

  const t = sink.totals;
  const notes: string[] = [];
  let kind = verdict.result.kind;
  let profileStatus: FileStatus | null = null;
  let profileRows: { rows: number; at: number | null } | null = null;
  if (profile && !readError) {
    const out = profile.finish();
    if (out.ok) {
      const stored = storeProfile(store, fileId, entry.path, entry.mtime, out.summary, out.gzipped || entry.compressed === 'gzip');
      profileRows = { rows: stored.rows, at: stored.capturedAt };
    } else if (!maybeProfile?.named) {
      // Its first bytes looked like a profile, the rest did not: an ordinary binary file.
      kind = 'binary';
      store.files.setKind(fileId, kind, 1);
      profileStatus = 'binary';
      notes.push('binary file (not parsed)');
    } else {
      profileStatus = 'error';
      notes.push(out.problem);
    }
  } else if (!profile && verdict.parser === null) notes.push(verdict.result.reason);
  if (readError) notes.push(`read error: ${readError.message}`);
  if (parseError) notes.push(`parser stopped at line ${lines}: ${(parseError as Error).message}`);
  if (t.skipped > 0) notes.push(`${t.skipped} line${t.skipped === 1 ? '' : 's'} not understood (see skipped lines)`);
  for (const [type, n] of t.unhandled) notes.push(`${n} ${type} record${n === 1 ? '' : 's'} parsed but not stored yet`);
  const timed = t.explicit + t.assumed;
  const quality = timed === 0 ? 'none' : t.assumed === 0 ? 'explicit' : t.explicit === 0 ? 'assumed' : 'mixed';
  const finalStatus: FileStatus = readError || parseError ? 'error' : (profileStatus ?? status);
  store.files.finish(fileId, {
    sha1: hash.digest('hex'),
    lines,
    records: profileRows?.rows ?? t.records,
    skipped: t.skipped,
    first_ts: profileRows ? profileRows.at : t.minTs,
    last_ts: profileRows ? profileRows.at : t.maxTs,
    time_quality: profileRows ? (profileRows.at === null ? 'none' : 'explicit') : binary || !verdict.parser ? null : quality,
    note: notes.length ? notes.join('; ') : null,
    status: finalStatus,
  });
  progress.state.files++;
  progress.state.records = recordsBefore + (profileRows?.rows ?? t.records);
  return {
    fileId,
    path: entry.path,
    kind,
    status: finalStatus,
    hints,
    mtime: entry.mtime,
    dateless: t.assumed > 0 && t.maxTs !== null && t.maxTs < DATELESS_LIMIT,
    assumed: t.assumed,
  };
}
