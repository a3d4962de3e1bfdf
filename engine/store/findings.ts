import type { DB } from './open';
import { parseJson } from './json';
import type { EvidenceRef } from '../model/evidence';
import type { FindingDraft, Severity } from '../model/finding';
import type { RootCauseDraft, RootCauseId } from '../model/root-cause';

export interface StoredFinding extends Omit<FindingDraft, 'evidence'> {
  id: number;
  evidence: EvidenceRef[];
}

export interface StoredRootCause extends Omit<RootCauseDraft, 'evidence'> {
  id: number;
  rank: number;
  evidence: EvidenceRef[];
}

interface EvidenceDbRow {
  file_id: number;
  line: number;
  end_line: number | null;
  ts: number | null;
  ref: string | null;
  note: string | null;
}

function toRef(r: EvidenceDbRow): EvidenceRef {
  const e: EvidenceRef = { fileId: r.file_id, line: r.line, ts: r.ts };
  if (r.end_line !== null && r.end_line !== r.line) e.endLine = r.end_line;
  if (r.ref) e.ref = r.ref;
  if (r.note) e.note = r.note;
  return e;
}

/** Findings and root causes of a bundle, with their evidence. Replaced wholesale on each analysis. */
export class FindingRepo {
  constructor(private readonly db: DB) {}

  private insertEvidence(owner: 'finding_id' | 'root_cause_id', id: number, ev: readonly EvidenceRef[]): void {
    const stmt = this.db.prepare(
      `INSERT INTO evidence (${owner}, ord, file_id, line, end_line, ts, ref, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    ev.forEach((e, i) => stmt.run(id, i, e.fileId, e.line, e.endLine ?? e.line, e.ts ?? null, e.ref ?? null, e.note ?? null));
  }

  private evidenceOf(owner: 'finding_id' | 'root_cause_id', id: number): EvidenceRef[] {
    return this.db
      .prepare<[number], EvidenceDbRow>(`SELECT file_id, line, end_line, ts, ref, note FROM evidence WHERE ${owner} = ? ORDER BY ord`)
      .all(id)
      .map(toRef);
  }

  replace(bundleId: number, findings: readonly FindingDraft[], causes: readonly RootCauseDraft[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM findings WHERE bundle_id = ?').run(bundleId);
      this.db.prepare('DELETE FROM root_causes WHERE bundle_id = ?').run(bundleId);
      const fStmt = this.db.prepare(
        `INSERT INTO findings (bundle_id, signature, severity, title, summary, first_ts, last_ts, count, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const f of findings) {
        const id = Number(fStmt.run(bundleId, f.signature, f.severity, f.title, f.summary, f.first, f.last, f.count, JSON.stringify(f.data)).lastInsertRowid);
        this.insertEvidence('finding_id', id, f.evidence);
      }
      const cStmt = this.db.prepare(
        `INSERT INTO root_causes (bundle_id, cause, rank, confidence, title, summary, reasoning, fix, refs, findings)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      causes.forEach((c, rank) => {
        const id = Number(
          cStmt.run(bundleId, c.cause, rank + 1, c.confidence, c.title, c.summary, JSON.stringify(c.reasoning), c.fix,
            JSON.stringify(c.references), JSON.stringify(c.findings)).lastInsertRowid,
        );
        this.insertEvidence('root_cause_id', id, c.evidence);
      });
    })();
  }

  /** Lines of a file that any finding or root cause of its bundle points at (one query, for viewers). */
  evidenceLines(fileId: number): number[] {
    return this.db
      .prepare<[number], { line: number }>('SELECT DISTINCT line FROM evidence WHERE file_id = ? ORDER BY line')
      .all(fileId)
      .map((r) => r.line);
  }

  findings(bundleId: number): StoredFinding[] {
    type Row = { id: number; signature: string; severity: Severity; title: string; summary: string; first_ts: number | null; last_ts: number | null; count: number; data: string | null };
    return this.db
      .prepare<[number], Row>('SELECT * FROM findings WHERE bundle_id = ? ORDER BY id')
      .all(bundleId)
      .map((r) => ({
        id: r.id, signature: r.signature, severity: r.severity, title: r.title, summary: r.summary,
        first: r.first_ts, last: r.last_ts, count: r.count, data: parseJson(r.data, {}), evidence: this.evidenceOf('finding_id', r.id),
      }));
  }

  rootCauses(bundleId: number): StoredRootCause[] {
    type Row = { id: number; cause: RootCauseId; rank: number; confidence: number; title: string; summary: string; reasoning: string; fix: string; refs: string; findings: string };
    return this.db
      .prepare<[number], Row>('SELECT * FROM root_causes WHERE bundle_id = ? ORDER BY rank')
      .all(bundleId)
      .map((r) => ({
        id: r.id, cause: r.cause, rank: r.rank, confidence: r.confidence, title: r.title, summary: r.summary,
        reasoning: parseJson<string[]>(r.reasoning, []), fix: r.fix, references: parseJson<string[]>(r.refs, []),
        findings: parseJson<string[]>(r.findings, []), evidence: this.evidenceOf('root_cause_id', r.id),
      }));
  }
}
