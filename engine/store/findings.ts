import type { DB } from './open';
import { parseJson } from './json';
import type { EvidenceRef } from '../model/evidence';
import type { EpisodeDraft, FirstSignal } from '../model/episode';
import type { FindingDraft, Severity } from '../model/finding';
import type { ConsequenceDraft, RootCauseDraft, RootCauseId } from '../model/root-cause';

export interface StoredFinding extends Omit<FindingDraft, 'evidence' | 'occurrences'> {
  id: number;
  evidence: EvidenceRef[];
}

export interface StoredRootCause extends Omit<RootCauseDraft, 'evidence'> {
  id: number;
  rank: number;
  evidence: EvidenceRef[];
}

export interface StoredConsequence extends ConsequenceDraft {
  id: number;
}

export interface StoredEpisode {
  id: string;
  rowId: number;
  from: number | null;
  to: number | null;
  summary: string;
  firstSignal: FirstSignal | null;
  rootCauses: StoredRootCause[];
  consequences: StoredConsequence[];
  findings: { findingId: number; signature: string; count: number; first: number | null; last: number | null; evidence: EvidenceRef[] }[];
}

/** What an analysis decided, as stored: findings, episodes with their causes, the merged ranking. */
export interface AnalysisDraft {
  findings: readonly FindingDraft[];
  episodes: readonly EpisodeDraft[];
  rootCauses: readonly RootCauseDraft[];
  consequences: readonly ConsequenceDraft[];
}

type Owner = 'finding_id' | 'root_cause_id' | 'episode_id' | 'consequence_id' | 'episode_finding_id';

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

type CauseRow = {
  id: number; cause: RootCauseId; rank: number; confidence: number; title: string; summary: string; reasoning: string; fix: string; refs: string;
  findings: string; explains: string | null;
};
type ConsequenceRow = { id: number; cause: RootCauseId; title: string; explained_by: RootCauseId; reason: string; taken: number; total: number };

/** Findings, episodes and root causes of a bundle, with their evidence. Replaced wholesale on each analysis. */
export class FindingRepo {
  constructor(private readonly db: DB) {}

  private insertEvidence(owner: Owner, id: number, ev: readonly EvidenceRef[]): void {
    const stmt = this.db.prepare(
      `INSERT INTO evidence (${owner}, ord, file_id, line, end_line, ts, ref, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    ev.forEach((e, i) => stmt.run(id, i, e.fileId, e.line, e.endLine ?? e.line, e.ts ?? null, e.ref ?? null, e.note ?? null));
  }

  private evidenceOf(owner: Owner, id: number): EvidenceRef[] {
    return this.db
      .prepare<[number], EvidenceDbRow>(`SELECT file_id, line, end_line, ts, ref, note FROM evidence WHERE ${owner} = ? ORDER BY ord`)
      .all(id)
      .map(toRef);
  }

  replace(bundleId: number, a: AnalysisDraft): void {
    this.db.transaction(() => {
      for (const t of ['episodes', 'consequences', 'root_causes', 'findings']) this.db.prepare(`DELETE FROM ${t} WHERE bundle_id = ?`).run(bundleId);
      const fStmt = this.db.prepare(
        `INSERT INTO findings (bundle_id, signature, severity, title, summary, first_ts, last_ts, count, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const findingIds = a.findings.map((f) => {
        const id = Number(fStmt.run(bundleId, f.signature, f.severity, f.title, f.summary, f.first, f.last, f.count, JSON.stringify(f.data)).lastInsertRowid);
        this.insertEvidence('finding_id', id, f.evidence);
        return id;
      });
      this.insertCauses(bundleId, null, a.rootCauses);
      this.insertConsequences(bundleId, null, a.consequences);
      const eStmt = this.db.prepare('INSERT INTO episodes (bundle_id, ord, from_ts, to_ts, summary, first_signal) VALUES (?, ?, ?, ?, ?, ?)');
      const sStmt = this.db.prepare('INSERT INTO episode_findings (episode_id, finding_id, count, first_ts, last_ts) VALUES (?, ?, ?, ?, ?)');
      a.episodes.forEach((e, i) => {
        const signal = e.firstSignal ? JSON.stringify({ ts: e.firstSignal.ts, signature: e.firstSignal.signature, title: e.firstSignal.title }) : null;
        const id = Number(eStmt.run(bundleId, i + 1, e.from, e.to, e.summary, signal).lastInsertRowid);
        if (e.firstSignal) this.insertEvidence('episode_id', id, [e.firstSignal.evidence]);
        this.insertCauses(bundleId, id, e.rootCauses);
        this.insertConsequences(bundleId, id, e.consequences);
        for (const s of e.findings) {
          const fid = findingIds[s.finding];
          if (fid === undefined) continue;
          const sid = Number(sStmt.run(id, fid, s.count, s.first, s.last).lastInsertRowid);
          this.insertEvidence('episode_finding_id', sid, s.evidence);
        }
      });
    })();
  }

