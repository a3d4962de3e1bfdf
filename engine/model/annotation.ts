/** A user's note on the timeline: at a time, over a range, or on a piece of evidence. */
export const MARKERS = ['detection', 'diagnosis', 'repair', 'key', 'note'] as const;
export type Marker = (typeof MARKERS)[number];

export const MARKER_LABELS: Record<Marker, string> = {
  detection: 'Detection',
  diagnosis: 'Diagnosis',
  repair: 'Repair',
  key: 'Key moment',
  note: 'Note',
};

export interface Annotation {
  id: number;
  bundleId: number;
  /** UTC ms of the point, or of the start of the range. */
  ts: number | null;
  tsEnd: number | null;
  /** Evidence it is attached to: a bundle-relative path and line (stable across re-ingest). */
  filePath: string | null;
  line: number | null;
  /** Optional finer reference ('snapshot:4', a finding signature…); never a row id that re-ingest changes. */
  ref: string | null;
  marker: Marker;
  text: string;
  createdAt: number;
  updatedAt: number;
}

export type AnnotationInput = Pick<Annotation, 'marker' | 'text'> & Partial<Pick<Annotation, 'ts' | 'tsEnd' | 'filePath' | 'line' | 'ref'>>;
