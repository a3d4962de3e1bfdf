import { MARKERS, type Annotation, type AnnotationInput, type Marker } from '../model/annotation';
import type { DB } from './open';

interface Row {
  id: number;
  bundle_id: number;
  ts: number | null;
  ts_end: number | null;
  file_path: string | null;
  line: number | null;
  ref: string | null;
  marker: string;
  text: string;
  created_at: number;
  updated_at: number;
}

const toAnnotation = (r: Row): Annotation => ({
  id: r.id, bundleId: r.bundle_id, ts: r.ts, tsEnd: r.ts_end, filePath: r.file_path, line: r.line, ref: r.ref,
  marker: (MARKERS as readonly string[]).includes(r.marker) ? (r.marker as Marker) : 'note', text: r.text, createdAt: r.created_at, updatedAt: r.updated_at,
});

export class AnnotationError extends Error {}

function validate(a: Partial<AnnotationInput>): void {
  if (a.marker !== undefined && !(MARKERS as readonly string[]).includes(a.marker)) throw new AnnotationError(`unknown marker "${a.marker}" (use ${MARKERS.join(', ')})`);
  if (a.text !== undefined && a.text.trim() === '') throw new AnnotationError('an annotation needs some text');
  if (a.ts != null && a.tsEnd != null && a.tsEnd < a.ts) throw new AnnotationError('the range ends before it starts');
}

/** Annotations are the user's work: never dropped by re-ingest (see BundleRepo.clearDerived). */
export class AnnotationRepo {
  constructor(private readonly db: DB) {}

  list(bundleId: number): Annotation[] {
    return this.db
      .prepare<[number], Row>('SELECT * FROM annotations WHERE bundle_id = ? ORDER BY ts IS NULL, ts, id')
      .all(bundleId)
      .map(toAnnotation);
  }

  get(id: number): Annotation | undefined {
    const r = this.db.prepare<[number], Row>('SELECT * FROM annotations WHERE id = ?').get(id);
    return r ? toAnnotation(r) : undefined;
  }

  create(bundleId: number, a: AnnotationInput, now = Date.now()): Annotation {
    validate(a);
    if (a.ts == null && a.filePath == null) throw new AnnotationError('an annotation needs a time or a file line');
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO annotations (bundle_id, ts, ts_end, file_path, line, ref, marker, text, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(bundleId, a.ts ?? null, a.tsEnd ?? null, a.filePath ?? null, a.line ?? null, a.ref ?? null, a.marker, a.text.trim(), now, now).lastInsertRowid,
    );
    return this.get(id)!;
  }

  update(id: number, patch: Partial<AnnotationInput>, now = Date.now()): Annotation {
    const cur = this.get(id);
    if (!cur) throw new AnnotationError(`no annotation ${id}`);
    const next = { ...cur, ...patch };
    validate(next);
    this.db
      .prepare('UPDATE annotations SET ts = ?, ts_end = ?, file_path = ?, line = ?, ref = ?, marker = ?, text = ?, updated_at = ? WHERE id = ?')
      .run(next.ts, next.tsEnd, next.filePath, next.line, next.ref, next.marker, next.text.trim(), now, id);
    return this.get(id)!;
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM annotations WHERE id = ?').run(id).changes > 0;
  }

  /**
   * Copies the annotations of the bundle at `bundlePath` out of another Rootline database (the one a
   * fresh build replaces) into bundle `bundleId` here, keeping their ids. Returns how many.
   */
  copyFrom(otherDbPath: string, bundlePath: string, bundleId: number): number {
    this.db.prepare('ATTACH DATABASE ? AS prev').run(otherDbPath);
    try {
      const has = this.db.prepare("SELECT 1 FROM prev.sqlite_master WHERE type = 'table' AND name = 'annotations'").get();
      if (!has) return 0;
      return this.db
        .prepare(
          `INSERT INTO annotations (id, bundle_id, ts, ts_end, file_path, line, ref, marker, text, created_at, updated_at)
           SELECT a.id, ?, a.ts, a.ts_end, a.file_path, a.line, a.ref, a.marker, a.text, a.created_at, a.updated_at
           FROM prev.annotations a JOIN prev.bundles b ON b.id = a.bundle_id WHERE b.path = ?`,
        )
        .run(bundleId, bundlePath).changes;
    } finally {
      this.db.exec('DETACH DATABASE prev');
    }
  }
}
