/** pprof profiles: written once per profile file at ingest, read by the file viewer, the signatures and evidence excerpts. */
import type { ProfileSummary } from '../../parsers/pprof';
import type { ProfileFunctionRow, ProfileView } from '../model/profile';
import type { DB } from './open';

export interface ProfileHotspot {
  sid: number;
  fileId: number;
  path: string;
  profile: string;
  capturedAt: number | null;
  durationMs: number | null;
  program: string | null;
  sampleType: string;
  unit: string | null;
  total: number;
  /** The function row: its line, name and shares. */
  line: number;
  name: string;
  flatShare: number | null;
  cumShare: number | null;
  appShare: number | null;
  cum: number;
}

interface FnRow {
  line: number;
  sample_type: string;
  unit: string | null;
  rank: number;
  function: string;
  file: string | null;
  start_line: number | null;
  flat: number;
  flat_share: number | null;
  cum: number;
  cum_share: number | null;
  app: number;
  app_share: number | null;
  is_app: number;
}

export class ProfileRepo {
  constructor(private readonly db: DB) {}

  write(sid: number, p: ProfileSummary, gzipped: boolean): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO profiles (snapshot_id, profile, duration_ms, period, period_type, period_unit, default_type, samples, functions, program,
             hottest, hottest_share, hottest_row, gzipped) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
        )
        .run(sid, p.kind, p.durationMs, p.period, p.periodType, p.periodUnit, p.defaultType, p.samples, p.functionCount, p.program,
          p.hottest?.name ?? null, p.hottest?.share ?? null, p.hottest?.row ?? null, gzipped ? 1 : 0);
      const t = this.db.prepare('INSERT INTO profile_types (snapshot_id, idx, type, unit, total) VALUES (?,?,?,?,?)');
      p.sampleTypes.forEach((st, i) => t.run(sid, i, st.type, st.unit || null, st.total));
      const f = this.db.prepare(
        `INSERT INTO profile_functions (snapshot_id, line, sample_type, unit, rank, function, file, start_line, flat, flat_share, cum, cum_share, app, app_share, is_app)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      );
      for (const r of p.functions) {
        f.run(sid, r.row, r.sampleType, r.unit || null, r.rank, r.name, r.file, r.startLine, r.flat, r.flatShare, r.cum, r.cumShare, r.app, r.appShare, r.isApp ? 1 : 0);
      }
    })();
  }

  /** The profile stored from a file, or null when the file is not one. */
  ofFile(fileId: number): ProfileView | null {
    const p = this.db
      .prepare<[number], { sid: number; captured_at: number | null; profile: string; duration_ms: number | null; period: number | null; period_type: string | null;
        period_unit: string | null; default_type: string | null; samples: number; functions: number; program: string | null; hottest: string | null;
        hottest_share: number | null; hottest_row: number | null; gzipped: number }>(
        `SELECT s.id AS sid, s.captured_at, p.* FROM profiles p JOIN snapshots s ON s.id = p.snapshot_id WHERE s.file_id = ? ORDER BY s.seq LIMIT 1`,
      )
      .get(fileId);
    if (!p) return null;
    const types = this.db
      .prepare<[number], { type: string; unit: string | null; total: number }>('SELECT type, unit, total FROM profile_types WHERE snapshot_id = ? ORDER BY idx')
      .all(p.sid);
    const rows = this.db.prepare<[number], FnRow>('SELECT * FROM profile_functions WHERE snapshot_id = ? ORDER BY line').all(p.sid).map(toRow);
    return {
      snapshotId: p.sid, profile: p.profile, capturedAt: p.captured_at, durationMs: p.duration_ms, period: p.period, periodType: p.period_type,
      periodUnit: p.period_unit, defaultType: p.default_type ?? types.at(-1)?.type ?? '', samples: p.samples, functions: p.functions, program: p.program,
      hottest: p.hottest ? { name: p.hottest, share: p.hottest_share, line: p.hottest_row ?? 0 } : null, gzipped: p.gzipped === 1, types, rows,
    };
  }

  /** One function row of a file's profile with its sample type's unit and total (evidence excerpts). */
  rowAt(fileId: number, line: number): (ProfileFunctionRow & { unit: string | null; total: number | null }) | null {
    const r = this.db
      .prepare<[number, number], FnRow & { total: number | null }>(
        `SELECT f.*, t.total AS total FROM profile_functions f JOIN snapshots s ON s.id = f.snapshot_id
         LEFT JOIN profile_types t ON t.snapshot_id = f.snapshot_id AND t.type = f.sample_type
         WHERE s.file_id = ? AND f.line = ? LIMIT 1`,
      )
      .get(fileId, line);
    return r ? { ...toRow(r), unit: r.unit, total: r.total } : null;
  }

  /** The hottest application function of every profile of a bundle (in its default sample type), in capture order. */
  hotspots(bundleId: number): ProfileHotspot[] {
    return this.db
      .prepare<[number], ProfileHotspot>(
        `SELECT s.id AS sid, s.file_id AS fileId, fl.path AS path, p.profile AS profile, s.captured_at AS capturedAt, p.duration_ms AS durationMs,
           p.program AS program, f.sample_type AS sampleType, f.unit AS unit, t.total AS total, f.line AS line, f.function AS name,
           f.flat_share AS flatShare, f.cum_share AS cumShare, f.app_share AS appShare, f.cum AS cum
         FROM profiles p JOIN snapshots s ON s.id = p.snapshot_id JOIN files fl ON fl.id = s.file_id
         JOIN profile_functions f ON f.snapshot_id = p.snapshot_id AND f.line = p.hottest_row
         LEFT JOIN profile_types t ON t.snapshot_id = p.snapshot_id AND t.type = f.sample_type
         WHERE fl.bundle_id = ? ORDER BY s.captured_at IS NULL, s.captured_at, fl.path`,
      )
      .all(bundleId);
  }
}

function toRow(r: FnRow): ProfileFunctionRow {
  return {
    line: r.line, sampleType: r.sample_type, rank: r.rank, name: r.function, file: r.file, startLine: r.start_line, flat: r.flat, flatShare: r.flat_share,
    cum: r.cum, cumShare: r.cum_share, app: r.app, appShare: r.app_share, isApp: r.is_app === 1,
  };
}