  private insertCauses(bundleId: number, episodeId: number | null, causes: readonly RootCauseDraft[]): void {
    const stmt = this.db.prepare(
      `INSERT INTO root_causes (bundle_id, episode_id, cause, rank, confidence, title, summary, reasoning, fix, refs, findings, explains)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    causes.forEach((c, rank) => {
      const id = Number(
        stmt.run(bundleId, episodeId, c.cause, rank + 1, c.confidence, c.title, c.summary, JSON.stringify(c.reasoning), c.fix,
          JSON.stringify(c.references), JSON.stringify(c.findings), c.explains?.length ? JSON.stringify(c.explains) : null).lastInsertRowid,
      );
      this.insertEvidence('root_cause_id', id, c.evidence);
    });
  }

  private insertConsequences(bundleId: number, episodeId: number | null, list: readonly ConsequenceDraft[]): void {
    const stmt = this.db.prepare(
      'INSERT INTO consequences (bundle_id, episode_id, cause, title, explained_by, reason, taken, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const c of list) {
      const id = Number(stmt.run(bundleId, episodeId, c.cause, c.title, c.explainedBy, c.reason, c.taken, c.of).lastInsertRowid);
      this.insertEvidence('consequence_id', id, c.evidence);
    }
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

  /** The merged ranking: each cause once, with its best confidence over the episodes. */
  rootCauses(bundleId: number): StoredRootCause[] {
    return this.causeRows('SELECT * FROM root_causes WHERE bundle_id = ? AND episode_id IS NULL ORDER BY rank', bundleId);
  }

  /** Causes another cause explains in every episode they appear in. */
  consequences(bundleId: number): StoredConsequence[] {
    return this.consequenceRows('SELECT * FROM consequences WHERE bundle_id = ? AND episode_id IS NULL ORDER BY id', bundleId);
  }

  episodes(bundleId: number): StoredEpisode[] {
    type Row = { id: number; ord: number; from_ts: number | null; to_ts: number | null; summary: string; first_signal: string | null };
    type Slice = { id: number; finding_id: number; signature: string; count: number; first_ts: number | null; last_ts: number | null };
    return this.db
      .prepare<[number], Row>('SELECT * FROM episodes WHERE bundle_id = ? ORDER BY ord')
      .all(bundleId)
      .map((r) => {
        const signal = parseJson<Omit<FirstSignal, 'evidence'> | null>(r.first_signal, null);
        const ev = this.evidenceOf('episode_id', r.id)[0];
        return {
          id: `E${r.ord}`,
          rowId: r.id,
          from: r.from_ts,
          to: r.to_ts,
          summary: r.summary,
          firstSignal: signal && ev ? { ...signal, evidence: ev } : null,
          rootCauses: this.causeRows('SELECT * FROM root_causes WHERE episode_id = ? ORDER BY rank', r.id),
          consequences: this.consequenceRows('SELECT * FROM consequences WHERE episode_id = ? ORDER BY id', r.id),
          findings: this.db
            .prepare<[number], Slice>(
              `SELECT s.id, s.finding_id, f.signature, s.count, s.first_ts, s.last_ts FROM episode_findings s JOIN findings f ON f.id = s.finding_id
               WHERE s.episode_id = ? ORDER BY s.finding_id`,
            )
            .all(r.id)
            .map((s) => ({ findingId: s.finding_id, signature: s.signature, count: s.count, first: s.first_ts, last: s.last_ts, evidence: this.evidenceOf('episode_finding_id', s.id) })),
        };
      });
  }

  private causeRows(sql: string, id: number): StoredRootCause[] {
    return this.db
      .prepare<[number], CauseRow>(sql)
      .all(id)
      .map((r) => {
        const explains = parseJson<RootCauseDraft['explains'] | null>(r.explains, null);
        return {
          id: r.id, cause: r.cause, rank: r.rank, confidence: r.confidence, title: r.title, summary: r.summary,
          reasoning: parseJson<string[]>(r.reasoning, []), fix: r.fix, references: parseJson<string[]>(r.refs, []),
          findings: parseJson<string[]>(r.findings, []), evidence: this.evidenceOf('root_cause_id', r.id),
          ...(explains?.length ? { explains } : {}),
        };
      });
  }

  private consequenceRows(sql: string, id: number): StoredConsequence[] {
    return this.db
      .prepare<[number], ConsequenceRow>(sql)
      .all(id)
      .map((r) => ({
        id: r.id, cause: r.cause, title: r.title, explainedBy: r.explained_by, reason: r.reason, taken: r.taken, of: r.total,
        evidence: this.evidenceOf('consequence_id', r.id),
      }));
  }
}
