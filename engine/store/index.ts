/**
 * The store: the only code that touches SQLite. Everything else talks to these typed repositories.
 */
import { AnnotationRepo } from './annotations';
import { BundleRepo } from './bundles';
import { EventRepo, EventWriter, type NewEvent } from './events';
import { FileRepo } from './files';
import { FindingRepo } from './findings';
import { HitRepo } from './hits';
import { LineBlockRepo, LineBlockWriter } from './line-blocks';
import { LogMetricRepo } from './log-metrics';
import { ProfileRepo } from './profiles';
import { SnapshotQueries } from './snapshot-queries';
import { SnapshotRepo, SnapshotWriter } from './snapshots';
import { createBulkIndexes, createPlacingIndexes, dropBulkIndexes } from './indexes';
import { openDatabase, type DB, type OpenOptions } from './open';

export class Store {
  readonly bundles: BundleRepo;
  readonly files: FileRepo;
  readonly events: EventRepo;
  readonly lineBlocks: LineBlockRepo;
  readonly findings: FindingRepo;
  readonly hits: HitRepo;
  readonly snapshots: SnapshotRepo;
  readonly series: SnapshotQueries;
  readonly annotations: AnnotationRepo;
  readonly logMetrics: LogMetricRepo;
  readonly profiles: ProfileRepo;

  private constructor(readonly db: DB, readonly path: string) {
    this.bundles = new BundleRepo(db);
    this.files = new FileRepo(db);
    this.lineBlocks = new LineBlockRepo(db);
    this.events = new EventRepo(db, this.lineBlocks);
    this.findings = new FindingRepo(db);
    this.hits = new HitRepo(db);
    this.snapshots = new SnapshotRepo(db);
    this.series = new SnapshotQueries(db);
    this.annotations = new AnnotationRepo(db);
    this.logMetrics = new LogMetricRepo(db);
    this.profiles = new ProfileRepo(db);
  }

  static open(path: string, opts: Pick<OpenOptions, 'bulk'> = {}): Store {
    return new Store(openDatabase(path, opts), path);
  }

  eventWriter(observe?: (id: number, e: NewEvent) => void): EventWriter {
    return new EventWriter(this.db, undefined, observe);
  }

  /** One file's writer of ordinary lines (ids from the same EventWriter as its rows). */
  lineBlockWriter(fileId: number): LineBlockWriter {
    return new LineBlockWriter(this.db, fileId);
  }

  snapshotWriter(): SnapshotWriter {
    return new SnapshotWriter(this.db);
  }

  beginBulkLoad(): void {
    dropBulkIndexes(this.db);
  }

  /** Between the load and placing times: the indexes placing needs, not the one on times it rewrites. */
  indexForPlacing(): void {
    createPlacingIndexes(this.db);
  }

  endBulkLoad(): void {
    createBulkIndexes(this.db);
  }

  close(): void {
    this.db.close();
  }
}

export type { BundleRow, IngestStats } from './bundles';
export type { FileRow, FileStatus } from './files';
export type { EventRow, NewEvent } from './events';
export { TQ } from './events';
export type { StoredFinding, StoredRootCause } from './findings';
export type { SnapshotRow } from './snapshots';
