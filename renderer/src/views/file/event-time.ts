/**
 * The time of the record a line belongs to, for an annotation on that line. `fileLines` does not
 * carry times, so this asks the SQL console (when the engine has it); null when it cannot tell.
 */
import { runSql } from '../sql/sql-api';

export async function eventTimeOfLine(bundle: string, fileId: number, line: number): Promise<number | null> {
  if (!Number.isSafeInteger(fileId) || !Number.isSafeInteger(line)) return null;
  try {
    const r = await runSql(
      bundle,
      // A record of note spanning the line, else the ordinary line itself (engine/sql/line-tables.mjs).
      `SELECT coalesce((SELECT ts FROM events WHERE file_id = ${fileId} AND line <= ${line} AND end_line >= ${line} AND ts IS NOT NULL ORDER BY line DESC LIMIT 1), line_time(${fileId}, ${line}))`,
      { rowCap: 1, timeLimitMs: 3000 },
    );
    const v = r.rows[0]?.[0];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}
