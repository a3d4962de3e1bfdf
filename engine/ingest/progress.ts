/** Ingest progress, reported to the CLI (stderr) and later to the UI. */
export interface IngestProgress {
  phase: 'reading' | 'indexing' | 'analyzing' | 'done';
  file: string | null;
  files: number;
  bytes: number;
  lines: number;
  records: number;
  /** Total bytes when known up front (directories, zips); null for streamed tarballs. */
  totalBytes: number | null;
  elapsedMs: number;
}

export class ProgressTracker {
  readonly state: IngestProgress;
  private readonly started = Date.now();
  private lastReport = 0;

  constructor(private readonly onProgress: ((p: IngestProgress) => void) | undefined, totalBytes: number | null, private readonly everyMs = 200) {
    this.state = { phase: 'reading', file: null, files: 0, bytes: 0, lines: 0, records: 0, totalBytes, elapsedMs: 0 };
  }

  /** Reports at most every `everyMs`, unless forced (phase changes, the end). */
  report(force = false): void {
    if (!this.onProgress) return;
    const now = Date.now();
    if (!force && now - this.lastReport < this.everyMs) return;
    this.lastReport = now;
    this.state.elapsedMs = now - this.started;
    this.onProgress({ ...this.state });
  }

  phase(p: IngestProgress['phase']): void {
    this.state.phase = p;
    this.report(true);
  }
}
