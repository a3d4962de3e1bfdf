/** A pointer to what supports a finding or a root cause: a file line (a log record) or a snapshot row. */
export interface EvidenceRef {
  fileId: number;
  line: number;
  endLine?: number;
  ts?: number | null;
  /** 'event:123', 'snapshot:4/row:17', 'series:name@ts' — what a viewer opens. */
  ref?: string;
  /** Why this piece is here, in a few words ("largest housekeeper delta"). */
  note?: string;
}

/** Evidence as shown to users: the file path and the line itself. */
export interface ResolvedEvidence extends EvidenceRef {
  file: string;
  excerpt: string;
}
