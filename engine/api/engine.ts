/**
 * The one typed API every face uses (CLI, Electron IPC, the browser bridge). Methods take and return
 * plain JSON-serialisable values; failures are RootlineErrors with a code and a message.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IngestProgress } from '../ingest/progress';
import { readLines, MAX_LINES_PER_READ, type TextLine } from '../content/lines';
import { guideWalk, UnknownEpisodeError, UnknownSymptomError } from '../guide/walk/walk';
import type { GuideWalk, SymptomId } from '../guide/walk/types';
import type { Annotation, AnnotationInput } from '../model/annotation';
import type { ProfileView } from '../model/profile';
import { Store } from '../store';
import { AnnotationError } from '../store/annotations';
import { MIGRATIONS } from '../store/migrations';
import { buildReport, toFileSummary } from './analyze';
import { RootlineError } from './errors';
import { ingestInWorker } from './ingest-job';
import { Jobs, type JobState } from './jobs';
import { Library, type LibraryEntry } from './library';
import { rootlineHome } from './paths';
import type { AnalysisReport, FileSummary } from './report-types';
import { anonymizeInput, buildPostmortemInput, renderPostmortem, type PostmortemOptions } from '../report/postmortem';
import { runSql, schema, type SchemaTable, type SqlRows } from '../sql';
import { search, searchStatus, startSearchIndex, type SearchOptions, type SearchResult, type SearchStatus } from '../search';
import {
  listSeries, seriesData, timelineSources, timelineWindow,
  type SeriesData, type SeriesInfo, type SeriesRange, type TimelineQuery, type TimelineSource, type TimelineWindow,
} from '../timeline';

export interface IngestRequest {
  path: string;
  tz?: string;
  force?: boolean;
}

export interface IngestResult {
  bundle: string;
  reused: boolean;
}

export interface SampleInfo {
  name: string;
  path: string;
  title: string;
}

export interface FileLines {
  file: FileSummary;
  from: number;
  lines: TextLine[];
  /** Lines other views point at: evidence of findings and root causes in this file. */
  evidenceLines: number[];
  annotations: Annotation[];
  /** A pprof profile file: what it measures and its top functions (it has no lines; `line` numbers its function rows). */
  profile?: ProfileView;
}

export interface EngineOptions {
  home?: string;
  samplesDir?: string;
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));

export class RootlineEngine {
  readonly home: string;
  private readonly library: Library;
  private readonly jobs = new Jobs();
  private readonly open = new Map<string, { store: Store; bundleId: number }>();
  private readonly samplesDir: string;

  constructor(opts: EngineOptions = {}) {
    this.home = opts.home ?? rootlineHome();
    this.library = new Library(this.home);
    this.samplesDir = opts.samplesDir ?? join(REPO, 'samples');
  }

  /** Job updates for faces that push (Electron, the bridge's event stream). */
  onJob(listener: (s: JobState) => void): () => void {
    return this.jobs.subscribe(listener);
  }

  async version(): Promise<{ version: string; schema: number }> {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    return { version: pkg.version, schema: MIGRATIONS.at(-1)!.version };
  }

  async recentBundles(): Promise<(LibraryEntry & { available: boolean })[]> {
    return this.library.list().map((e) => ({ ...e, available: existsSync(e.path) }));
  }

  async samples(): Promise<SampleInfo[]> {
    if (!existsSync(this.samplesDir)) return [];
    return readdirSync(this.samplesDir)
      .filter((d) => existsSync(join(this.samplesDir, d, 'bundle')) && statSync(join(this.samplesDir, d, 'bundle')).isDirectory())
      .sort()
      .map((d) => {
        const readme = join(this.samplesDir, d, 'README.md');
        const title = existsSync(readme) ? (readFileSync(readme, 'utf8').match(/^#\s+(.+)$/m)?.[1] ?? d) : d;
        return { name: d, path: join(this.samplesDir, d, 'bundle'), title };
      });
  }

  /** Starts ingest + analysis as a job; poll `job` or subscribe with `onJob`. */
  async ingest(req: IngestRequest): Promise<JobState<IngestProgress, IngestResult>> {
    const entry = this.library.touch(req.path);
    return this.jobs.start<IngestProgress, IngestResult>('ingest', async (signal, report) => {
      this.close(entry.ref); // a re-ingest must not race a cached connection's view
      // In a worker: this thread serves the window or the bridge meanwhile.
      const p = await ingestInWorker({ path: req.path, db: entry.dbPath, tz: req.tz, force: req.force }, signal, report);
      this.close(entry.ref); // a view may have opened the old copy meanwhile
      const store = Store.open(p.dbPath);
      this.open.set(entry.ref, { store, bundleId: p.bundleId });
      // Full-text search builds in a worker; the UI is usable meanwhile and says so (searchStatus).
      if (searchStatus(store, p.bundleId).state !== 'ready') startSearchIndex(p.dbPath, p.bundleId);
      return { bundle: entry.ref, reused: p.reused };
    });
  }

  async job(id: string): Promise<JobState> {
    return this.jobs.get(id);
  }

  /** Resolves when the job has ended. */
  async waitJob(id: string): Promise<JobState> {
    return this.jobs.wait(id);
  }

  async cancel(id: string): Promise<JobState> {
    return this.jobs.cancel(id);
  }

  async overview(bundle: string): Promise<AnalysisReport> {
    const { store, bundleId } = this.handle(bundle);
    return buildReport(store, bundleId, store.path, false, []);
  }

  /** The guided walk for one episode (by id, `E1`…; default: the one with the most confident cause). */
  async guide(bundle: string, symptom?: SymptomId | null, episode?: string | null): Promise<GuideWalk> {
    const { store, bundleId } = this.handle(bundle);
    try {
      return guideWalk(store, bundleId, symptom ?? undefined, episode);
    } catch (e) {
      if (e instanceof UnknownSymptomError || e instanceof UnknownEpisodeError) throw new RootlineError('bad-option', e.message);
      throw e;
    }
  }

  /** A line range of any file of any size, with the lines other views point at and the notes on it. */
  async fileLines(bundle: string, fileId: number, from: number, to: number): Promise<FileLines> {
    const { store, bundleId } = this.handle(bundle);
    const f = store.files.get(fileId);
    if (!f || f.bundle_id !== bundleId) throw new RootlineError('not-found', `no file ${fileId} in this bundle`);
    const file = toFileSummary(f, store.files.captureSources(f.id));
    const first = Math.max(1, Math.floor(from));
    const last = Math.min(Math.floor(to), first + MAX_LINES_PER_READ - 1);
    const out: FileLines = {
      file,
      from: first,
      lines: readLines(store, fileId, first, last),
      evidenceLines: store.findings.evidenceLines(fileId),
      annotations: store.annotations.list(bundleId).filter((a) => a.filePath === f.path),
    };
    const profile = f.kind === 'pprof' ? store.profiles.ofFile(fileId) : null;
    if (profile) out.profile = profile;
    return out;
  }

  async annotations(bundle: string): Promise<Annotation[]> {
    const { store, bundleId } = this.handle(bundle);
    return store.annotations.list(bundleId);
  }

  async addAnnotation(bundle: string, input: AnnotationInput): Promise<Annotation> {
    const { store, bundleId } = this.handle(bundle);
    return annotationCall(() => store.annotations.create(bundleId, input));
  }

  async updateAnnotation(bundle: string, id: number, patch: Partial<AnnotationInput>): Promise<Annotation> {
    const { store, bundleId } = this.handle(bundle);
    const cur = store.annotations.get(id);
    if (!cur || cur.bundleId !== bundleId) throw new RootlineError('not-found', `no annotation ${id} in this bundle`);
    return annotationCall(() => store.annotations.update(id, patch));
  }

  async deleteAnnotation(bundle: string, id: number): Promise<{ deleted: boolean }> {
    const { store, bundleId } = this.handle(bundle);
    const cur = store.annotations.get(id);
    if (!cur || cur.bundleId !== bundleId) throw new RootlineError('not-found', `no annotation ${id} in this bundle`);
    return { deleted: store.annotations.delete(id) };
  }

  async timeline(bundle: string, query: TimelineQuery = {}): Promise<TimelineWindow> {
    const { store, bundleId } = this.handle(bundle);
    return timelineWindow(store, bundleId, query);
  }

  async timelineSources(bundle: string): Promise<TimelineSource[]> {
    const { store, bundleId } = this.handle(bundle);
    return timelineSources(store, bundleId);
  }

  async listSeries(bundle: string): Promise<SeriesInfo[]> {
    const { store, bundleId } = this.handle(bundle);
    return listSeries(store, bundleId);
  }

  async seriesData(bundle: string, id: string, range: SeriesRange = {}): Promise<SeriesData> {
    const { store, bundleId } = this.handle(bundle);
    return seriesData(store, bundleId, id, range);
  }

  async search(bundle: string, query: string, opts: SearchOptions = {}): Promise<SearchResult> {
    const { store, bundleId } = this.handle(bundle);
    return search(store, bundleId, query, opts);
  }

  async searchStatus(bundle: string): Promise<SearchStatus> {
    const { store, bundleId } = this.handle(bundle);
    return searchStatus(store, bundleId);
  }

  /** A read-only query over the documented schema, with a row cap and a time limit. */
  async sql(bundle: string, query: string, opts: { rowCap?: number; timeLimitMs?: number } = {}): Promise<SqlRows> {
    const { store } = this.handle(bundle);
    const r = await runSql(store.path, query, { rowCap: opts.rowCap, timeLimitMs: opts.timeLimitMs });
    if (!r.ok) throw new RootlineError(r.error.code === 'failed' ? 'internal' : r.error.code, r.error.message);
    return r;
  }

  /** Tables and columns the SQL console documents (for help and completion). */
  async sqlSchema(bundle: string): Promise<{ tables: SchemaTable[] }> {
    const { store } = this.handle(bundle);
    return { tables: schema(store) };
  }

  /** The Markdown postmortem of the bundle, optionally anonymised. */
  async exportPostmortem(bundle: string, opts: PostmortemOptions & { anonymize?: boolean } = {}): Promise<{ markdown: string }> {
    const { store, bundleId } = this.handle(bundle);
    const { anonymize, ...render } = opts;
    let input = buildPostmortemInput(store, bundleId);
    if (anonymize) input = anonymizeInput(input).input;
    return { markdown: renderPostmortem(input, render) };
  }

  /** The store of an ingested bundle (opened on first use). */
  protected handle(bundle: string): { store: Store; bundleId: number } {
    const cached = this.open.get(bundle);
    if (cached) return cached;
    const entry = this.library.get(bundle);
    if (!entry || !existsSync(entry.dbPath)) throw new RootlineError('not-found', `bundle ${bundle} has not been opened; open it first`);
    const store = Store.open(entry.dbPath);
    const row = store.bundles.byPath(entry.path);
    if (!row || row.status !== 'complete') {
      store.close();
      throw new RootlineError('not-found', `${entry.path} has not been fully read yet; open it again`);
    }
    const h = { store, bundleId: row.id };
    this.open.set(bundle, h);
    return h;
  }

  close(bundle?: string): void {
    for (const [ref, h] of this.open) {
      if (bundle && ref !== bundle) continue;
      h.store.close();
      this.open.delete(ref);
    }
  }
}

function annotationCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AnnotationError) throw new RootlineError('bad-option', e.message);
    throw e;
  }
}
